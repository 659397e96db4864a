/**
 * Parses the text of a `.prisma` file into the positioned tree of `./ast.ts`.
 *
 * Our own parser does the reading: a linear token scan splits the text into top-level blocks and each block
 * into members (one a line), and a small recursive-descent grammar reads each member (field, attribute,
 * enum value, assignment) with exact offsets. It is tolerant where Prisma versions differ (a datasource with
 * or without `url`, any generator, views, composite types, `@@schema`) and strict where a schema is broken
 * (an unclosed block, an unterminated string, a stray word, bytes that are not UTF-8), giving the line and
 * column of the first problem.
 *
 * With `validate: true` (the `.prisma` language) every block is also parsed by `@mrleebo/prisma-ast`, whose
 * errors are reported at their absolute position. It is loaded on first need (its module takes about half
 * a second), synchronously (rules are synchronous), and its results are cached by block text, so a keystroke
 * in one model re-parses only that model. The schema loader behind the script rules does not validate this
 * way: cold, prisma-ast costs several times the 150 ms budget for a 300-model schema
 * (docs/decisions/prisma-parser.md).
 */
import { createRequire } from 'node:module';

import type * as PrismaAst from '@mrleebo/prisma-ast';

import type {
  PrismaAssignment,
  PrismaAttribute,
  PrismaBlock,
  PrismaBlockAttribute,
  PrismaComment,
  PrismaEnum,
  PrismaEnumValue,
  PrismaField,
  PrismaIdentifier,
  PrismaModelLike,
  PrismaSchema,
  SourceLocation,
} from './ast.js';

export interface PrismaParseError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  offset: number;
}

export type PrismaParseResult = { ok: true; ast: PrismaSchema } | { ok: false; errors: PrismaParseError[] };

/** How often the parser actually ran: whole texts parsed, and blocks handed to `@mrleebo/prisma-ast`. */
export const parseStats = { texts: 0, blocks: 0, blockCacheHits: 0 };

// ---------------------------------------------------------------------------------------------------------
// Lazy @mrleebo/prisma-ast
// ---------------------------------------------------------------------------------------------------------

interface AstParser {
  getSchema: typeof PrismaAst.getSchema;
  options: { parser: PrismaAst.PrismaParser; visitor: ReturnType<typeof makeVisitor> };
}

function makeVisitor(mod: typeof PrismaAst, parser: PrismaAst.PrismaParser) {
  const Visitor = mod.VisitorClassFactory(parser);
  return new Visitor();
}

let astParser: AstParser | undefined;
let astParserLoadMs: number | undefined;

/**
 * Requires `@mrleebo/prisma-ast` without its configuration search. On load the module looks for a
 * `prisma-ast` config with lilconfig from the process's cwd up to the home directory — and lilconfig
 * `require`s `.prisma-astrc.js` / `prisma-ast.config.js` when it finds one, which would run project code at
 * lint time. Its search is replaced by "no config" for the duration of the require (we pass our own parser
 * options anyway).
 */
function requirePrismaAst(): typeof PrismaAst {
  const require = createRequire(import.meta.url);
  let lilconfig: { lilconfigSync?: unknown } | undefined;
  try {
    lilconfig = createRequire(require.resolve('@mrleebo/prisma-ast'))('lilconfig') as { lilconfigSync?: unknown };
  } catch {
    lilconfig = undefined;
  }
  const original = lilconfig?.lilconfigSync;
  if (lilconfig && typeof original === 'function') {
    lilconfig.lilconfigSync = (name: string, ...rest: unknown[]) =>
      name === 'prisma-ast' ? { search: () => null, load: () => null, clearCaches: () => undefined } : original(name, ...rest);
  }
  try {
    return require('@mrleebo/prisma-ast') as typeof PrismaAst;
  } finally {
    if (lilconfig && typeof original === 'function') lilconfig.lilconfigSync = original;
  }
}

/** Loads `@mrleebo/prisma-ast` once (about 0.3–0.5 s), with a parser that tracks no CST locations (we do). */
function getAstParser(): AstParser {
  if (astParser) return astParser;
  const started = performance.now();
  const mod = requirePrismaAst();
  const parser = new mod.PrismaParser({ nodeLocationTracking: 'none' });
  astParser = { getSchema: mod.getSchema, options: { parser, visitor: makeVisitor(mod, parser) } };
  astParserLoadMs = performance.now() - started;
  return astParser;
}

