/**
 * The plugin's own Prisma parser. A linear token scan (`./lexer.ts`) splits the text into top-level blocks
 * (`./blocks.ts`) and each block into members, one a line; a small recursive-descent grammar reads each member
 * (`./members.ts`: field, attribute, enum value, assignment) with exact offsets. It is tolerant where Prisma
 * versions differ (a datasource with or without `url`, any generator, views, composite types, `@@schema`) and
 * strict where a schema is broken (an unclosed block, an unterminated string, a stray word, bytes that are not
 * UTF-8), giving the line and column of the first problem.
 *
 * Two readers share that grammar, so they accept and reject the same texts:
 * - `parsePrisma` builds the language's positioned tree (`./tree.ts`, `../ast.ts`); with `validate: true`
 *   (the `.prisma` language) every block is also checked by `@mrleebo/prisma-ast` (`./second-grammar.ts`).
 * - `readBlocks` hands on the parsed blocks without a tree; `src/schema/model.ts` turns them into the schema
 *   model the rules use (several times fewer allocations than the tree: most of a cold parse's cost).
 */
import type { PrismaBlock, PrismaSchema } from '../ast.js';
import { scanBlocks } from './blocks.js';
import { Lexer, type RawComment, ScanError } from './lexer.js';
import { type ParsedBlock, parseBlock } from './members.js';
import { checkBlocks, secondGrammarStats } from './second-grammar.js';
import { LineIndex, type PrismaParseError, TreeBuilder } from './tree.js';

export type { ParsedBlock, ParsedField, ParsedModelLike } from './members.js';
export { getParserLoadTime, preloadParser } from './second-grammar.js';
export { LineIndex, type PrismaParseError } from './tree.js';

export type PrismaParseResult = { ok: true; ast: PrismaSchema } | { ok: false; errors: PrismaParseError[] };

/** How often the parser actually ran: whole texts read, and blocks handed to (or cached for) `@mrleebo/prisma-ast`. */
export const parseStats = {
  texts: 0,
  get blocks(): number {
    return secondGrammarStats.blocks;
  },
  get blockCacheHits(): number {
    return secondGrammarStats.blockCacheHits;
  },
};

export type ReadBlocksResult = { ok: true } | { ok: false; errors: PrismaParseError[] };

/**
 * Reads `text` block by block, handing each parsed block to `onBlock` as soon as its `}` is read, with the
 * text's line index. Never throws: the first syntax problem (or anything `onBlock` throws) comes back as
 * `{ ok: false, errors }` with its line and column. `comments` receives every `//` comment.
 */
export function readBlocks(
  text: string,
  onBlock: (block: ParsedBlock, lines: LineIndex) => void,
  comments: RawComment[] = [],
  lines: LineIndex = new LineIndex(text),
): ReadBlocksResult {
  parseStats.texts++;
  try {
    scanBlocks(new Lexer(text, comments), (scanned) => onBlock(parseBlock(scanned), lines));
    return { ok: true };
  } catch (error) {
    return { ok: false, errors: [failure(lines, error)] };
  }
}

/** A thrown syntax problem at its position; anything else (a parser bug, an exotic input) at the start. */
function failure(lines: LineIndex, error: unknown): PrismaParseError {
  if (error instanceof ScanError) return lines.error(error.message, error.offset);
  return lines.error(`The schema could not be parsed: ${(error as Error)?.message ?? String(error)}`, 0);
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
 * Parses a schema text into the language's tree. Never throws: any syntax problem comes back as
 * `{ ok: false, errors }` with the 1-based line and column of the first problem.
 */
export function parsePrisma(text: string, options: ParsePrismaOptions = {}): PrismaParseResult {
  const lines = new LineIndex(text);
  const builder = new TreeBuilder(lines);
  const comments: RawComment[] = [];
  const body: PrismaBlock[] = [];
  const read = readBlocks(text, (block) => body.push(builder.block(block)), comments, lines);
  if (!read.ok) return read;
  try {
    if (options.validate) {
      const rejected = checkBlocks(text, comments, body.map((b) => ({ start: b.range[0], close: b.bodyRange[1] })));
      if (rejected) return { ok: false, errors: [lines.error(rejected.message, rejected.offset)] };
    }
    return { ok: true, ast: builder.schema(body, comments) };
  } catch (error) {
    return { ok: false, errors: [failure(lines, error)] };
  }
}
