/**
 * The one Prisma schema loader every rule uses: where the schema is, what models it has, and where each
 * model is written (file, line, column).
 *
 * Location, first match wins (paths of options and settings are relative to ESLint's cwd):
 *   1. the rule option / `settings['booking-payment'].schema` (a file or a folder);
 *   2. the nearest package.json's `prisma.schema`;
 *   3. the `schema` property of `prisma.config.ts` (or `.config/prisma.ts`), read by parsing the file with
 *      TypeScript, never by running it: string literals, `path.join`/`path.resolve` of literals,
 *      `import.meta.dirname`/`__dirname`, and `const`s holding those; anything else → next location;
 *   4. `prisma/schema.prisma`; 5. a `prisma/schema/` folder; 6. `schema.prisma`
 *   (3–6 relative to the directory of the nearest package.json, or cwd when there is none).
 * A folder is a multi-file schema: every `.prisma` file in it (sub-folders too) is read and merged; each
 * model keeps its own file and line.
 *
 * Parsing is cached per process by path + mtime + size: a lint run parses each file once, and an edited
 * file is re-read on the next lint (editors keep one process for hours). Nothing here throws: a missing,
 * unreadable, non-UTF-8 or half-edited schema comes back as `missing` or `error` with a line and column.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

import type { PrismaBlockAttribute, PrismaField as AstField, PrismaModelLike, PrismaSchema } from '../languages/prisma/ast.js';
import { readSchemaFacts, type SchemaFactsField, type SchemaFactsModel } from '../languages/prisma/parser.js';

import { findNearestPackageJson, readPackageJson } from '../project/package-json.js';

export type PrismaField = SchemaFactsField;

export interface PrismaModel {
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
  fields: PrismaField[];
  /** `@@unique([a, b])` → `{ name: 'unique', fields: ['a', 'b'] }`; also `index`, `id`, `schema`, `map`. */
  blockAttributes: { name: string; fields: string[] }[];
}

export interface PrismaSchemaInfo {
  /** Absolute paths of the files read, sorted. */
  files: string[];
  /** `model` blocks by name. */
  models: Map<string, PrismaModel>;
  /** `view` blocks by name. */
  views: Map<string, PrismaModel>;
  /** Composite `type` blocks by name. */
  types: Map<string, PrismaModel>;
  /** Enum names. */
  enums: Set<string>;
}

export type SchemaLoadResult =
  | { status: 'ok'; schema: PrismaSchemaInfo; location: string }
  | { status: 'missing'; searched: string[] }
  | {
      status: 'error';
      /** Absolute path of the file that failed. */
      file: string;
      line: number;
      column: number;
      message: string;
      /** `parse`: a syntax error; `read`: the file could not be read (permissions, too large, …). */
      reason: 'parse' | 'read';
    };

export interface LoadSchemaOptions {
  /** The file being linted (absolute); the search starts at its directory. */
  filename: string;
  /** ESLint's cwd: option and settings paths are relative to it. */
  cwd: string;
  /** The rule option or `settings['booking-payment'].schema`. */
  schema?: string | undefined;
}

/** Files larger than this are not parsed (a lint run must stay bounded); they come back as a read error. */
export const MAX_SCHEMA_BYTES = 16 * 1024 * 1024;
/** A schema folder holding more files than this is read only up to this many. */
const MAX_FOLDER_FILES = 5_000;
const MAX_FOLDER_DEPTH = 16;

// ---------------------------------------------------------------------------------------------------------
// One file: read + parse, cached by path + mtime + size
// ---------------------------------------------------------------------------------------------------------

type FileLoad =
  | { ok: true; file: string; models: SchemaFactsModel[]; enums: string[] }
  | { ok: false; file: string; line: number; column: number; message: string; reason: 'parse' | 'read' };

interface FileCacheEntry {
  mtimeMs: number;
  size: number;
  load: FileLoad;
}

const fileCache = new Map<string, FileCacheEntry>();

