/**
 * Schema paths the loader must not trust: a location outside the project, a folder that is not a schema
 * folder (`/`, `/proc`), a device or `/proc` file, a named pipe swapped in after the stat. Each is refused
 * with a `read` error, never walked or waited on. The long timeouts are hang detectors, not speed checks.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { readRegularFile } from '../../src/schema/files.js';
import { clearSchemaCache, loadSchema, loadSchemaAt, loadSchemaFile, type SchemaLoadResult } from '../../src/schema/load.js';
import { locateSchema, projectFolders } from '../../src/schema/locate.js';
import { readPrismaConfigSchema } from '../../src/schema/prisma-config.js';

const HANG = 60_000;
const tmpRoot = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bp-untrusted-')));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

let n = 0;
function project(files: Record<string, string>, base = tmpRoot): string {
  const dir = path.join(base, `p${n++}`);
  for (const [rel, content] of Object.entries({ 'package.json': '{"dependencies":{"stripe":"*"}}', ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const BOOKING = 'model Booking {\n  id String @id\n  paymentIntentId String? @unique\n}\n';

function readError(result: SchemaLoadResult) {
  if (result.status !== 'error') throw new Error(`expected an error, got ${JSON.stringify(result)}`);
  expect(result.reason).toBe('read');
  return result;
}

/** Keeps opening `fifo` for writing, so a regression that reads it fails its assertions instead of hanging. */
function unblockFifoReaders(fifo: string): ChildProcess {
  const script = `const fs = require('node:fs');
const wait = new Int32Array(new SharedArrayBuffer(4));
for (const end = Date.now() + 60000; Date.now() < end; Atomics.wait(wait, 0, 0, 10)) {
  try { fs.closeSync(fs.openSync(process.argv[1], fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)); } catch {}
}`;
  return spawn(process.execPath, ['-e', script, fifo], { stdio: 'ignore' });
}

beforeEach(() => clearSchemaCache());
afterEach(() => vi.restoreAllMocks());

describe('a folder that is not a schema folder is refused without a walk', () => {
  it.each(['/', '/proc'])('%s', (folder) => {
    const readdir = vi.spyOn(fs, 'readdirSync');
    const r = readError(loadSchemaAt(folder));
    expect(r.file).toBe(folder);
    expect(r.message).toContain('no .prisma file directly in it');
    expect(r.message).toContain("settings['booking-payment'].schema");
    expect(readdir).not.toHaveBeenCalled();
  }, HANG);

  it('a project folder with sub-folders but no .prisma file in it is refused too', () => {
    const dir = project({ 'src/a.ts': '', 'prisma/schema.prisma': BOOKING });
    const r = readError(loadSchema({ filename: path.join(dir, 'src/a.ts'), cwd: dir, schema: '.' }));
    expect(r.message).toContain('not a schema folder');
  });

  it('the walk of a schema folder is bounded by the entries it visits, not only the files it finds', () => {
    const dir = project({ 'prisma/schema/a.prisma': BOOKING });
    fs.symlinkSync('/', path.join(dir, 'prisma/schema/everything'));
    const readdir = vi.spyOn(fs, 'readdirSync');
    const r = readError(loadSchemaAt(path.join(dir, 'prisma/schema')));
    expect(r.message).toContain('entries');
    // 20,000 entries at most: far fewer folders than the file system holds.
    expect(readdir.mock.calls.length).toBeLessThan(20_001);
  }, HANG);
});

