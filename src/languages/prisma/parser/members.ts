/**
 * The members of a block, read with a small recursive-descent grammar over one member's tokens: fields
 * (`name Type[]? @attr(…)…`), block attributes (`@@name(…)`), enum values and `key = value` assignments.
 * Attributes and their arguments are read generically (`@name(.name)*(args)`; values are strings, numbers,
 * names, calls, lists and `key: value`), so a new Prisma attribute needs no change here.
 *
 * The result (`ParsedBlock`) is the parser's one output: `./tree.ts` builds the language's tree from it and
 * `src/schema/model.ts` the schema model the rules use.
 */
import { type BlockKeyword, describeBlock, type ScannedBlock, type ScannedMember } from './blocks.js';
import { describeToken, ScanError, type Token } from './lexer.js';

/** `@name(…)` or `@@name(…)`. */
export interface ParsedAttr {
  kind: 'attribute';
  start: number;
  end: number;
  /** Name without `@`/`@@`, with its group: `unique`, `db.VarChar`. */
  name: string;
  /** Offsets of the argument text between the parentheses (equal when there are none). */
  argsStart: number;
  argsEnd: number;
  /** `fields: [...]`, or else the first list argument: the field names it lists. */
  fields: string[];
}

export interface ParsedField {
  kind: 'field';
  start: number;
  end: number;
  name: Token;
  /** The type as written, without `?`/`[]`. */
  typeName: string;
  optional: boolean;
  list: boolean;
  attrs: ParsedAttr[];
}

export interface ParsedEnumValue {
  kind: 'enumValue';
  start: number;
  end: number;
  name: Token;
  attrs: ParsedAttr[];
}

export interface ParsedAssignment {
  kind: 'assignment';
  start: number;
  end: number;
  key: Token;
  /** Where the value starts (it ends at `end`). */
  valueStart: number;
}

interface ParsedBlockBase {
  start: number;
  open: number;
  close: number;
  nameToken: Token;
}

export interface ParsedModelLike extends ParsedBlockBase {
  keyword: 'model' | 'view' | 'type';
  members: (ParsedField | ParsedAttr)[];
}

export interface ParsedEnum extends ParsedBlockBase {
  keyword: 'enum';
  members: (ParsedEnumValue | ParsedAttr)[];
}

export interface ParsedConfigBlock extends ParsedBlockBase {
  keyword: 'datasource' | 'generator';
  members: ParsedAssignment[];
}

/** A top-level block with every member read: what the parser hands on, block by block. */
export type ParsedBlock = ParsedModelLike | ParsedEnum | ParsedConfigBlock;

/** Reads every member of a scanned block; the first member that does not parse throws a `ScanError`. */
/**
 * The deepest `[`/`(` nesting the grammar reads. Real schemas nest two or three levels
 * (`@@index([a(sort: Desc)])`); deeper is reported at the bracket that goes too deep.
 */
export const MAX_NESTING = 64;

export function parseBlock(scanned: ScannedBlock): ParsedBlock {
  const what = describeBlock(scanned);
  const base = { start: scanned.start, open: scanned.open, close: scanned.close, nameToken: scanned.nameToken };
  const keyword: BlockKeyword = scanned.keyword;
  if (keyword === 'datasource' || keyword === 'generator') {
    return { ...base, keyword, members: scanned.members.map((m) => parseAssignmentMember(m, what)) };
  }
  if (keyword === 'enum') {
    return { ...base, keyword, members: scanned.members.map((m) => (isBlockAttribute(m) ? parseBlockAttributeMember(m, what) : parseEnumValueMember(m, what))) };
  }
  return { ...base, keyword, members: scanned.members.map((m) => (isBlockAttribute(m) ? parseBlockAttributeMember(m, what) : parseFieldMember(m, what))) };
}

const isBlockAttribute = (member: ScannedMember) => (member.tokens[0] as Token).kind === 'atat';

/** A cursor over one member's tokens. */
class MemberParser {
  i = 0;

  /** How many `[` / `(` are open: the grammar recurses on them, so it stops at MAX_NESTING with an error. */
  private depth = 0;

  constructor(
    readonly toks: Token[],
    readonly what: string,
  ) {}

  /** Enters a `[` or `(` at `tok`; deeper than MAX_NESTING is a syntax error there, never a stack overflow. */
  private enter(tok: Token): void {
    if (++this.depth > MAX_NESTING) {
      throw new ScanError(`Brackets nested deeper than ${MAX_NESTING} levels in ${this.what}`, tok.start);
    }
  }

  peek(offset = 0): Token | undefined {
    return this.toks[this.i + offset];
  }

  next(): Token | undefined {
    return this.toks[this.i++];
  }

