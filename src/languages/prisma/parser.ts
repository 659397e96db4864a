/**
 * Parses the text of a `.prisma` file into the positioned tree of `./ast.ts`.
 *
 * Two passes:
 * 1. our own linear scan splits the text into top-level blocks and each block into members (one member a
 *    line), recording exact offsets; it catches what a token scan can see (unterminated strings, a block
 *    that is never closed, a stray word between blocks) with its line and column;
 * 2. `@mrleebo/prisma-ast` parses each block on its own and supplies the structure (field types, `?`/`[]`,
 *    attribute arguments). Parsing block by block is faster than one big parse (smaller token arrays), lets a
 *    keystroke in one model re-parse only that model (results are cached by block text), and gives every
 *    error an absolute position.
 *
 * `@mrleebo/prisma-ast` takes about half a second to load (chevrotain), so it is required on first need,
 * synchronously (rules are synchronous), and never for a file that has no schema work to do.
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

/** Loads `@mrleebo/prisma-ast` once (about 0.3–0.5 s), with a parser that tracks no CST locations (we do). */
function getAstParser(): AstParser {
  if (astParser) return astParser;
  const started = performance.now();
  const mod = createRequire(import.meta.url)('@mrleebo/prisma-ast') as typeof PrismaAst;
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
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 45;
const isDigit = (c: number) => c >= 48 && c <= 57;
const PUNCT = new Set(['{', '}', '(', ')', '[', ']', '?', '=', ',', ':', '.', '!']);

function tokenize(text: string, comments: { start: number; end: number; doc: boolean }[]): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 0xfeff) {
      i++;
    } else if (c === 10) {
      tokens.push({ kind: 'newline', start: i, end: i + 1, text: '\n' });
      i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      let j = text.indexOf('\n', i);
      if (j === -1) j = n;
      let end = j;
      if (end > i && text.charCodeAt(end - 1) === 13) end--;
      comments.push({ start: i, end, doc: text.charCodeAt(i + 2) === 47 });
      i = j;
    } else if (c === 34) {
      let j = i + 1;
      for (;;) {
        if (j >= n || text.charCodeAt(j) === 10) throw new ScanError('Unterminated string: add the closing `"`', i);
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === 34) break;
        else j++;
      }
      tokens.push({ kind: 'string', start: i, end: j + 1, text: text.slice(i, j + 1) });
      i = j + 1;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'ident', start: i, end: j, text: text.slice(i, j) });
      i = j;
    } else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      tokens.push({ kind: 'number', start: i, end: j, text: text.slice(i, j) });
      i = j;
    } else if (c === 64) {
      if (text.charCodeAt(i + 1) === 64) {
        tokens.push({ kind: 'atat', start: i, end: i + 2, text: '@@' });
        i += 2;
      } else {
        tokens.push({ kind: 'at', start: i, end: i + 1, text: '@' });
        i++;
      }
    } else {
      const ch = text[i] as string;
      if (PUNCT.has(ch)) tokens.push({ kind: 'punct', start: i, end: i + 1, text: ch });
      else {
        const cp = text.codePointAt(i) ?? c;
        const shown =
          cp === 0xfffd ? 'A byte that is not UTF-8 text (is the file UTF-8?)' : `Unexpected character \`${String.fromCodePoint(cp)}\``;
        throw new ScanError(shown, i);
      }
      i++;
    }
  }
  return tokens;
}

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

