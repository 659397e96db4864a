/**
 * The quick scan: a bracket-level reading of a file's text that settles most files without parsing them.
 *
 * Token by token (strings, templates, comments and regular expressions skipped by the cursor), it keeps the
 * open brackets and what each is: a call's arguments (with the callee's member chain), an object literal
 * (with the key it is the value of), a block, a class/interface body, an array, a parenthesis, a template's
 * `${`. A candidate column found as an object key is settled by the brackets around it; one found as a
 * member (`x.col = …`) is an assignment. Anything brackets alone cannot settle makes the scan give up
 * (`certain: false`), and the file is parsed instead.
 */
import { NON_DATA_KEYS, writeCall, type ProviderIdWrite } from '../writes.js';
import { Brackets, Cursor, type OpenBracket } from './cursor.js';

type Matches = (name: string) => boolean;

/** An open bracket and what it opens. */
interface Open {
  ch: OpenBracket;
  kind: 'call' | 'object' | 'block' | 'typebody' | 'array' | 'paren' | 'template';
  /**
   * For a call: where its `(` is, so that the member chain of the callee (`prisma.booking.update`) is read
   * only when a candidate key inside needs it; and the word before the `(` when no chain is found.
   */
  callAt?: number;
  callee?: string;
  /** For an object literal: the key it is the value of (`data: {` → `data`). */
  key?: string | null;
}

export interface QuickScanOptions {
  /**
   * Never give up: an occurrence the brackets cannot settle is recorded as an `uncertain` write, an
   * unclosed quote or a closer that matches no opener is stepped over. For text that does not parse.
   */
  lenient?: boolean;
}

interface QuickScanResult {
  writes: ProviderIdWrite[];
  /** False when some occurrence could not be settled from the text: the file must be parsed. */
  certain: boolean;
}

/** Words after which `{` opens a block. */
const BLOCK_KEYWORDS = new Set(['else', 'try', 'finally', 'do']);
/** Words after which `(` opens no call. */
const NON_CALL_KEYWORDS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'function',
  'return',
  'typeof',
  'await',
  'yield',
  'new',
  'in',
  'of',
  'instanceof',
  'void',
  'delete',
  'case',
  'throw',
  'async',
]);
/** Words after which `/` opens a regular expression (and `{` an object literal). */
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'in', 'of', 'instanceof', 'void', 'delete', 'throw', 'yield', 'await', 'new', 'else', 'do']);
const IDENT_START = /[A-Za-z_$]/;
/** How far back a member chain is looked for. */
const CHAIN_LOOKBACK = 200;
const NULLISH = /(?:null|undefined)(?![\w$])/y;
/** How many open brackets a key is looked up through before the scan is unsure (bounds lenient scans of garbage). */
const MAX_OUTWARD = 64;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** `[\w$]`: the characters of an identifier the scan reads (ASCII). */
const isWordChar = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const UNICODE_SPACE = /\s/;
/** `\s`, as a regular expression reads it. */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && UNICODE_SPACE.test(String.fromCharCode(c));
}

/**
 * The member chain that ends at `end` (`prisma.booking.update(` → ['prisma', 'booking', 'update']; `a ?. b`
 * → ['a', 'b']); [] when none. Read backwards, at most CHAIN_LOOKBACK characters: linear in that window.
 * With `dropTrailingDot`, a `.`/`?.` right before `end` is stepped over first (`x.col` at `col` → ['x']).
 */
export function chainBefore(text: string, end: number, { dropTrailingDot = false } = {}): string[] {
  const limit = Math.max(0, end - CHAIN_LOOKBACK);
  let i = end;
  const skipSpaces = (): void => {
    while (i > limit && isSpace(text.charCodeAt(i - 1))) i--;
  };
  skipSpaces();
  if (dropTrailingDot && i > limit && text.charCodeAt(i - 1) === 46 /* . */) {
    i--;
    if (i > limit && text.charCodeAt(i - 1) === 63 /* ? */) i--;
    skipSpaces();
  }
  const names: string[] = [];
  for (;;) {
    const wordEnd = i;
    while (i > limit && isWordChar(text.charCodeAt(i - 1))) i--;
    // An identifier starts with a letter, `_` or `$`: leading digits are not part of it.
    let start = i;
    while (start < wordEnd && isDigit(text.charCodeAt(start))) start++;
    if (start === wordEnd) break;
    names.push(text.slice(start, wordEnd));
    if (start !== i) break;
    skipSpaces();
    if (i <= limit || text.charCodeAt(i - 1) !== 46) break;
    i--;
    if (i > limit && text.charCodeAt(i - 1) === 63) i--;
    skipSpaces();
  }
  return names.reverse();
}

/** Is the word at `start` a member name (`x.col`, `x?.col`)? */
function isMemberName(text: string, start: number): boolean {
  return text.slice(Math.max(0, start - 3), start).trimEnd().endsWith('.');
}