/** Milliseconds the parser module took to load, or undefined when it has not been loaded yet. */
export function getParserLoadTime(): number | undefined {
  return astParserLoadMs;
}

/** Loads the parser module now (benches measure its load apart from parsing). */
export function preloadParser(): void {
  getAstParser();
}

// ---------------------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------------------

type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'at' | 'atat' | 'newline' | 'other';

interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
}

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const PUNCT = new Set(['{', '}', '(', ')', '[', ']', '?', '=', ',', ':', '.']);
/**
 * Whitespace as Prisma's grammar has it (`SPACE_SEPARATOR | "\t"`: the Unicode space separators, category Zs),
 * plus a byte-order mark. Line breaks (`\n`, `\r\n`, a lone `\r`) are tokens of their own.
 */
const isSpace = (c: number) =>
  c === 32 ||
  c === 9 ||
  c === 0xfeff ||
  (c >= 0xa0 &&
    (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000));
/** The Unicode space separators other than U+0020 (prisma-ast's `\s` knows them; they are rewritten for it). */
const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
/** Where a comment ends: the next line break of any kind. */
const LINE_BREAK_RE = /[\r\n]/g;

/** At most `max` characters of a token for a message (a token can be a megabyte of text). */
function clip(text: string, max = 40): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // do not split a surrogate pair
  return `${text.slice(0, end)}…`;
}

/**
 * Produces tokens one at a time (comments go to `comments`). Streaming keeps the live heap small: a block's
 * tokens are garbage once the block is built, which matters for a cold parse, where young-generation
 * collections copying a whole file's tokens cost more than the scanning itself.
 */
class Lexer {
  i = 0;
  readonly n: number;

  constructor(
    readonly text: string,
    readonly comments: { start: number; end: number; doc: boolean }[],
  ) {
    this.n = text.length;
  }

  next(): Token | undefined {
    const text = this.text;
    const n = this.n;
    let i = this.i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        // Runs of spaces are most of a formatted schema: skip them in one tight loop.
        i++;
        while (text.charCodeAt(i) === 32) i++;
        continue;
      }
      if (c === 10 || c === 13) {
        // `\n`, `\r\n` or a lone `\r` (old Mac line ends): one line break.
        const end = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
        this.i = end;
        return { kind: 'newline', start: i, end, text: '\n' };
      }
      if (c === 47 && text.charCodeAt(i + 1) === 47) {
        LINE_BREAK_RE.lastIndex = i;
        const j = LINE_BREAK_RE.test(text) ? LINE_BREAK_RE.lastIndex - 1 : n;
        this.comments.push({ start: i, end: j, doc: text.charCodeAt(i + 2) === 47 });
        i = j;
        continue;
      }
      // Sticky regular expressions do the per-character work (native code, fast even before the JIT warms up).
      let kind: TokenKind;
      let j: number;
      if (c === 34) {
        STRING_RE.lastIndex = i;
        if (!STRING_RE.test(text)) throw new ScanError('Unterminated string: add the closing `"`', i);
        j = STRING_RE.lastIndex;
        kind = 'string';
      } else if (isIdentStart(c)) {
        IDENT_TAIL_RE.lastIndex = i + 1;
        IDENT_TAIL_RE.test(text);
        j = IDENT_TAIL_RE.lastIndex;
        kind = 'ident';
      } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
        NUMBER_TAIL_RE.lastIndex = i + 1;
        NUMBER_TAIL_RE.test(text);
        j = NUMBER_TAIL_RE.lastIndex;
        kind = 'number';
      } else if (c === 64) {
        if (text.charCodeAt(i + 1) === 64) {
          j = i + 2;
          kind = 'atat';
        } else {
          j = i + 1;
          kind = 'at';
        }
      } else if (PUNCT.has(text[i] as string)) {
        j = i + 1;
        kind = 'punct';
      } else {
        const cp = text.codePointAt(i) ?? c;
        throw new ScanError(
          cp === 0xfffd ? 'A byte that is not UTF-8 text (is the file UTF-8?)' : `Unexpected character \`${String.fromCodePoint(cp)}\``,
          i,
        );
      }
      this.i = j;
      return { kind, start: i, end: j, text: text.slice(i, j) };
    }
    this.i = n;
    return undefined;
  }
}