function scanBlocks(tokens: Token[]): ScannedBlock[] {
  const blocks: ScannedBlock[] = [];
  let i = 0;
  const n = tokens.length;
  while (i < n) {
    const tok = tokens[i] as Token;
    if (tok.kind === 'newline') {
      i++;
      continue;
    }
    if (tok.kind !== 'ident' || !Object.hasOwn(BLOCK_KEYWORDS, tok.text)) {
      throw new ScanError(
        `Unexpected \`${tok.text}\`: a schema holds only model, view, type, enum, datasource and generator blocks`,
        tok.start,
      );
    }
    const keyword = tok.text as BlockKeyword;
    const nameToken = tokens[i + 1];
    if (!nameToken || nameToken.kind !== 'ident') {
      throw new ScanError(`Expected a name after \`${keyword}\``, nameToken?.start ?? tok.end);
    }
    const openToken = tokens[i + 2];
    if (!openToken || openToken.text !== '{') {
      throw new ScanError(`Expected \`{\` after \`${keyword} ${nameToken.text}\``, openToken?.start ?? nameToken.end);
    }
    const members: ScannedMember[] = [];
    let current: Token[] = [];
    let depth = 0; // ( and [ nesting inside the block
    let j = i + 3;
    let close = -1;
    for (; j < n; j++) {
      const t = tokens[j] as Token;
      if (t.kind === 'newline') {
        if (depth === 0 && current.length > 0) {
          members.push({ tokens: current, start: (current[0] as Token).start, end: (current.at(-1) as Token).end });
          current = [];
        }
        continue;
      }
      if (t.kind === 'punct') {
        if (t.text === '(' || t.text === '[') depth++;
        else if ((t.text === ')' || t.text === ']') && depth > 0) depth--;
        else if (t.text === '}' && depth === 0) {
          close = t.start;
          break;
        } else if (t.text === '{') {
          throw new ScanError(
            `Unexpected \`{\` inside \`${keyword} ${nameToken.text}\`: is its closing \`}\` missing?`,
            t.start,
          );
        }
      }
      current.push(t);
    }
    if (close === -1) {
      throw new ScanError(`\`${keyword} ${nameToken.text}\` is missing its closing \`}\``, tok.start);
    }
    if (current.length > 0) {
      members.push({ tokens: current, start: (current[0] as Token).start, end: (current.at(-1) as Token).end });
    }
    blocks.push({ keyword, start: tok.start, nameToken, open: openToken.start, close, members });
    i = j + 1;
  }
  return blocks;
}

// ---------------------------------------------------------------------------------------------------------
// Positions
// ---------------------------------------------------------------------------------------------------------

