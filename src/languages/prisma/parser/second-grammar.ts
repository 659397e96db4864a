/**
 * The second grammar: `@mrleebo/prisma-ast` re-reads every block of a text our own grammar accepted, and what
 * it rejects is a parse error too, at its absolute position. Only the `.prisma` language asks for it
 * (`parsePrisma(text, { validate: true })`); the schema loader behind the script rules never loads it.
 *
 * It is loaded on first need (its module takes about half a second), synchronously (rules are synchronous),
 * with its configuration search switched off (that search would run project code), and its verdicts are
 * cached by block text, so a keystroke in one model re-parses only that model.
 */
import { createRequire } from 'node:module';

import type * as PrismaAst from '@mrleebo/prisma-ast';

import { clip, describeToken, type RawComment } from './lexer.js';

/** How often prisma-ast actually ran: blocks handed to it, and blocks answered from the cache. */
export const secondGrammarStats = { blocks: 0, blockCacheHits: 0 };

// ---------------------------------------------------------------------------------------------------------
// Loading the module
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
// Checking blocks
// ---------------------------------------------------------------------------------------------------------

/**
 * The first block of `text` (extents from our own parse: keyword offset and `}` offset) that prisma-ast
 * rejects, as a message and an absolute offset; undefined when it accepts them all.
 */
export function checkBlocks(
  text: string,
  comments: RawComment[],
  blocks: { start: number; close: number }[],
): { message: string; offset: number } | undefined {
  if (blocks.length === 0) return undefined;
  const rewritten = textForPrismaAst(text, comments);
  for (const block of blocks) {
    const source = rewritten.slice(block.start, block.close + 1);
    const parsed = parseBlockText(source);
    if (!parsed.ok) return { message: parsed.message, offset: block.start + (parsed.offset ?? source.length - 1) };
  }
  return undefined;
}

/** What the language needs of prisma-ast's verdict on a block: accepted, or the first error and its offset. */
type BlockParse = { ok: true } | { ok: false; message: string; offset: number | undefined };

const BLOCK_OK: BlockParse = { ok: true };
/** Distinct block texts kept; a long editor session edits far fewer blocks than this before it starts over. */
const BLOCK_CACHE_LIMIT = 2_000;
const blockCache = new Map<string, BlockParse>();

function parseBlockText(source: string): BlockParse {
  const cached = blockCache.get(source);
  if (cached) {
    secondGrammarStats.blockCacheHits++;
    return cached;
  }
  const parser = getAstParser();
  secondGrammarStats.blocks++;
  const result = runPrismaAst(parser, source);
  if (blockCache.size >= BLOCK_CACHE_LIMIT) blockCache.clear();
  // The key is stored as a copy: `source` is a slice of the whole schema text, and V8 keeps a slice's parent
  // string alive, so every cached block would otherwise hold on to a full copy of the file it came from.
  blockCache.set(detachString(source), result);
  return result;
}

function runPrismaAst({ getSchema, options }: AstParser, source: string): BlockParse {
  try {
    const schema = getSchema(source, options);
    return schema.list.some((b) => b.type !== 'comment' && b.type !== 'break') ? BLOCK_OK : { ok: false, message: 'Expected a block', offset: 0 };
  } catch (error) {
    const e = error as { message?: unknown; token?: { startOffset?: number }; previousToken?: { endOffset?: number } };
    return {
      ok: false,
      message: cleanChevrotainMessage(typeof e.message === 'string' ? e.message : String(error)),
      offset: errorOffset(e.token?.startOffset, e.previousToken?.endOffset),
    };
  }
}

/** The offset of a chevrotain error: its token's start, else just after the token before it. */
function errorOffset(tokenStart: number | undefined, previousEnd: number | undefined): number | undefined {
  if (typeof tokenStart === 'number' && Number.isFinite(tokenStart)) return tokenStart;
  if (typeof previousEnd === 'number' && Number.isFinite(previousEnd)) return previousEnd + 1;
  return undefined;
}

/** `Expecting --> '}' <-- but found --> 'x'` → ``Expected `}` but found `x` ``. */
function cleanChevrotainMessage(message: string): string {
  const found = /but found:?\s*(?:-->\s*)?'([^']*)'/.exec(message)?.[1];
  const shown =
    found === undefined
      ? undefined
      : found === ''
        ? 'the end of the block'
        : found.trim() === ''
          ? 'the end of the line'
          : describeToken(found);
  const expected = /^Expecting\s*-->\s*'?(.*?)'?\s*<--/.exec(message)?.[1];
  if (expected !== undefined && shown) return `Expected ${expected === 'LineBreak' ? 'a line break' : `\`${expected}\``} but found ${shown}`;
  if (shown) return `Unexpected ${shown}`;
  // Chevrotain quotes the text it met: keep the grammar's words, never the file's content.
  return clip((message.split('\n')[0] ?? message).trim().replace(/'[^']*'/g, '…'), 200);
}

/** A copy of `text` that does not share (and so does not retain) the string it was sliced from. */
function detachString(text: string): string {
  return text.length < 16 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}

// ---------------------------------------------------------------------------------------------------------
// The text prisma-ast reads
// ---------------------------------------------------------------------------------------------------------

/** The Unicode space separators other than U+0020 (Prisma's whitespace; prisma-ast's `\s` knows them too). */
const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

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
