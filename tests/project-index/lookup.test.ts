import { execFileSync } from 'node:child_process';
import fs, { rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import {
  clearProjectIndexCache,
  findStoredProviderId,
  getProjectIndex,
  projectIndexStats,
  setProjectIndexTtl,
  type StoredIdAnswer,
} from '../../src/project-index/index.js';
import { readSource } from '../../src/project-index/read.js';
import { findProjectRoot } from '../../src/project-index/root.js';
import { scanFile } from '../../src/project-index/scan-file.js';
import { storedModel } from '../../src/project-index/writes.js';
import { getPaymentSdks } from '../../src/project/package-json.js';
import { isProviderIdColumn } from '../../src/config/vocabulary.js';
import { projectWriter } from '../temp-project.js';

const tempProject = projectWriter('bp-lookup-');

beforeEach(() => clearProjectIndexCache());
afterEach(() => {
  setProjectIndexTtl(2000);
  vi.restoreAllMocks();
});
const STORE = `export async function onPaid(prisma, pi) {
  await prisma.booking.update({ where: { id: pi.metadata.bookingId }, data: { paymentIntentId: pi.id } });
}
`;
const PLAIN = 'export const x = 1;\n';

/** `status`, and for a stored id its file (base name), line, model and column. */
function summary(answer: StoredIdAnswer): string {
  if (answer.status === 'stored') {
    const w = answer.write;
    return `stored ${path.basename(w.file)}:${w.line} ${storedModel(w)}.${w.idColumn}`;
  }
  if (answer.status === 'unknown') return `unknown ${answer.skippedFiles.map((f) => `${path.basename(f.file)}(${f.reason})`).join(',')}`;
  return answer.status;
}

/** A text of about `bytes` bytes of ordinary code, then `tail`. */
function padded(bytes: number, tail: string): string {
  const line = 'export const filler_0000000 = [1, 2, 3].map((n) => n * 2).filter(Boolean);\n';
  return line.repeat(Math.ceil(bytes / line.length)) + tail;
}

describe('safe, honest reading (A)', () => {
  it('reads a 1.34 MB webhook instead of skipping it: the id is stored', () => {
    const dir = tempProject({ 'package-lock.json': '{}', 'src/checkout.ts': PLAIN, 'src/webhook.ts': padded(1_340_000, STORE) });
    const file = path.join(dir, 'src/checkout.ts');
    expect(getProjectIndex(file).providerIdWrites.map((w) => path.basename(w.file))).toEqual(['webhook.ts']);
    expect(summary(findStoredProviderId(file))).toMatch(/^stored webhook\.ts:\d+ booking\.paymentIntentId$/);
  });

  it('a file too large to read makes "never stored" unknown when it mentions a column, and names it; not when it cannot', () => {
    const dir = tempProject({ 'package-lock.json': '{}', 'src/checkout.ts': PLAIN });
    const file = path.join(dir, 'src/checkout.ts');
    writeFileSync(path.join(dir, 'src/huge.ts'), padded(8_100_000, STORE));
    const answer = findStoredProviderId(file);
    expect(summary(answer)).toBe('unknown huge.ts(too-large)');
    expect(answer.status === 'unknown' && answer.reason).toMatch(/huge\.ts/);
    expect(getProjectIndex(file).skippedFiles.map((f) => [path.basename(f.file), f.reason])).toEqual([['huge.ts', 'too-large']]);

    clearProjectIndexCache();
    writeFileSync(path.join(dir, 'src/huge.ts'), padded(8_100_000, ''));
    expect(summary(findStoredProviderId(file))).toBe('not-found');
  });

  it('never opens a FIFO: a source path that became a named pipe is skipped as not regular', () => {
    const dir = tempProject({ 'package-lock.json': '{}', 'src/checkout.ts': PLAIN, 'src/hook.ts': PLAIN });
    const file = path.join(dir, 'src/checkout.ts');
    const hook = path.join(dir, 'src/hook.ts');
    setProjectIndexTtl(0);
    expect(findStoredProviderId(file).status).toBe('not-found');
    // Replace the file by a FIFO, keeping the folder's mtime: the listing is reused, the path re-checked.
    const src = statSync(path.join(dir, 'src'));
    rmSync(hook);
    execFileSync('mkfifo', [hook]);
    utimesSync(path.join(dir, 'src'), src.atime, src.mtime);
    expect(readSource(hook, () => true)).toMatchObject({ kind: 'skipped', reason: 'not-regular' });
    expect(findStoredProviderId(file).status).toBe('not-found');
    expect(getProjectIndex(file).status).toBe('ok');
  });

  it('a file that does not parse and mentions a column where brackets cannot tell is unknown, not stored', () => {
    const dir = tempProject({ 'package-lock.json': '{}', 'src/broken.ts': 'export function (( { paymentIntentId: pi.id \n' });
    expect(summary(findStoredProviderId(path.join(dir, 'src/a.ts')))).toBe('unknown ');
  });
});

describe('the project root (A)', () => {
  it('is never the home folder: a stray ~/package-lock.json does not make the index read other projects', () => {
    const home = tempProject({
      'package-lock.json': '{}',
      'projects/app/package.json': '{"name":"app"}',
      'projects/app/src/a.ts': PLAIN,
      'projects/other/src/webhook.ts': STORE,
    });
    vi.spyOn(os, 'homedir').mockReturnValue(home);
    const file = path.join(home, 'projects/app/src/a.ts');
    expect(findProjectRoot(file, home)).toBe(path.join(home, 'projects/app'));
    expect(findStoredProviderId(file, { cwd: home }).status).toBe('not-found');
  });

  it('without a lockfile, is the nearest package.json’s folder, not a cwd holding several apps', () => {
    const dir = tempProject({
      'apps/web/package.json': '{"name":"web"}',
      'apps/web/src/a.ts': PLAIN,
      'apps/api/package.json': '{"name":"api"}',
      'apps/api/src/webhook.ts': STORE,
    });
    expect(findProjectRoot(path.join(dir, 'apps/web/src/a.ts'), dir)).toBe(path.join(dir, 'apps/web'));
  });

  it('sees a lockfile added later once the TTL has passed, without a restart', () => {
    const dir = tempProject({ 'app/package.json': '{"name":"app"}', 'app/src/a.ts': PLAIN });
    const file = path.join(dir, 'app/src/a.ts');
    expect(findProjectRoot(file, dir)).toBe(path.join(dir, 'app'));
    writeFileSync(path.join(dir, 'yarn.lock'), '');
    setProjectIndexTtl(0);
    expect(findProjectRoot(file, dir)).toBe(dir);
  });
});

describe('one index per root, a yes/no lookup (B)', () => {
  it('keeps one index whatever the candidate columns, and reads each file once', () => {
    const dir = tempProject({
      'package-lock.json': '{}',
      'src/a.ts': PLAIN,
      'src/b.ts': PLAIN,
      'src/webhook.ts': STORE,
    });
    const file = path.join(dir, 'src/a.ts');
    const before = projectIndexStats();
    getProjectIndex(file);
    getProjectIndex(file, { idColumns: ['paymentIntentId'] });
    findStoredProviderId(file, { idColumns: ['sessionId'] });
    findStoredProviderId(file, {}, { provider: 'stripe' });
    const after = projectIndexStats();
    expect(after.roots - before.roots).toBe(1);
    expect(after.reads - before.reads).toBe(3);
  });

  it('searches the linted file’s own package first and stops at the first file that stores the id', () => {
    const files: Record<string, string> = { 'package.json': '{"workspaces":["apps/*"]}', 'package-lock.json': '{}' };
    for (const app of ['a', 'b', 'c']) {
      files[`apps/${app}/package.json`] = `{"name":"${app}"}`;
      for (let i = 0; i < 20; i++) files[`apps/${app}/src/f${i}.ts`] = PLAIN;
    }
    files['apps/b/src/webhook.ts'] = STORE;
    files['apps/a/src/webhook.ts'] = STORE;
    const dir = tempProject(files);
    const before = projectIndexStats().reads;
    const answer = findStoredProviderId(path.join(dir, 'apps/b/src/f0.ts'));
    expect(answer.status === 'stored' && path.relative(dir, answer.write.file)).toBe(path.join('apps/b/src/webhook.ts'));
    // At most app b's 21 files were read, not the 62 of the whole tree.
    expect(projectIndexStats().reads - before).toBeLessThanOrEqual(21);
  });

  it('answers again from the file that stored the id: nothing is read again, a change there is seen', () => {
    const dir = tempProject({ 'package-lock.json': '{}', 'src/a.ts': PLAIN, 'src/b.ts': PLAIN, 'src/webhook.ts': STORE });
    const file = path.join(dir, 'src/a.ts');
    setProjectIndexTtl(0);
    expect(summary(findStoredProviderId(file))).toMatch(/^stored webhook\.ts/);
    const reads = projectIndexStats().reads;
    expect(summary(findStoredProviderId(file))).toMatch(/^stored webhook\.ts/);
    expect(projectIndexStats().reads).toBe(reads);

    writeFileSync(path.join(dir, 'src/webhook.ts'), PLAIN + '\n// edited\n');
    const future = new Date(Date.now() + 5_000);
    utimesSync(path.join(dir, 'src/webhook.ts'), future, future);
    expect(findStoredProviderId(file).status).toBe('not-found');
    expect(projectIndexStats().reads).toBe(reads + 1);
  });

  it('every linted file of a project shares one answer: "not found" is reused once the file it left out is read', () => {
    const files: Record<string, string> = { 'package-lock.json': '{}', 'src/webhook.ts': STORE };
    for (let i = 0; i < 30; i++) files[`src/f${i}.ts`] = PLAIN;
    const dir = tempProject(files);
    const at = (name: string) => path.join(dir, 'src', name);
    // Leaving the webhook out (it is the linted file, scanned live by the rule): nothing else stores the id.
    expect(findStoredProviderId(at('webhook.ts'), {}, { exclude: at('webhook.ts') }).status).toBe('not-found');
    const reads = projectIndexStats().reads;
    // Another linted file: the remembered "not found" left the webhook out, so the webhook is read — and stores it.
    expect(summary(findStoredProviderId(at('f1.ts'), {}, { exclude: at('f1.ts') }))).toMatch(/^stored webhook\.ts:2 booking\.paymentIntentId$/);
    expect(summary(findStoredProviderId(at('f2.ts'), {}, { exclude: at('f2.ts') }))).toMatch(/^stored webhook\.ts/);
    expect(projectIndexStats().reads - reads).toBeLessThanOrEqual(1);

    // A project that stores nothing: the second and third linted files read nothing again.
    const plain: Record<string, string> = { 'package-lock.json': '{}' };
    for (let i = 0; i < 30; i++) plain[`src/f${i}.ts`] = PLAIN;
    const other = tempProject(plain);
    expect(findStoredProviderId(path.join(other, 'src/f0.ts'), {}, { exclude: path.join(other, 'src/f0.ts') }).status).toBe('not-found');
    const after = projectIndexStats().reads;
    expect(findStoredProviderId(path.join(other, 'src/f1.ts'), {}, { exclude: path.join(other, 'src/f1.ts') }).status).toBe('not-found');
    expect(findStoredProviderId(path.join(other, 'src/f2.ts'), {}, { exclude: path.join(other, 'src/f2.ts') }).status).toBe('not-found');
    expect(projectIndexStats().reads - after).toBeLessThanOrEqual(1);
  });

  it('no lookup re-stats the whole tree: stale files are re-checked a bounded number at a time', () => {
    const files: Record<string, string> = { 'package-lock.json': '{}' };
    for (let i = 0; i < 600; i++) files[`src/m${Math.floor(i / 100)}/f${i}.ts`] = PLAIN;
    const dir = tempProject(files);
    const file = path.join(dir, 'src/m0/f0.ts');
    setProjectIndexTtl(20);
    expect(findStoredProviderId(file).status).toBe('not-found');
    const lstat = vi.spyOn(fs, 'lstatSync');
    syncBuiltinESMExports();
    try {
      // The relisting waits for the TTL, or longer when listing took long (a loaded machine): ask until one
      // lookup revalidates, then check that lookup's re-stats were bounded.
      let calls = 0;
      for (let i = 0; i < 300 && calls === 0; i++) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
        lstat.mockClear();
        expect(findStoredProviderId(file).status).toBe('not-found');
        calls = lstat.mock.calls.length;
      }
      expect(calls).toBeGreaterThan(0);
      expect(calls).toBeLessThanOrEqual(256);
    } finally {
      lstat.mockRestore();
      syncBuiltinESMExports();
    }
  });

  it('keeps a bounded number of project indexes (the least recently used is dropped)', () => {
    for (let i = 0; i < 34; i++) {
      const dir = tempProject({ 'package-lock.json': '{}', 'src/a.ts': PLAIN });
      findStoredProviderId(path.join(dir, 'src/a.ts'));
    }
    expect(projectIndexStats().roots).toBeLessThanOrEqual(32);
  });

  it('caches the payment SDKs of a folder: a second ask within the TTL only stats the package.json it read', () => {
    const dir = tempProject({ 'package.json': JSON.stringify({ dependencies: { stripe: '1' } }), 'src/deep/x.ts': PLAIN });
    const from = path.join(dir, 'src/deep');
    expect(getPaymentSdks(from).map((s) => s.packageName)).toEqual(['stripe']);
    const stat = vi.spyOn(fs, 'statSync');
    const exists = vi.spyOn(fs, 'existsSync');
    const read = vi.spyOn(fs, 'readFileSync');
    expect(getPaymentSdks(from).map((s) => s.packageName)).toEqual(['stripe']);
    // one stat of the package.json it came from (edited? re-read), nothing else
    expect(stat.mock.calls.map((c) => c[0])).toEqual([path.join(dir, 'package.json')]);
    expect(exists.mock.calls.length + read.mock.calls.length).toBe(0);
  });
});

