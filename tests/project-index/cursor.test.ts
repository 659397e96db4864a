import { describe, expect, it } from 'vitest';

import { Brackets, Cursor, type OpenBracket } from '../../src/project-index/quick-scan/cursor.js';

/** A cursor at the first occurrence of `at` in `text`. */
function cursorAt(text: string, at: string): Cursor {
  const cursor = new Cursor(text);
  cursor.pos = text.indexOf(at);
  expect(cursor.pos).toBeGreaterThanOrEqual(0);
  return cursor;
}

describe('Cursor.triviaEnd / skipTrivia (whitespace and comments)', () => {
  it('skips spaces, tabs, line breaks, line comments and block comments', () => {
    const text = ' \t\r\n// a line comment\n  /* a\n block */ /**/x';
    expect(new Cursor(text).triviaEnd(0)).toBe(text.indexOf('x'));
    const cursor = new Cursor(text);
    cursor.skipTrivia();
    expect(cursor.peek()).toBe('x');
  });

  it('stops at anything else: a division, a word, a non-breaking space', () => {
    expect(new Cursor('  / 2').triviaEnd(0)).toBe(2);
    expect(new Cursor('a // b').triviaEnd(0)).toBe(0);
    expect(new Cursor('\u00a0x').triviaEnd(0)).toBe(0);
  });

  it('runs to the end of the text on an unterminated block comment or a last line comment', () => {
    expect(new Cursor('x /* never closed').triviaEnd(1)).toBe(17);
    expect(new Cursor('x // last line').triviaEnd(1)).toBe(14);
    expect(new Cursor('/*/').triviaEnd(0)).toBe(3);
  });

  it('leaves the line break that ends a line comment to the caller', () => {
    const text = 'a // c\nb';
    expect(new Cursor(text).triviaEnd(1)).toBe(text.length - 1);
  });
});

describe('Cursor.readQuoted', () => {
  it('reads a string to its closing quote, escapes and line continuations included', () => {
    const cursor = cursorAt(`x = 'it\\'s' + "a\\\nb";`, "'");
    expect(cursor.readQuoted()).toBe("it\\'s");
    expect(cursor.peek()).toBe(' ');
    cursor.pos = cursor.text.indexOf('"');
    expect(cursor.readQuoted()).toBe('a\\\nb');
    expect(cursor.peek()).toBe(';');
  });

  it('gives null when a line ends inside the string', () => {
    expect(cursorAt('x = "abc\ndef";', '"').readQuoted()).toBeNull();
  });

  it('reads an unclosed string to the end of the text and stops there', () => {
    const cursor = cursorAt("x = 'abc", "'");
    expect(cursor.readQuoted()).toBe('abc');
    expect(cursor.done).toBe(true);
    expect(cursor.pos).toBe(cursor.length);
  });
});

describe('Cursor.skipTemplatePart', () => {
  it('moves past a template without expressions', () => {
    const cursor = cursorAt('x = `a \\` b\nc`;', '`');
    expect(cursor.skipTemplatePart()).toBe(false);
    expect(cursor.peek()).toBe(';');
  });

  it('stops after each `${`, and goes on from the `}` that closes it', () => {
    const text = 'x = `a ${b} c ${d}`;';
    const cursor = cursorAt(text, '`');
    expect(cursor.skipTemplatePart()).toBe(true);
    expect(cursor.peek()).toBe('b');
    cursor.pos = text.indexOf('}');
    expect(cursor.skipTemplatePart()).toBe(true);
    expect(cursor.peek()).toBe('d');
    cursor.pos = text.lastIndexOf('}');
    expect(cursor.skipTemplatePart()).toBe(false);
    expect(cursor.peek()).toBe(';');
  });

  it('does not take an escaped `\\${` or a lone `$` for an expression', () => {
    const cursor = cursorAt('`\\${a} $ {b} $`;', '`');
    expect(cursor.skipTemplatePart()).toBe(false);
    expect(cursor.peek()).toBe(';');
  });

  it('stops at the end of an unclosed template', () => {
    const cursor = cursorAt('x = `abc \\', '`');
    expect(cursor.skipTemplatePart()).toBe(false);
    expect(cursor.pos).toBe(cursor.length);
  });
});