const STRING_RE = /"(?:[^"\\\n\r]|\\.)*"/y;
const IDENT_TAIL_RE = /[A-Za-z0-9_-]*/y;
const NUMBER_TAIL_RE = /[0-9.]*/y;

// ---------------------------------------------------------------------------------------------------------
// Block structure
// ---------------------------------------------------------------------------------------------------------

const BLOCK_KEYWORDS = {
  model: 'Model',
  view: 'View',
  type: 'CompositeType',
  enum: 'Enum',
  datasource: 'Datasource',
  generator: 'Generator',
} as const;
type BlockKeyword = keyof typeof BLOCK_KEYWORDS;

interface ScannedMember {
  /** Tokens of the member, without newlines. */
  tokens: Token[];
  start: number;
  end: number;
}

interface ScannedBlock {
  keyword: BlockKeyword;
  start: number;
  nameToken: Token;
  open: number;
  close: number;
  members: ScannedMember[];
}

/** Reads top-level blocks from the lexer, handing each to `onBlock` as soon as its `}` is read. */
function scanBlocks(lexer: Lexer, onBlock: (block: ScannedBlock) => void): void {
  for (let tok = lexer.next(); tok; tok = lexer.next()) {
    if (tok.kind === 'newline') continue;
    if (tok.kind !== 'ident' || !Object.hasOwn(BLOCK_KEYWORDS, tok.text)) {
      throw new ScanError(
        `Unexpected \`${clip(tok.text)}\`: a schema holds only model, view, type, enum, datasource and generator blocks`,
        tok.start,
      );
    }
    const keyword = tok.text as BlockKeyword;
    const nameToken = lexer.next();
    if (!nameToken || nameToken.kind !== 'ident') {
      throw new ScanError(`Expected a name after \`${keyword}\``, nameToken?.start ?? tok.end);
    }
    const openToken = lexer.next();
    if (!openToken || openToken.text !== '{') {
      throw new ScanError(`Expected \`{\` after \`${keyword} ${clip(nameToken.text)}\``, openToken?.start ?? nameToken.end);
    }
    const members: ScannedMember[] = [];
    let current: Token[] = [];
    const open: Token[] = []; // ( and [ not yet closed inside the block
    let close = -1;
    for (let t = lexer.next(); t; t = lexer.next()) {
      if (t.kind === 'newline') {
        if (open.length === 0 && current.length > 0) {
          members.push({ tokens: current, start: (current[0] as Token).start, end: (current.at(-1) as Token).end });
          current = [];
        }
        continue;
      }
      if (t.kind === 'punct') {
        if (t.text === '(' || t.text === '[') open.push(t);
        else if (t.text === ')' || t.text === ']') {
          const opener = open.pop();
          const wanted = opener?.text === '(' ? ')' : opener?.text === '[' ? ']' : undefined;
          if (wanted !== t.text) {
            throw new ScanError(
              wanted ? `Expected \`${wanted}\` but found \`${t.text}\`` : `Unexpected \`${t.text}\`: nothing to close`,
              t.start,
            );
          }
        } else if (t.text === '}') {
          const unclosed = open[0];
          if (unclosed) throw new ScanError(`This \`${unclosed.text}\` is never closed`, unclosed.start);
          close = t.start;
          break;
        } else if (t.text === '{') {
          throw new ScanError(
            `Unexpected \`{\` inside \`${keyword} ${clip(nameToken.text)}\`: is its closing \`}\` missing?`,
            t.start,
          );
        }
      }
      current.push(t);
    }
    if (close === -1) {
      throw new ScanError(`\`${keyword} ${clip(nameToken.text)}\` is missing its closing \`}\``, tok.start);
    }
    if (current.length > 0) {
      members.push({ tokens: current, start: (current[0] as Token).start, end: (current.at(-1) as Token).end });
    }
    onBlock({ keyword, start: tok.start, nameToken, open: openToken.start, close, members });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------------------------------------

/** Offsets where lines start; a line ends at `\n`, `\r\n` or a lone `\r` (as for `PrismaSourceCode`). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    let at = text.indexOf('\n');
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    return starts;
  }
  const re = /\r\n?|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(re.lastIndex);
  return starts;
}

function positionAt(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
}

// ---------------------------------------------------------------------------------------------------------
// prisma-ast per block, cached by block text
// ---------------------------------------------------------------------------------------------------------

/** What the language needs of prisma-ast's verdict on a block: accepted, or the first error and its offset. */
type BlockParse = { ok: true } | { ok: false; message: string; offset: number | undefined };

const BLOCK_OK: BlockParse = { ok: true };
/** Distinct block texts kept; a long editor session edits far fewer blocks than this between clears. */
const BLOCK_CACHE_LIMIT = 2_000;
const blockCache = new Map<string, BlockParse>();

/** Forgets the per-block parse cache (benches measure uncached parses with it). */
export function clearBlockCache(): void {
  blockCache.clear();
}

function cleanChevrotainMessage(message: string): string {
  const found = /but found:?\s*(?:-->\s*)?'([^']*)'/.exec(message)?.[1];
  const shown =
    found === undefined
      ? undefined
      : found === ''
        ? 'the end of the block'
        : found.trim() === ''
          ? 'the end of the line'
          : `\`${clip(found)}\``;
  const expected = /^Expecting\s*-->\s*'?(.*?)'?\s*<--/.exec(message)?.[1];
  if (expected !== undefined && shown) return `Expected ${expected === 'LineBreak' ? 'a line break' : `\`${expected}\``} but found ${shown}`;
  if (shown) return `Unexpected ${shown}`;
  return clip((message.split('\n')[0] ?? message).trim(), 200);
}

/** A copy of `text` that does not share (and so does not retain) the string it was sliced from. */
function detachString(text: string): string {
  return text.length < 16 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}

function parseBlockText(source: string): BlockParse {
  const cached = blockCache.get(source);
  if (cached) {
    parseStats.blockCacheHits++;
    return cached;
  }
  const { getSchema, options } = getAstParser();
  parseStats.blocks++;
  let result: BlockParse;
  try {
    const schema = getSchema(source, options);
    result = schema.list.some((b) => b.type !== 'comment' && b.type !== 'break')
      ? BLOCK_OK
      : { ok: false, message: 'Expected a block', offset: 0 };
  } catch (error) {
    const e = error as { message?: unknown; token?: { startOffset?: number }; previousToken?: { endOffset?: number } };
    const tokenOffset = e.token?.startOffset;
    const prevOffset = e.previousToken?.endOffset;
    const offset =
      typeof tokenOffset === 'number' && Number.isFinite(tokenOffset)
        ? tokenOffset
        : typeof prevOffset === 'number' && Number.isFinite(prevOffset)
          ? prevOffset + 1
          : undefined;
    result = {
      ok: false,
      message: cleanChevrotainMessage(typeof e.message === 'string' ? e.message : String(error)),
      offset,
    };
  }
  if (blockCache.size >= BLOCK_CACHE_LIMIT) blockCache.clear();
  // The key is stored as a copy: `source` is a slice of the whole schema text, and V8 keeps a slice's parent
  // string alive, so every cached block would otherwise hold on to a full copy of the file it came from.
  blockCache.set(detachString(source), result);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Members: a small recursive-descent grammar over one member's tokens
// ---------------------------------------------------------------------------------------------------------

interface ParsedAttr {
  start: number;
  end: number;
  /** Name without `@`/`@@`, with its group: `unique`, `db.VarChar`. */
  name: string;
  argsStart: number;
  argsEnd: number;
  /** `fields: [...]`, or else the first list argument: the field names it lists. */
  fields: string[];
}

class MemberParser {
  i = 0;

  constructor(
    readonly toks: Token[],
    readonly what: string,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.toks[this.i + offset];
  }

  fail(expected: string): never {
    const tok = this.peek();
    if (!tok) {
      const last = this.toks.at(-1);
      throw new ScanError(`Expected ${expected} at the end of ${this.what}`, last ? last.end : 0);
    }
    throw new ScanError(`Unexpected \`${clip(tok.text)}\` in ${this.what}: expected ${expected}`, tok.start);
  }

  ident(expected: string): Token {
    const tok = this.peek();
    if (!tok || tok.kind !== 'ident') this.fail(expected);
    this.i++;
    return tok;
  }

  punct(text: string): boolean {
    if (this.peek()?.text === text && this.peek()?.kind === 'punct') {
      this.i++;
      return true;
    }
    return false;
  }

  done(): boolean {
    return this.i >= this.toks.length;
  }

  dottedName(expected: string): { name: string; end: number } {
    const parts = [this.ident(expected).text];
    while (this.peek()?.text === '.' && this.peek(1)?.kind === 'ident') {
      this.i++;
      parts.push((this.next() as Token).text);
    }
    return { name: parts.join('.'), end: (this.toks[this.i - 1] as Token).end };
  }

  next(): Token | undefined {
    return this.toks[this.i++];
  }

  /** A value; returns the names it lists (`[a, b(sort: Desc)]` → a, b; `a` → a). */
  value(): string[] {
    const tok = this.peek();
    if (!tok) this.fail('a value');
    if (tok.kind === 'string' || tok.kind === 'number') {
      this.i++;
      return [];
    }
    if (tok.kind === 'ident') {
      const { name } = this.dottedName('a name');
      if (this.peek()?.text === '(') this.args();
      return [name];
    }
    if (this.punct('[')) {
      const names: string[] = [];
      while (!this.punct(']')) {
        const inner = this.value();
        if (inner[0] !== undefined && inner.length === 1) names.push(inner[0]);
        if (!this.punct(',') && this.peek()?.text !== ']') this.fail('`,` or `]`');
      }
      return names;
    }
    return this.fail('a value');
  }

  /** `(arg, key: value, …)`; returns the `fields` the arguments name. */
  args(): { fields: string[]; start: number; end: number } {
    const open = this.peek() as Token;
    this.i++;
    let keyed: string[] | undefined;
    let firstList: string[] | undefined;
    while (!this.punct(')')) {
      if (this.peek()?.kind === 'ident' && this.peek(1)?.text === ':') {
        const key = (this.next() as Token).text;
        this.i++;
        const isList = this.peek()?.text === '[';
        const names = this.value();
        if (key === 'fields' && isList) keyed = names;
      } else {
        const isList = this.peek()?.text === '[';
        const names = this.value();
        if (isList && !firstList) firstList = names;
      }
      if (!this.punct(',') && this.peek()?.text !== ')') this.fail('`,` or `)`');
    }
    const close = this.toks[this.i - 1] as Token;
    return { fields: keyed ?? firstList ?? [], start: open.end, end: close.start };
  }

  /** After `@` or `@@`: `name(.name)*` and optional arguments. */
  attribute(at: Token): ParsedAttr {
    this.i++;
    const { name, end } = this.dottedName('an attribute name');
    if (this.peek()?.text === '(') {
      const a = this.args();
      return { start: at.start, end: (this.toks[this.i - 1] as Token).end, name, argsStart: a.start, argsEnd: a.end, fields: a.fields };
    }
    return { start: at.start, end, name, argsStart: end, argsEnd: end, fields: [] };
  }

  /** Field attributes until the end of the member. */
  fieldAttributes(): ParsedAttr[] {
    const out: ParsedAttr[] = [];
    while (!this.done()) {
      const tok = this.peek() as Token;
      if (tok.kind !== 'at') this.fail('an attribute (`@…`)');
      out.push(this.attribute(tok));
    }
    return out;
  }
}

