/**
 * A cursor over JavaScript/TypeScript text for the quick scan: a position that moves past whitespace,
 * comments, strings, template text, regular expressions, words and numbers, one reader each; the line and
 * column of any index; and a stack of open brackets that checks each closer against its opener.
 *
 * Every token reader moves forward at least one character and none goes past the end of the text, so no
 * input (an unterminated string, comment, template or regular expression) makes a scan loop.
 */

const IDENT_PART = /[\w$]/;
const NUMBER_PART = /[\w.]/;

export class Cursor {
  /** The index of the next character to read. */
  pos = 0;
  readonly length: number;
  /** The last index whose line was asked for, that line, and the index its line starts at. */
  private lineCheckpoint = { at: 0, line: 1, lineStart: 0 };

  constructor(readonly text: string) {
    this.length = text.length;
  }

  get done(): boolean {
    return this.pos >= this.length;
  }

  /** The character `offset` characters after the cursor ('' past the end). */
  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  advance(count: number): void {
    this.pos = Math.min(this.pos + count, this.length);
  }

  /**
   * The index of the first character at or after `from` that is neither a space, a tab, a line break nor
   * part of a comment; the end of the text when an unterminated block comment runs to it.
   */
  triviaEnd(from: number): number {
    const text = this.text;
    const n = this.length;
    let j = from;
    while (j < n) {
      const c = text[j]!;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
        j++;
      } else if (c === '/' && text[j + 1] === '/') {
        const end = text.indexOf('\n', j + 2);
        j = end < 0 ? n : end;
      } else if (c === '/' && text[j + 1] === '*') {
        const end = text.indexOf('*/', j + 2);
        j = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    return j;
  }

  /** Moves past whitespace and comments. */
  skipTrivia(): void {
    this.pos = this.triviaEnd(this.pos);
  }

  /**
   * From the quote at the cursor: moves past the string and returns its text between the quotes (to the end
   * of the text when it is not closed). Null when a line ends inside it (a `\` line continuation does not).
   */
  readQuoted(): string | null {
    const text = this.text;
    const quote = text[this.pos];
    let k = this.pos + 1;
    while (k < this.length && text[k] !== quote) {
      if (text[k] === '\\') k++;
      else if (text[k] === '\n') return null;
      k++;
    }
    const content = text.slice(this.pos + 1, k);
    this.pos = Math.min(k + 1, this.length);
    return content;
  }

  /**
   * From the '`' opening a template, or the '}' closing one of its `${`: moves past the template's next
   * text part. True when that part ends at a `${` (an expression follows), false at the closing '`' or
   * the end of the text.
   */
  skipTemplatePart(): boolean {
    const text = this.text;
    let k = this.pos + 1;
    while (k < this.length) {
      const c = text[k]!;
      if (c === '\\') {
        k += 2;
      } else if (c === '`') {
        this.pos = k + 1;
        return false;
      } else if (c === '$' && text[k + 1] === '{') {
        this.pos = k + 2;
        return true;
      } else {
        k++;
      }
    }
    this.pos = this.length;
    return false;
  }

  /**
   * From the '/' opening a regular expression: moves past it and its flags (to the end of the text when it
   * is not closed). False when a line ends inside it.
   */
  skipRegExp(): boolean {
    const text = this.text;
    let k = this.pos + 1;
    let inClass = false;
    while (k < this.length) {
      const d = text[k]!;
      if (d === '\\') k += 2;
      else if (d === '\n') return false;
      else if (d === '[') {
        inClass = true;
        k++;
      } else if (d === ']') {
        inClass = false;
        k++;
      } else if (d === '/' && !inClass) break;
      else k++;
    }
    this.pos = Math.min(k + 1, this.length);
    while (this.pos < this.length && IDENT_PART.test(text[this.pos]!)) this.pos++;
    return true;
  }

  /** From the first character of an identifier: moves past it and returns it. */
  readWord(): string {
    const start = this.pos;
    let k = start + 1;
    while (k < this.length && IDENT_PART.test(this.text[k]!)) k++;
    this.pos = k;
    return this.text.slice(start, k);
  }

  /** From the first digit of a number: moves past it (digits, letters, `_` and dots). */
  skipNumber(): void {
    let k = this.pos + 1;
    while (k < this.length && NUMBER_PART.test(this.text[k]!)) k++;
    this.pos = k;
  }

  /**
   * The 1-based line and column of index `at` (lines end at '\n'). Counts on from the last index asked
   * for, so asking in increasing order, as a scan does, reads the text once.
   */
  position(at: number): { line: number; column: number } {
    let { at: k, line, lineStart } = this.lineCheckpoint;
    if (at < k) ({ at: k, line, lineStart } = { at: 0, line: 1, lineStart: 0 });
    const text = this.text;
    for (; k < at; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    this.lineCheckpoint = { at, line, lineStart };
    return { line, column: at - lineStart + 1 };
  }
}

/** An opening bracket: `(`, `[`, `{`, or the `${` that opens an expression inside a template (closed by `}`). */
export type OpenBracket = '(' | '[' | '{' | '${';
type CloseBracket = ')' | ']' | '}';

/** How many open brackets a stray closer is matched against. */
const LENIENT_LOOKBACK = 64;

const OPENERS: Record<CloseBracket, readonly OpenBracket[]> = { ')': ['('], ']': ['['], '}': ['{', '${'] };

/** The open brackets at the cursor, innermost last, each with what the scan knows of it. */
export class Brackets<T extends { ch: OpenBracket }> {
  private readonly stack: T[] = [];

  get depth(): number {
    return this.stack.length;
  }

  /** The innermost open bracket. */
  get innermost(): T | undefined {
    return this.stack[this.stack.length - 1];
  }

  open(frame: T): void {
    this.stack.push(frame);
  }

  /** Closes the innermost bracket with `close`: the bracket closed, or null when none is open or it does not match. */
  close(close: CloseBracket): T | null {
    const frame = this.stack.pop();
    return frame && OPENERS[close].includes(frame.ch) ? frame : null;
  }

  /**
   * Closes the innermost bracket that `close` matches, dropping any unmatched ones inside it; when none
   * matches, nothing is closed (the closer is stray). Null when none matches.
   */
  closeLenient(close: CloseBracket): T | null {
    // Looked for among the innermost few only, so that a text full of stray openers stays linear.
    for (let s = this.stack.length - 1; s >= Math.max(0, this.stack.length - LENIENT_LOOKBACK); s--) {
      if (OPENERS[close].includes(this.stack[s]!.ch)) {
        const frame = this.stack[s]!;
        this.stack.length = s;
        return frame;
      }
    }
    return null;
  }

  /** The open brackets from the innermost out. */
  *outward(): Generator<T> {
    for (let s = this.stack.length - 1; s >= 0; s--) yield this.stack[s]!;
  }
}
