/**
 * The read-ahead thread (src/project-index/read-ahead.ts). The thread runs the built script next to the
 * module, so these tests load the build (`npm test` builds before it runs vitest; under the TypeScript
 * sources the read-ahead is off and the index reads every file itself).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type * as EntryModule from '../../src/project-index/entry.js';
import type * as IndexModule from '../../src/project-index/index.js';
import type * as ReadAheadModule from '../../src/project-index/read-ahead.js';
import { projectWriter } from '../temp-project.js';

const DIST_INDEX = path.resolve('dist/project-index/index.js');
let index: typeof IndexModule;

beforeAll(async () => {
  if (!existsSync(DIST_INDEX)) throw new Error('the read-ahead tests need the build: run `npm run build` (npm test does)');
  index = (await import(pathToFileURL(DIST_INDEX).href)) as typeof IndexModule;
});
beforeEach(() => {
  index.clearProjectIndexCache();
  delete process.env.BOOKING_PAYMENT_READ_AHEAD;
});
afterEach(() => {
  index.clearProjectIndexCache();
  delete process.env.BOOKING_PAYMENT_READ_AHEAD;
});

const tempProject = projectWriter('bp-read-ahead-');
const STRIPE_PACKAGE = JSON.stringify({ name: 'app', dependencies: { stripe: '^18.0.0' } });
const STORE = `export async function onPaid(prisma, pi) {
  await prisma.booking.update({ where: { id: pi.metadata.bookingId }, data: { paymentIntentId: pi.id } });
}
`;
const PLAIN = 'export const x = 1;\n';

function project(count: number, extra: Record<string, string> = {}, packageJson = STRIPE_PACKAGE): string {
  const files: Record<string, string> = { 'package.json': packageJson, 'package-lock.json': '{}', ...extra };
  for (let i = 0; i < count; i++) files[`src/m${Math.floor(i / 50)}/f${i}.ts`] = PLAIN;
  return tempProject(files);
}

/** Waits (letting the event loop run, as ESLint does between files) until `done()` or 10 s. */
async function until(done: () => boolean): Promise<void> {
  for (const started = Date.now(); !done() && Date.now() - started < 10_000; ) await new Promise((r) => setTimeout(r, 10));
}

function summary(answer: IndexModule.StoredIdAnswer): string {
  if (answer.status === 'stored') return `stored ${path.basename(answer.write.file)}:${answer.write.line} ${answer.write.idColumn}`;
  if (answer.status === 'unknown') return `unknown ${answer.reason}`;
  return answer.status;
}