/** One scan of one text: the cursor, the open brackets, the token before the current one, the writes found. */
class QuickScan {
  private readonly cursor: Cursor;
  private readonly brackets = new Brackets<Open>();
  private readonly writes: ProviderIdWrite[] = [];
  /** The previous significant token: a word, a punctuator, `str` (string, template, regex) or `num`. */
  private prev = '';
  /** The word before the last `:` (the key of an object literal opened next). */
  private prevKey: string | null = null;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly matches: Matches,
    private readonly lenient: boolean,
  ) {
    this.cursor = new Cursor(text);
  }

  run(): QuickScanResult {
    const cursor = this.cursor;
    for (cursor.skipTrivia(); !cursor.done; cursor.skipTrivia()) {
      const at = cursor.pos;
      if (this.token()) continue;
      if (!this.lenient) return { writes: this.writes, certain: false };
      // Leniently, what cannot be read is stepped over one character at a time.
      if (cursor.pos <= at) cursor.pos = at + 1;
      this.prev = '';
    }
    return { writes: this.writes, certain: !this.lenient && this.brackets.depth === 0 };
  }

  /** Reads the token at the cursor; false when the text cannot be settled without parsing. */
  private token(): boolean {
    const c = this.cursor.peek();
    if (c === '"' || c === "'") return this.string();
    if (c === '`') {
      this.templatePart();
      return true;
    }
    if (c === '/') return this.slash();
    if (IDENT_START.test(c)) return this.word();
    if (c >= '0' && c <= '9') {
      this.cursor.skipNumber();
      this.prev = 'num';
      return true;
    }
    return this.punctuator(c);
  }

  /** A quoted string; a quoted candidate (`'paymentIntentId': …`) may be a key: the parser decides. */
  private string(): boolean {
    const start = this.cursor.pos;
    const content = this.cursor.readQuoted();
    if (content === null) {
      if (!this.lenient) return false;
      // An apostrophe in JSX text, say: step over the quote alone.
      this.cursor.pos = start + 1;
    } else if (this.matches(content)) {
      if (!this.lenient) return false;
      if (this.brackets.innermost?.kind === 'object') this.objectKey(content, start, this.cursor.triviaEnd(this.cursor.pos));
    }
    this.prev = 'str';
    return true;
  }

  /** A template's text up to its end or its next `${`, which opens a bracket. */
  private templatePart(): void {
    if (this.cursor.skipTemplatePart()) {
      this.brackets.open({ ch: '${', kind: 'template' });
      this.prev = '{';
    } else {
      this.prev = 'str';
    }
  }

  /** A division after an operand, else a regular expression. */
  private slash(): boolean {
    if (this.prevEndsOperand()) {
      this.cursor.advance(1);
      this.prev = '/';
      return true;
    }
    if (!this.cursor.skipRegExp()) return false;
    this.prev = 'str';
    return true;
  }

  private prevEndsOperand(): boolean {
    const p = this.prev;
    return p === ')' || p === ']' || p === 'str' || p === 'num' || (IDENT_START.test(p[0] ?? '') && !REGEX_AFTER_WORDS.has(p));
  }

  /** Is the previous token a word (an identifier or keyword)? */
  private prevIsWord(): boolean {
    return IDENT_START.test(this.prev[0] ?? '') && this.prev !== 'str' && this.prev !== 'num';
  }

  private word(): boolean {
    const start = this.cursor.pos;
    const word = this.cursor.readWord();
    if (this.matches(word) && !this.candidate(word, start)) return false;
    this.prev = word;
    return true;
  }

  /** A candidate column name at `start` (the cursor is after it): a member assigned, or an object key. */
  private candidate(word: string, start: number): boolean {
    const after = this.cursor.triviaEnd(this.cursor.pos);
    if (isMemberName(this.text, start)) {
      this.memberAssignment(word, start, after);
      return true;
    }
    if (this.brackets.innermost?.kind !== 'object') return true;
    return this.objectKey(word, start, after);
  }

  /** `x.col = value` (not `==`, not `=>`) is a write through `x` unless the value is null or undefined. */
  private memberAssignment(word: string, start: number, after: number): void {
    const t = this.text;
    if (t[after] !== '=' || t[after + 1] === '=' || t[after + 1] === '>' || this.isNullishAt(after + 1)) return;
    const chain = chainBefore(t, start, { dropTrailingDot: true });
    this.record(start, word, chain[chain.length - 1] ?? '', 'assignment', []);
  }

  /**
   * `{ col: value }` or shorthand `{ col }` in an object literal: a write when the brackets around it are a
   * write call's argument (not under `where:`, `metadata:` …), none when they are no write; false when the
   * brackets cannot tell (an object outside any call).
   */
  private objectKey(word: string, start: number, after: number): boolean {
    const next = this.text[after];
    const isKey = (this.prev === '{' || this.prev === ',') && (next === ':' || next === ',' || next === '}');
    if (!isKey || (next === ':' && this.isNullishAt(after + 1))) return true;
    const keys: string[] = [];
    const write = this.enclosingWrite(keys);
    if (write === 'unsure') {
      if (!this.lenient) return false;
      this.record(start, word, '', 'orm-write', keys, true);
      return true;
    }
    if (write) this.record(start, word, write.delegate, write.kind, keys);
    return true;
  }

  /**
   * From a key outward: the write of the call whose argument holds it, null when it is no write. `keys`
   * receives the keys of the objects in between, outermost first.
   */
  private enclosingWrite(keys: string[]): ReturnType<typeof writeCall> | 'unsure' {
    let seen = 0;
    for (const open of this.brackets.outward()) {
      if (++seen > MAX_OUTWARD) return 'unsure';
      if (open.kind === 'object') {
        if (open.key && NON_DATA_KEYS.has(open.key)) return null;
        if (open.key) keys.unshift(open.key);
      } else if (open.kind === 'typebody') {
        return null;
      } else if (open.kind === 'call') {
        const chain = chainBefore(this.text, open.callAt ?? 0);
        return writeCall(chain.length > 0 ? chain : [open.callee ?? '']);
      } else if (open.kind !== 'array') {
        return 'unsure';
      }
    }
    return 'unsure';
  }

  private isNullishAt(from: number): boolean {
    NULLISH.lastIndex = this.cursor.triviaEnd(from);
    return NULLISH.test(this.text);
  }

  private record(start: number, idColumn: string, delegate: string, kind: ProviderIdWrite['kind'], path: string[], uncertain = false): void {
    const { line, column } = this.cursor.position(start);
    const write: ProviderIdWrite = { file: this.file, line, column, delegate, idColumn, kind, path };
    if (uncertain) write.uncertain = true;
    this.writes.push(write);
  }

  /** Brackets, `:`, `=>`, `...` and any other punctuator; false on a closer that matches no opener. */
  private punctuator(c: string): boolean {
    const cursor = this.cursor;
    switch (c) {
      case '(':
        this.brackets.open(this.parenthesis());
        break;
      case '[':
        this.brackets.open({ ch: '[', kind: 'array' });
        break;
      case '{':
        this.brackets.open(this.brace());
        break;
      case ')':
      case ']':
        if (!this.close(c)) return false;
        break;
      case '}': {
        const open = this.close(c);
        if (!open) return false;
        if (open.ch === '${') {
          this.templatePart();
          return true;
        }
        break;
      }
      case ':':
        this.prevKey = this.prevIsWord() ? this.prev : null;
        break;
      case '=':
        if (cursor.peek(1) === '>') {
          cursor.advance(2);
          this.prev = '=>';
          return true;
        }
        break;
      case '.':
        if (cursor.peek(1) === '.' && cursor.peek(2) === '.') {
          cursor.advance(3);
          this.prev = '...';
          return true;
        }
        break;
      default:
        break;
    }
    cursor.advance(1);
    this.prev = c;
    return true;
  }

  /** Closes the innermost bracket; leniently, a closer that matches none is stepped over (null only when strict). */
  private close(c: ')' | ']' | '}'): Open | null {
    if (!this.lenient) return this.brackets.close(c);
    const open = this.brackets.closeLenient(c);
    return open ?? { ch: '{', kind: 'block' };
  }

  /** `name(` opens a call (with the callee's member chain); any other `(` a parenthesis. */
  private parenthesis(): Open {
    if (!this.prevIsWord() || NON_CALL_KEYWORDS.has(this.prev)) return { ch: '(', kind: 'paren' };
    return { ch: '(', kind: 'call', callAt: this.cursor.pos, callee: this.prev };
  }

  /** `{` opens a block after `)`, `=>`, `;`, a brace or a block keyword; a class/interface/enum body after a name; else an object. */
  private brace(): Open {
    const p = this.prev;
    if (p === ')' || p === '=>' || p === '{' || p === '}' || p === ';' || p === '' || BLOCK_KEYWORDS.has(p)) {
      return { ch: '{', kind: 'block' };
    }
    if (this.prevIsWord() && !REGEX_AFTER_WORDS.has(p)) return { ch: '{', kind: 'typebody' };
    return { ch: '{', kind: 'object', key: p === ':' ? this.prevKey : null };
  }
}

/**
 * Reads the text bracket by bracket (skipping strings, templates, comments and regular expressions) and
 * classifies every candidate column written as an object key or assigned as a member. `certain` is false
 * when some occurrence cannot be settled this way (an object literal outside a call, a `const` data object,
 * a quoted key, unbalanced brackets): the file is then parsed.
 */
export function quickScan(text: string, file: string, matches: Matches, options: QuickScanOptions = {}): QuickScanResult {
  return new QuickScan(text, file, matches, options.lenient === true).run();
}
