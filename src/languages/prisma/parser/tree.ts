/**
 * Positions and the tree: 1-based lines and columns for offsets (a line ends at `\n`, `\r\n` or a lone `\r`,
 * as for `PrismaSourceCode`), parse errors at a line and column, and the language's tree (`../ast.ts`) built
 * from the parsed blocks of `./members.ts`.
 */
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
  Position,
  SourceLocation,
} from '../ast.js';
import { BLOCK_KEYWORDS } from './blocks.js';
import type { RawComment, Token } from './lexer.js';
import type {
  ParsedAssignment,
  ParsedAttr,
  ParsedBlock,
  ParsedConfigBlock,
  ParsedEnum,
  ParsedEnumValue,
  ParsedField,
  ParsedModelLike,
} from './members.js';

export interface PrismaParseError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  offset: number;
}

/** Offsets where lines start, and the line and column of any offset. */
export class LineIndex {
  readonly starts: number[];

  constructor(readonly text: string) {
    this.starts = lineStartsOf(text);
  }

  /** 1-based line and column of `offset`. */
  at(offset: number): Position {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  }

  loc(start: number, end: number): SourceLocation {
    return { start: this.at(start), end: this.at(end) };
  }

  /** A parse error at `offset` (clamped to the text). */
  error(message: string, offset: number): PrismaParseError {
    const at = this.at(Math.max(0, Math.min(offset, this.text.length)));
    return { message, line: at.line, column: at.column, offset };
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    return starts;
  }
  const re = /\r\n?|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(re.lastIndex);
  return starts;
}

/** Builds the language's tree nodes, with ranges and locations, from parsed blocks. */
export class TreeBuilder {
  constructor(readonly lines: LineIndex) {}

  block(parsed: ParsedBlock): PrismaBlock {
    switch (parsed.keyword) {
      case 'datasource':
      case 'generator':
        return this.configBlock(parsed);
      case 'enum':
        return this.enumBlock(parsed);
      default:
        return this.modelLike(parsed);
    }
  }

  schema(body: PrismaBlock[], comments: RawComment[]): PrismaSchema {
    const text = this.lines.text;
    return { type: 'Schema', body, comments: comments.map((c) => this.comment(c)), range: [0, text.length], loc: this.lines.loc(0, text.length) };
  }

  private comment(c: RawComment): PrismaComment {
    return {
      type: c.doc ? 'DocComment' : 'LineComment',
      value: this.lines.text.slice(c.start + (c.doc ? 3 : 2), c.end),
      range: [c.start, c.end],
      loc: this.lines.loc(c.start, c.end),
    };
  }

  private ident(tok: Token): PrismaIdentifier {
    return { type: 'Identifier', name: tok.text, range: [tok.start, tok.end], loc: this.lines.loc(tok.start, tok.end) };
  }

  private attribute(a: ParsedAttr): PrismaAttribute {
    const { text } = this.lines;
    return { type: 'Attribute', name: a.name, fields: a.fields, argsText: text.slice(a.argsStart, a.argsEnd), range: [a.start, a.end], loc: this.lines.loc(a.start, a.end) };
  }

  private blockAttribute(a: ParsedAttr): PrismaBlockAttribute {
    const { text } = this.lines;
    return { type: 'BlockAttribute', name: a.name, fields: a.fields, argsText: text.slice(a.argsStart, a.argsEnd), range: [a.start, a.end], loc: this.lines.loc(a.start, a.end) };
  }

  private field(m: ParsedField): PrismaField {
    return {
      type: 'Field',
      name: this.ident(m.name),
      fieldType: m.typeName,
      optional: m.optional,
      list: m.list,
      attributes: m.attrs.map((a) => this.attribute(a)),
      range: [m.start, m.end],
      loc: this.lines.loc(m.start, m.end),
    };
  }

  private enumValue(m: ParsedEnumValue): PrismaEnumValue {
    return { type: 'EnumValue', name: this.ident(m.name), attributes: m.attrs.map((a) => this.attribute(a)), range: [m.start, m.end], loc: this.lines.loc(m.start, m.end) };
  }

  private assignment(m: ParsedAssignment): PrismaAssignment {
    return { type: 'Assignment', key: this.ident(m.key), valueText: this.lines.text.slice(m.valueStart, m.end), range: [m.start, m.end], loc: this.lines.loc(m.start, m.end) };
  }

  /** What every block node has besides its type and members: its name, the offsets of `{` and `}`, its range and location. */
  private blockParts(parsed: ParsedBlock): Pick<PrismaEnum, 'name' | 'bodyRange' | 'range' | 'loc'> {
    return {
      name: this.ident(parsed.nameToken),
      bodyRange: [parsed.open, parsed.close],
      range: [parsed.start, parsed.close + 1],
      loc: this.lines.loc(parsed.start, parsed.close + 1),
    };
  }

  private modelLike(parsed: ParsedModelLike): PrismaModelLike {
    const members = parsed.members.map((m) => (m.kind === 'attribute' ? this.blockAttribute(m) : this.field(m)));
    const { name, bodyRange, range, loc } = this.blockParts(parsed);
    return { type: BLOCK_KEYWORDS[parsed.keyword], name, members, bodyRange, range, loc } as PrismaModelLike;
  }

  private enumBlock(parsed: ParsedEnum): PrismaEnum {
    const members = parsed.members.map((m) => (m.kind === 'attribute' ? this.blockAttribute(m) : this.enumValue(m)));
    const { name, bodyRange, range, loc } = this.blockParts(parsed);
    return { type: 'Enum', name, members, bodyRange, range, loc };
  }

  private configBlock(parsed: ParsedConfigBlock): PrismaBlock {
    const members = parsed.members.map((m) => this.assignment(m));
    const { name, bodyRange, range, loc } = this.blockParts(parsed);
    return { type: parsed.keyword === 'datasource' ? 'Datasource' : 'Generator', name, members, bodyRange, range, loc };
  }
}
