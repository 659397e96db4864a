/**
 * The top-level structure of a schema: `keyword Name { … }` blocks, each body split into members (one a line;
 * a member goes on past a line break only inside `(…)` or `[…]`). Brackets are matched here, so a member's
 * grammar (`./members.ts`) never sees an unbalanced one.
 */
import { clip, describeToken, type Lexer, ScanError, type Token } from './lexer.js';

export const BLOCK_KEYWORDS = {
  model: 'Model',
  view: 'View',
  type: 'CompositeType',
  enum: 'Enum',
  datasource: 'Datasource',
  generator: 'Generator',
} as const;

export type BlockKeyword = keyof typeof BLOCK_KEYWORDS;

export interface ScannedMember {
  /** Tokens of the member, without line breaks. */
  tokens: Token[];
  start: number;
  end: number;
}

export interface ScannedBlock {
  keyword: BlockKeyword;
  /** Offset of the keyword. */
  start: number;
  nameToken: Token;
  /** Offsets of the `{` and of the `}`. */
  open: number;
  close: number;
  members: ScannedMember[];
}

/** `model \`Booking\``: how messages name a block. */
export const describeBlock = (block: { keyword: BlockKeyword; nameToken: Token }): string =>
  `${block.keyword} \`${clip(block.nameToken.text)}\``;

/** Reads top-level blocks from the lexer, handing each to `onBlock` as soon as its `}` is read. */
export function scanBlocks(lexer: Lexer, onBlock: (block: ScannedBlock) => void): void {
  for (let tok = lexer.next(); tok; tok = lexer.next()) {
    if (tok.kind === 'newline') continue;
    const { keyword, nameToken, open } = readHeader(lexer, tok);
    const { members, close } = readBody(lexer, keyword, nameToken, tok);
    onBlock({ keyword, start: tok.start, nameToken, open, close, members });
  }
}

/** `keyword Name {`, starting at `first`; returns the keyword, the name and the offset of `{`. */
function readHeader(lexer: Lexer, first: Token): { keyword: BlockKeyword; nameToken: Token; open: number } {
  if (first.kind !== 'ident' || !Object.hasOwn(BLOCK_KEYWORDS, first.text)) {
    throw new ScanError(
      `Unexpected ${describeToken(first.text)}: a schema holds only model, view, type, enum, datasource and generator blocks`,
      first.start,
    );
  }
  const keyword = first.text as BlockKeyword;
  const nameToken = lexer.next();
  if (!nameToken || nameToken.kind !== 'ident') {
    throw new ScanError(`Expected a name after \`${keyword}\``, nameToken?.start ?? first.end);
  }
  const openToken = lexer.next();
  if (!openToken || openToken.text !== '{') {
    throw new ScanError(`Expected \`{\` after \`${keyword} ${clip(nameToken.text)}\``, openToken?.start ?? nameToken.end);
  }
  return { keyword, nameToken, open: openToken.start };
}

/** The members up to the block's `}`; `first` is the keyword token (an unclosed block is reported there). */
function readBody(lexer: Lexer, keyword: BlockKeyword, nameToken: Token, first: Token): { members: ScannedMember[]; close: number } {
  const members: ScannedMember[] = [];
  let current: Token[] = [];
  const open: Token[] = []; // ( and [ not yet closed inside the block
  for (let t = lexer.next(); t; t = lexer.next()) {
    if (t.kind === 'newline') {
      if (open.length === 0 && current.length > 0) {
        members.push(memberOf(current));
        current = [];
      }
      continue;
    }
    if (t.kind === 'punct') {
      const p = t.text;
      if (p === '}') {
        const unclosed = open[0];
        if (unclosed) throw new ScanError(`This \`${unclosed.text}\` is never closed`, unclosed.start);
        if (current.length > 0) members.push(memberOf(current));
        return { members, close: t.start };
      }
      if (p === '(' || p === '[') open.push(t);
      else if (p === ')' || p === ']') closeBracket(open, t);
      else if (p === '{') {
        throw new ScanError(`Unexpected \`{\` inside \`${keyword} ${clip(nameToken.text)}\`: is its closing \`}\` missing?`, t.start);
      }
    }
    current.push(t);
  }
  throw new ScanError(`\`${keyword} ${clip(nameToken.text)}\` is missing its closing \`}\``, first.start);
}

function memberOf(tokens: Token[]): ScannedMember {
  return { tokens, start: (tokens[0] as Token).start, end: (tokens.at(-1) as Token).end };
}

/** Pops the opener `t` closes; a closer that does not match it (or closes nothing) is an error. */
function closeBracket(open: Token[], t: Token): void {
  const opener = open.pop();
  const wanted = opener?.text === '(' ? ')' : opener?.text === '[' ? ']' : undefined;
  if (wanted !== t.text) {
    throw new ScanError(wanted ? `Expected \`${wanted}\` but found \`${t.text}\`` : `Unexpected \`${t.text}\`: nothing to close`, t.start);
  }
}