describe('Cursor.skipRegExp', () => {
  it('moves past a regular expression and its flags; a `/` in a class or escaped does not end it', () => {
    const cursor = cursorAt('x = /[/]\\/a/gi.test(s);', '/');
    expect(cursor.skipRegExp()).toBe(true);
    expect(cursor.peek()).toBe('.');
  });

  it('is false when a line ends inside it, and stops at the end of an unclosed one', () => {
    expect(cursorAt('x = /abc\n/', '/').skipRegExp()).toBe(false);
    const cursor = cursorAt('x = /abc\\', '/');
    expect(cursor.skipRegExp()).toBe(true);
    expect(cursor.pos).toBe(cursor.length);
  });
});

describe('Cursor words, numbers and positions', () => {
  it('reads identifiers and skips numbers', () => {
    const cursor = new Cursor('$foo_1.bar 0x1F.5n;');
    expect(cursor.readWord()).toBe('$foo_1');
    cursor.advance(1);
    expect(cursor.readWord()).toBe('bar');
    cursor.skipTrivia();
    cursor.skipNumber();
    expect(cursor.peek()).toBe(';');
  });

  it('gives 1-based lines and columns, in any order of asking', () => {
    const text = 'ab\ncd\n\nef';
    const cursor = new Cursor(text);
    expect(cursor.position(text.indexOf('d'))).toEqual({ line: 2, column: 2 });
    expect(cursor.position(text.indexOf('f'))).toEqual({ line: 4, column: 2 });
    expect(cursor.position(1)).toEqual({ line: 1, column: 2 });
    expect(cursor.position(text.indexOf('e'))).toEqual({ line: 4, column: 1 });
  });

  it('never moves past the end of the text', () => {
    const cursor = new Cursor('ab');
    cursor.advance(5);
    expect(cursor.pos).toBe(2);
    expect(cursor.peek()).toBe('');
  });

  it('moves every token reader forward, and never past the end, on any input: a scan cannot loop', () => {
    // unterminated strings, templates, regular expressions and comments, from every start
    const texts = ['`${', "'\\", '/[', '/\\', '/*', '//', '"', '`', '${`}', '/[/', 'a', '1'];
    const readers = [
      (c: Cursor) => c.readQuoted(),
      (c: Cursor) => c.skipTemplatePart(),
      (c: Cursor) => c.skipRegExp(),
      (c: Cursor) => c.readWord(),
      (c: Cursor) => c.skipNumber(),
    ];
    for (const text of texts) {
      for (let start = 0; start < text.length; start++) {
        for (const read of readers) {
          const cursor = new Cursor(text);
          cursor.pos = start;
          read(cursor);
          expect(cursor.pos, `${JSON.stringify(text)} from ${start}`).toBeGreaterThan(start);
          expect(cursor.pos).toBeLessThanOrEqual(text.length);
        }
      }
    }
  });
});

describe('Brackets', () => {
  type Frame = { ch: OpenBracket; id: number };

  it('closes each bracket with its own closer, innermost first; `}` closes `{` and a template `${`', () => {
    const brackets = new Brackets<Frame>();
    brackets.open({ ch: '(', id: 1 });
    brackets.open({ ch: '{', id: 2 });
    brackets.open({ ch: '[', id: 3 });
    brackets.open({ ch: '${', id: 4 });
    expect([...brackets.outward()].map((f) => f.id)).toEqual([4, 3, 2, 1]);
    expect(brackets.innermost?.id).toBe(4);
    expect(brackets.close('}')?.id).toBe(4);
    expect(brackets.close(']')?.id).toBe(3);
    expect(brackets.close('}')?.id).toBe(2);
    expect(brackets.close(')')?.id).toBe(1);
    expect(brackets.depth).toBe(0);
  });

  it('gives null for a closer that does not match, or with nothing open', () => {
    const brackets = new Brackets<Frame>();
    expect(brackets.close(')')).toBeNull();
    brackets.open({ ch: '(', id: 1 });
    expect(brackets.close(']')).toBeNull();
    brackets.open({ ch: '[', id: 2 });
    expect(brackets.close('}')).toBeNull();
  });
});
