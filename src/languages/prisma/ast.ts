/**
 * The syntax tree of a `.prisma` file as the `booking-payment/prisma` language exposes it to rules.
 *
 * Every node has ESTree-style `range` (offsets into the text) and `loc` (1-based lines and columns, the
 * language's `lineStart`/`columnStart`). The tree, structure and positions alike, is built by the plugin's
 * own parser (`./parser/`); `@mrleebo/prisma-ast` only checks each block as a second grammar and
 * contributes nothing to it.
 *
 * These are syntax nodes (`PrismaModel` is a `model` block as written). What the rules reason about — a
 * model's fields, attributes and file, merged across a multi-file schema — is the schema model of
 * `src/schema/model.ts` (`SchemaModel`, `SchemaField`), read from the same parser.
 */

export interface Position {
  line: number;
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

interface BaseNode {
  range: [number, number];
  loc: SourceLocation;
}

export interface PrismaIdentifier extends BaseNode {
  type: 'Identifier';
  name: string;
}

/** `@unique`, `@db.VarChar(30)`, `@relation(fields: [bookingId], references: [id])`. */
export interface PrismaAttribute extends BaseNode {
  type: 'Attribute';
  /** The name without `@`, with its group: `unique`, `db.VarChar`. */
  name: string;
  /** Field names listed in the attribute: `fields: [...]` of `@relation`, or the first list argument. */
  fields: string[];
  /** The argument text between the parentheses, as written (empty when there are none). */
  argsText: string;
}

/** `@@unique([a, b])`, `@@index([bookingId])`, `@@id([a, b])`, `@@schema("public")`, `@@map("x")`. */
export interface PrismaBlockAttribute extends BaseNode {
  type: 'BlockAttribute';
  /** The name without `@@`: `unique`, `index`, `id`, `schema`, `map`. */
  name: string;
  /** The fields the attribute lists (`@@unique([a, b])` → `['a', 'b']`, `fields: [...]` form as well). */
  fields: string[];
  argsText: string;
}

/** A field of a model, view or composite type: `paymentIntentId String? @unique`. */
export interface PrismaField extends BaseNode {
  type: 'Field';
  name: PrismaIdentifier;
  /** The type name as written, without `?`/`[]`: `String`, `Booking`, `Unsupported`. */
  fieldType: string;
  optional: boolean;
  list: boolean;
  attributes: PrismaAttribute[];
}

export type PrismaModelMember = PrismaField | PrismaBlockAttribute;

interface ModelLikeBase extends BaseNode {
  name: PrismaIdentifier;
  members: PrismaModelMember[];
  /** Offset of the `{` that opens the body and of the `}` that closes it. */
  bodyRange: [number, number];
}

export interface PrismaModel extends ModelLikeBase {
  type: 'Model';
}

export interface PrismaView extends ModelLikeBase {
  type: 'View';
}

/** A composite type (`type Address { … }`, MongoDB). */
export interface PrismaCompositeType extends ModelLikeBase {
  type: 'CompositeType';
}

export interface PrismaEnumValue extends BaseNode {
  type: 'EnumValue';
  name: PrismaIdentifier;
  attributes: PrismaAttribute[];
}

export interface PrismaEnum extends BaseNode {
  type: 'Enum';
  name: PrismaIdentifier;
  members: (PrismaEnumValue | PrismaBlockAttribute)[];
  bodyRange: [number, number];
}

/** `provider = "postgresql"` inside a datasource or generator. */
export interface PrismaAssignment extends BaseNode {
  type: 'Assignment';
  key: PrismaIdentifier;
  /** The value as written: `"postgresql"`, `env("DATABASE_URL")`, `["views"]`. */
  valueText: string;
}

export interface PrismaDatasource extends BaseNode {
  type: 'Datasource';
  name: PrismaIdentifier;
  members: PrismaAssignment[];
  bodyRange: [number, number];
}

export interface PrismaGenerator extends BaseNode {
  type: 'Generator';
  name: PrismaIdentifier;
  members: PrismaAssignment[];
  bodyRange: [number, number];
}

export type PrismaModelLike = PrismaModel | PrismaView | PrismaCompositeType;
export type PrismaBlock = PrismaModelLike | PrismaEnum | PrismaDatasource | PrismaGenerator;

/** `// text` (`LineComment`) or `/// text` (`DocComment`, kept by Prisma as documentation). */
export interface PrismaComment extends BaseNode {
  type: 'LineComment' | 'DocComment';
  /** The text after `//` (or `///`). */
  value: string;
}

export interface PrismaSchema extends BaseNode {
  type: 'Schema';
  body: PrismaBlock[];
  comments: PrismaComment[];
}

export type PrismaNode =
  | PrismaSchema
  | PrismaBlock
  | PrismaIdentifier
  | PrismaField
  | PrismaAttribute
  | PrismaBlockAttribute
  | PrismaEnumValue
  | PrismaAssignment;

/** Which child keys ESLint's traversal follows, by node type. */
export const visitorKeys: Record<string, string[]> = {
  Schema: ['body'],
  Model: ['name', 'members'],
  View: ['name', 'members'],
  CompositeType: ['name', 'members'],
  Enum: ['name', 'members'],
  Datasource: ['name', 'members'],
  Generator: ['name', 'members'],
  Field: ['name', 'attributes'],
  EnumValue: ['name', 'attributes'],
  Attribute: [],
  BlockAttribute: [],
  Assignment: ['key'],
  Identifier: [],
};
