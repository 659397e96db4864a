import fs from 'node:fs';
import path from 'node:path';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import type { PrismaField, PrismaModel, PrismaSchema } from '../../src/languages/prisma/ast.js';
import { parsePrisma, parseStats, prismaLanguage, PrismaSourceCode } from '../../src/languages/prisma/index.js';
import plugin from '../../src/index.js';
import { readSchemaModels } from '../../src/schema/model.js';
import { fixturesDir } from '../rule-tester.js';

const SCHEMA = `// Prisma 7 style
generator client {
  provider = "prisma-client"
  output   = "../src/generated/prisma"
}

datasource db {
  provider = "postgresql"
}

/// A booking.
model Booking {
  id     String @id @default(cuid())
  roomId String @db.VarChar(30)
  tags   String[]
  note   String? // free text

  @@unique([roomId, id])
  @@schema("public")
}

enum Status {
  PENDING
  PAID @map("paid")
}

type Address {
  street String
}

view Totals {
  id Int @unique
}
`;

function parseOk(text: string): PrismaSchema {
  const r = parsePrisma(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.ast;
}

describe('parsePrisma', () => {
  it('gives every block, field and attribute its exact range and 1-based loc', () => {
    const ast = parseOk(SCHEMA);
    expect(ast.body.map((b) => `${b.type} ${b.name.name} @${b.loc.start.line}:${b.loc.start.column}-${b.loc.end.line}`)).toEqual([
      'Generator client @2:1-5',
      'Datasource db @7:1-9',
      'Model Booking @12:1-20',
      'Enum Status @22:1-25',
      'CompositeType Address @27:1-29',
      'View Totals @31:1-33',
    ]);
    const booking = ast.body[2] as PrismaModel;
    const roomId = booking.members[1] as PrismaField;
    expect(roomId).toMatchObject({ type: 'Field', fieldType: 'String', optional: false, list: false });
    expect(roomId.name.loc).toEqual({ start: { line: 14, column: 3 }, end: { line: 14, column: 9 } });
    expect(SCHEMA.slice(...roomId.range)).toBe('roomId String @db.VarChar(30)');
    expect(roomId.attributes.map((a) => [a.name, a.argsText, SCHEMA.slice(...a.range)])).toEqual([
      ['db.VarChar', '30', '@db.VarChar(30)'],
    ]);
    expect(booking.members[2]).toMatchObject({ fieldType: 'String', list: true });
    expect(booking.members[3]).toMatchObject({ fieldType: 'String', optional: true });
    expect(SCHEMA.slice(...(booking.members[3] as PrismaField).range)).toBe('note   String?');
    expect(booking.members[4]).toMatchObject({ type: 'BlockAttribute', name: 'unique', fields: ['roomId', 'id'] });
    expect(booking.members[5]).toMatchObject({ type: 'BlockAttribute', name: 'schema', argsText: '"public"' });
    expect(SCHEMA[booking.bodyRange[0]]).toBe('{');
    expect(SCHEMA[booking.bodyRange[1]]).toBe('}');
  });

  it('collects line comments and doc comments with their values', () => {
    const ast = parseOk(SCHEMA);
    expect(ast.comments.map((c) => [c.type, c.value, c.loc.start.line])).toEqual([
      ['LineComment', ' Prisma 7 style', 1],
      ['DocComment', ' A booking.', 11],
      ['LineComment', ' free text', 16],
    ]);
  });

  it('accepts a Prisma 6 datasource with url, multiSchema, Unsupported types and CRLF line ends', () => {
    const text =
      'datasource db {\r\n  provider = "postgresql"\r\n  url = env("DATABASE_URL")\r\n  schemas = ["a", "b"]\r\n}\r\nmodel Place {\r\n  id Int @id\r\n  geo Unsupported("geometry")?\r\n}\r\n';
    const ast = parseOk(text);
    expect(ast.body[0]).toMatchObject({ type: 'Datasource', members: [{ key: { name: 'provider' } }, { valueText: 'env("DATABASE_URL")' }, {}] });
    expect((ast.body[1] as PrismaModel).members[1]).toMatchObject({ fieldType: 'Unsupported', optional: true });
    expect((ast.body[1] as PrismaModel).loc.start).toEqual({ line: 6, column: 1 });
  });

  it('accepts a comment after a block\'s `{` and trailing spaces (which the underlying parser alone rejects)', () => {
    const ast = parseOk('model Booking { // the booking\n  id String @id   \n  note String? // x\n}   \n');
    expect((ast.body[0] as PrismaModel).members.map((m) => m.type)).toEqual(['Field', 'Field']);
    expect(ast.comments.map((c) => c.value)).toEqual([' the booking', ' x']);
  });

  it('with validation, prisma-ast re-parses only the blocks whose text changed (editor keystrokes)', () => {
    const a = 'model KeystrokeA {\n  id Int @id\n}\n';
    const before = { ...parseStats };
    expect(parsePrisma(`${a}model KeystrokeB {\n  id Int @id\n}\n`, { validate: true }).ok).toBe(true);
    expect(parsePrisma(`${a}model KeystrokeB {\n  id Int @id\n  x Int\n}\n`, { validate: true }).ok).toBe(true);
    expect(parseStats.texts - before.texts).toBe(2);
    expect(parseStats.blocks - before.blocks).toBe(3); // A, B, then only the edited B
    expect(parseStats.blockCacheHits - before.blockCacheHits).toBe(1);
  });

  it('reads a large real-world style schema (cal.com constructs) with and without validation', () => {
    const text = fs.readFileSync(path.join(fixturesDir, 'prisma', 'calcom-style', 'prisma', 'schema.prisma'), 'utf8');
    for (const validate of [false, true]) {
      const r = parsePrisma(text, { validate });
      expect(r.ok ? 'ok' : r.errors).toBe('ok');
    }
    const ast = parseOk(text);
    const payment = ast.body.find((b): b is PrismaModel => b.type === 'Model' && b.name.name === 'Payment');
    const booking = payment?.members.find((m): m is PrismaField => m.type === 'Field' && m.name.name === 'booking');
    expect(booking?.attributes[0]).toMatchObject({ name: 'relation', fields: ['bookingId'] });
    const slots = ast.body.find((b): b is PrismaModel => b.type === 'Model' && b.name.name === 'SelectedSlots');
    expect(slots?.members.at(-1)).toMatchObject({ type: 'BlockAttribute', name: 'unique', fields: ['userId', 'uid'] });
  });

  it('a schema ending in a 200,000-character comment without a line break parses (a linear scan, not a quadratic one)', () => {
    const comment = 'x'.repeat(200_000);
    const r = parsePrisma(`model Booking {\n  id String @id\n}\n// ${comment}`, { validate: true });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.ast.comments.map((c) => c.value.length)).toEqual([comment.length + 1]);
    const spaces = ' '.repeat(200_000);
    expect(parsePrisma(`model Booking {\n  id String${spaces}@id\n}\n${spaces}`, { validate: true }).ok).toBe(true);
  });

  it.each([
    ['U+00A0 no-break space', '\u00a0'],
    ['U+1680 ogham space mark', '\u1680'],
    ['U+2000 en quad', '\u2000'],
    ['U+2003 em space', '\u2003'],
    ['U+2009 thin space', '\u2009'],
    ['U+200A hair space', '\u200a'],
    ['U+202F narrow no-break space', '\u202f'],
    ['U+205F medium mathematical space', '\u205f'],
    ['U+3000 ideographic space', '\u3000'],
  ])('%s separates words, as in Prisma (Unicode space separators are whitespace)', (_name, space) => {
    const text = `model Booking {${space}\n${space}id${space}String${space}@id${space}@default(cuid())${space}\n  note String?${space}// x\n}${space}\n`;
    for (const validate of [false, true]) {
      const r = parsePrisma(text, { validate });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const booking = r.ast.body[0] as PrismaModel;
      expect(booking.members.map((m) => m.type === 'Field' && [m.name.name, m.fieldType, m.attributes.map((a) => a.name)])).toEqual([
        ['id', 'String', ['id', 'default']],
        ['note', 'String', []],
      ]);
      expect((booking.members[0] as PrismaField).name.loc.start).toEqual({ line: 2, column: 2 });
    }
    expect(readSchemaModels(text, 'schema.prisma')).toMatchObject({ ok: true, models: [{ name: 'Booking', fields: [{ name: 'id' }, { name: 'note' }] }] });
  });

  it('a zero-width space (U+200B, not a space separator) is still an unknown character', () => {
    const r = parsePrisma('model Booking {\n  id String\u200b@id\n}\n', { validate: true });
    expect(r.ok ? 'ok' : r.errors[0]).toMatchObject({ line: 2, column: 12, message: 'Unexpected character `\u200b`' });
  });

  it('a lone CR (old Mac line ends) ends a line, alone or mixed with LF and CRLF', () => {
    const text = '// bookings\rmodel Booking {\r  id String @id // key\r\n  note String? @default("a")\n  @@index([note])\r}\r';
    for (const validate of [false, true]) {
      const r = parsePrisma(text, { validate });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const booking = r.ast.body[0] as PrismaModel;
      expect(booking.loc).toEqual({ start: { line: 2, column: 1 }, end: { line: 6, column: 2 } });
      expect(booking.members.map((m) => [m.type, m.loc.start.line])).toEqual([
        ['Field', 3],
        ['Field', 4],
        ['BlockAttribute', 5],
      ]);
      expect(r.ast.comments.map((c) => [c.value, c.loc.start.line, c.loc.end.line])).toEqual([
        [' bookings', 1, 1],
        [' key', 3, 3],
      ]);
    }
    const broken = parsePrisma('model Booking {\r  id String @id\r  x Str ing\r}\r', { validate: true });
    expect(broken.ok ? 'ok' : broken.errors[0]).toMatchObject({ line: 3, column: 9 });
    // A `\r` ends a string as a `\n` does.
    expect(parsePrisma('model A {\r  id String @default("x\ry")\r}\r').ok).toBe(false);
  });

  it('a trailing comma in an argument or list (valid Prisma) is not reported by the second grammar', () => {
    const r = parsePrisma('model Booking {\n  id String @id\n  p String?\n  @@unique([p,], map: "booking_p",)\n  @@index([id, p ,  ])\n}\n', { validate: true });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect((r.ast.body[0] as PrismaModel).members[2]).toMatchObject({ type: 'BlockAttribute', name: 'unique', fields: ['p'] });
  });

  it('a parse error never echoes a stray token of the file (it may be a secret), and stays short', () => {
    const long = 'y'.repeat(1_000_000);
    for (const text of [
      `model A {\n  id Int @id\n  x String ${long}\n}\n`,
      `model ${long} {\n  id Int @id\n  x Str ing\n}\n`,
      `${long} {\n}\n`,
      `model A { ${long} Int }\n`, // reported by prisma-ast
    ]) {
      const r = parsePrisma(text, { validate: true });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      // A declared block name may be quoted (clipped to 40 characters); a stray word is named by its kind.
      const message = r.errors[0]?.message ?? '';
      expect(message.length).toBeLessThan(200);
      if (!text.startsWith('model yy')) expect(message).not.toContain('yyyy');
    }
    for (const secret of ['sk_live_51Habc', '"sk_live_51Habc"', 'STRIPE_SECRET_KEY=sk_live_51Habc']) {
      for (const text of [`${secret}\n`, `model A {\n  id Int @id ${secret}\n}\n`, `model A {\n  id Int @id\n  ${secret}\n}\n`]) {
        const r = parsePrisma(text, { validate: true });
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.errors[0]?.message).not.toContain('sk_live');
      }
    }
  });

  it.each([
    ['an unknown block keyword', 'modle Booking {\n}\n', 1, 1, /Unexpected word: a schema holds only model/],
    ['a block never closed', 'model A {\n  id Int @id\n}\nmodel Booking {\n  id Int @id\n', 4, 1, /`model Booking` is missing its closing `}`/],
    ['an unterminated string', 'model A {\n  id String @default("x)\n}\n', 2, 22, /Unterminated string/],
    ['a field without a type', 'model A {\n  id Int @id\n  name\n}\n', 3, 7, /Expected the field's type at the end of model `A`/],
    ['a stray word after a type', 'model A {\n  id Int @id\n  name Str ing ing\n}\n', 3, 12, /Unexpected word in model `A`: expected an attribute/],
    ['a bad attribute argument list', 'model A {\n  b Booking @relation(fields: [x] references: [id])\n}\n', 2, 35, /expected `,` or `\)`/],
    ['a list closed by `)`', 'model A {\n  @@index([a, b)\n}\n', 2, 16, /Expected `]` but found `\)`/],
    ['an argument list never closed', 'model A {\n  id Int @default(autoincrement()\n}\n', 2, 18, /This `\(` is never closed/],
    ['a datasource line that is not an assignment', 'datasource db {\n  provider "postgresql"\n}\n', 2, 12, /expected `=`/],
    ['a field on the brace line (found by prisma-ast)', 'model A { id Int }\n', 1, 11, /line break/],
    ['a character Prisma does not know', 'model A {\n  id Int @id %\n}\n', 2, 14, /Unexpected character `%`/],
  ])('reports %s at its line and column, never throws', (_name, text, line, column, message) => {
    const r = parsePrisma(text, { validate: true });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]).toMatchObject({ line, column });
    expect(r.errors[0]?.message).toMatch(message);
  });
});

