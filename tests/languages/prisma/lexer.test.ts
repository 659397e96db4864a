import { describe, expect, it } from 'vitest';

import { Lexer, type RawComment, type Token } from '../../../src/languages/prisma/parser/lexer.js';
import { parsePrisma } from '../../../src/languages/prisma/parser/index.js';
import { readSchemaModels } from '../../../src/schema/model.js';

/** Every token of `text` (kind and text), the comments, and how many steps the scan took. */
function lex(text: string): { tokens: [string, string][]; comments: RawComment[]; steps: number } {
  const comments: RawComment[] = [];
  const lexer = new Lexer(text, comments);
  const tokens: [string, string][] = [];
  for (let t: Token | undefined = lexer.next(); t; t = lexer.next()) tokens.push([t.kind, t.text]);
  return { tokens, comments, steps: lexer.steps };
}

function lexError(text: string): { message: string; offset: number } {
  try {
    lex(text);
  } catch (error) {
    const e = error as { message: string; offset: number };
    return { message: e.message, offset: e.offset };
  }
  throw new Error('expected a scan error');
}

describe('comments', () => {
  it('a `//` comment runs to the line break (\\n, \\r\\n or a lone \\r), which stays a token', () => {
    for (const lineBreak of ['\n', '\r\n', '\r']) {
      const text = `a // note${lineBreak}b`;
      const { tokens, comments } = lex(text);
      expect(tokens).toEqual([
        ['ident', 'a'],
        ['newline', '\n'],
        ['ident', 'b'],
      ]);
      expect(comments).toEqual([{ start: 2, end: 9, doc: false }]);
    }
  });

  it('`///` is a doc comment; `/` alone is not a comment', () => {
    expect(lex('/// doc\n').comments).toEqual([{ start: 0, end: 7, doc: true }]);
    expect(lexError('a / b')).toEqual({ message: 'Unexpected character `/`', offset: 2 });
  });

  it('a comment without a final line break ends at the end of the text', () => {
    const text = 'model A {\n}\n// last words';
    expect(lex(text).comments).toEqual([{ start: 12, end: text.length, doc: false }]);
  });

  it('`//` inside a string is text, not a comment', () => {
    const { tokens, comments } = lex('url = "https://example.com" // real');
    expect(tokens.map((t) => t[0])).toEqual(['ident', 'punct', 'string']);
    expect(tokens[2]?.[1]).toBe('"https://example.com"');
    expect(comments).toHaveLength(1);
  });
});

describe('strings', () => {
  it('an escaped quote does not end a string', () => {
    expect(lex(String.raw`@default("say \"hi\"")`).tokens).toEqual([
      ['at', '@'],
      ['ident', 'default'],
      ['punct', '('],
      ['string', String.raw`"say \"hi\""`],
      ['punct', ')'],
    ]);
  });

  it('a string ends on its line: a line break before the closing quote is an unterminated string at its start', () => {
    expect(lexError('x = "abc\n"')).toEqual({ message: 'Unterminated string: add the closing `"`', offset: 4 });
    expect(lexError('x = "abc')).toEqual({ message: 'Unterminated string: add the closing `"`', offset: 4 });
  });
});

describe('linear scanning', () => {
  it('a 100,000-character comment without a final line break is one step, however long', () => {
    const head = 'model Booking {\n  id String @id\n}\n';
    const short = lex(`${head}// ${'x'.repeat(10)}`);
    const long = lex(`${head}// ${'x'.repeat(100_000)}`);
    expect(long.steps).toBe(short.steps);
    expect(long.comments).toEqual([{ start: head.length, end: head.length + 3 + 100_000, doc: false }]);
  });

  it('steps grow with the number of tokens, not with the length of comments and strings', () => {
    const line = (filler: number) => `  note String @default("${'s'.repeat(filler)}") // ${'c'.repeat(filler)}\n`;
    const text = (filler: number) => `model Booking {\n${line(filler).repeat(50)}}\n`;
    expect(lex(text(10_000)).steps).toBe(lex(text(1)).steps);
  });

  it('a 5,000,000-character trailing comment reads completely, in the tree and in the schema model', () => {
    const comment = 'x'.repeat(5_000_000);
    const text = `model Booking {\n  id String @id\n}\n//${comment}`;
    const tree = parsePrisma(text);
    expect(tree.ok && tree.ast.comments.map((c) => c.value.length)).toEqual([comment.length]);
    expect(readSchemaModels(text, '/p/schema.prisma')).toMatchObject({ ok: true, models: [{ name: 'Booking' }] });
  });
});
