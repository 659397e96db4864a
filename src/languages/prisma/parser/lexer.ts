/**
 * The tokens of a `.prisma` text: words, strings, numbers, punctuation, `@`/`@@` and line breaks, one at a
 * time. Whitespace is skipped and `//` comments are collected apart. Every step moves forward: a comment or
 * a string is read with one search (a sticky regular expression or a search for the next line break), so a
 * 100,000-character comment without a final line break costs one step, not one per character.
 */

export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'at' | 'atat' | 'newline';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
}

/** A `//` comment's extent (the `//` included, the line break not); `doc` for `///`. */
export interface RawComment {
  start: number;
  end: number;
  doc: boolean;
}

/** A syntax problem at an offset of the text (turned into a parse error with line and column). */
export class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Words a message may quote: Prisma's own keywords, scalar types and attribute words. */
const QUOTABLE_WORDS = new Set([
  'model', 'view', 'type', 'enum', 'datasource', 'generator', 'String', 'Int', 'BigInt', 'Float', 'Decimal',
  'Boolean', 'DateTime', 'Json', 'Bytes', 'Unsupported', 'true', 'false', 'null',
]);

/**
 * A token as an error message may show it, without echoing the file's content: punctuation and Prisma's own
 * words are quoted; any other word, string or number is named by its kind (a stray line can hold a secret —
 * an API key pasted into the wrong file must not end up in a lint report or a CI log).
 */
export function describeToken(text: string): string {
  if (/^[{}()[\]?=,:.@]{1,2}$/.test(text) || QUOTABLE_WORDS.has(text)) return `\`${text}\``;
  if (text.startsWith('"')) return 'string';
  if (/^[-+]?\d/.test(text)) return 'number';
  return 'word';
}

/** At most `max` characters of a token for a message (a token can be a megabyte of text). */
export function clip(text: string, max = 40): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // do not split a surrogate pair
  return `${text.slice(0, end)}…`;
}

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const PUNCT = new Set(['{', '}', '(', ')', '[', ']', '?', '=', ',', ':', '.']);

/**
 * Whitespace as Prisma's grammar has it (`SPACE_SEPARATOR | "\t"`: the Unicode space separators, category Zs),
 * plus a byte-order mark. Line breaks (`\n`, `\r\n`, a lone `\r`) are tokens of their own.
 */
const isSpace = (c: number): boolean =>
  c === 32 ||
  c === 9 ||
  c === 0xfeff ||
  (c >= 0xa0 &&
    (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000));

/** Where a comment ends: the next line break of any kind. */
const LINE_BREAK_RE = /[\r\n]/g;
/** A string ends on its line: a line break inside one is an unterminated string. */
const STRING_RE = /"(?:[^"\\\n\r]|\\.)*"/y;
const IDENT_TAIL_RE = /[A-Za-z0-9_-]*/y;
const NUMBER_TAIL_RE = /[0-9.]*/y;

/** End offset of the comment starting at `start` (the next line break, or the end of the text). */
function commentEnd(text: string, start: number): number {
  LINE_BREAK_RE.lastIndex = start;
  return LINE_BREAK_RE.test(text) ? LINE_BREAK_RE.lastIndex - 1 : text.length;
}

function unexpectedCharacter(text: string, at: number): ScanError {
  const cp = text.codePointAt(at) ?? text.charCodeAt(at);
  return new ScanError(
    cp === 0xfffd ? 'A byte that is not UTF-8 text (is the file UTF-8?)' : `Unexpected character \`${String.fromCodePoint(cp)}\``,
    at,
  );
}

/**
 * Produces tokens one at a time (comments go to `comments`). Streaming keeps the live heap small: a block's
 * tokens are garbage once the block is built, which matters for a cold parse, where young-generation
 * collections copying a whole file's tokens cost more than the scanning itself.
 */
export class Lexer {
  i = 0;
  /** Iterations of the scanning loop so far (one per token, run of blanks or comment): the linearity tests count them. */
  steps = 0;
  readonly n: number;

  constructor(
    readonly text: string,
    readonly comments: RawComment[],
  ) {
    this.n = text.length;
  }

  next(): Token | undefined {
    const text = this.text;
    const n = this.n;
    let i = this.i;
    // One loop, one call a token: this runs cold (interpreted) on the first lint of a large schema, where
    // every extra call a token shows in the cold parse time.
    while (i < n) {
      this.steps++;
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        // Runs of spaces are most of a formatted schema: skip them in one tight loop.
        i++;
        while (text.charCodeAt(i) === 32) i++;
        continue;
      }
      if (c === 47 && text.charCodeAt(i + 1) === 47) {
        const end = commentEnd(text, i);
        this.comments.push({ start: i, end, doc: text.charCodeAt(i + 2) === 47 });
        i = end;
        continue;
      }
      let kind: TokenKind;
      let end: number;
      if (c === 10 || c === 13) {
        // `\n`, `\r\n` or a lone `\r` (old Mac line ends): one line break.
        this.i = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
        return { kind: 'newline', start: i, end: this.i, text: '\n' };
      }
      // Sticky regular expressions do the per-character work (native code, fast even before the JIT warms up).
      if (c === 34) {
        STRING_RE.lastIndex = i;
        if (!STRING_RE.test(text)) throw new ScanError('Unterminated string: add the closing `"`', i);
        end = STRING_RE.lastIndex;
        kind = 'string';
      } else if (isIdentStart(c)) {
        IDENT_TAIL_RE.lastIndex = i + 1;
        IDENT_TAIL_RE.test(text);
        end = IDENT_TAIL_RE.lastIndex;
        kind = 'ident';
      } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
        NUMBER_TAIL_RE.lastIndex = i + 1;
        NUMBER_TAIL_RE.test(text);
        end = NUMBER_TAIL_RE.lastIndex;
        kind = 'number';
      } else if (c === 64) {
        kind = text.charCodeAt(i + 1) === 64 ? 'atat' : 'at';
        end = kind === 'atat' ? i + 2 : i + 1;
      } else if (PUNCT.has(text[i] as string)) {
        end = i + 1;
        kind = 'punct';
      } else {
        throw unexpectedCharacter(text, i);
      }
      this.i = end;
      return { kind, start: i, end, text: text.slice(i, end) };
    }
    this.i = n;
    return undefined;
  }
}