describe('prismaLanguage', () => {
  it('has the Language shape ESLint 9.15+ and 10 expect', () => {
    expect(prismaLanguage).toMatchObject({ fileType: 'text', lineStart: 1, columnStart: 1, nodeTypeKey: 'type' });
    expect(prismaLanguage.visitorKeys?.Schema).toEqual(['body']);
    expect(() => prismaLanguage.validateLanguageOptions({})).not.toThrow();
    expect(plugin.languages.prisma).toBe(prismaLanguage);
  });

  it('parse → createSourceCode: locations, text, parents, traversal in document order', () => {
    const file = { path: 'schema.prisma', physicalPath: 'schema.prisma', bom: false, body: SCHEMA };
    const parsed = prismaLanguage.parse(file, { languageOptions: {} });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const sc = prismaLanguage.createSourceCode(file, parsed, { languageOptions: {} });
    expect(sc).toBeInstanceOf(PrismaSourceCode);
    const booking = parsed.ast.body[2] as PrismaModel;
    expect(sc.getText(booking.name)).toBe('Booking');
    expect(sc.getLoc(booking).start).toEqual({ line: 12, column: 1 });
    expect(sc.getLocFromIndex(booking.range[0])).toEqual({ line: 12, column: 1 });
    const entered = [...sc.traverse()].filter((s) => s.kind === 1 && s.phase === 1).map((s) => (s.target as { type: string }).type);
    expect(entered.slice(0, 8)).toEqual(['Schema', 'Generator', 'Identifier', 'Assignment', 'Identifier', 'Assignment', 'Identifier', 'Datasource']);
    expect(sc.getParent(booking.members[0]!)).toBe(booking);
    expect(sc.getAncestors(booking.name).map((n) => n.type)).toEqual(['Schema', 'Model']);
  });

  it('a syntax error is a parse error with line and column', () => {
    const file = { path: 's.prisma', physicalPath: 's.prisma', bom: false, body: 'model A {\n  id Int @id\n  x Str ing\n}\n' };
    expect(prismaLanguage.parse(file, { languageOptions: {} })).toEqual({
      ok: false,
      errors: [{ message: 'Unexpected word in model `A`: expected an attribute (`@…`)', line: 3, column: 9 }],
    });
  });
});

