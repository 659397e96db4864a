import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import type { PrismaField, PrismaModelLike } from '../../src/languages/prisma/ast.js';
import { parsePrisma, parseStats } from '../../src/languages/prisma/parser/index.js';
import {
  clearSchemaCache,
  listSchemaFiles,
  loaderStats,
  loadSchema,
  loadSchemaAt,
  loadSchemaFile,
  loadSchemaSiblings,
  type SchemaLoadResult,
} from '../../src/schema/load.js';
import { locateSchema } from '../../src/schema/locate.js';
import { readSchemaModels, type SchemaModel } from '../../src/schema/model.js';
import { readPrismaConfigSchema } from '../../src/schema/prisma-config.js';
import { fixturesDir } from '../rule-tester.js';

const fx = (...p: string[]) => path.join(fixturesDir, 'prisma', ...p);
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-schema-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

let n = 0;
/** A fresh project directory with the given files. */
function project(files: Record<string, string | Buffer>): string {
  const dir = path.join(tmpRoot, `p${n++}`);
  for (const [rel, content] of Object.entries({ 'package.json': '{"dependencies":{"stripe":"*"}}', ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

function ok(result: SchemaLoadResult) {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
}

const BOOKING = 'model Booking {\n  id String @id\n  paymentIntentId String? @unique\n}\n';

/**
 * A helper process that keeps opening `fifo` for writing and closing it, so that code which does open the
 * named pipe for reading gets an empty file after a moment instead of blocking the test run forever: a
 * regression then fails its assertions rather than hanging. Kill it when done.
 */
function unblockFifoReaders(fifo: string): ChildProcess {
  const script = `const fs = require('node:fs');
const wait = new Int32Array(new SharedArrayBuffer(4));
for (const end = Date.now() + 60000; Date.now() < end; Atomics.wait(wait, 0, 0, 10)) {
  try { fs.closeSync(fs.openSync(process.argv[1], fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)); } catch {}
}`;
  return spawn(process.execPath, ['-e', script, fifo], { stdio: 'ignore' });
}

beforeEach(() => clearSchemaCache());

describe('locateSchema: every location, first match wins', () => {
  it('1. the option / setting (file or folder), relative to cwd, wins over everything', () => {
    const cwd = fx('prisma6');
    const r = locateSchema({ filename: path.join(cwd, 'src/a.ts'), cwd, schema: '../not-unique/prisma/schema.prisma' });
    expect(r).toMatchObject({ status: 'found', source: 'option', location: fx('not-unique/prisma/schema.prisma') });
    const folder = locateSchema({ filename: path.join(cwd, 'src/a.ts'), cwd, schema: '../multi-file/prisma/schema' });
    expect(folder).toMatchObject({ status: 'found', location: fx('multi-file/prisma/schema') });
  });

  it('1. a configured path that does not exist is missing (no silent fallback to another schema)', () => {
    const cwd = fx('prisma6');
    expect(locateSchema({ filename: path.join(cwd, 'a.ts'), cwd, schema: 'nope.prisma' })).toEqual({
      status: 'missing',
      searched: [path.join(cwd, 'nope.prisma')],
    });
  });

  it("2. the nearest package.json's prisma.schema", () => {
    const dir = fx('package-json-location');
    const r = locateSchema({ filename: path.join(dir, 'src/deep/a.ts'), cwd: fixturesDir });
    expect(r).toMatchObject({ status: 'found', source: 'package.json', location: path.join(dir, 'database/main.prisma') });
  });

  it('3. prisma.config.ts: path.join(import.meta.dirname, …) through a const', () => {
    const dir = fx('prisma7');
    const r = locateSchema({ filename: path.join(dir, 'src/a.ts'), cwd: dir });
    expect(r).toMatchObject({ status: 'found', source: 'prisma.config', location: path.join(dir, 'db/schema.prisma') });
  });

  it('3. .config/prisma.ts: join(__dirname, …) of a named import, `satisfies`', () => {
    const dir = fx('dot-config');
    const r = locateSchema({ filename: path.join(dir, 'a.ts'), cwd: dir });
    expect(r).toMatchObject({ status: 'found', source: 'prisma.config', location: path.join(dir, 'schema-dir') });
  });

  it('3. a prisma.config.ts that is not statically readable falls back (and is never executed)', () => {
    const dir = fx('config-dynamic');
    const r = locateSchema({ filename: path.join(dir, 'a.ts'), cwd: dir });
    expect(r).toMatchObject({ status: 'found', source: 'default', location: path.join(dir, 'prisma/schema.prisma') });
    expect(r.searched.some((s) => s.includes('not statically readable'))).toBe(true);
  });

  it('4. prisma/schema.prisma', () => {
    const dir = fx('prisma6');
    expect(locateSchema({ filename: path.join(dir, 'src/a.ts'), cwd: '/' })).toMatchObject({
      status: 'found',
      source: 'default',
      location: path.join(dir, 'prisma/schema.prisma'),
    });
  });

  it('5. a prisma/schema/ folder', () => {
    const dir = fx('multi-file');
    expect(locateSchema({ filename: path.join(dir, 'src/a.ts'), cwd: dir })).toMatchObject({
      status: 'found',
      location: path.join(dir, 'prisma/schema'),
    });
  });

  it('6. schema.prisma at the project root', () => {
    const dir = fx('root-schema');
    expect(locateSchema({ filename: path.join(dir, 'a.ts'), cwd: dir })).toMatchObject({
      status: 'found',
      location: path.join(dir, 'schema.prisma'),
    });
  });

  it('the order: package.json beats prisma.config.ts beats the default locations', () => {
    const dir = project({
      'package.json': '{"prisma":{"schema":"pkg.prisma"}}',
      'pkg.prisma': BOOKING,
      'prisma.config.ts': "export default { schema: 'config.prisma' }",
      'config.prisma': BOOKING,
      'prisma/schema.prisma': BOOKING,
    });
    const f = path.join(dir, 'a.ts');
    expect(locateSchema({ filename: f, cwd: dir })).toMatchObject({ location: path.join(dir, 'pkg.prisma') });
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    expect(locateSchema({ filename: f, cwd: dir })).toMatchObject({ location: path.join(dir, 'config.prisma') });
    fs.rmSync(path.join(dir, 'prisma.config.ts'));
    expect(locateSchema({ filename: f, cwd: dir })).toMatchObject({ location: path.join(dir, 'prisma/schema.prisma') });
  });

  it('missing: lists every place it looked', () => {
    const dir = fx('missing');
    const r = locateSchema({ filename: path.join(dir, 'src/a.ts'), cwd: dir });
    expect(r.status).toBe('missing');
    expect(r.searched).toEqual([
      path.join(dir, 'prisma/schema.prisma'),
      path.join(dir, 'prisma/schema'),
      path.join(dir, 'schema.prisma'),
    ]);
    expect(loadSchema({ filename: path.join(dir, 'src/a.ts'), cwd: dir }).status).toBe('missing');
  });
});

describe('readPrismaConfigSchema: parsed, never executed', () => {
  const config = (text: string) => {
    const dir = project({ 'prisma.config.ts': text });
    return { dir, result: readPrismaConfigSchema(path.join(dir, 'prisma.config.ts')) };
  };

  it('string literal relative to the config file', () => {
    const { dir, result } = config("import { defineConfig } from 'prisma/config';\nexport default defineConfig({ schema: 'prisma/app.prisma' });");
    expect(result).toEqual({ status: 'found', schema: path.join(dir, 'prisma/app.prisma') });
  });

  it('path.resolve of literals and a template literal', () => {
    const { dir, result } = config("import * as path from 'node:path';\nexport default { schema: path.resolve(`db`, 'schema') };");
    expect(result).toEqual({ status: 'found', schema: path.join(dir, 'db/schema') });
  });

  it('a shorthand `schema` bound to a const, and a config object bound to a const', () => {
    const { dir, result } = config("const schema = './s.prisma';\nconst config = { schema };\nexport default config;");
    expect(result).toEqual({ status: 'found', schema: path.join(dir, 's.prisma') });
  });

  it('no schema property', () => {
    expect(config("export default { migrations: { path: 'x' } };").result).toEqual({ status: 'no-schema' });
  });

  it('unreadable: an env var, a function call, a spread before schema, a syntax error — and nothing runs', () => {
    const marker = path.join(tmpRoot, 'executed-marker');
    for (const text of [
      'export default { schema: process.env.SCHEMA };',
      `import fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(marker)}, 'x');\nexport default { schema: compute() };`,
      'const base = {};\nexport default { ...base, schema: x };',
      'export default defineConfig({ schema: ',
      'export const schema = "x.prisma";',
    ]) {
      expect(config(text).result.status).toBe('unreadable');
    }
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe('loadSchema: parsing and merging', () => {
  it('a Prisma 6 schema: datasource with url, views, enums, composite types, @@schema, comments', () => {
    const dir = fx('prisma6');
    const r = ok(loadSchema({ filename: path.join(dir, 'src/a.ts'), cwd: dir }));
    expect(r.location).toBe(path.join(dir, 'prisma/schema.prisma'));
    const booking = r.schema.models.get('Booking');
    expect(booking).toMatchObject({ name: 'Booking', kind: 'model', file: r.location, line: 14, column: 1, endLine: 24 });
    expect(booking?.fields.find((f) => f.name === 'paymentIntentId')).toEqual({
      name: 'paymentIntentId',
      type: 'String',
      optional: true,
      list: false,
      attributes: ['unique'],
      line: 18,
      column: 3,
    });
    expect(booking?.blockAttributes).toEqual([
      { name: 'index', fields: ['guestEmail'] },
      { name: 'schema', fields: [] },
    ]);
    expect([...r.schema.views.keys()]).toEqual(['BookingTotals']);
    expect([...r.schema.types.keys()]).toEqual(['Address']);
    expect([...r.schema.enums]).toEqual(['BookingStatus']);
    expect([...r.schema.models.keys()]).toEqual(['Booking']);
  });

  it('a Prisma 7 schema: datasource without url, prisma-client generator, located through prisma.config.ts', () => {
    const dir = fx('prisma7');
    const r = ok(loadSchema({ filename: path.join(dir, 'src/a.ts'), cwd: dir }));
    expect(r.schema.models.get('Booking')).toMatchObject({ line: 11, file: path.join(dir, 'db/schema.prisma') });
  });

  it('a multi-file folder is merged, sub-folders included, each model keeping its own file and line', () => {
    const dir = fx('multi-file');
    const r = ok(loadSchema({ filename: path.join(dir, 'src/a.ts'), cwd: dir }));
    expect(r.schema.files.map((f) => path.relative(dir, f))).toEqual([
      'prisma/schema/base.prisma',
      'prisma/schema/billing/payment.prisma',
      'prisma/schema/booking.prisma',
    ]);
    expect(r.schema.models.get('Payment')).toMatchObject({ file: path.join(dir, 'prisma/schema/billing/payment.prisma'), line: 1 });
    expect(r.schema.models.get('Booking')).toMatchObject({ file: path.join(dir, 'prisma/schema/booking.prisma'), line: 1 });
    expect(r.schema.models.get('Payment')?.fields.find((f) => f.name === 'booking')?.relationFields).toEqual(['bookingId']);
  });

  it('@@unique / @@id / @relation field lists, in both the positional and the `fields:` form', () => {
    const dir = project({
      'prisma/schema.prisma':
        'model Payment {\n  a String\n  b String\n  booking Booking @relation(fields: [a], references: [id])\n  @@unique(fields: [a, b], name: "ab")\n  @@id([b, a])\n  @@index([b(sort: Desc)])\n}\n',
    });
    const model = ok(loadSchema({ filename: path.join(dir, 'x.ts'), cwd: dir })).schema.models.get('Payment');
    expect(model?.blockAttributes).toEqual([
      { name: 'unique', fields: ['a', 'b'] },
      { name: 'id', fields: ['b', 'a'] },
      { name: 'index', fields: ['b'] },
    ]);
    expect(model?.fields[2]).toMatchObject({ attributes: ['relation'], relationFields: ['a'] });
  });
});

describe('cache: one parse per file per run, re-read at once when edited', () => {
  it('loading the same schema again does not parse it again', () => {
    const dir = project({ 'prisma/schema.prisma': BOOKING });
    const before = loaderStats.fileParses;
    for (let i = 0; i < 50; i++) ok(loadSchema({ filename: path.join(dir, `src/f${i}.ts`), cwd: dir }));
    expect(loaderStats.fileParses - before).toBe(1);
  });

  it('an edited schema is re-read on the next load (mtime + size)', () => {
    const dir = project({ 'prisma/schema.prisma': BOOKING });
    const file = path.join(dir, 'prisma/schema.prisma');
    const load = () => ok(loadSchema({ filename: path.join(dir, 'a.ts'), cwd: dir }));
    expect([...load().schema.models.keys()]).toEqual(['Booking']);
    fs.writeFileSync(file, `${BOOKING}model Payment {\n  id String @id\n}\n`);
    expect([...load().schema.models.keys()]).toEqual(['Booking', 'Payment']);
    // Same size, different content, a later mtime.
    fs.writeFileSync(file, BOOKING.replace('Booking', 'Bookin2'));
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(file, later, later);
    expect([...load().schema.models.keys()]).toEqual(['Bookin2']);
  });

  it('a file added to a schema folder is seen on the next load', () => {
    const dir = project({ 'prisma/schema/a.prisma': BOOKING });
    const load = () => ok(loadSchema({ filename: path.join(dir, 'a.ts'), cwd: dir }));
    expect(load().schema.files).toHaveLength(1);
    fs.writeFileSync(path.join(dir, 'prisma/schema/b.prisma'), 'model Payment {\n  id String @id\n}\n');
    expect(load().schema.models.has('Payment')).toBe(true);
  });
});

describe('bad input, all survivable', () => {
  it('a schema broken mid-edit: error with file, line and column', () => {
    const dir = fx('broken');
    expect(loadSchema({ filename: path.join(dir, 'a.ts'), cwd: dir })).toEqual({
      status: 'error',
      file: path.join(dir, 'prisma/schema.prisma'),
      line: 9,
      column: 23,
      message: 'Unexpected word in model `Booking`: expected an attribute (`@…`)',
      reason: 'parse',
    });
  });

  it('a block left open while typing: the error points at the block', () => {
    const dir = project({ 'prisma/schema.prisma': `${BOOKING}\nmodel Payment {\n  id String @id\n  booking` });
    expect(loadSchema({ filename: path.join(dir, 'a.ts'), cwd: dir })).toMatchObject({
      status: 'error',
      line: 6,
      column: 1,
      message: '`model Payment` is missing its closing `}`',
    });
  });

  it('loadSchemaSiblings: the other files of a folder, without the linted file (which may be broken on disk)', () => {
    const dir = project({
      'prisma/schema/a_booking.prisma': 'model Booking {\n  id Str ing\n}\n',
      'prisma/schema/payment.prisma': 'model Payment {\n  id String @id\n}\n',
      'prisma/schema/sub/enums.prisma': 'enum Status {\n  PAID\n}\n',
    });
    const folder = path.join(dir, 'prisma/schema');
    const linted = path.join(folder, 'a_booking.prisma');
    expect(loadSchemaAt(folder)).toMatchObject({ status: 'error', file: linted });
    const siblings = ok(loadSchemaSiblings(folder, linted));
    expect(siblings.schema.files).toEqual([path.join(folder, 'payment.prisma'), path.join(folder, 'sub/enums.prisma')]);
    expect([...siblings.schema.models.keys()]).toEqual(['Payment']);
    expect([...siblings.schema.enums]).toEqual(['Status']);
    // The linted file reached through a symlinked folder is still the linted file.
    fs.symlinkSync(folder, path.join(dir, 'linked'));
    expect(ok(loadSchemaSiblings(path.join(dir, 'linked'), linted)).schema.files).toHaveLength(2);
    // Linting another file (here a new one, not on disk yet), the broken file is a sibling like any other.
    expect(loadSchemaSiblings(folder, path.join(folder, 'new.prisma'))).toMatchObject({ status: 'error', file: linted });
    // Another broken file is an error naming it.
    fs.writeFileSync(path.join(folder, 'payment.prisma'), 'model Payment {\n  id String @default("x\n}\n');
    expect(loadSchemaSiblings(folder, linted)).toMatchObject({ status: 'error', file: path.join(folder, 'payment.prisma'), line: 2 });
    expect(loadSchemaSiblings(path.join(dir, 'nope'), linted).status).toBe('missing');
  });

  it('a broken file in a folder makes the whole folder an error naming that file', () => {
    const dir = project({ 'prisma/schema/a.prisma': BOOKING, 'prisma/schema/b.prisma': 'model P {\n  id String @id @default("x\n}\n' });
    expect(loadSchema({ filename: path.join(dir, 'a.ts'), cwd: dir })).toMatchObject({
      status: 'error',
      file: path.join(dir, 'prisma/schema/b.prisma'),
      line: 2,
      column: 26,
      reason: 'parse',
    });
  });

  it('an unreadable file (a directory where a file is expected) is a read error, not a throw', () => {
    const dir = project({ 'prisma/x.prisma/keep': '' });
    expect(loadSchemaFile(path.join(dir, 'prisma/x.prisma'))).toMatchObject({ ok: false, reason: 'read' });
  });

  it.runIf(process.getuid?.() !== 0)('an unreadable file (no permission) is a read error (root can read anything, so not as root)', () => {
    const dir = project({ 'prisma/schema.prisma': BOOKING });
    fs.chmodSync(path.join(dir, 'prisma/schema.prisma'), 0o000);
    expect(loadSchema({ filename: path.join(dir, 'a.ts'), cwd: dir })).toMatchObject({
      status: 'error',
      reason: 'read',
      message: 'the file cannot be read (EACCES)',
    });
  });

  it('a named pipe is never opened (it would block the lint run)', () => {
    const dir = project({});
    const fifo = path.join(dir, 'schema.prisma');
    execFileSync('mkfifo', [fifo]);
    expect(loadSchema({ filename: path.join(dir, 'a.ts'), cwd: dir, schema: fifo })).toMatchObject({
      status: 'error',
      reason: 'read',
    });
    fs.mkdirSync(path.join(dir, 'prisma/schema'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'prisma/schema/a.prisma'), BOOKING);
    execFileSync('mkfifo', [path.join(dir, 'prisma/schema/pipe.prisma')]);
    expect(listSchemaFiles(path.join(dir, 'prisma/schema')).map((f) => path.basename(f))).toEqual(['a.prisma']);
  });

  it('a named pipe where prisma.config.ts belongs is never opened (it would block the lint run)', () => {
    const dir = project({ 'prisma/schema.prisma': BOOKING });
    const fifo = path.join(dir, 'prisma.config.ts');
    execFileSync('mkfifo', [fifo]);
    const helper = unblockFifoReaders(fifo);
    try {
      const where = locateSchema({ filename: path.join(dir, 'src/a.ts'), cwd: dir });
      expect(where).toMatchObject({ status: 'found', source: 'default', location: path.join(dir, 'prisma/schema.prisma') });
      expect(where.searched).toContain(`${fifo} (not a regular file)`);
      expect(readPrismaConfigSchema(fifo)).toEqual({ status: 'unreadable', reason: 'the path is not a regular file' });
      expect(ok(loadSchema({ filename: path.join(dir, 'src/a.ts'), cwd: dir })).schema.models.has('Booking')).toBe(true);
    } finally {
      helper.kill();
    }
  });

  it('a symlink loop in the schema folder is cut, every file read once', () => {
    const dir = project({ 'prisma/schema/a.prisma': BOOKING, 'prisma/schema/sub/b.prisma': 'model Payment {\n  id String @id\n}\n' });
    fs.symlinkSync('..', path.join(dir, 'prisma/schema/sub/loop'));
    fs.symlinkSync('self', path.join(dir, 'prisma/schema/self')); // a link to itself (ELOOP)
    fs.symlinkSync('missing-target', path.join(dir, 'prisma/schema/dangling.prisma'));
    const r = ok(loadSchema({ filename: path.join(dir, 'a.ts'), cwd: dir }));
    expect(r.schema.files.map((f) => path.relative(dir, f))).toEqual(['prisma/schema/a.prisma', 'prisma/schema/sub/b.prisma']);
    expect([...r.schema.models.keys()].sort()).toEqual(['Booking', 'Payment']);
  });

  it('a non-UTF-8 file: bytes outside comments are a parse error at their position; inside comments they are harmless', () => {
    const latin1 = Buffer.concat([
      Buffer.from('// r\xe9servation\nmodel Booking {\n  id String @id\n  caf', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from(' String\n}\n', 'latin1'),
    ]);
    const dir = project({ 'prisma/schema.prisma': latin1 });
    expect(loadSchema({ filename: path.join(dir, 'a.ts'), cwd: dir })).toMatchObject({
      status: 'error',
      line: 4,
      column: 6,
      message: 'A byte that is not UTF-8 text (is the file UTF-8?)',
    });
    const commentOnly = project({ 'prisma/schema.prisma': Buffer.from(`// caf\xe9\n${BOOKING}`, 'latin1') });
    expect(loadSchema({ filename: path.join(commentOnly, 'a.ts'), cwd: commentOnly }).status).toBe('ok');
  });

  it('a UTF-16 file is an error, not garbage models', () => {
    const dir = project({ 'prisma/schema.prisma': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BOOKING, 'utf16le')]) });
    expect(loadSchema({ filename: path.join(dir, 'a.ts'), cwd: dir })).toMatchObject({ status: 'error', reason: 'parse' });
  });

  it('an empty file and a comments-only file are schemas without models', () => {
    const dir = project({ 'prisma/schema.prisma': '' });
    expect(ok(loadSchema({ filename: path.join(dir, 'a.ts'), cwd: dir })).schema.models.size).toBe(0);
    const dir2 = project({ 'prisma/schema.prisma': '// nothing yet\n' });
    expect(ok(loadSchema({ filename: path.join(dir2, 'a.ts'), cwd: dir2 })).schema.models.size).toBe(0);
  });

  it('an empty schema folder is missing', () => {
    const dir = project({ 'prisma/schema/README.md': 'x' });
    expect(loadSchemaAt(path.join(dir, 'prisma/schema')).status).toBe('missing');
  });

  it('a 10,000-model schema loads completely, in one linear parse', () => {
    let text = 'datasource db {\n  provider = "postgresql"\n}\n';
    for (let i = 0; i < 10_000; i++) {
      text += `model M${i} {\n  id String @id @default(cuid())\n  name String?\n  other M${(i + 1) % 10_000}? @relation(fields: [otherId], references: [id])\n  otherId String? @unique\n  @@index([name])\n}\n`;
    }
    const dir = project({ 'prisma/schema.prisma': text });
    const before = { texts: parseStats.texts, files: loaderStats.fileParses };
    const r = ok(loadSchema({ filename: path.join(dir, 'a.ts'), cwd: dir }));
    expect(r.schema.models.size).toBe(10_000);
    expect(r.schema.models.get('M9999')).toMatchObject({ line: 3 + 9_999 * 7 + 1 });
    expect(parseStats.texts - before.texts).toBe(1);
    expect(loaderStats.fileParses - before.files).toBe(1);
  });
});

/**
 * The schema model as this test reads it off the language's tree: an oracle independent of src/schema/model.ts
 * (which converts the parser's blocks, never the tree).
 */
function modelOfTree(block: PrismaModelLike, file: string): SchemaModel {
  const fields = block.members.filter((m): m is PrismaField => m.type === 'Field');
  return {
    name: block.name.name,
    kind: block.type === 'Model' ? 'model' : block.type === 'View' ? 'view' : 'type',
    file,
    line: block.loc.start.line,
    column: block.loc.start.column,
    endLine: block.loc.end.line,
    fields: fields.map((f) => {
      const relation = f.attributes.find((a) => a.name === 'relation');
      return {
        name: f.name.name,
        type: f.fieldType,
        optional: f.optional,
        list: f.list,
        attributes: f.attributes.map((a) => a.name),
        ...(relation && relation.fields.length > 0 ? { relationFields: relation.fields } : {}),
        line: f.name.loc.start.line,
        column: f.name.loc.start.column,
      };
    }),
    blockAttributes: block.members.flatMap((m) => (m.type === 'BlockAttribute' ? [{ name: m.name, fields: m.fields }] : [])),
  };
}

describe('the loader reads the same facts, and rejects the same texts, as the language tree', () => {
  const texts = [
    fs.readFileSync(fx('prisma6', 'prisma', 'schema.prisma'), 'utf8'),
    fs.readFileSync(fx('prisma7', 'db', 'schema.prisma'), 'utf8'),
    fs.readFileSync(fx('calcom-style', 'prisma', 'schema.prisma'), 'utf8'),
    fs.readFileSync(fx('broken', 'prisma', 'schema.prisma'), 'utf8'),
    'model A {\n  id Int @id\n  b B @relation(fields: [x] references: [id])\n}\n',
    'enum E {\n  A @map("a")\n  B C\n}\n',
    'generator g {\n  provider "x"\n}\n',
    'model A {\n  @@index([a, b)\n}\n',
    'model A {\n  id Int @id\n',
    // Old Mac line ends and Unicode space separators (whitespace for Prisma).
    '// a\rmodel A {\r  id Int @id // b\r  c String?\r\n  @@index([c])\r}\r',
    'model A {\u3000\n\u00a0 id\u2003Int\u202f@id\n  b Int\u00a0@unique\n}\n',
    'model A {\r  id Int @id\r  x Str ing\r}\r',
    'model A {\n  @@unique([a,], map: "x",)\n}\n',
  ];
  it.each(texts.map((t, i) => [i, t]))('text %i', (_i, text) => {
    const facts = readSchemaModels(text, 'x');
    const tree = parsePrisma(text);
    if (!tree.ok) {
      expect(facts).toEqual({ ok: false, errors: tree.errors });
      return;
    }
    expect(facts.ok).toBe(true);
    if (!facts.ok) return;
    const fromTree = tree.ast.body
      .filter((b): b is PrismaModelLike => b.type === 'Model' || b.type === 'View' || b.type === 'CompositeType')
      .map((b) => modelOfTree(b, 'x'));
    expect(facts.models).toEqual(fromTree);
    expect(facts.enums).toEqual(tree.ast.body.filter((b) => b.type === 'Enum').map((b) => b.name.name));
  });
});
