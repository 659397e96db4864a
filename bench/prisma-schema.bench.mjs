// The schema loader's cost: the parser module's load (printed on its own), a cold load + parse of a
// generated 300-model schema (target: ≤ 150 ms after the module is loaded), and proof of one parse per run
// (2,000 loads of the same schema, as 2,000 linted files would do, parse it once; an edit re-parses it once).
// The cold figures come from a fresh Node process, so that no other bench has loaded or warmed anything.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const MODELS = Number(process.env.BENCH_MODELS ?? 300);
const LOADS = 2000;
const TARGET_MS = 150;

/** A realistic model: scalar fields, a relation, a default, an index, a comment. */
export function generateSchema(models) {
  let text = '// generated for the bench\ngenerator client {\n  provider = "prisma-client-js"\n}\n\ndatasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n';
  for (let i = 0; i < models; i++) {
    const next = (i + 1) % models;
    text += `
/// Model number ${i}.
model M${i} {
  id        String   @id @default(cuid())
  name      String?  // free text
  email     String   @unique
  amount    Int      @default(0)
  status    Status   @default(PENDING)
  nextId    String?
  next      M${next}?  @relation("M${i}ToM${next}", fields: [nextId], references: [id])
  prev      M${(i + models - 1) % models}[] @relation("M${(i + models - 1) % models}ToM${i}")
  createdAt DateTime @default(now())
  updatedAt DateTime @updatedAt

  @@index([name])
  @@map("m_${i}")
}
`;
  }
  text += '\nenum Status {\n  PENDING\n  PAID\n}\n';
  return text;
}

/** Child process 1: the schema loader behind the script rules (our parser), from a cold start. */
async function loaderChild(distDir, schemaDir) {
  const t0 = performance.now();
  const loader = await import(pathToFileURL(path.join(distDir, 'schema/load.js')).href);
  const t1 = performance.now();
  const filename = path.join(schemaDir, 'src/booking.ts');
  const first = loader.loadSchema({ filename, cwd: schemaDir });
  const t2 = performance.now();
  if (first.status !== 'ok') throw new Error(`bench schema did not load: ${JSON.stringify(first)}`);
  const parsesAfterFirst = loader.loaderStats.fileParses;
  const t3 = performance.now();
  for (let i = 0; i < LOADS; i++) loader.loadSchema({ filename: path.join(schemaDir, `src/f${i}.ts`), cwd: schemaDir });
  const t4 = performance.now();
  const parsesAfterLoads = loader.loaderStats.fileParses;
  // An edit, as an editor saves it: seen on the next load, one more parse.
  const file = path.join(schemaDir, 'prisma/schema.prisma');
  const original = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, original.replace('model M7 {\n', 'model M7 {\n  paymentIntentId String? @unique\n'));
  const t5 = performance.now();
  const edited = loader.loadSchema({ filename, cwd: schemaDir });
  const t6 = performance.now();
  fs.writeFileSync(file, original);
  return {
    importMs: t1 - t0,
    coldLoadParseMs: t2 - t1,
    models: first.schema.models.size,
    parsesAfterFirst,
    loadsMs: t4 - t3,
    parsesAfterLoads,
    editedParses: loader.loaderStats.fileParses,
    editedReloadMs: t6 - t5,
    editedHasColumn: edited.status === 'ok' && edited.schema.models.get('M7').fields.some((f) => f.name === 'paymentIntentId'),
  };
}

/** Child process 2: the `.prisma` language's parse (our parser + @mrleebo/prisma-ast on every block), cold. */
async function languageChild(distDir, schemaDir) {
  const parser = await import(pathToFileURL(path.join(distDir, 'languages/prisma/parser/index.js')).href);
  const text = fs.readFileSync(path.join(schemaDir, 'prisma/schema.prisma'), 'utf8');
  const t0 = performance.now();
  parser.preloadParser();
  const t1 = performance.now();
  const r = parser.parsePrisma(text, { validate: true });
  const t2 = performance.now();
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const blocksBefore = parser.parseStats.blocks;
  const edited = text.replace('model M7 {\n', 'model M7 {\n  paymentIntentId String? @unique\n');
  const t3 = performance.now();
  parser.parsePrisma(edited, { validate: true });
  const t4 = performance.now();
  return {
    moduleMs: t1 - t0,
    coldParseMs: t2 - t1,
    blocks: blocksBefore,
    keystrokeMs: t4 - t3,
    keystrokeBlocks: parser.parseStats.blocks - blocksBefore,
  };
}

export default async function bench() {
  const distDir = path.join(here, '..', 'dist');
  if (!fs.existsSync(path.join(distDir, 'schema/load.js'))) throw new Error('run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-schema-bench-'));
  try {
    fs.mkdirSync(path.join(dir, 'prisma'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { stripe: '*' } }));
    const text = generateSchema(MODELS);
    fs.writeFileSync(path.join(dir, 'prisma/schema.prisma'), text);
    const run = (mode) =>
      JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), mode, distDir, dir], { encoding: 'utf8' }));
    const l = run('--loader');
    const g = run('--language');
    const ms = (v) => `${v.toFixed(1)} ms`;
    console.log(`schema: ${l.models} models, ${(text.length / 1024).toFixed(0)} KB, ${text.split('\n').length} lines; each part in a fresh Node process`);
    console.log('schema loader (script rules; our parser):');
    console.log(`  module load (the plugin's loader + parser, dist):  ${ms(l.importMs)}`);
    console.log(
      `  cold load + parse, after the module load:           ${ms(l.coldLoadParseMs)}  (target ≤ ${TARGET_MS} ms: ${l.coldLoadParseMs <= TARGET_MS ? 'met' : 'NOT met'}, ${(l.coldLoadParseMs / TARGET_MS).toFixed(2)}× the target)`,
    );
    console.log(
      `  one parse per run: ${LOADS} further loads (${LOADS} linted files) → file parses ${l.parsesAfterFirst} → ${l.parsesAfterLoads}; ${ms(l.loadsMs)} in all, ${((l.loadsMs / LOADS) * 1000).toFixed(1)} µs a load (stats only)`,
    );
    console.log(`  an edit is seen at once: file parses ${l.parsesAfterLoads} → ${l.editedParses}, ${ms(l.editedReloadMs)}, new column seen: ${l.editedHasColumn}`);
    console.log('.prisma language (our parser + @mrleebo/prisma-ast on every block):');
    console.log(`  @mrleebo/prisma-ast module load (lazy, once):       ${ms(g.moduleMs)}`);
    console.log(
      `  cold parse + validation, after the module load:     ${ms(g.coldParseMs)}  (${g.blocks} blocks; ${(g.coldParseMs / l.coldLoadParseMs).toFixed(1)}× the loader's parse)`,
    );
    console.log(`  a keystroke in one model: ${g.keystrokeBlocks} block re-parsed by prisma-ast, ${ms(g.keystrokeMs)} for the whole file`);
    if (l.parsesAfterFirst !== 1 || l.parsesAfterLoads !== 1 || l.editedParses !== 2 || !l.editedHasColumn || g.keystrokeBlocks !== 1) {
      throw new Error('the loader parsed more (or less) than once per version of the schema');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--loader' || process.argv[2] === '--language') {
  const result = await (process.argv[2] === '--loader' ? loaderChild : languageChild)(process.argv[3], process.argv[4]);
  process.stdout.write(JSON.stringify(result));
}