describe('linting .prisma files with ESLint', () => {
  const filename = path.join(fixturesDir, 'prisma', 'not-unique', 'prisma', 'schema.prisma');
  const config: Linter.Config[] = [
    {
      files: ['**/*.prisma'],
      plugins: { 'booking-payment': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      language: 'booking-payment/prisma',
      rules: { 'booking-payment/prisma-booking-payment-column': 'error' },
    },
  ];
  const linter = new Linter({ cwd: path.join(fixturesDir, 'prisma', 'not-unique') });
  const bare = 'model Booking {\n  id String @id\n}\n';

  it('reports a rule on the schema', () => {
    const messages = linter.verify(bare, config, filename);
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['booking-payment/prisma-booking-payment-column', 1, 1]]);
  });

  it('a broken schema is a fatal parsing error at its line and column, not a crash', () => {
    const messages = linter.verify('model Booking {\n  id String @id\n  x Str ing\n}\n', config, filename);
    expect(messages).toEqual([
      expect.objectContaining({
        fatal: true,
        ruleId: null,
        line: 3,
        column: 9,
        message: 'Parsing error: Unexpected word in model `Booking`: expected an attribute (`@…`)',
      }),
    ]);
  });

  it('// eslint-disable-next-line, -line, block disable/enable and inline rule config work', () => {
    const variants = [
      `// eslint-disable-next-line booking-payment/prisma-booking-payment-column -- paid elsewhere\n${bare}`,
      bare.replace('model Booking {', 'model Booking { // eslint-disable-line booking-payment/prisma-booking-payment-column'),
      `// eslint-disable booking-payment/prisma-booking-payment-column\n${bare}// eslint-enable booking-payment/prisma-booking-payment-column\n`,
      `// eslint booking-payment/prisma-booking-payment-column: "off"\n${bare}`,
    ];
    for (const text of variants) expect(linter.verify(text, config, filename)).toEqual([]);
  });

  it('a doc comment (///) is documentation, not a directive', () => {
    const text = `/// eslint-disable-next-line booking-payment/prisma-booking-payment-column\n${bare}`;
    expect(linter.verify(text, config, filename)).toHaveLength(1);
  });

  it('reports an unused disable directive when asked to', () => {
    const text = '// eslint-disable-next-line booking-payment/prisma-booking-payment-column\nmodel Booking {\n  id String @id\n  paymentIntentId String? @unique\n}\n';
    const messages = linter.verify(text, [...config, { linterOptions: { reportUnusedDisableDirectives: 'error' } }], filename);
    expect(messages).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/Unused eslint-disable directive/) })]);
  });

  it('esquery selectors work on the tree (attribute selectors, :exit)', () => {
    const seen: string[] = [];
    const probe: Linter.Config = {
      files: ['**/*.prisma'],
      plugins: {
        probe: {
          rules: {
            fields: {
              create: () => ({
                'Model > Field[optional=true]': (node: PrismaField) => seen.push(`optional ${node.name.name}`),
                'Schema:exit': () => seen.push('exit'),
              }),
            },
          },
        },
      },
      language: 'booking-payment/prisma',
      rules: { 'probe/fields': 'error' },
    };
    linter.verify(SCHEMA, [{ ...config[0], rules: {} }, probe], filename);
    expect(seen).toEqual(['optional note', 'exit']);
  });
});
