/**
 * The schema model the rules reason about: models, views and composite types with their fields and
 * attributes, each with the file and line it is written at, merged across the files of a multi-file schema.
 *
 * This is the one place a schema text becomes that model: the loader (`./load.ts`, files on disk) and the
 * `.prisma` rule (the linted file as the editor has it) both read text through `readSchemaModels`, which
 * converts the parser's blocks (`src/languages/prisma/parser/`) directly, without building the language's
 * tree (the tree's location objects are most of a cold parse's cost; see docs/decisions/prisma-parser.md).
 * The language's syntax nodes (`PrismaModel`, `PrismaField` in `src/languages/prisma/ast.ts`) are another
 * thing: positions for reports and fixes, not facts to reason about.
 */
import {
  type LineIndex,
  type ParsedBlock,
  type ParsedField,
  type ParsedModelLike,
  type PrismaParseError,
  readBlocks,
} from '../languages/prisma/parser/index.js';

export interface SchemaField {
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

export interface SchemaModel {
  name: string;
  /** `model`, `view`, or `type` (a composite type). */
  kind: 'model' | 'view' | 'type';
  /** Absolute path of the file the model is written in. */
  file: string;
  /** 1-based line and column of the `model` keyword. */
  line: number;
  column: number;
  /** 1-based line of the closing `}`. */
  endLine: number;
  fields: SchemaField[];
  /** `@@unique([a, b])` → `{ name: 'unique', fields: ['a', 'b'] }`; also `index`, `id`, `schema`, `map`. */
  blockAttributes: { name: string; fields: string[] }[];
}

/** A whole schema (one file or a folder of them). */
export interface SchemaInfo {
  /** Absolute paths of the files read, in the order read (sorted, for a folder). */
  files: string[];
  /** `model` blocks by name. */
  models: Map<string, SchemaModel>;
  /** `view` blocks by name. */
  views: Map<string, SchemaModel>;
  /** Composite `type` blocks by name. */
  types: Map<string, SchemaModel>;
  /** Enum names. */
  enums: Set<string>;
}

/** The models and enum names of one schema text, or its first syntax error. */
export type SchemaText = { ok: true; models: SchemaModel[]; enums: string[] } | { ok: false; errors: PrismaParseError[] };

/**
 * Reads one schema text (`file`: its absolute path) with the parser's grammar — the same texts accepted and
 * rejected, with the same errors, as the language's tree. Never throws.
 */
export function readSchemaModels(text: string, file: string): SchemaText {
  const models: SchemaModel[] = [];
  const enums: string[] = [];
  const read = readBlocks(text, (block, lines) => {
    if (block.keyword === 'enum') enums.push(block.nameToken.text);
    else if (isModelLike(block)) models.push(toSchemaModel(block, lines, file));
  });
  return read.ok ? { ok: true, models, enums } : read;
}

const isModelLike = (block: ParsedBlock): block is ParsedModelLike =>
  block.keyword === 'model' || block.keyword === 'view' || block.keyword === 'type';

/** One parsed `model`, `view` or `type` block as the schema model. */
function toSchemaModel(block: ParsedModelLike, lines: LineIndex, file: string): SchemaModel {
  const fields: SchemaField[] = [];
  const blockAttributes: SchemaModel['blockAttributes'] = [];
  for (const member of block.members) {
    if (member.kind === 'attribute') blockAttributes.push({ name: member.name, fields: member.fields });
    else fields.push(toSchemaField(member, lines));
  }
  const start = lines.at(block.start);
  return {
    name: block.nameToken.text,
    kind: block.keyword,
    file,
    line: start.line,
    column: start.column,
    endLine: lines.at(block.close).line,
    fields,
    blockAttributes,
  };
}

function toSchemaField(f: ParsedField, lines: LineIndex): SchemaField {
  const at = lines.at(f.name.start);
  const field: SchemaField = {
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
  return field;
}

export function emptySchemaInfo(): SchemaInfo {
  return { files: [], models: new Map(), views: new Map(), types: new Map(), enums: new Set() };
}

/** Adds one file's models and enums to `info`; the first definition of a name wins. */
export function addToSchemaInfo(info: SchemaInfo, file: string, read: { models: SchemaModel[]; enums: string[] }): void {
  info.files.push(file);
  for (const name of read.enums) info.enums.add(name);
  for (const model of read.models) {
    const target = model.kind === 'model' ? info.models : model.kind === 'view' ? info.views : info.types;
    if (!target.has(model.name)) target.set(model.name, model);
  }
}