/** Counters for benches and tests: how many files were actually read and parsed. */
export const loaderStats = { fileParses: 0, fileCacheHits: 0 };

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

function errnoText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e?.code ?? e?.message ?? String(error);
}

function decodeUtf8(buffer: Buffer): string {
  // A UTF-16 file decodes to NULs and U+FFFD; the parser then reports "not UTF-8 text" with its position.
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(buffer);
}

/**
 * Reads and parses one schema file from disk (`stats`: its `fs.statSync`, when the caller already has it).
 * An editor buffer is not read here: the `.prisma` language parses the linted file's text itself.
 */
export function loadSchemaFile(file: string, stats?: fs.Stats): FileLoad {
  const st = stats ?? statOrUndefined(file);
  if (!st) return { ok: false, file, line: 1, column: 1, message: 'the file cannot be found', reason: 'read' };
  const cached = fileCache.get(file);
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) {
    loaderStats.fileCacheHits++;
    return cached.load;
  }
  let load: FileLoad;
  if (!st.isFile()) {
    // A directory, a named pipe (reading it would block the lint run), a socket, a device.
    load = { ok: false, file, line: 1, column: 1, message: 'the path is not a regular file', reason: 'read' };
  } else if (st.size > MAX_SCHEMA_BYTES) {
    load = {
      ok: false,
      file,
      line: 1,
      column: 1,
      message: `the file is ${(st.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_SCHEMA_BYTES / 1024 / 1024} MB this plugin reads`,
      reason: 'read',
    };
  } else {
    let text: string | undefined;
    try {
      text = decodeUtf8(fs.readFileSync(file));
    } catch (error) {
      load = { ok: false, file, line: 1, column: 1, message: `the file cannot be read (${errnoText(error)})`, reason: 'read' };
    }
    if (text !== undefined) {
      loaderStats.fileParses++;
      const parsed = readSchemaFacts(text);
      load = parsed.ok
        ? { ok: true, file, models: parsed.models, enums: parsed.enums }
        : {
            ok: false,
            file,
            line: parsed.errors[0]?.line ?? 1,
            column: parsed.errors[0]?.column ?? 1,
            message: parsed.errors[0]?.message ?? 'syntax error',
            reason: 'parse',
          };
    }
  }
  fileCache.set(file, { mtimeMs: st.mtimeMs, size: st.size, load: load! });
  return load!;
}

// ---------------------------------------------------------------------------------------------------------
// AST → PrismaSchemaInfo
// ---------------------------------------------------------------------------------------------------------

function toField(f: AstField): PrismaField {
  const relation = f.attributes.find((a) => a.name === 'relation');
  const field: PrismaField = {
    name: f.name.name,
    type: f.fieldType,
    optional: f.optional,
    list: f.list,
    attributes: f.attributes.map((a) => a.name),
    line: f.name.loc.start.line,
    column: f.name.loc.start.column,
  };
  if (relation && relation.fields.length > 0) field.relationFields = relation.fields;
  return field;
}

/** Converts one parsed block (model, view or type) to the loader's model shape. */
export function toPrismaModel(block: PrismaModelLike, file: string): PrismaModel {
  const kind = block.type === 'Model' ? 'model' : block.type === 'View' ? 'view' : 'type';
  return {
    name: block.name.name,
    kind,
    file,
    line: block.loc.start.line,
    column: block.loc.start.column,
    endLine: block.loc.end.line,
    fields: block.members.filter((m): m is AstField => m.type === 'Field').map(toField),
    blockAttributes: block.members
      .filter((m): m is PrismaBlockAttribute => m.type === 'BlockAttribute')
      .map((m) => ({ name: m.name, fields: m.fields })),
  };
}

function emptyInfo(): PrismaSchemaInfo {
  return { files: [], models: new Map(), views: new Map(), types: new Map(), enums: new Set() };
}