  done(): boolean {
    return this.i >= this.toks.length;
  }

  fail(expected: string): never {
    const tok = this.peek();
    if (!tok) {
      const last = this.toks.at(-1);
      throw new ScanError(`Expected ${expected} at the end of ${this.what}`, last ? last.end : 0);
    }
    throw new ScanError(`Unexpected ${describeToken(tok.text)} in ${this.what}: expected ${expected}`, tok.start);
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

  dottedName(expected: string): { name: string; end: number } {
    const parts = [this.ident(expected).text];
    while (this.peek()?.text === '.' && this.peek(1)?.kind === 'ident') {
      this.i++;
      parts.push((this.next() as Token).text);
    }
    return { name: parts.join('.'), end: (this.toks[this.i - 1] as Token).end };
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
    if (tok.text === '[' && tok.kind === 'punct') {
      this.enter(tok);
      this.i++;
      const names = this.listRest();
      this.depth--;
      return names;
    }
    return this.fail('a value');
  }

  /** The rest of a `[…]` list after its `[`: the names it lists. */
  listRest(): string[] {
    const names: string[] = [];
    while (!this.punct(']')) {
      const inner = this.value();
      if (inner[0] !== undefined && inner.length === 1) names.push(inner[0]);
      if (!this.punct(',') && this.peek()?.text !== ']') this.fail('`,` or `]`');
    }
    return names;
  }

  /** `(arg, key: value, …)`; returns the `fields` the arguments name, and the offsets inside the parentheses. */
  args(): { fields: string[]; start: number; end: number } {
    const open = this.peek() as Token;
    this.enter(open);
    this.i++;
    let keyed: string[] | undefined;
    let firstList: string[] | undefined;
    while (!this.punct(')')) {
      const key = this.peek()?.kind === 'ident' && this.peek(1)?.text === ':' ? (this.next() as Token).text : undefined;
      if (key !== undefined) this.i++; // the `:`
      const isList = this.peek()?.text === '[';
      const names = this.value();
      if (key === 'fields' && isList) keyed = names;
      else if (key === undefined && isList && !firstList) firstList = names;
      if (!this.punct(',') && this.peek()?.text !== ')') this.fail('`,` or `)`');
    }
    const close = this.toks[this.i - 1] as Token;
    this.depth--;
    return { fields: keyed ?? firstList ?? [], start: open.end, end: close.start };
  }

  /** After `@` or `@@` (the token `at`): `name(.name)*` and optional arguments. */
  attribute(at: Token): ParsedAttr {
    this.i++;
    const { name, end } = this.dottedName('an attribute name');
    if (this.peek()?.text !== '(') return { kind: 'attribute', start: at.start, end, name, argsStart: end, argsEnd: end, fields: [] };
    const a = this.args();
    return { kind: 'attribute', start: at.start, end: (this.toks[this.i - 1] as Token).end, name, argsStart: a.start, argsEnd: a.end, fields: a.fields };
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

/** `name Type[]? @attr(…)…` */
function parseFieldMember(member: ScannedMember, what: string): ParsedField {
  const p = new MemberParser(member.tokens, what);
  const name = p.ident('a field name or `@@`');
  const typeName = p.dottedName("the field's type").name;
  if (p.peek()?.text === '(') p.args(); // Unsupported("circle")
  let list = false;
  if (p.punct('[')) {
    if (!p.punct(']')) p.fail('`]`');
    list = true;
  }
  const optional = p.punct('?');
  return { kind: 'field', start: member.start, end: member.end, name, typeName, optional, list, attrs: p.fieldAttributes() };
}

/** `@@name(…)` alone on its line. */
function parseBlockAttributeMember(member: ScannedMember, what: string): ParsedAttr {
  const p = new MemberParser(member.tokens, what);
  const a = p.attribute(member.tokens[0] as Token);
  if (!p.done()) p.fail('the end of the line');
  return a;
}

/** `VALUE @map("…")` in an enum. */
function parseEnumValueMember(member: ScannedMember, what: string): ParsedEnumValue {
  const p = new MemberParser(member.tokens, what);
  const name = p.ident('a value or `@@`');
  return { kind: 'enumValue', start: member.start, end: member.end, name, attrs: p.fieldAttributes() };
}

/** `key = value` in a datasource or generator. */
function parseAssignmentMember(member: ScannedMember, what: string): ParsedAssignment {
  const p = new MemberParser(member.tokens, what);
  const key = p.ident('`key = value`');
  if (!p.punct('=')) p.fail('`=`');
  const valueStart = p.peek()?.start ?? member.end;
  p.value();
  if (!p.done()) p.fail('the end of the line');
  return { kind: 'assignment', start: member.start, end: member.end, key, valueStart };
}