describe('evidence of a write (C)', () => {
  it('a lookup in a file that does not parse is no write', () => {
    const dir = tempProject({
      'package-lock.json': '{}',
      'src/search.ts': 'export function (( {\n  return prisma.booking.findMany({ where: { sessionId: { contains: q } } });\n',
    });
    const file = path.join(dir, 'src/a.ts');
    expect(getProjectIndex(file).providerIdWrites).toEqual([]);
    expect(findStoredProviderId(file).status).toBe('not-found');
  });

  it('with a schema: a write of another model’s column of the same name is no evidence', () => {
    const dir = tempProject({
      'package-lock.json': '{}',
      'package.json': '{"name":"shop"}',
      'prisma/schema.prisma': `model Booking {\n  id String @id\n  paymentIntentId String? @unique\n}\n\nmodel AuditLog {\n  id String @id\n  paymentIntentId String?\n}\n`,
      'src/webhook.ts': 'export const f = (prisma, pi) => prisma.auditLog.create({ data: { paymentIntentId: pi.id } });\n',
    });
    const file = path.join(dir, 'src/a.ts');
    expect(findStoredProviderId(file).status).toBe('not-found');
    writeFileSync(path.join(dir, 'src/booking.ts'), STORE);
    setProjectIndexTtl(0);
    expect(summary(findStoredProviderId(file))).toBe('stored booking.ts:2 booking.paymentIntentId');
  });

  it('with a schema: a payment model linked to the booking counts, with its column', () => {
    const dir = tempProject({
      'package-lock.json': '{}',
      'package.json': '{"name":"shop"}',
      'prisma/schema.prisma': `model Booking {\n  id String @id\n  payments Payment[]\n}\n\nmodel Payment {\n  id String @id\n  bookingId String\n  booking Booking @relation(fields: [bookingId], references: [id])\n  stripeSessionId String @unique\n}\n`,
      'src/webhook.ts': 'export const f = (tx, s, id) =>\n  tx.payment.create({ data: { booking: { connect: { id } }, stripeSessionId: s.id } });\n',
    });
    expect(summary(findStoredProviderId(path.join(dir, 'src/a.ts')))).toBe('stored webhook.ts:2 payment.stripeSessionId');
  });

  it('a column named for another provider does not store this provider’s id', () => {
    const dir = tempProject({
      'package-lock.json': '{}',
      'src/webhook.ts': 'export const f = (prisma, o) => prisma.booking.update({ where: { id: 1 }, data: { paypalOrderId: o.id } });\n',
    });
    const file = path.join(dir, 'src/a.ts');
    expect(findStoredProviderId(file, {}, { provider: 'stripe' }).status).toBe('not-found');
    expect(summary(findStoredProviderId(file, {}, { provider: 'paypal' }))).toBe('stored webhook.ts:1 booking.paypalOrderId');
  });

  for (const ext of ['ts', 'tsx']) {
    it(`an id inside a JSON column's object is not stored; a nested relation write is (.${ext}: ${ext === 'ts' ? 'quick scan' : 'parsed'})`, () => {
      const dir = tempProject({
        'package-lock.json': '{}',
        [`src/json.${ext}`]: [
          'export async function f(prisma, pi) {',
          '  await prisma.booking.update({ where: { id: 1 }, data: { meta: { paymentIntentId: pi.id } } });',
          '  await prisma.event.create({ data: { payload: { ...pi, stripeSessionId: pi.id } } });',
          '}',
          '',
        ].join('\n'),
      });
      const file = path.join(dir, 'src/a.ts');
      expect(findStoredProviderId(file).status).toBe('not-found');
      writeFileSync(
        path.join(dir, `src/nested.${ext}`),
        'export const g = (prisma, s) =>\n  prisma.booking.update({ where: { id: 1 }, data: { payment: { create: { stripeSessionId: s.id } } } });\n',
      );
      clearProjectIndexCache();
      expect(summary(findStoredProviderId(file))).toBe(`stored nested.${ext}:2 payment.stripeSessionId`);
    });
  }
});