/** Adds the models of one file read by the loader to `info` (the first definition of a name wins). */
function addFactsToSchemaInfo(info: PrismaSchemaInfo, load: Extract<FileLoad, { ok: true }>): void {
  info.files.push(load.file);
  for (const name of load.enums) info.enums.add(name);
  for (const facts of load.models) {
    const target = facts.kind === 'model' ? info.models : facts.kind === 'view' ? info.views : info.types;
    if (!target.has(facts.name)) target.set(facts.name, { ...facts, file: load.file });
  }
}

/** Adds the blocks of one parsed tree (e.g. the `.prisma` file being linted) to `info` (first definition wins). */
export function addToSchemaInfo(info: PrismaSchemaInfo, ast: PrismaSchema, file: string): void {
  info.files.push(file);
  for (const block of ast.body) {
    if (block.type === 'Enum') info.enums.add(block.name.name);
    if (block.type !== 'Model' && block.type !== 'View' && block.type !== 'CompositeType') continue;
    const target = block.type === 'Model' ? info.models : block.type === 'View' ? info.views : info.types;
    if (!target.has(block.name.name)) target.set(block.name.name, toPrismaModel(block, file));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Folders (multi-file schemas)
// ---------------------------------------------------------------------------------------------------------

/** Every `.prisma` file under `dir`, sorted; follows symlinks once (a loop is cut, never followed twice). */
export function listSchemaFiles(dir: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (current: string, depth: number) => {
    if (depth > MAX_FOLDER_DEPTH || out.length >= MAX_FOLDER_FILES) return;
    let real: string;
    try {
      real = fs.realpathSync(current);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (out.length >= MAX_FOLDER_FILES) return;
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const st = statOrUndefined(full); // a dangling link or a loop (ELOOP) gives undefined
        isDir = st?.isDirectory() ?? false;
        isFile = st?.isFile() ?? false;
      }
      if (isDir) walk(full, depth + 1);
      else if (isFile && entry.name.endsWith('.prisma')) out.push(full);
    }
  };
  walk(dir, 0);
  return out;
}

/**
 * The files of a schema folder other than `linted`, each read on its own (cached per file): for a `.prisma`
 * file being linted, whose text comes from the editor. Its copy on disk may be half-saved or broken, and must
 * not make the whole folder an error. `linted` is matched by path and by identity (a symlinked folder).
 * `ok` holds the other files' models (none when there are no other files); `error` names the first other
 * file that cannot be read or parsed.
 */
export function loadSchemaSiblings(location: string, linted: string): SchemaLoadResult {
  const st = statOrUndefined(location);
  if (!st) return { status: 'missing', searched: [location] };
  const files = st.isDirectory() ? listSchemaFiles(location) : [location];
  const own = statOrUndefined(linted);
  const info = emptyInfo();
  for (const file of files) {
    if (file === linted) continue;
    const fileStats = statOrUndefined(file);
    if (own && fileStats && own.ino !== 0 && own.ino === fileStats.ino && own.dev === fileStats.dev) continue;
    const load = loadSchemaFile(file, fileStats);
    if (!load.ok) {
      return { status: 'error', file, line: load.line, column: load.column, message: load.message, reason: load.reason };
    }
    addFactsToSchemaInfo(info, load);
  }
  return { status: 'ok', schema: info, location };
}

interface MergedCacheEntry {
  key: string;
  result: SchemaLoadResult;
}
const mergedCache = new Map<string, MergedCacheEntry>();

/** Loads a schema file or folder (absolute path). Cached; re-read when any file's mtime or size changes. */
export function loadSchemaAt(location: string): SchemaLoadResult {
  const st = statOrUndefined(location);
  if (!st) return { status: 'missing', searched: [location] };
  const files = st.isDirectory() ? listSchemaFiles(location) : [location];
  if (files.length === 0) return { status: 'missing', searched: [location] };
  const stats = files.map((f) => statOrUndefined(f));
  const key = files.map((f, i) => `${f}\0${stats[i]?.mtimeMs ?? -1}\0${stats[i]?.size ?? -1}`).join('\n');
  const cached = mergedCache.get(location);
  if (cached && cached.key === key) return cached.result;
  const info = emptyInfo();
  let result: SchemaLoadResult | undefined;
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as string;
    const load = loadSchemaFile(file, stats[i]);
    if (!load.ok) {
      result = { status: 'error', file, line: load.line, column: load.column, message: load.message, reason: load.reason };
      break;
    }
    addFactsToSchemaInfo(info, load);
  }
  result ??= { status: 'ok', schema: info, location };
  mergedCache.set(location, { key, result });
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// prisma.config.ts, read without running it
// ---------------------------------------------------------------------------------------------------------

type TS = typeof import('typescript');
let tsModule: TS | null | undefined;

function getTypeScript(): TS | null {
  if (tsModule !== undefined) return tsModule;
  try {
    tsModule = createRequire(import.meta.url)('typescript') as TS;
  } catch {
    tsModule = null;
  }
  return tsModule;
}

export type ConfigSchemaResult =
  | { status: 'found'; schema: string }
  | { status: 'no-schema' }
  | { status: 'unreadable'; reason: string };

const configCache = new Map<string, { mtimeMs: number; size: number; result: ConfigSchemaResult }>();

/**
 * The absolute `schema` path a `prisma.config.ts` declares, read statically. Understands string literals,
 * template literals without substitutions, `path.join`/`path.resolve`/`join`/`resolve` of those,
 * `import.meta.dirname`, `__dirname`, and identifiers bound to `const`s of those; relative paths are relative
 * to the config file's directory (as Prisma resolves them). Everything else is `unreadable` (never executed).
 */
export function readPrismaConfigSchema(configFile: string): ConfigSchemaResult {
  const st = statOrUndefined(configFile);
  if (!st) return { status: 'unreadable', reason: 'the file cannot be found' };
  // A named pipe would block the lint run forever on read; a directory or device is no config either.
  if (!st.isFile()) return { status: 'unreadable', reason: 'the path is not a regular file' };
  if (st.size > MAX_SCHEMA_BYTES) return { status: 'unreadable', reason: `the file is over ${MAX_SCHEMA_BYTES / 1024 / 1024} MB` };
  const cached = configCache.get(configFile);
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.result;
  let result: ConfigSchemaResult;
  try {
    result = readPrismaConfigSchemaUncached(configFile);
  } catch (error) {
    result = { status: 'unreadable', reason: `cannot be read statically (${(error as Error)?.message ?? String(error)})` };
  }
  configCache.set(configFile, { mtimeMs: st.mtimeMs, size: st.size, result });
  return result;
}

function readPrismaConfigSchemaUncached(configFile: string): ConfigSchemaResult {
  let text: string;
  try {
    text = fs.readFileSync(configFile, 'utf8');
  } catch (error) {
    return { status: 'unreadable', reason: `cannot be read (${errnoText(error)})` };
  }
  const ts = getTypeScript();
  if (!ts) return { status: 'unreadable', reason: 'the `typescript` package is not installed' };
  let sf: import('typescript').SourceFile;
  try {
    sf = ts.createSourceFile(configFile, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  } catch (error) {
    return { status: 'unreadable', reason: `cannot be parsed (${(error as Error).message})` };
  }
  const dir = path.dirname(configFile);
  const consts = new Map<string, import('typescript').Expression>();
  const pathNames = new Set<string>(); // local names of the `path` module
  const pathFns = new Map<string, 'join' | 'resolve'>(); // `import { join } from 'node:path'`
  let exported: import('typescript').Expression | undefined;

  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const mod = stmt.moduleSpecifier.text;
      if (mod !== 'path' && mod !== 'node:path') continue;
      const clause = stmt.importClause;
      if (clause?.name) pathNames.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) pathNames.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          const imported = (el.propertyName ?? el.name).text;
          if (imported === 'join' || imported === 'resolve') pathFns.set(el.name.text, imported);
          if (imported === 'default') pathNames.add(el.name.text);
        }
      }
    } else if (ts.isVariableStatement(stmt) && (stmt.declarationList.flags & ts.NodeFlags.Const) !== 0) {
      for (const decl of stmt.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.initializer) consts.set(decl.name.text, decl.initializer);
      }
    } else if (ts.isExportAssignment(stmt) && !stmt.isExportEquals) {
      exported = stmt.expression;
    } else if (
      ts.isExpressionStatement(stmt) &&
      ts.isBinaryExpression(stmt.expression) &&
      stmt.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(stmt.expression.left) &&
      ts.isIdentifier(stmt.expression.left.expression) &&
      stmt.expression.left.expression.text === 'module' &&
      stmt.expression.left.name.text === 'exports'
    ) {
      exported = stmt.expression.right;
    }
  }
  if (!exported) return { status: 'unreadable', reason: 'it has no `export default`' };

  const unwrap = (e: import('typescript').Expression): import('typescript').Expression => {
    let cur = e;
    for (let i = 0; i < 20; i++) {
      if (ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur) || ts.isSatisfiesExpression(cur) || ts.isNonNullExpression(cur)) {
        cur = cur.expression;
      } else if (ts.isTypeAssertionExpression(cur)) {
        cur = cur.expression;
      } else break;
    }
    return cur;
  };

  const seen = new Set<string>();
  const evalString = (e0: import('typescript').Expression): string | null => {
    const e = unwrap(e0);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isIdentifier(e)) {
      if (e.text === '__dirname') return dir;
      const init = consts.get(e.text);
      if (!init || seen.has(e.text)) return null;
      seen.add(e.text);
      const v = evalString(init);
      seen.delete(e.text);
      return v;
    }
    if (
      ts.isPropertyAccessExpression(e) &&
      ts.isMetaProperty(e.expression) &&
      e.expression.keywordToken === ts.SyntaxKind.ImportKeyword &&
      e.name.text === 'dirname'
    ) {
      return dir;
    }
    if (ts.isCallExpression(e)) {
      let fn: 'join' | 'resolve' | undefined;
      const callee = unwrap(e.expression);
      if (ts.isIdentifier(callee)) fn = pathFns.get(callee.text);
      else if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        pathNames.has(callee.expression.text) &&
        (callee.name.text === 'join' || callee.name.text === 'resolve')
      ) {
        fn = callee.name.text;
      }
      if (!fn) return null;
      const parts: string[] = [];
      for (const arg of e.arguments) {
        const v = evalString(arg);
        if (v === null) return null;
        parts.push(v);
      }
      return fn === 'join' ? path.join(...parts) : path.resolve(dir, ...parts);
    }
    return null;
  };

  const findObject = (e0: import('typescript').Expression, depth: number): import('typescript').ObjectLiteralExpression | null => {
    const e = unwrap(e0);
    if (ts.isObjectLiteralExpression(e)) return e;
    if (depth > 5) return null;
    if (ts.isIdentifier(e)) {
      const init = consts.get(e.text);
      return init ? findObject(init, depth + 1) : null;
    }
    // defineConfig({ ... }) or any wrapper call with the object as its only argument
    if (ts.isCallExpression(e) && e.arguments.length === 1) return findObject(e.arguments[0] as import('typescript').Expression, depth + 1);
    return null;
  };

  const obj = findObject(exported, 0);
  if (!obj) return { status: 'unreadable', reason: 'its default export is not an object literal' };
  let schemaExpr: import('typescript').Expression | undefined;
  for (const prop of obj.properties) {
    if (ts.isSpreadAssignment(prop)) {
      if (!schemaExpr) return { status: 'unreadable', reason: 'its config object spreads another object' };
      continue;
    }
    const name = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : undefined;
    if (name !== 'schema') continue;
    if (ts.isPropertyAssignment(prop)) schemaExpr = prop.initializer;
    else if (ts.isShorthandPropertyAssignment(prop)) schemaExpr = prop.name;
    else return { status: 'unreadable', reason: '`schema` is not a plain property' };
  }
  if (!schemaExpr) return { status: 'no-schema' };
  const value = evalString(schemaExpr);
  if (value === null) return { status: 'unreadable', reason: '`schema` is not a static path' };
  return { status: 'found', schema: path.resolve(dir, value) };
}

