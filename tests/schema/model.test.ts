import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { parsePrisma } from '../../src/languages/prisma/parser/index.js';
import { clearSchemaCache, loadSchemaFile } from '../../src/schema/load.js';
import { addToSchemaInfo, emptySchemaInfo, readSchemaModels } from '../../src/schema/model.js';
import { fixturesDir } from '../rule-tester.js';

describe('readSchemaModels: the one converter from a schema text to the schema model', () => {
  it('a model: kind, file, positions of the keyword, the closing brace and each field name', () => {
    const text = '// head\nmodel Booking {\n  id   String  @id @default(cuid())\n  tags String[]\n  note String? @db.VarChar(30)\n}\n';
    expect(readSchemaModels(text, '/p/schema.prisma')).toEqual({
      ok: true,
      enums: [],
      models: [
        {
          name: 'Booking',
          kind: 'model',
          file: '/p/schema.prisma',
          line: 2,
          column: 1,
          endLine: 6,
          fields: [
            { name: 'id', type: 'String', optional: false, list: false, attributes: ['id', 'default'], line: 3, column: 3 },
            { name: 'tags', type: 'String', optional: false, list: true, attributes: [], line: 4, column: 3 },
            { name: 'note', type: 'String', optional: true, list: false, attributes: ['db.VarChar'], line: 5, column: 3 },
          ],
          blockAttributes: [],
        },
      ],
    });
  });

  it('views and composite types are models of their kind; enums are names; datasource and generator are left out', () => {
    const text =
      'datasource db {\n  provider = "postgresql"\n}\ngenerator c {\n  provider = "prisma-client"\n}\nview V {\n  a Int\n}\ntype Address {\n  city String\n}\nenum Status {\n  PAID\n}\n';
    const r = readSchemaModels(text, '/p/s.prisma');
    expect(r.ok && r.models.map((m) => [m.kind, m.name])).toEqual([
      ['view', 'V'],
      ['type', 'Address'],
    ]);
    expect(r.ok && r.enums).toEqual(['Status']);
  });

  it('relationFields only for a relation that lists its fields; block attributes with the fields they list', () => {
    const text =
      'model Payment {\n  bookingId String\n  booking Booking @relation(fields: [bookingId], references: [id])\n  other Booking @relation("x")\n  externalId String\n  @@unique(fields: [externalId, bookingId], name: "u")\n  @@index([bookingId(sort: Desc)])\n  @@map("payments")\n}\n';
    const r = readSchemaModels(text, '/p/s.prisma');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const [payment] = r.models;
    expect(payment?.fields.map((f) => [f.name, f.relationFields])).toEqual([
      ['bookingId', undefined],
      ['booking', ['bookingId']],
      ['other', undefined],
      ['externalId', undefined],
    ]);
    expect(payment?.fields[2]).not.toHaveProperty('relationFields');
    expect(payment?.blockAttributes).toEqual([
      { name: 'unique', fields: ['externalId', 'bookingId'] },
      { name: 'index', fields: ['bookingId'] },
      { name: 'map', fields: [] },
    ]);
  });

  it('lines count \\r\\n and a lone \\r as one line break each', () => {
    const r = readSchemaModels('// a\r\nmodel A {\r  id Int @id\r\n}\r', '/p/s.prisma');
    expect(r.ok && r.models[0]).toMatchObject({ line: 2, column: 1, endLine: 4, fields: [{ name: 'id', line: 3, column: 3 }] });
  });

  it('a text the parser rejects gives the parser’s first error, unchanged', () => {
    const text = 'model A {\n  id Int @id\n  x Str ing\n}\n';
    const tree = parsePrisma(text);
    expect(tree.ok).toBe(false);
    expect(readSchemaModels(text, '/p/s.prisma')).toEqual({ ok: false, errors: tree.ok ? [] : tree.errors });
  });

  it('the loader reads a file through the same converter: what it caches is what readSchemaModels gives', () => {
    clearSchemaCache();
    const file = path.join(fixturesDir, 'prisma', 'prisma6', 'prisma', 'schema.prisma');
    const load = loadSchemaFile(file);
    expect(load).toEqual({ file, ...readSchemaModels(fs.readFileSync(file, 'utf8'), file) });
    expect(load.ok).toBe(true);
  });
});

describe('addToSchemaInfo: merging files', () => {
  it('the first definition of a name wins; files are listed in the order added', () => {
    const info = emptySchemaInfo();
    for (const [file, text] of [
      ['/p/a.prisma', 'model Booking {\n  id String @id\n}\nenum E {\n  A\n}\n'],
      ['/p/b.prisma', 'model Booking {\n  other Int\n}\nmodel Payment {\n  id String @id\n}\ntype T {\n  a Int\n}\n'],
    ] as const) {
      const r = readSchemaModels(text, file);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      addToSchemaInfo(info, file, r);
    }
    expect(info.files).toEqual(['/p/a.prisma', '/p/b.prisma']);
    expect(info.models.get('Booking')).toMatchObject({ file: '/p/a.prisma', fields: [{ name: 'id' }] });
    expect(info.models.get('Payment')?.file).toBe('/p/b.prisma');
    expect([...info.types.keys()]).toEqual(['T']);
    expect([...info.enums]).toEqual(['E']);
  });
});