interface ParsedField {
  name: Token;
  typeName: string;
  optional: boolean;
  list: boolean;
  attrs: ParsedAttr[];
}

/** `name Type[]? @attr(…)…` */
function parseFieldMember(member: ScannedMember, what: string): ParsedField {
  const p = new MemberParser(member.tokens, what);
  const name = p.ident('a field name or `@@`');
  const typeName = p.dottedName(`the type of field \`${clip(name.text)}\``).name;
  if (p.peek()?.text === '(') p.args(); // Unsupported("circle")
  let list = false;
  let optional = false;
  if (p.punct('[')) {
    if (!p.punct(']')) p.fail('`]`');
    list = true;
  }
  if (p.punct('?')) optional = true;
  return { name, typeName, optional, list, attrs: p.fieldAttributes() };
}

/** `@@name(…)` alone on its line. */
function parseBlockAttributeMember(member: ScannedMember, what: string): ParsedAttr {
  const p = new MemberParser(member.tokens, what);
  const a = p.attribute(member.tokens[0] as Token);
  if (!p.done()) p.fail('the end of the line');
  return a;
}

/** `VALUE @map("…")` in an enum. */
function parseEnumValueMember(member: ScannedMember, what: string): { name: Token; attrs: ParsedAttr[] } {
  const p = new MemberParser(member.tokens, what);
  const name = p.ident('a value or `@@`');
  return { name, attrs: p.fieldAttributes() };
}