// ---------------------------------------------------------------------------------------------------------
// Location
// ---------------------------------------------------------------------------------------------------------

export type SchemaLocation =
  | { status: 'found'; location: string; source: 'option' | 'package.json' | 'prisma.config' | 'default'; searched: string[] }
  | { status: 'missing'; searched: string[] };

/** Where the schema is for a linted file (see the module comment for the order). Never throws. */
export function locateSchema({ filename, cwd, schema }: LoadSchemaOptions): SchemaLocation {
  const searched: string[] = [];
  if (schema) {
    const p = path.resolve(cwd, schema);
    searched.push(p);
    return statOrUndefined(p) ? { status: 'found', location: p, source: 'option', searched } : { status: 'missing', searched };
  }
  const startDir = path.dirname(path.resolve(cwd, filename));
  const pkgFile = findNearestPackageJson(startDir);
  const root = pkgFile ? path.dirname(pkgFile) : cwd;
  if (pkgFile) {
    const pkg = readPackageJson(pkgFile);
    const prisma = pkg?.prisma;
    const declared =
      prisma && typeof prisma === 'object' && typeof (prisma as { schema?: unknown }).schema === 'string'
        ? (prisma as { schema: string }).schema
        : undefined;
    if (declared) {
      const p = path.resolve(root, declared);
      searched.push(`${pkgFile} (prisma.schema → ${p})`);
      if (statOrUndefined(p)) return { status: 'found', location: p, source: 'package.json', searched };
    }
  }
  for (const configName of ['prisma.config.ts', 'prisma.config.mts', 'prisma.config.js', 'prisma.config.mjs', path.join('.config', 'prisma.ts')]) {
    const configFile = path.join(root, configName);
    const configStats = statOrUndefined(configFile);
    if (!configStats) continue;
    if (!configStats.isFile()) {
      // A folder, a device, or a named pipe (reading it would block the lint run forever): not a config file.
      searched.push(`${configFile} (not a regular file)`);
      continue;
    }
    const read = readPrismaConfigSchema(configFile);
    searched.push(
      read.status === 'found'
        ? `${configFile} (schema → ${read.schema})`
        : read.status === 'no-schema'
          ? `${configFile} (no schema property)`
          : `${configFile} (not statically readable: ${read.reason})`,
    );
    if (read.status === 'found' && statOrUndefined(read.schema)) {
      return { status: 'found', location: read.schema, source: 'prisma.config', searched };
    }
    break; // Prisma reads one config file
  }
  for (const candidate of [path.join('prisma', 'schema.prisma'), path.join('prisma', 'schema'), 'schema.prisma']) {
    const p = path.join(root, candidate);
    searched.push(p);
    const st = statOrUndefined(p);
    if (st && (candidate === path.join('prisma', 'schema') ? st.isDirectory() : st.isFile())) {
      return { status: 'found', location: p, source: 'default', searched };
    }
  }
  return { status: 'missing', searched };
}

/** Finds and loads the schema for a linted file. Cached per process by path + mtime + size; never throws. */
export function loadSchema(options: LoadSchemaOptions): SchemaLoadResult {
  try {
    const where = locateSchema(options);
    if (where.status === 'missing') return { status: 'missing', searched: where.searched };
    const result = loadSchemaAt(where.location);
    return result.status === 'missing' ? { status: 'missing', searched: [...where.searched, ...result.searched] } : result;
  } catch (error) {
    // Defensive: the loader's own code should not throw, but a rule must never abort the user's run.
    return {
      status: 'error',
      file: options.schema ?? options.filename,
      line: 1,
      column: 1,
      message: `the schema could not be loaded (${(error as Error)?.message ?? String(error)})`,
      reason: 'read',
    };
  }
}

/** Forgets every cached parse (tests use it; the cache otherwise follows mtime + size on its own). */
export function clearSchemaCache(): void {
  fileCache.clear();
  mergedCache.clear();
  configCache.clear();
}
