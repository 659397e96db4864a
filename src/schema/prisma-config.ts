/**
 * The `schema` path a `prisma.config.ts` declares, read by parsing the file with TypeScript's parser (loaded
 * lazily), never by importing or running it. Understands string literals, template literals without
 * substitutions, `path.join`/`path.resolve`/`join`/`resolve` of those, `import.meta.dirname`, `__dirname`, and
 * identifiers bound to `const`s of those; a relative path is relative to the config file's directory (as
 * Prisma resolves it). Anything else is `unreadable`, and the search moves on.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import type * as TypeScript from 'typescript';

import { statOrUndefined } from '../util/fs.js';
import { MAX_SCHEMA_BYTES, readRegularFile } from './files.js';

type TS = typeof TypeScript;
type Expression = TypeScript.Expression;

export type ConfigSchemaResult =
  | { status: 'found'; schema: string }
  | { status: 'no-schema' }
  | { status: 'unreadable'; reason: string };

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

const configCache = new Map<string, { mtimeMs: number; size: number; result: ConfigSchemaResult }>();

/** The absolute `schema` path `configFile` declares (see the module comment). Cached by path + mtime + size; never throws. */
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
    result = readUncached(configFile);
  } catch (error) {
    result = { status: 'unreadable', reason: `cannot be read statically (${(error as Error)?.message ?? String(error)})` };
  }
  configCache.set(configFile, { mtimeMs: st.mtimeMs, size: st.size, result });
  return result;
}

/** Forgets the cached config reads (tests; the cache otherwise follows mtime + size). */
export function clearPrismaConfigCache(): void {
  configCache.clear();
}

function readUncached(configFile: string): ConfigSchemaResult {
  // Non-blocking and bounded: a named pipe or a `/proc` file is refused, never waited on.
  const read = readRegularFile(configFile, MAX_SCHEMA_BYTES);
  if (!read.ok) {
    return { status: 'unreadable', reason: read.message === 'the path is not a regular file' ? read.message : read.message.replace(/^the file /, '') };
  }
  const text = read.buffer.toString('utf8');
  const ts = getTypeScript();
  if (!ts) return { status: 'unreadable', reason: 'the `typescript` package is not installed' };
  let sf: TypeScript.SourceFile;
  try {
    sf = ts.createSourceFile(configFile, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  } catch (error) {
    return { status: 'unreadable', reason: `cannot be parsed (${(error as Error).message})` };
  }
  const bindings = collectBindings(ts, sf);
  if (!bindings.exported) return { status: 'unreadable', reason: 'it has no `export default`' };
  const obj = findConfigObject(ts, bindings, bindings.exported, 0);
  if (!obj) return { status: 'unreadable', reason: 'its default export is not an object literal' };
  const property = schemaProperty(ts, obj);
  if (property.status !== 'expression') return property;
  const value = new StaticPath(ts, bindings, path.dirname(configFile)).evaluate(property.expression);
  if (value === null) return { status: 'unreadable', reason: '`schema` is not a static path' };
  return { status: 'found', schema: path.resolve(path.dirname(configFile), value) };
}

/** What the file's top-level statements bind: `const`s, the local names of `path` and its functions, the export. */
interface Bindings {
  consts: Map<string, Expression>;
  /** Local names of the `path` module (`import path from 'node:path'`, `* as p`). */
  pathNames: Set<string>;
  /** `import { join } from 'node:path'` → `join` → `'join'`. */
  pathFns: Map<string, 'join' | 'resolve'>;
  /** `export default …` or `module.exports = …`. */
  exported: Expression | undefined;
}

function collectBindings(ts: TS, sf: TypeScript.SourceFile): Bindings {
  const bindings: Bindings = { consts: new Map(), pathNames: new Set(), pathFns: new Map(), exported: undefined };
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      addPathImport(ts, stmt, bindings);
    } else if (ts.isVariableStatement(stmt) && (stmt.declarationList.flags & ts.NodeFlags.Const) !== 0) {
      for (const decl of stmt.declarationList.declarations) {
        if (ts.isIdentifier(decl.name) && decl.initializer) bindings.consts.set(decl.name.text, decl.initializer);
      }
    } else if (ts.isExportAssignment(stmt) && !stmt.isExportEquals) {
      bindings.exported = stmt.expression;
    } else if (isModuleExportsAssignment(ts, stmt)) {
      bindings.exported = stmt.expression.right;
    }
  }
  return bindings;
}

function addPathImport(ts: TS, stmt: TypeScript.ImportDeclaration, bindings: Bindings): void {
  const mod = (stmt.moduleSpecifier as TypeScript.StringLiteral).text;
  if (mod !== 'path' && mod !== 'node:path') return;
  const clause = stmt.importClause;
  if (clause?.name) bindings.pathNames.add(clause.name.text);
  const named = clause?.namedBindings;
  if (named && ts.isNamespaceImport(named)) bindings.pathNames.add(named.name.text);
  if (named && ts.isNamedImports(named)) {
    for (const el of named.elements) {
      const imported = (el.propertyName ?? el.name).text;
      if (imported === 'join' || imported === 'resolve') bindings.pathFns.set(el.name.text, imported);
      if (imported === 'default') bindings.pathNames.add(el.name.text);
    }
  }
}