describe('read-ahead', () => {
  it('reads a payment project on another thread: the later lookup reads no file itself, with the same answer', async () => {
    const dir = project(200, { 'src/z/webhook.ts': STORE });
    const first = path.join(dir, 'src/m0/f0.ts');
    index.readAheadProject(first, dir, () => ({}));
    await until(() => index.readAheadIdle());
    expect(index.readAheadIdle()).toBe(true);
    // Every file up to the webhook (in listing order) was read on the thread; the rest are not needed.
    expect(index.projectIndexStats().readAhead.taken).toBeGreaterThan(0);

    const checkout = path.join(dir, 'src/m1/f60.ts');
    const readsBefore = index.projectIndexStats().reads;
    const withReadAhead = summary(index.findStoredProviderId(checkout, { cwd: dir }, { exclude: checkout }));
    expect(index.projectIndexStats().reads).toBe(readsBefore);

    index.clearProjectIndexCache();
    process.env.BOOKING_PAYMENT_READ_AHEAD = '0';
    const alone = summary(index.findStoredProviderId(checkout, { cwd: dir }, { exclude: checkout }));
    expect(withReadAhead).toBe(alone);
    expect(alone).toBe('stored webhook.ts:2 paymentIntentId');
  });

  it('gives the same "not found" and "unknown" answers as the index alone, and a lookup before it finished too', async () => {
    const shapes: Record<string, Record<string, string>> = {
      'not stored': {},
      'a file that does not parse mentions the column': { 'src/broken.ts': 'const a = { paymentIntentId: pi.id ' },
      'stored through a nested write': {
        'src/w.ts': 'await prisma.booking.create({ data: { payment: { create: { stripePaymentIntentId: pi.id } } } });\n',
      },
    };
    for (const [shape, extra] of Object.entries(shapes)) {
      const dir = project(120, extra);
      const checkout = path.join(dir, 'src/m1/f70.ts');
      index.clearProjectIndexCache();
      index.readAheadProject(path.join(dir, 'src/m0/f0.ts'), dir, () => ({}));
      // At once: the thread has not answered yet; the lookup reads what it needs itself.
      const early = summary(index.findStoredProviderId(checkout, { cwd: dir }, { exclude: checkout }));
      index.clearProjectIndexCache();
      index.readAheadProject(path.join(dir, 'src/m0/f0.ts'), dir, () => ({}));
      await until(() => index.readAheadIdle());
      const late = summary(index.findStoredProviderId(checkout, { cwd: dir }, { exclude: checkout }));
      index.clearProjectIndexCache();
      process.env.BOOKING_PAYMENT_READ_AHEAD = '0';
      const alone = summary(index.findStoredProviderId(checkout, { cwd: dir }, { exclude: checkout }));
      delete process.env.BOOKING_PAYMENT_READ_AHEAD;
      expect([shape, early], shape).toEqual([shape, alone]);
      expect([shape, late], shape).toEqual([shape, alone]);
    }
  });

  it('does not start for a package without a payment SDK, nor when turned off', async () => {
    const threads = index.projectIndexStats().readAhead.threads;
    const files = index.projectIndexStats().readAhead.files;
    const plain = project(30, {}, JSON.stringify({ name: 'site', dependencies: { react: '*' } }));
    index.readAheadProject(path.join(plain, 'src/m0/f0.ts'), plain, () => ({}));
    process.env.BOOKING_PAYMENT_READ_AHEAD = '0';
    const off = project(30);
    index.readAheadProject(path.join(off, 'src/m0/f0.ts'), off, () => ({}));
    await new Promise((r) => setTimeout(r, 200));
    expect(index.projectIndexStats().readAhead.threads).toBe(threads);
    expect(index.projectIndexStats().readAhead.files).toBe(files);
  });

  it('never opens a FIFO: a source path that became a named pipe is skipped by the thread, as by the index', async () => {
    const readAhead = (await import(pathToFileURL(path.resolve('dist/project-index/read-ahead.js')).href)) as typeof ReadAheadModule;
    const dir = project(2, { 'src/z/webhook.ts': STORE });
    const pipe = path.join(dir, 'src/m0/pipe.ts');
    execFileSync('mkfifo', [pipe]);
    const batches: ReadAheadModule.ReadAheadBatch[] = [];
    const job = { root: dir, generation: 0, vocabulary: { names: [], patterns: [] }, files: [pipe, path.join(dir, 'src/z/webhook.ts')] };
    expect(readAhead.submitReadAhead(job, (batch) => batches.push(batch))).toBe(true);
    await until(() => batches.reduce((n, b) => n + b.files.length, 0) >= 2);
    const { unpackEntries } = (await import(pathToFileURL(path.resolve('dist/project-index/entry.js')).href)) as typeof EntryModule;
    const entries = batches.flatMap((b) => unpackEntries(b.entries, b.generation));
    expect(entries.map((e) => e.skipped?.reason ?? `${e.writes.length} write`)).toEqual(['not-regular', '1 write']);
    readAhead.stopReadAhead();
  });

  it('ends a job at the first file that writes a candidate column, as a lookup stops there', async () => {
    const readAhead = (await import(pathToFileURL(path.resolve('dist/project-index/read-ahead.js')).href)) as typeof ReadAheadModule;
    const dir = project(4, { 'src/z/webhook.ts': STORE });
    const at = (f: string) => path.join(dir, f);
    const batches: ReadAheadModule.ReadAheadBatch[] = [];
    const files = [at('src/m0/f0.ts'), at('src/m0/f1.ts'), at('src/z/webhook.ts'), at('src/m0/f2.ts'), at('src/m0/f3.ts')];
    readAhead.submitReadAhead({ root: dir, generation: 0, vocabulary: { names: [], patterns: [] }, files }, (batch) => batches.push(batch));
    await until(() => readAhead.readAheadIdle());
    expect(batches.flatMap((b) => b.files).map((f) => path.basename(f))).toEqual(['f0.ts', 'f1.ts', 'webhook.ts']);
    expect(batches.at(-1)?.last).toBe(true);
    readAhead.stopReadAhead();
  });

  it('never keeps the process alive: a process that ends mid read-ahead exits at once', () => {
    const dir = project(2000);
    const script = `import(${JSON.stringify(pathToFileURL(DIST_INDEX).href)}).then((m) => {
      m.readAheadProject(${JSON.stringify(path.join(dir, 'src/m0/f0.ts'))}, ${JSON.stringify(dir)}, () => ({}));
      console.log(JSON.stringify(m.projectIndexStats().readAhead));
    });`;
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).threads).toBe(1);
    // The thread stops idle after 5 s; the process does not wait for it (nor for the 2,000 reads).
    expect(Date.now() - started).toBeLessThan(4000);
  });
});