/** `key = value` in a datasource or generator; returns the key and where the value starts. */
function parseAssignmentMember(member: ScannedMember, what: string): { key: Token; valueStart: number } {
  const p = new MemberParser(member.tokens, what);
  const key = p.ident('`key = value`');
  if (!p.punct('=')) p.fail('`=`');
  const valueStart = p.peek()?.start ?? member.end;
  p.value();
  if (!p.done()) p.fail('the end of the line');
  return { key, valueStart };
}

const whatOf = (scanned: ScannedBlock) => `${scanned.keyword} \`${clip(scanned.nameToken.text)}\``;

// ---------------------------------------------------------------------------------------------------------
// Building the tree
// ---------------------------------------------------------------------------------------------------------

class TreeBuilder {
  constructor(
    readonly text: string,
    readonly lineStarts: number[],
  ) {}

  loc(start: number, end: number): SourceLocation {
    return { start: positionAt(this.lineStarts, start), end: positionAt(this.lineStarts, end) };
  }

  ident(tok: Token): PrismaIdentifier {
    return { type: 'Identifier', name: tok.text, range: [tok.start, tok.end], loc: this.loc(tok.start, tok.end) };
  }

  attribute(a: ParsedAttr): PrismaAttribute {
    return {
      type: 'Attribute',
      name: a.name,
      fields: a.fields,
      argsText: this.text.slice(a.argsStart, a.argsEnd),
      range: [a.start, a.end],
      loc: this.loc(a.start, a.end),
    };
  }

