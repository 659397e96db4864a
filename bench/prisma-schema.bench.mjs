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

/** Runs in the child process: every figure is measured from a cold start. */
async function child(distDir, schemaDir) {
  const t0 = performance.now();
  const loader = await import(pathToFileURL(path.join(distDir, 'utils/prisma-schema.js')).href);
  const parser = await import(pathToFileURL(path.join(distDir, 'languages/prisma/parser.js')).href);
  const t1 = performance.now();
  parser.preloadParser();
  const t2 = performance.now();
  const filename = path.join(schemaDir, 'src/booking.ts');
  const first = loader.loadSchema({ filename, cwd: schemaDir });
  const t3 = performance.now();
  if (first.status !== 'ok') throw new Error(`bench schema did not load: ${JSON.stringify(first)}`);
  const parsesAfterFirst = loader.loaderStats.fileParses;
  const t4 = performance.now();
  for (let i = 0; i < LOADS; i++) loader.loadSchema({ filename: path.join(schemaDir, `src/f${i}.ts`), cwd: schemaDir });
  const t5 = performance.now();
  const parsesAfterLoads = loader.loaderStats.fileParses;
  // An edit (one model changed, as an editor saves it): re-read at once, one more parse, only that block re-parsed.
  const file = path.join(schemaDir, 'prisma/schema.prisma');
  const blocksBefore = parser.parseStats.blocks;
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('model M7 {\n', 'model M7 {\n  paymentIntentId String? @unique\n'));
  const t6 = performance.now();
  const edited = loader.loadSchema({ filename, cwd: schemaDir });
  const t7 = performance.now();
  // A warm, uncached parse of the same text (JIT warm, block cache cleared) for comparison.
  parser.clearBlockCache();
  const text = fs.readFileSync(file, 'utf8');
  const t8 = performance.now();
  parser.parsePrisma(text);
  const t9 = performance.now();
  return {
    importMs: t1 - t0,
    parserModuleMs: t2 - t1,
    coldLoadParseMs: t3 - t2,
    models: first.schema.models.size,
    parsesAfterFirst,
    loadsMs: t5 - t4,
    parsesAfterLoads,
    editedParses: loader.loaderStats.fileParses,
    editedBlocks: parser.parseStats.blocks - blocksBefore,
    editedReloadMs: t7 - t6,
    editedHasColumn: edited.status === 'ok' && edited.schema.models.get('M7').fields.some((f) => f.name === 'paymentIntentId'),
    warmUncachedParseMs: t9 - t8,
  };
}

export default async function bench() {
  const distDir = path.join(here, '..', 'dist');
  if (!fs.existsSync(path.join(distDir, 'utils/prisma-schema.js'))) throw new Error('run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-schema-bench-'));
  try {
    fs.mkdirSync(path.join(dir, 'prisma'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { stripe: '*' } }));
    const text = generateSchema(MODELS);
    fs.writeFileSync(path.join(dir, 'prisma/schema.prisma'), text);
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', distDir, dir], { encoding: 'utf8' });
    const r = JSON.parse(out);
    const ms = (v) => `${v.toFixed(1)} ms`;
    console.log(`schema: ${r.models} models, ${(text.length / 1024).toFixed(0)} KB, ${text.split('\n').length} lines (fresh Node process)`);
    console.log(`import of the plugin's loader (dist):          ${ms(r.importMs)}`);
    console.log(`@mrleebo/prisma-ast module load (lazy, once):  ${ms(r.parserModuleMs)}`);
    console.log(
      `cold load + parse, after the module load:      ${ms(r.coldLoadParseMs)}  (target ≤ ${TARGET_MS} ms: ${r.coldLoadParseMs <= TARGET_MS ? 'met' : 'NOT met'}; ${(r.coldLoadParseMs / TARGET_MS).toFixed(2)}× the target)`,
    );
    console.log(`warm parse of the same text, caches cleared:   ${ms(r.warmUncachedParseMs)}  (cold/warm ${(r.coldLoadParseMs / r.warmUncachedParseMs).toFixed(1)}×)`);
    console.log(
      `one parse per run: ${LOADS} further loads (as ${LOADS} linted files) → file parses ${r.parsesAfterFirst} → ${r.parsesAfterLoads}; ${ms(r.loadsMs)} in all, ${((r.loadsMs / LOADS) * 1000).toFixed(1)} µs a load (stat only)`,
    );
    console.log(
      `an edit is seen at once: file parses ${r.parsesAfterLoads} → ${r.editedParses}, ${r.editedBlocks} of ${MODELS + 3} blocks re-parsed, ${ms(r.editedReloadMs)}, new column seen: ${r.editedHasColumn}`,
    );
    if (r.parsesAfterFirst !== 1 || r.parsesAfterLoads !== 1 || r.editedParses !== 2 || !r.editedHasColumn) {
      throw new Error('the loader parsed more (or less) than once per version of the schema');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const result = await child(process.argv[3], process.argv[4]);
  process.stdout.write(JSON.stringify(result));
}