describe('the text fallback', () => {
  it('parses JSX in a .js file instead of falling back to the text', () => {
    const text = 'export const C = ({ o }) => <button onClick={() => api.save({ paymentIntentId: o.id })}>Don\'t</button>;\n' +
      'export const s = (repo, pi) => repo.update(1, { paymentIntentId: pi.id });\n';
    const scan = scanFile(text, 'c.js', { matches: (n) => isProviderIdColumn(n), mentions: () => true });
    expect(scan.parsed).toBe(true);
    expect(scan.writes.map((w) => `${w.line}:${w.idColumn}`)).toEqual(['1:paymentIntentId', '2:paymentIntentId']);
  });

  it('reads a large file that does not parse leniently, in one pass: only writes, reads skipped', () => {
    const block = (i: number) =>
      `export function C${i}({ order }) {\n  const orderId = order.id;\n  prisma.booking.findMany({ where: { orderId } });\n  return <div>Don't {order.total}</div>;\n}\n`;
    let text = '';
    for (let i = 0; i < 12_000; i++) text += block(i);
    text += 'export const w = (prisma, o) => prisma.booking.update({ where: { id: 1 }, data: { orderId: o.id } });\n';
    expect(text.length).toBeGreaterThan(1_000_000);
    const scan = scanFile(text, 'big.js', { matches: (n) => isProviderIdColumn(n), mentions: () => true });
    expect(scan.parsed).toBe(false);
    expect(scan.writes.map((w) => [w.line, w.idColumn, w.delegate, w.uncertain ?? false])).toEqual([[60_001, 'orderId', 'booking', false]]);
  });
});

describe('scanLiveSource (the linted file, from ESLint\'s text)', () => {
  it('walks the AST only when the text names a candidate column, with the same answer', async () => {
    const { parse } = await import('@typescript-eslint/typescript-estree');
    const { scanLiveSource } = await import('../../src/project-index/index.js');
    const dir = tempProject({ 'package.json': '{}', 'src/webhook.ts': STORE, 'src/plain.ts': PLAIN });
    const options = { range: true, loc: true } as const;
    const webhook = path.join(dir, 'src/webhook.ts');
    const stored = scanLiveSource(parse(STORE, options), webhook, { cwd: dir }, undefined, STORE);
    expect(stored.map((w) => w.idColumn)).toEqual(['paymentIntentId']);
    expect(scanLiveSource(parse(STORE, options), webhook, { cwd: dir })).toEqual(stored);
    // The text decides: a text that names no candidate column is not walked (its AST is not looked at).
    const plain = path.join(dir, 'src/plain.ts');
    expect(scanLiveSource(parse(STORE, options), plain, { cwd: dir }, undefined, PLAIN)).toEqual([]);
  });
});