  blockAttribute(member: ScannedMember, what: string): PrismaBlockAttribute {
    const a = parseBlockAttributeMember(member, what);
    return {
      type: 'BlockAttribute',
      name: a.name,
      fields: a.fields,
      argsText: this.text.slice(a.argsStart, a.argsEnd),
      range: [member.start, member.end],
      loc: this.loc(member.start, member.end),
    };
  }

  field(member: ScannedMember, what: string): PrismaField {
    const f = parseFieldMember(member, what);
    return {
      type: 'Field',
      name: this.ident(f.name),
      fieldType: f.typeName,
      optional: f.optional,
      list: f.list,
      attributes: f.attrs.map((a) => this.attribute(a)),
      range: [member.start, member.end],
      loc: this.loc(member.start, member.end),
    };
  }

  modelLike(scanned: ScannedBlock): PrismaModelLike {
    const what = whatOf(scanned);
    const members: PrismaModelLike['members'] = scanned.members.map((m) =>
      (m.tokens[0] as Token).kind === 'atat' ? this.blockAttribute(m, what) : this.field(m, what),
    );
    return {
      type: BLOCK_KEYWORDS[scanned.keyword],
      name: this.ident(scanned.nameToken),
      members,
      bodyRange: [scanned.open, scanned.close],
      range: [scanned.start, scanned.close + 1],
      loc: this.loc(scanned.start, scanned.close + 1),
    } as PrismaModelLike;
  }

  enumBlock(scanned: ScannedBlock): PrismaEnum {
    const what = whatOf(scanned);
    const members: PrismaEnum['members'] = scanned.members.map((m) => {
      if ((m.tokens[0] as Token).kind === 'atat') return this.blockAttribute(m, what);
      const v = parseEnumValueMember(m, what);
      const value: PrismaEnumValue = {
        type: 'EnumValue',
        name: this.ident(v.name),
        attributes: v.attrs.map((a) => this.attribute(a)),
        range: [m.start, m.end],
        loc: this.loc(m.start, m.end),
      };
      return value;
    });
    return {
      type: 'Enum',
      name: this.ident(scanned.nameToken),
      members,
      bodyRange: [scanned.open, scanned.close],
      range: [scanned.start, scanned.close + 1],
      loc: this.loc(scanned.start, scanned.close + 1),
    };
  }

  configBlock(scanned: ScannedBlock): PrismaBlock {
    const what = whatOf(scanned);
    const members: PrismaAssignment[] = scanned.members.map((m) => {
      const a = parseAssignmentMember(m, what);
      return {
        type: 'Assignment',
        key: this.ident(a.key),
        valueText: this.text.slice(a.valueStart, m.end),
        range: [m.start, m.end],
        loc: this.loc(m.start, m.end),
      };
    });
    return {
      type: scanned.keyword === 'datasource' ? 'Datasource' : 'Generator',
      name: this.ident(scanned.nameToken),
      members,
      bodyRange: [scanned.open, scanned.close],
      range: [scanned.start, scanned.close + 1],
      loc: this.loc(scanned.start, scanned.close + 1),
    };
  }
}