function lineStartsOf(text: string): number[] {
  const starts = [0];
  let at = text.indexOf('\n');
  while (at !== -1) {
    starts.push(at + 1);
    at = text.indexOf('\n', at + 1);
  }
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

type BlockParse = { ok: true; block: PrismaAst.Block } | { ok: false; message: string; offset: number | undefined };

const BLOCK_CACHE_LIMIT = 50_000;
const blockCache = new Map<string, BlockParse>();

function cleanChevrotainMessage(message: string): string {
  const found = /but found:?\s*(?:-->\s*)?'([^']*)'/.exec(message)?.[1];
  const shown =
    found === undefined
      ? undefined
      : found === ''
        ? 'the end of the block'
        : found.trim() === ''
          ? 'the end of the line'
          : `\`${found}\``;
  const expected = /^Expecting\s*-->\s*'?(.*?)'?\s*<--/.exec(message)?.[1];
  if (expected !== undefined && shown) return `Expected ${expected === 'LineBreak' ? 'a line break' : `\`${expected}\``} but found ${shown}`;
  if (shown) return `Unexpected ${shown}`;
  return (message.split('\n')[0] ?? message).trim();
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
    const block = schema.list.find((b) => b.type !== 'comment' && b.type !== 'break');
    result = block ? { ok: true, block } : { ok: false, message: 'Expected a block', offset: 0 };
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
  blockCache.set(source, result);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Building the tree
// ---------------------------------------------------------------------------------------------------------

function valueNames(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') {
    const v = value as { type?: string; args?: unknown[]; name?: string };
    if (v.type === 'array' && Array.isArray(v.args)) return v.args.flatMap((a) => valueNames(a));
    if (v.type === 'function' && typeof v.name === 'string') return [v.name];
  }
  if (Array.isArray(value)) return value.flatMap((a) => valueNames(a));
  return [];
}

/** The field names an attribute lists: its `fields:` argument, or else its first list argument. */
function attributeFields(args: PrismaAst.AttributeArgument[] | undefined): string[] {
  if (!args) return [];
  for (const arg of args) {
    const v = arg.value as { type?: string; key?: string; value?: unknown };
    if (v && typeof v === 'object' && v.type === 'keyValue' && v.key === 'fields') return valueNames(v.value);
  }
  for (const arg of args) {
    const v = arg.value as { type?: string };
    if (v && typeof v === 'object' && v.type === 'array') return valueNames(v);
  }
  return [];
}

interface AttrSpan {
  start: number;
  end: number;
  name: string;
  argsStart: number;
  argsEnd: number;
}

/** Finds `@name(.name)*(args)?` (or `@@…`) spans in a member's tokens, from index `from`. */
function attributeSpans(tokens: Token[], from: number, kind: 'at' | 'atat'): AttrSpan[] {
  const spans: AttrSpan[] = [];
  let i = from;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (t.kind !== kind) {
      i++;
      continue;
    }
    let j = i + 1;
    const parts: string[] = [];
    while (j < tokens.length && (tokens[j] as Token).kind === 'ident') {
      parts.push((tokens[j] as Token).text);
      if ((tokens[j + 1] as Token | undefined)?.text === '.') j += 2;
      else {
        j++;
        break;
      }
    }
    let end = (tokens[j - 1] as Token).end;
    let argsStart = end;
    let argsEnd = end;
    if ((tokens[j] as Token | undefined)?.text === '(') {
      let depth = 0;
      argsStart = (tokens[j] as Token).end;
      for (; j < tokens.length; j++) {
        const u = tokens[j] as Token;
        if (u.text === '(') depth++;
        else if (u.text === ')') {
          depth--;
          if (depth === 0) {
            argsEnd = u.start;
            end = u.end;
            j++;
            break;
          }
        }
      }
    }
    spans.push({ start: t.start, end, name: parts.join('.'), argsStart, argsEnd });
    i = j;
  }
  return spans;
}

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

  attribute(span: AttrSpan, parsed: PrismaAst.Attribute | PrismaAst.BlockAttribute | undefined): PrismaAttribute {
    return {
      type: 'Attribute',
      name: span.name,
      fields: attributeFields(parsed?.args),
      argsText: this.text.slice(span.argsStart, span.argsEnd),
      range: [span.start, span.end],
      loc: this.loc(span.start, span.end),
    };
  }

  blockAttribute(member: ScannedMember, parsed: PrismaAst.BlockAttribute | undefined): PrismaBlockAttribute {
    const span = attributeSpans(member.tokens, 0, 'atat')[0];
    return {
      type: 'BlockAttribute',
      name: span?.name ?? parsed?.name ?? '',
      fields: attributeFields(parsed?.args),
      argsText: span ? this.text.slice(span.argsStart, span.argsEnd) : '',
      range: [member.start, member.end],
      loc: this.loc(member.start, member.end),
    };
  }
}

function mismatch(message: string, offset: number): never {
  throw new ScanError(message, offset);
}

function buildModelLike(b: TreeBuilder, scanned: ScannedBlock, parsed: PrismaAst.Block): PrismaModelLike {
  const properties = (parsed as PrismaAst.Model).properties ?? [];
  const fieldsAndAttrs = properties.filter((p) => p.type === 'field' || p.type === 'attribute') as (
    | PrismaAst.Field
    | PrismaAst.BlockAttribute
  )[];
  const members: PrismaModelLike['members'] = [];
  let k = 0;
  for (const member of scanned.members) {
    const first = member.tokens[0] as Token;
    const prop = fieldsAndAttrs[k++];
    if (first.kind === 'atat') {
      members.push(b.blockAttribute(member, prop?.type === 'attribute' ? prop : undefined));
      continue;
    }
    if (first.kind !== 'ident' || !prop || prop.type !== 'field' || prop.name !== first.text) {
      mismatch(`Unexpected \`${first.text}\`: expected a field (\`name Type\`) or a block attribute (\`@@…\`)`, first.start);
    }
    const typeTok = member.tokens[1];
    if (!typeTok || typeTok.kind !== 'ident') {
      mismatch(`Field \`${first.text}\` has no type`, typeTok?.start ?? first.end);
    }
    const spans = attributeSpans(member.tokens, 2, 'at');
    const parsedAttrs = prop.attributes ?? [];
    // prisma-ast is lenient (`name Str ing` reads as two fields); a member is one field, so a word between
    // the type and the attributes is an error here, as it is for Prisma.
    const stray = member.tokens.slice(2).find((t, idx, arr) => {
      if (t.kind !== 'ident') return false;
      const prev = idx === 0 ? member.tokens[1] : arr[idx - 1];
      return prev?.kind !== 'at' && prev?.text !== '.' && !spans.some((s) => t.start > s.start && t.end <= s.end);
    });
    if (stray) mismatch(`Unexpected \`${stray.text}\` after the type of field \`${first.text}\``, stray.start);
    const fieldType = typeof prop.fieldType === 'string' ? prop.fieldType : prop.fieldType.name;
    const field: PrismaField = {
      type: 'Field',
      name: b.ident(first),
      fieldType,
      optional: prop.optional === true,
      list: prop.array === true,
      attributes: spans.map((span, idx) => b.attribute(span, parsedAttrs[idx] as PrismaAst.Attribute | undefined)),
      range: [member.start, member.end],
      loc: b.loc(member.start, member.end),
    };
    members.push(field);
  }
  if (k < fieldsAndAttrs.length) {
    const last = scanned.members.at(-1);
    mismatch('Unexpected content: one field or block attribute a line', last?.start ?? scanned.open);
  }
  const type = BLOCK_KEYWORDS[scanned.keyword] as PrismaModelLike['type'];
  return {
    type,
    name: b.ident(scanned.nameToken),
    members,
    bodyRange: [scanned.open, scanned.close],
    range: [scanned.start, scanned.close + 1],
    loc: b.loc(scanned.start, scanned.close + 1),
  } as PrismaModelLike;
}

