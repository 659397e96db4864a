// What `--concurrency` costs and gains with this plugin. ESLint's worker threads each load the plugin, so
// each worker holds its own schema cache and project index: this bench measures that per-worker price in a
// fresh worker thread (plugin load, schema parse, project index build), then lints one generated corpus
// with ESLint's Node API single-threaded and with `concurrency: 2`, and prints the wall times and ratio
// measured in this one run.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import { ESLint } from 'eslint';

import { generateCorpus } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const FILES = Number(process.env.BENCH_CONCURRENCY_FILES ?? 1000);
const distUrl = (p) => pathToFileURL(path.join(root, 'dist', p)).href;

const SCHEMA = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Booking {
  id              String  @id @default(cuid())
  total           Int
  status          String
  paymentIntentId String? @unique
}
${Array.from({ length: 60 }, (_, i) => `\nmodel Thing${i} {\n  id    String @id\n  name  String\n  count Int\n}\n`).join('')}`;

/** Runs the plugin's cold start in a new worker thread, as an ESLint worker would pay it once. */
function coldStartInWorker(corpus, file) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const t0 = performance.now();
      await import(workerData.plugin);
      const t1 = performance.now();
      const { loadSchema } = await import(workerData.schema);
      const loaded = loadSchema({ filename: workerData.file, cwd: workerData.cwd });
      const t2 = performance.now();
      const { getProjectIndex } = await import(workerData.index);
      const index = getProjectIndex(workerData.file, { cwd: workerData.cwd });
      const t3 = performance.now();
      parentPort.postMessage({
        load: t1 - t0, schema: t2 - t1, index: t3 - t2, schemaStatus: loaded.status,
        indexStatus: index.status, indexedFiles: index.fileCount ?? null,
        heapMb: process.memoryUsage().heapUsed / 1048576,
      });
    })().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, {
      eval: true,
      workerData: {
        plugin: distUrl('index.js'),
        schema: distUrl('schema/load.js'),
        index: distUrl('project-index/index.js'),
        file,
        cwd: corpus,
      },
    });
    worker.once('message', (m) => {
      void worker.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}

async function lint(cwd, concurrency) {
  const eslint = new ESLint({ cwd, cache: false, concurrency });
  const start = process.hrtime.bigint();
  const results = await eslint.lintFiles(['src']);
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const problems = results.reduce((n, r) => n + r.messages.length, 0);
  const fatal = results.reduce((n, r) => n + r.messages.filter((m) => m.fatal).length, 0);
  const key = results
    .flatMap((r) => r.messages.map((m) => `${path.relative(cwd, r.filePath)}:${m.line}:${m.column}:${m.ruleId}`))
    .sort()
    .join('\n');
  return { wall, problems, fatal, key, files: results.length };
}

export default async function bench() {
  const corpus = path.join(here, '.corpus', 'concurrency');
  const payments = generateCorpus(corpus, FILES);
  writeFileSync(path.join(corpus, 'schema.prisma'), SCHEMA);
  // A user's config; ESLint's workers load it themselves (options must be cloneable with concurrency).
  writeFileSync(
    path.join(corpus, 'eslint.config.mjs'),
    `import tsParser from ${JSON.stringify(pathToFileURL(path.join(root, 'node_modules/@typescript-eslint/parser/dist/index.js')).href)};
import plugin from ${JSON.stringify(distUrl('index.js'))};
export default [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  ...plugin.configs.recommended,
];
`,
  );
  const paymentFile = path.join(corpus, 'src', 'module0', 'file99.ts');

  const cold = await coldStartInWorker(corpus, paymentFile);
  console.log(`corpus: ${FILES} TS files, ${payments} with payment calls, a ${SCHEMA.split('\n').length}-line schema; ${os.availableParallelism()} CPUs`);
  console.log('per-worker cold start (paid once by every ESLint worker thread):');
  console.log(`  plugin load               ${cold.load.toFixed(0).padStart(6)} ms`);
  console.log(`  schema load + parse       ${cold.schema.toFixed(0).padStart(6)} ms  (${cold.schemaStatus})`);
  console.log(`  project index build       ${cold.index.toFixed(0).padStart(6)} ms  (${cold.indexStatus}${cold.indexedFiles !== null ? `, ${cold.indexedFiles} files` : ''})`);
  console.log(`  heap after all three      ${cold.heapMb.toFixed(1).padStart(6)} MB`);

  // Warm the file system cache, then one measured run of each.
  await lint(corpus, 'off');
  const single = await lint(corpus, 'off');
  const two = await lint(corpus, 2);
  const same = single.key === two.key;
  console.log('lint wall time (ESLint Node API, recommended config):');
  console.log(`  single thread             ${single.wall.toFixed(0).padStart(6)} ms  (${single.files} files, ${single.problems} problems)`);
  console.log(`  concurrency: 2            ${two.wall.toFixed(0).padStart(6)} ms  (${two.files} files, ${two.problems} problems)`);
  console.log(`  ratio concurrency 2 / single: ${(two.wall / single.wall).toFixed(2)}`);
  console.log(`  same reports: ${same ? 'yes' : 'NO'}${single.fatal + two.fatal > 0 ? `, fatal parse errors: ${single.fatal + two.fatal}` : ''}`);
  if (!same) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bench();