describe('a schema location outside the project is refused', () => {
  it.each(['/', '/proc', '/proc/kmsg', '/etc/hostname'])('schema: %s', (schema) => {
    const dir = project({ 'prisma/schema.prisma': BOOKING });
    const readdir = vi.spyOn(fs, 'readdirSync');
    const r = readError(loadSchema({ filename: path.join(dir, 'src/a.ts'), cwd: dir, schema }));
    if (fs.existsSync(schema)) {
      expect(r.file).toBe(schema);
      expect(r.message).toContain(`\`${schema}\``);
      expect(r.message).toContain('outside the project');
      expect(r.message).toContain("set settings['booking-payment'].schema to");
    }
    expect(readdir).not.toHaveBeenCalled();
  }, HANG);

  it("package.json's prisma.schema and prisma.config.ts's schema pointing outside", () => {
    const outside = project({ 'schema.prisma': BOOKING });
    const viaPackage = project({ 'package.json': JSON.stringify({ prisma: { schema: path.join(outside, 'schema.prisma') } }) });
    expect(locateSchema({ filename: path.join(viaPackage, 'a.ts'), cwd: viaPackage })).toMatchObject({
      status: 'refused',
      location: path.join(outside, 'schema.prisma'),
    });
    expect(readError(loadSchema({ filename: path.join(viaPackage, 'a.ts'), cwd: viaPackage })).message).toContain('outside the project');
    const viaConfig = project({
      'prisma.config.ts': `export default { schema: ${JSON.stringify(path.relative(path.join(tmpRoot, 'x'), path.join(outside, 'schema.prisma')))} };`,
    });
    expect(readError(loadSchema({ filename: path.join(viaConfig, 'a.ts'), cwd: viaConfig })).message).toContain('outside the project');
  });

  it('inside the top-most ancestor with a package.json (a workspace) or inside cwd is read', () => {
    const ws = project({ 'prisma/schema.prisma': BOOKING, 'apps/web/package.json': '{}' });
    const app = path.join(ws, 'apps/web');
    expect(projectFolders(path.join(app, 'src/a.ts'), app)).toEqual([app, ws]);
    const r = loadSchema({ filename: path.join(app, 'src/a.ts'), cwd: app, schema: '../../prisma/schema.prisma' });
    expect(r.status).toBe('ok');
    const noPackage = fs.mkdtempSync(path.join(tmpRoot, 'bare-'));
    fs.writeFileSync(path.join(noPackage, 'schema.prisma'), BOOKING);
    expect(loadSchema({ filename: path.join(noPackage, 'a.ts'), cwd: noPackage, schema: 'schema.prisma' }).status).toBe('ok');
  });

  it('neither the file system root nor the home folder is a project by itself', () => {
    const folders = projectFolders(path.join(os.homedir(), 'a.ts'), os.homedir());
    expect(folders).not.toContain(os.homedir());
    expect(projectFolders('/a.ts', '/')).not.toContain('/');
  });
});

describe('reads never block and never trust the size', () => {
  it('/proc/kmsg read directly: refused or empty, never waited on', () => {
    const r = readRegularFile('/proc/kmsg');
    if (r.ok) expect(r.buffer.length).toBeLessThanOrEqual(16 * 1024 * 1024);
    else expect(r.message).toMatch(/cannot be read|not a regular file/);
  }, HANG);

  it('a /proc file says size 0 yet is read only up to the bound', () => {
    expect(fs.statSync('/proc/self/status').size).toBe(0);
    expect(readRegularFile('/proc/self/status', 16)).toMatchObject({ ok: false, message: expect.stringContaining('over the') });
    const whole = readRegularFile('/proc/self/status');
    expect(whole.ok && whole.buffer.toString('utf8')).toContain('Name:');
  });

  it('a named pipe swapped in after the stat is refused by the open descriptor, not read', () => {
    const dir = project({ 'regular.prisma': BOOKING });
    const fifo = path.join(dir, 'schema.prisma');
    execFileSync('mkfifo', [fifo]);
    const helper = unblockFifoReaders(fifo);
    try {
      const staleStats = fs.statSync(path.join(dir, 'regular.prisma')); // what the stat said before the swap
      expect(loadSchemaFile(fifo, staleStats)).toMatchObject({ ok: false, reason: 'read', message: 'the path is not a regular file' });
      expect(readRegularFile(fifo)).toEqual({ ok: false, message: 'the path is not a regular file' });
    } finally {
      helper.kill();
    }
  }, HANG);

  it('prisma.config.ts is read through the same bounded, non-blocking read', () => {
    const dir = project({ 'prisma.config.ts': "export default { schema: 'prisma/schema.prisma' };" });
    expect(readPrismaConfigSchema(path.join(dir, 'prisma.config.ts'))).toEqual({
      status: 'found',
      schema: path.join(dir, 'prisma/schema.prisma'),
    });
    expect(readPrismaConfigSchema(path.join(dir, 'gone.ts'))).toMatchObject({ status: 'unreadable' });
  });
});