function buildEnum(b: TreeBuilder, scanned: ScannedBlock, parsed: PrismaAst.Block): PrismaEnum {
  const entries = ((parsed as PrismaAst.Enum).enumerators ?? []).filter(
    (e) => e.type === 'enumerator' || e.type === 'attribute',
  ) as (PrismaAst.Enumerator | PrismaAst.BlockAttribute)[];
  const members: PrismaEnum['members'] = [];
  let k = 0;
  for (const member of scanned.members) {
    const first = member.tokens[0] as Token;
    const entry = entries[k++];
    if (first.kind === 'atat') {
      members.push(b.blockAttribute(member, entry?.type === 'attribute' ? entry : undefined));
      continue;
    }
    if (first.kind !== 'ident' || entry?.type !== 'enumerator') {
      mismatch(`Unexpected \`${first.text}\` in enum \`${scanned.nameToken.text}\``, first.start);
    }
    const spans = attributeSpans(member.tokens, 1, 'at');
    const value: PrismaEnumValue = {
      type: 'EnumValue',
      name: b.ident(first),
      attributes: spans.map((span, idx) => b.attribute(span, entry.attributes?.[idx])),
      range: [member.start, member.end],
      loc: b.loc(member.start, member.end),
    };
    members.push(value);
  }
  return {
    type: 'Enum',
    name: b.ident(scanned.nameToken),
    members,
    bodyRange: [scanned.open, scanned.close],
    range: [scanned.start, scanned.close + 1],
    loc: b.loc(scanned.start, scanned.close + 1),
  };
}

function buildConfigBlock(b: TreeBuilder, scanned: ScannedBlock): PrismaBlock {
  const members: PrismaAssignment[] = [];
  for (const member of scanned.members) {
    const first = member.tokens[0] as Token;
    const eq = member.tokens[1];
    if (first.kind !== 'ident' || eq?.text !== '=') {
      mismatch(`Expected \`key = value\` in ${scanned.keyword} \`${scanned.nameToken.text}\``, first.start);
    }
    const valueStart = member.tokens[2]?.start ?? eq.end;
    members.push({
      type: 'Assignment',
      key: b.ident(first),
      valueText: b.text.slice(valueStart, member.end),
      range: [member.start, member.end],
      loc: b.loc(member.start, member.end),
    });
  }
  return {
    type: scanned.keyword === 'datasource' ? 'Datasource' : 'Generator',
    name: b.ident(scanned.nameToken),
    members,
    bodyRange: [scanned.open, scanned.close],
    range: [scanned.start, scanned.close + 1],
    loc: b.loc(scanned.start, scanned.close + 1),
  };
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

/**
 * Parses a schema text. Never throws: any syntax problem comes back as `{ ok: false, errors }` with the
 * 1-based line and column of the first problem.
 */
export function parsePrisma(text: string): PrismaParseResult {
  parseStats.texts++;
  const lineStarts = lineStartsOf(text);
  const fail = (message: string, offset: number): PrismaParseResult => {
    const at = positionAt(lineStarts, Math.max(0, Math.min(offset, text.length)));
    return { ok: false, errors: [{ message, line: at.line, column: at.column, offset }] };
  };
  const rawComments: { start: number; end: number; doc: boolean }[] = [];
  try {
    const tokens = tokenize(text, rawComments);
    const scanned = scanBlocks(tokens);
    const b = new TreeBuilder(text, lineStarts);
    const body: PrismaBlock[] = [];
    // Comments are ours (collected above); prisma-ast sees them blanked out, offsets unchanged (it does
    // not accept a comment after a block's `{`, which Prisma does).
    // Its whitespace token (/\s+/) also swallows a line break that follows spaces, so `{` + trailing spaces
    // would read as `{` without its line break: such spaces move after the break (offsets of tokens unchanged).
    const blanked = blankRanges(text, rawComments).replace(/[ \t\r]+\n/g, (m) => `\n${' '.repeat(m.length - 1)}`);
    for (const block of scanned) {
      const source = blanked.slice(block.start, block.close + 1);
      const parsed = parseBlockText(source);
      if (!parsed.ok) {
        return fail(parsed.message, block.start + (parsed.offset ?? source.length - 1));
      }
      if (block.keyword === 'datasource' || block.keyword === 'generator') body.push(buildConfigBlock(b, block));
      else if (block.keyword === 'enum') body.push(buildEnum(b, block, parsed.block));
      else body.push(buildModelLike(b, block, parsed.block));
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