function isModuleExportsAssignment(
  ts: TS,
  stmt: TypeScript.Statement,
): stmt is TypeScript.ExpressionStatement & { expression: TypeScript.BinaryExpression } {
  if (!ts.isExpressionStatement(stmt) || !ts.isBinaryExpression(stmt.expression)) return false;
  const { operatorToken, left } = stmt.expression;
  return (
    operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(left) &&
    ts.isIdentifier(left.expression) &&
    left.expression.text === 'module' &&
    left.name.text === 'exports'
  );
}

/** `(x)`, `x as T`, `x satisfies T`, `x!`, `<T>x` → `x` (at most 20 layers). */
function unwrap(ts: TS, e: Expression): Expression {
  let cur = e;
  for (let i = 0; i < 20; i++) {
    if (
      ts.isParenthesizedExpression(cur) ||
      ts.isAsExpression(cur) ||
      ts.isSatisfiesExpression(cur) ||
      ts.isNonNullExpression(cur) ||
      ts.isTypeAssertionExpression(cur)
    ) {
      cur = cur.expression;
    } else break;
  }
  return cur;
}

/** The object literal the export is: itself, a `const` holding it, or the only argument of `defineConfig(…)`. */
function findConfigObject(ts: TS, bindings: Bindings, e0: Expression, depth: number): TypeScript.ObjectLiteralExpression | null {
  const e = unwrap(ts, e0);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (depth > 5) return null;
  if (ts.isIdentifier(e)) {
    const init = bindings.consts.get(e.text);
    return init ? findConfigObject(ts, bindings, init, depth + 1) : null;
  }
  // defineConfig({ ... }) or any wrapper call with the object as its only argument
  if (ts.isCallExpression(e) && e.arguments.length === 1) return findConfigObject(ts, bindings, e.arguments[0] as Expression, depth + 1);
  return null;
}

/** The expression of the object's `schema` property; a spread before it makes the object unreadable. */
function schemaProperty(
  ts: TS,
  obj: TypeScript.ObjectLiteralExpression,
): { status: 'expression'; expression: Expression } | Exclude<ConfigSchemaResult, { status: 'found' }> {
  let schemaExpr: Expression | undefined;
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
  return schemaExpr ? { status: 'expression', expression: schemaExpr } : { status: 'no-schema' };
}

/** Evaluates a path expression statically (see the module comment); null for anything else. */
class StaticPath {
  /** `const`s being evaluated (a cycle `const a = b; const b = a` gives null). */
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly ts: TS,
    private readonly bindings: Bindings,
    /** The config file's directory: `__dirname`, `import.meta.dirname`, and the base of `path.resolve`. */
    private readonly dir: string,
  ) {}

  evaluate(e0: Expression): string | null {
    const ts = this.ts;
    const e = unwrap(ts, e0);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isIdentifier(e)) return this.identifier(e.text);
    if (this.isImportMetaDirname(e)) return this.dir;
    if (ts.isCallExpression(e)) return this.pathCall(e);
    return null;
  }

  private identifier(name: string): string | null {
    if (name === '__dirname') return this.dir;
    const init = this.bindings.consts.get(name);
    if (!init || this.inProgress.has(name)) return null;
    this.inProgress.add(name);
    const value = this.evaluate(init);
    this.inProgress.delete(name);
    return value;
  }

  private isImportMetaDirname(e: Expression): boolean {
    const ts = this.ts;
    return (
      ts.isPropertyAccessExpression(e) &&
      ts.isMetaProperty(e.expression) &&
      e.expression.keywordToken === ts.SyntaxKind.ImportKeyword &&
      e.name.text === 'dirname'
    );
  }

  /** `path.join(…)`, `path.resolve(…)`, `join(…)`, `resolve(…)` of static parts. */
  private pathCall(e: TypeScript.CallExpression): string | null {
    const fn = this.pathFunction(unwrap(this.ts, e.expression));
    if (!fn) return null;
    const parts: string[] = [];
    for (const arg of e.arguments) {
      const v = this.evaluate(arg);
      if (v === null) return null;
      parts.push(v);
    }
    return fn === 'join' ? path.join(...parts) : path.resolve(this.dir, ...parts);
  }

  private pathFunction(callee: Expression): 'join' | 'resolve' | undefined {
    const ts = this.ts;
    if (ts.isIdentifier(callee)) return this.bindings.pathFns.get(callee.text);
    if (
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      this.bindings.pathNames.has(callee.expression.text) &&
      (callee.name.text === 'join' || callee.name.text === 'resolve')
    ) {
      return callee.name.text;
    }
    return undefined;
  }
}