/**
 * The text prisma-ast validates: the same length and offsets as `text`, with what its grammar reads
 * differently from Prisma's rewritten away.
 * - Comments are ours (already collected): blanked out. prisma-ast does not accept a comment after a block's
 *   `{`, which Prisma does.
 * - Unicode space separators (Prisma's whitespace) become spaces, and a lone `\r` (a line end for Prisma)
 *   becomes `\n`: prisma-ast's line break is `\n` or `\r\n` only.
 * - A trailing comma before `)` or `]` (valid Prisma, and accepted by our grammar) is blanked.
 * - prisma-ast's whitespace token (`/\s+/`) swallows a line break that follows spaces, so such spaces move
 *   after the break.
 * Every step is a linear scan: a schema can end in a 200,000-character comment without a line break.
 */
function textForPrismaAst(text: string, comments: { start: number; end: number }[]): string {
  let out = blankRanges(text, comments);
  UNICODE_SPACES.lastIndex = 0;
  if (UNICODE_SPACES.test(out)) out = out.replace(UNICODE_SPACES, ' ');
  if (out.includes('\r')) out = out.replace(/\r(?!\n)/g, '\n');
  if (out.includes(',')) out = out.replace(/,(?=[ \t\r\n\ufeff]*[)\]])/g, ' ');
  return moveBlanksAfterLineBreaks(out);
}

/** `"a  \nb"` → `"a\n  b"`, for every line; blanks are counted back from each `\n` only as far as the line start. */
function moveBlanksAfterLineBreaks(text: string): string {
  const parts: string[] = [];
  let copied = 0;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
    let s = nl;
    while (s > lineStart) {
      const c = text.charCodeAt(s - 1);
      if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) break;
      s--;
    }
    if (s < nl) {
      parts.push(text.slice(copied, s), '\n', ' '.repeat(nl - s));
      copied = nl + 1;
    }
    lineStart = nl + 1;
  }
  if (copied === 0) return text;
  parts.push(text.slice(copied));
  return parts.join('');
}

function blankRanges(text: string, ranges: { start: number; end: number }[]): string {
  if (ranges.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const r of ranges) {
    parts.push(text.slice(at, r.start), ' '.repeat(r.end - r.start));
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export interface ParsePrismaOptions {
  /**
   * Also run every block through `@mrleebo/prisma-ast` (loaded on first use) and report what its grammar
   * rejects. The `.prisma` language does; the schema loader behind the script rules reads with our own
   * grammar only, which is several times faster cold (see docs/decisions/prisma-parser.md).
   */
  validate?: boolean;
}

/**
 * Parses a schema text. Never throws: any syntax problem comes back as `{ ok: false, errors }` with the
 * 1-based line and column of the first problem.
 */
export function parsePrisma(text: string, options: ParsePrismaOptions = {}): PrismaParseResult {
  parseStats.texts++;
  const lineStarts = lineStartsOf(text);
  const fail = (message: string, offset: number): PrismaParseResult => {
    const at = positionAt(lineStarts, Math.max(0, Math.min(offset, text.length)));
    return { ok: false, errors: [{ message, line: at.line, column: at.column, offset }] };
  };
  const rawComments: { start: number; end: number; doc: boolean }[] = [];
  try {
    const b = new TreeBuilder(text, lineStarts);
    const body: PrismaBlock[] = [];
    const extents: { start: number; close: number }[] = [];
    scanBlocks(new Lexer(text, rawComments), (block) => {
      extents.push({ start: block.start, close: block.close });
      body.push(
        block.keyword === 'datasource' || block.keyword === 'generator'
          ? b.configBlock(block)
          : block.keyword === 'enum'
            ? b.enumBlock(block)
            : b.modelLike(block),
      );
    });
    if (options.validate) {
      const blanked = textForPrismaAst(text, rawComments);
      for (const block of extents) {
        const source = blanked.slice(block.start, block.close + 1);
        const parsed = parseBlockText(source);
        if (!parsed.ok) return fail(parsed.message, block.start + (parsed.offset ?? source.length - 1));
      }
    }
    const comments: PrismaComment[] = rawComments.map((c) => ({
      type: c.doc ? 'DocComment' : 'LineComment',
      value: text.slice(c.start + (c.doc ? 3 : 2), c.end),
      range: [c.start, c.end],
      loc: b.loc(c.start, c.end),
    }));
    const ast: PrismaSchema = {
      type: 'Schema',
      body,
      comments,
      range: [0, text.length],
      loc: b.loc(0, text.length),
    };
    return { ok: true, ast };
  } catch (error) {
    if (error instanceof ScanError) return fail(error.message, error.offset);
    // Anything else (a parser bug, an exotic input) is still a parse failure, never a crash.
    return fail(`The schema could not be parsed: ${(error as Error)?.message ?? String(error)}`, 0);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Facts: what the schema loader needs, without the tree
// ---------------------------------------------------------------------------------------------------------

/** A field as the schema loader reports it (`PrismaField` in src/utils/prisma-schema.ts). */
export interface SchemaFactsField {
  name: string;
  /** The type as written, without `?`/`[]`: `String`, `Int`, `Booking`. */
  type: string;
  optional: boolean;
  list: boolean;
  /** Attribute names without `@`: `unique`, `id`, `default`, `relation`, `db.VarChar`. */
  attributes: string[];
  /** For a relation field: the scalar fields of `@relation(fields: [...])`. */
  relationFields?: string[];
  /** 1-based line and column of the field name. */
  line: number;
  column: number;
}

/** A model, view or composite type as the schema loader reports it (without its file). */
export interface SchemaFactsModel {
  name: string;
  kind: 'model' | 'view' | 'type';
  line: number;
  column: number;
  endLine: number;
  fields: SchemaFactsField[];
  blockAttributes: { name: string; fields: string[] }[];
}

export type SchemaFactsResult =
  | { ok: true; models: SchemaFactsModel[]; enums: string[] }
  | { ok: false; errors: PrismaParseError[] };

/**
 * Reads a schema with the same grammar (and the same errors) as `parsePrisma`, but builds only the facts the
 * loader keeps — no tree, no location objects. Several times fewer allocations, which is most of a cold
 * parse's cost (young-generation collections of the surviving tree).
 */
export function readSchemaFacts(text: string): SchemaFactsResult {
  parseStats.texts++;
  const lineStarts = lineStartsOf(text);
  const models: SchemaFactsModel[] = [];
  const enums: string[] = [];
  try {
    scanBlocks(new Lexer(text, []), (block) => {
      const what = whatOf(block);
      if (block.keyword === 'datasource' || block.keyword === 'generator') {
        for (const m of block.members) parseAssignmentMember(m, what);
        return;
      }
      if (block.keyword === 'enum') {
        for (const m of block.members) {
          if ((m.tokens[0] as Token).kind === 'atat') parseBlockAttributeMember(m, what);
          else parseEnumValueMember(m, what);
        }
        enums.push(block.nameToken.text);
        return;
      }
      const fields: SchemaFactsField[] = [];
      const blockAttributes: { name: string; fields: string[] }[] = [];
      for (const m of block.members) {
        if ((m.tokens[0] as Token).kind === 'atat') {
          const a = parseBlockAttributeMember(m, what);
          blockAttributes.push({ name: a.name, fields: a.fields });
          continue;
        }
        const f = parseFieldMember(m, what);
        const at = positionAt(lineStarts, f.name.start);
        const field: SchemaFactsField = {
          name: f.name.text,
          type: f.typeName,
          optional: f.optional,
          list: f.list,
          attributes: f.attrs.map((a) => a.name),
          line: at.line,
          column: at.column,
        };
        const relation = f.attrs.find((a) => a.name === 'relation');
        if (relation && relation.fields.length > 0) field.relationFields = relation.fields;
        fields.push(field);
      }
      const start = positionAt(lineStarts, block.start);
      models.push({
        name: block.nameToken.text,
        kind: block.keyword === 'model' ? 'model' : block.keyword === 'view' ? 'view' : 'type',
        line: start.line,
        column: start.column,
        endLine: positionAt(lineStarts, block.close).line,
        fields,
        blockAttributes,
      });
    });
    return { ok: true, models, enums };
  } catch (error) {
    const offset = error instanceof ScanError ? error.offset : 0;
    const message =
      error instanceof ScanError ? error.message : `The schema could not be parsed: ${(error as Error)?.message ?? String(error)}`;
    const at = positionAt(lineStarts, Math.max(0, Math.min(offset, text.length)));
    return { ok: false, errors: [{ message, line: at.line, column: at.column, offset }] };
  }
}
