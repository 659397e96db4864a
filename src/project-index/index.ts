/**
 * The project index: does any file of the project store a payment provider's id?
 *
 * One pass over the project's source files. The root is the nearest ancestor of the linted file with a
 * lockfile or a `workspaces` field (else ESLint's cwd); `node_modules`, `dist`, `build`, `.next`,
 * `coverage`, dot-folders and whatever `.gitignore` ignores are skipped. Every file's text is read first and
 * only the files that mention a candidate column are parsed. Candidate columns are the provider-id columns
 * of schema.prisma's booking/payment models when a schema is found, else the names matching `idColumns`
 * (default: the provider-id column pattern of `naming.ts`).
 *
 * Built lazily (the first time a file with a payment creation asks), cached for the process, and revalidated
 * after a short TTL by re-listing folders and comparing each file's mtime and size: only changed files are
 * read again. Never throws: a failure gives `status: 'error'`, which callers treat as "unknown".
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';
import ignore, { type Ignore } from 'ignore';

import { WRITE_METHODS as PRISMA_WRITE_METHODS } from '../detect/model-writes.js';
import { readPackageJson } from '../project/package-json.js';
import { delegateName, escapeRegExp, isProviderIdColumn, providerIdColumnMatcher } from '../config/vocabulary.js';
import { loadSchema } from '../schema/load.js';
import { analyzeBookingPaymentLink, type BookingModelLink } from '../schema/link.js';
import { isNullish, propertyKeyName } from '../util/static-value.js';

export interface ProviderIdWrite {
  /** Absolute path of the file. */
  file: string;
  /** 1-based line and column of the written property (or assignment). */
  line: number;
  column: number;
  /** The model delegate (`booking`), or the object assigned to / written through (`booking`, `repo`). */
  delegate: string;
  /** The provider-id column written (`paymentIntentId`). */
  idColumn: string;
  /** `model-write`: a Prisma-style write; `orm-write`: another ORM's write call; `assignment`: `x.col = …`. */
  kind: 'model-write' | 'orm-write' | 'assignment';
}

export interface ProjectIndex {
  status: 'ok' | 'error';
  root: string;
  providerIdWrites: ProviderIdWrite[];
  /** Source files seen; those whose text mentions a candidate column; those of them that had to be parsed. */
  fileCount: number;
  scannedCount: number;
  parsedCount: number;
  /** The candidate columns from the schema, or null when the column pattern is used. */
  candidateColumns: string[] | null;
  error?: string;
  /** Scans an already parsed file (the one being linted, as it is in the editor) with the same columns. */
  scanSource(ast: TSESTree.Program, file: string): ProviderIdWrite[];
}

export interface ProjectIndexOptions {
  /** ESLint's cwd: the root when no ancestor has a lockfile or a `workspaces` field. */
  cwd?: string | undefined;
  idColumns?: readonly string[] | undefined;
  bookingModels?: readonly string[] | undefined;
  paymentModels?: readonly string[] | undefined;
  /** The Prisma schema path (settings), relative to cwd. */
  schema?: string | undefined;
}

const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', '.next', 'coverage', 'out', '.git']);
const SOURCE_EXT = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock'];
const MAX_FILES = 100_000;
let maxFiles = MAX_FILES;
const MAX_FILE_BYTES = 1_000_000;

/** Write-like method names of Prisma and other ORMs: an object argument with a provider-id key is a write. */
const ORM_WRITE_METHODS = new Set([
  'create',
  'update',
  'upsert',
  'updateMany',
  'createMany',
  'createManyAndReturn',
  'updateManyAndReturn',
  'insert',
  'insertMany',
  'insertOne',
  'updateOne',
  'save',
  'set',
  'values',
  'merge',
  'patch',
  'assign',
  'findOneAndUpdate',
  'findByIdAndUpdate',
]);
/**
 * Stripe SDK resources: their create/update calls send ids to the provider, they do not store them. (Generic
 * names such as `payments` or `orders` are left out: a service of the project may be called that.)
 */
const PROVIDER_RESOURCES = new Set([
  'paymentIntents',
  'checkout',
  'sessions',
  'charges',
  'refunds',
  'customers',
  'subscriptions',
  'invoices',
  'setupIntents',
  'paymentLinks',
  'prices',
  'products',
  'transfers',
]);
/** Keys under which a provider-id name is not a column written: lookups and provider metadata. */
const NON_DATA_KEYS = new Set(['where', 'metadata', 'select', 'include', 'orderBy', 'cursor']);

let ttlMs = 2000;

/**
 * A revalidation re-lists and re-stats the whole tree; it may take at most this share of wall-clock time,
 * so a large project waits longer than the TTL between checks (5,000 files: ~40 ms a check → ~4 s apart).
 */
const MAX_REVALIDATION_SHARE = 0.01;

/**
 * The shortest time a built index is trusted before its files are checked for changes again (default 2 s;
 * longer where a check is costly, see MAX_REVALIDATION_SHARE; 0 checks on every call).
 */
export function setProjectIndexTtl(ms: number): void {
  ttlMs = Math.max(0, ms);
}

function revalidationInterval(state: IndexState): number {
  return ttlMs === 0 ? 0 : Math.max(ttlMs, state.refreshMs / MAX_REVALIDATION_SHARE);
}

/** The most source files an index reads (default 100,000); a larger tree's index is `error` (unknown). */
export function setProjectIndexFileLimit(limit: number = MAX_FILES): void {
  maxFiles = Math.max(1, limit);
}

/** Forgets every cached index and root (for tools that know the tree changed wholesale, and for tests). */
export function clearProjectIndexCache(): void {
  indexes.clear();
  roots.clear();
  candidatesByDir.clear();
}

// ---------------------------------------------------------------------------------------------------------
// Root

const roots = new Map<string, string | null>();

function isRootDir(dir: string): boolean {
  const cached = roots.get(dir);
  if (cached !== undefined) return cached !== null;
  let found = LOCKFILES.some((f) => existsSync(path.join(dir, f))) || existsSync(path.join(dir, 'pnpm-workspace.yaml'));
  if (!found) {
    const pkg = readPackageJson(path.join(dir, 'package.json'));
    found = pkg !== null && pkg.workspaces !== undefined && pkg.workspaces !== null;
  }
  roots.set(dir, found ? dir : null);
  return found;
}

/** The nearest ancestor of `filename` with a lockfile or a `workspaces` field, else `cwd`. */
export function findProjectRoot(filename: string, cwd: string = process.cwd()): string {
  let dir = path.dirname(path.resolve(cwd, filename));
  for (;;) {
    if (isRootDir(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(cwd);
    dir = parent;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Candidate columns

interface Candidates {
  key: string;
  /** Exact names (schema), or null to use `matches`. */
  names: string[] | null;
  matches: (name: string) => boolean;
  /** Cheap necessary condition on a file's text. */
  mentions: (text: string) => boolean;
}

const DEFAULT_MENTION = /(?:intent|session|charge|order|payment|transaction|txn|external|provider|stripe)_?id\b/i;
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;

/** The schema's booking models and their links, or null when there is no readable schema. */
function schemaLinks(filename: string, options: ProjectIndexOptions): BookingModelLink[] | null {
  try {
    const loaded = loadSchema({ filename, cwd: options.cwd ?? process.cwd(), schema: options.schema });
    if (loaded.status !== 'ok') return null;
    return analyzeBookingPaymentLink(loaded.schema, {
      bookingModels: options.bookingModels ? [...options.bookingModels] : undefined,
      paymentModels: options.paymentModels ? [...options.paymentModels] : undefined,
      idColumns: options.idColumns ? [...options.idColumns] : undefined,
    });
  } catch {
    return null;
  }
}

function schemaColumns(filename: string, options: ProjectIndexOptions): string[] | null {
  const names = new Set<string>();
  for (const link of schemaLinks(filename, options) ?? []) {
    for (const field of link.providerIdColumns) names.add(field.name);
    if (link.viaPayment) names.add(link.viaPayment.providerIdColumn.name);
  }
  return names.size > 0 ? [...names].sort() : null;
}

/** The provider-id columns the schema gives each booking/payment delegate (for a fix's column name). */
export function schemaColumnsByDelegate(
  filename: string,
  options: ProjectIndexOptions,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const link of schemaLinks(filename, options) ?? []) {
    out.set(
      delegateName(link.model.name),
      link.providerIdColumns.map((f) => f.name),
    );
  }
  return out;
}

function buildCandidates(filename: string, options: ProjectIndexOptions): Candidates {
  const fromSchema = schemaColumns(filename, options);
  const explicit = (options.idColumns ?? []).filter((c) => !/^\/.+\/[a-z]*$/.test(c));
  if (fromSchema) {
    const names = [...new Set([...fromSchema, ...explicit])].sort();
    const set = new Set(names);
    const re = new RegExp(`\\b(?:${names.map(escapeRegExp).join('|')})\\b`);
    return { key: `schema:${names.join(',')}`, names, matches: (n) => set.has(n), mentions: (t) => re.test(t) };
  }
  const idColumns = options.idColumns ?? [];
  const matches = providerIdColumnMatcher(idColumns);
  if (idColumns.length === 0) {
    return {
      key: 'default',
      names: null,
      matches: (n) => isProviderIdColumn(n),
      mentions: (t) => DEFAULT_MENTION.test(t),
    };
  }
  const hasPattern = idColumns.some((c) => /^\/.+\/[a-z]*$/.test(c));
  const exactRe = explicit.length > 0 ? new RegExp(`\\b(?:${explicit.map(escapeRegExp).join('|')})\\b`) : null;
  return {
    key: `columns:${idColumns.join(',')}`,
    names: null,
    matches,
    mentions: (t) => {
      if (exactRe?.test(t)) return true;
      if (!hasPattern) return false;
      IDENTIFIER.lastIndex = 0;
      for (let m = IDENTIFIER.exec(t); m; m = IDENTIFIER.exec(t)) if (matches(m[0])) return true;
      return false;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Parsing and scanning one file

interface EstreeParser {
  parse(code: string, options: Record<string, unknown>): TSESTree.Program;
}
let parser: EstreeParser | null | undefined;

/** typescript-estree, loaded on first need (it needs `typescript`; without it, files are scanned as text). */
function getParser(): EstreeParser | null {
  if (parser !== undefined) return parser;
  try {
    const require = createRequire(import.meta.url);
    parser = require('@typescript-eslint/typescript-estree') as EstreeParser;
  } catch {
    parser = null;
  }
  return parser;
}

type AnyNode = TSESTree.Node & Record<string, unknown>;

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Keys that never hold a write: back-pointers, positions, types, and the Program's tokens and comments. */
const SKIPPED_KEYS = new Set(['parent', 'loc', 'range', 'typeAnnotation', 'returnType', 'typeParameters', 'tokens', 'comments']);

function forEachChild(node: AnyNode, visit: (child: AnyNode) => void): void {
  for (const key of Object.keys(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) visit(v);
    } else if (isNode(value)) {
      visit(value);
    }
  }
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let n = node;
  while (
    n.type === 'TSAsExpression' ||
    n.type === 'TSSatisfiesExpression' ||
    n.type === 'TSNonNullExpression' ||
    n.type === 'ChainExpression' ||
    n.type === 'AwaitExpression'
  ) {
    n = n.type === 'AwaitExpression' ? n.argument : n.expression;
  }
  return n;
}

const isNullishValue = (node: TSESTree.Node): boolean => isNullish(unwrap(node));

/** `a.b.c(…)` → names ['a', 'b', 'c'] (null for non-static parts). */
function memberNames(node: TSESTree.Node): (string | null)[] {
  const names: (string | null)[] = [];
  let n = unwrap(node);
  for (;;) {
    if (n.type === 'MemberExpression') {
      names.unshift(!n.computed && n.property.type === 'Identifier' ? n.property.name : null);
      n = unwrap(n.object);
    } else if (n.type === 'CallExpression') {
      n = unwrap(n.callee);
    } else {
      names.unshift(n.type === 'Identifier' ? n.name : n.type === 'ThisExpression' ? 'this' : null);
      return names;
    }
  }
}

/** Scans a parsed file for writes of a candidate column. Pure syntax, same-file `const` objects followed by name. */
export function scanProgram(ast: TSESTree.Program, file: string, matches: (name: string) => boolean): ProviderIdWrite[] {
  const out: ProviderIdWrite[] = [];
  const consts = new Map<string, TSESTree.Node>();
  const calls: TSESTree.CallExpression[] = [];
  const assignments: TSESTree.AssignmentExpression[] = [];
  const stack: AnyNode[] = [ast as AnyNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      const init = unwrap(node.init);
      if (init.type === 'ObjectExpression' || init.type === 'ArrayExpression') consts.set(node.id.name, init);
    } else if (node.type === 'CallExpression') {
      calls.push(node);
    } else if (node.type === 'AssignmentExpression' && node.operator === '=') {
      assignments.push(node);
    }
    forEachChild(node, (c) => stack.push(c));
  }

  const seen = new Set<TSESTree.Node>();
  const collect = (node: TSESTree.Node, delegate: string, kind: ProviderIdWrite['kind'], depth: number) => {
    const n = unwrap(node);
    if (depth > 8 || seen.has(n)) return;
    if (n.type === 'Identifier') {
      const target = consts.get(n.name);
      if (target) collect(target, delegate, kind, depth + 1);
      return;
    }
    if (n.type === 'ArrayExpression') {
      for (const el of n.elements) if (el) collect(el.type === 'SpreadElement' ? el.argument : el, delegate, kind, depth + 1);
      return;
    }
    if (n.type !== 'ObjectExpression') return;
    seen.add(n);
    for (const prop of n.properties) {
      if (prop.type === 'SpreadElement') {
        collect(prop.argument, delegate, kind, depth + 1);
        continue;
      }
      const key = propertyKeyName(prop, null);
      if (key !== null && NON_DATA_KEYS.has(key)) continue;
      if (key === null) {
        collect(prop.value, delegate, kind, depth + 1);
        continue;
      }
      if (matches(key) && !isNullishValue(prop.value)) {
        out.push({
          file,
          line: prop.loc.start.line,
          column: prop.loc.start.column + 1,
          delegate,
          idColumn: key,
          kind,
        });
      }
      collect(prop.value, delegate, kind, depth + 1);
    }
  };

  for (const call of calls) {
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression') continue;
    const names = memberNames(callee);
    const method = names[names.length - 1];
    if (!method || !ORM_WRITE_METHODS.has(method)) continue;
    if (names.some((n) => n !== null && PROVIDER_RESOURCES.has(n))) continue;
    const owner = names[names.length - 2] ?? null;
    const prisma = PRISMA_WRITE_METHODS.has(method) && owner !== null && names.length >= 3;
    const delegate = owner ?? '';
    for (const arg of call.arguments) {
      collect(arg.type === 'SpreadElement' ? arg.argument : arg, delegate, prisma ? 'model-write' : 'orm-write', 0);
    }
  }
  for (const a of assignments) {
    if (a.left.type !== 'MemberExpression' || a.left.computed || a.left.property.type !== 'Identifier') continue;
    const column = a.left.property.name;
    if (!matches(column) || isNullishValue(a.right)) continue;
    const names = memberNames(a.left.object);
    out.push({
      file,
      line: a.left.property.loc.start.line,
      column: a.left.property.loc.start.column + 1,
      delegate: names[names.length - 1] ?? '',
      idColumn: column,
      kind: 'assignment',
    });
  }
  out.sort((x, y) => x.line - y.line || x.column - y.column);
  return out;
}

/** Without a parser: `col: value` / `.col = value` in the text (lenient, so that it can only silence). */
function scanText(text: string, file: string, matches: (name: string) => boolean): ProviderIdWrite[] {
  const out: ProviderIdWrite[] = [];
  const re = /(?:\.|\b)([A-Za-z_$][\w$]*)\s*(?::|=(?!=))\s*(?!null\b|undefined\b)[^\s,}]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const name = m[1]!;
    if (!matches(name)) continue;
    const before = text.slice(0, m.index);
    const line = before.split('\n').length;
    out.push({ file, line, column: m.index - before.lastIndexOf('\n'), delegate: '', idColumn: name, kind: 'orm-write' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The quick scan: a bracket-level reading of the text that settles most files without parsing them

interface Open {
  ch: '(' | '{' | '[' | '${';
  /** call: a call's arguments; object: an object literal; block: a statement block; other: anything else. */
  kind: 'call' | 'object' | 'block' | 'typebody' | 'array' | 'paren' | 'template';
  /** For a call: the member chain of the callee (`prisma.booking.update`). */
  chain?: string[];
  /** For an object literal: the key it is the value of (`data: {` → `data`). */
  key?: string | null;
}

const BLOCK_KEYWORDS = new Set(['else', 'try', 'finally', 'do']);
const NON_CALL_KEYWORDS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'function',
  'return',
  'typeof',
  'await',
  'yield',
  'new',
  'in',
  'of',
  'instanceof',
  'void',
  'delete',
  'case',
  'throw',
  'async',
]);
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'in', 'of', 'instanceof', 'void', 'delete', 'throw', 'yield', 'await', 'new', 'else', 'do']);
const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[\w$]/;
const CHAIN_BEFORE = /((?:[A-Za-z_$][\w$]*\s*\??\.\s*)*[A-Za-z_$][\w$]*)\s*$/;

/**
 * Reads the text bracket by bracket (skipping strings, templates, comments and regular expressions) and
 * classifies every candidate column written as an object key or assigned as a member. `certain` is false
 * when some occurrence cannot be settled this way (an object literal outside a call, a `const` data object,
 * unbalanced brackets): the file is then parsed.
 */
export function quickScan(
  text: string,
  file: string,
  matches: (name: string) => boolean,
): { writes: ProviderIdWrite[]; certain: boolean } {
  const writes: ProviderIdWrite[] = [];
  const stack: Open[] = [];
  const n = text.length;
  let prev = ''; // the previous significant token: a word, or a punctuator
  let prevKey: string | null = null; // the word before the last ':'
  let line = 1;
  let lineStart = 0;
  let i = 0;

  const fail = () => ({ writes, certain: false });
  const skipSpace = (from: number): number => {
    let j = from;
    while (j < n) {
      const c = text[j]!;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') j++;
      else if (c === '/' && text[j + 1] === '/') {
        while (j < n && text[j] !== '\n') j++;
      } else if (c === '/' && text[j + 1] === '*') {
        const end = text.indexOf('*/', j + 2);
        j = end < 0 ? n : end + 2;
      } else break;
    }
    return j;
  };
  const countLines = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
  };
  /** Scans a template literal's text from `j` (after a backtick or a `}` closing `${`); returns the index after it. */
  const scanTemplate = (j: number): { end: number; interpolation: boolean } => {
    let k = j;
    while (k < n) {
      const c = text[k]!;
      if (c === '\\') k += 2;
      else if (c === '`') return { end: k + 1, interpolation: false };
      else if (c === '$' && text[k + 1] === '{') return { end: k + 2, interpolation: true };
      else k++;
    }
    return { end: n, interpolation: false };
  };
  /** Reads a template's text from the '`' or '}' at `at` to its end or next `${`; returns where to go on. */
  const templatePart = (at: number): number => {
    const t = scanTemplate(at + 1);
    countLines(at, t.end);
    if (t.interpolation) {
      stack.push({ ch: '${', kind: 'template' });
      prev = '{';
    } else {
      prev = 'str';
    }
    return t.end;
  };
  const isNullishAt = (j: number): boolean => {
    const k = skipSpace(j);
    const m = /^(?:null|undefined)(?![\w$])/.exec(text.slice(k, k + 10));
    return m !== null;
  };
  /** Walks the open brackets from the top: is a key at this depth written by a write call? */
  const classify = (): 'write' | 'not' | 'unsure' => {
    for (let s = stack.length - 1; s >= 0; s--) {
      const open = stack[s]!;
      if (open.kind === 'object') {
        if (open.key && NON_DATA_KEYS.has(open.key)) return 'not';
        continue;
      }
      if (open.kind === 'array') continue;
      if (open.kind === 'typebody') return 'not';
      if (open.kind === 'call') {
        const chain = open.chain ?? [];
        const method = chain[chain.length - 1];
        if (!method || !ORM_WRITE_METHODS.has(method)) return 'not';
        if (chain.some((c) => PROVIDER_RESOURCES.has(c))) return 'not';
        return 'write';
      }
      return 'unsure';
    }
    return 'unsure';
  };
  const callChainOf = (chain: string[]): string => chain[chain.length - 2] ?? '';

  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      countLines(i, stop);
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      let k = i + 1;
      while (k < n && text[k] !== c) {
        if (text[k] === '\\') k++;
        else if (text[k] === '\n') return fail();
        k++;
      }
      // A quoted candidate ('paymentIntentId': …, ['paymentIntentId']: …) may be a key: let the parser decide.
      if (matches(text.slice(i + 1, k))) return fail();
      i = k + 1;
      prev = 'str';
      continue;
    }
    if (c === '`') {
      i = templatePart(i);
      continue;
    }
    if (c === '/') {
      const division = prev === ')' || prev === ']' || prev === 'str' || prev === 'num' || (IDENT_START.test(prev[0] ?? '') && !REGEX_AFTER_WORDS.has(prev));
      if (!division) {
        let k = i + 1;
        let inClass = false;
        while (k < n) {
          const d = text[k]!;
          if (d === '\\') k += 2;
          else if (d === '\n') return fail();
          else if (d === '[') {
            inClass = true;
            k++;
          } else if (d === ']') {
            inClass = false;
            k++;
          } else if (d === '/' && !inClass) break;
          else k++;
        }
        i = k + 1;
        while (i < n && IDENT_PART.test(text[i]!)) i++;
        prev = 'str';
        continue;
      }
      i++;
      prev = '/';
      continue;
    }
    if (IDENT_START.test(c)) {
      let k = i + 1;
      while (k < n && IDENT_PART.test(text[k]!)) k++;
      const word = text.slice(i, k);
      if (matches(word)) {
        const before = text.slice(Math.max(0, i - 3), i).trimEnd();
        const isMember = before.endsWith('.');
        const after = skipSpace(k);
        const next = text[after];
        if (isMember) {
          if (next === '=' && text[after + 1] !== '=' && text[after + 1] !== '>') {
            if (!isNullishAt(after + 1)) {
              const chain = CHAIN_BEFORE.exec(text.slice(Math.max(0, i - 200), i).replace(/\??\.\s*$/, ''))?.[1];
              const parts = chain ? chain.split(/\s*\??\.\s*/) : [];
              writes.push({
                file,
                line,
                column: i - lineStart + 1,
                delegate: parts[parts.length - 1] ?? '',
                idColumn: word,
                kind: 'assignment',
              });
            }
          }
        } else if (stack[stack.length - 1]?.kind === 'object') {
          const keyPosition =
            (next === ':' && (prev === '{' || prev === ',')) ||
            ((next === ',' || next === '}') && (prev === '{' || prev === ','));
          if (keyPosition && !(next === ':' && isNullishAt(after + 1))) {
            const verdict = classify();
            if (verdict === 'unsure') return fail();
            if (verdict === 'write') {
              const call = [...stack].reverse().find((o) => o.kind === 'call');
              const chain = call?.chain ?? [];
              writes.push({
                file,
                line,
                column: i - lineStart + 1,
                delegate: callChainOf(chain),
                idColumn: word,
                kind: PRISMA_WRITE_METHODS.has(chain[chain.length - 1] ?? '') && chain.length >= 3 ? 'model-write' : 'orm-write',
              });
            }
          }
        }
      }
      prev = word;
      i = k;
      continue;
    }
    if (c >= '0' && c <= '9') {
      let k = i + 1;
      while (k < n && /[\w.]/.test(text[k]!)) k++;
      i = k;
      prev = 'num';
      continue;
    }
    switch (c) {
      case '(': {
        const word = IDENT_START.test(prev[0] ?? '') && prev !== 'str' && prev !== 'num' ? prev : null;
        if (word !== null && !NON_CALL_KEYWORDS.has(word)) {
          const chain = CHAIN_BEFORE.exec(text.slice(Math.max(0, i - 200), i))?.[1];
          stack.push({ ch: '(', kind: 'call', chain: chain ? chain.split(/\s*\??\.\s*/) : [word] });
        } else {
          stack.push({ ch: '(', kind: 'paren' });
        }
        break;
      }
      case '[':
        stack.push({ ch: '[', kind: 'array' });
        break;
      case '{': {
        let kind: Open['kind'];
        if (prev === ')' || prev === '=>' || prev === '{' || prev === '}' || prev === ';' || prev === '' || BLOCK_KEYWORDS.has(prev)) {
          kind = 'block';
        } else if (IDENT_START.test(prev[0] ?? '') && prev !== 'str' && prev !== 'num' && !REGEX_AFTER_WORDS.has(prev)) {
          kind = 'typebody'; // class X {, interface X {, enum X {
        } else {
          kind = 'object';
        }
        stack.push({ ch: '{', kind, key: prev === ':' ? prevKey : null });
        break;
      }
      case ')':
      case ']': {
        const open = stack.pop();
        if (!open || open.ch !== (c === ')' ? '(' : '[')) return fail();
        break;
      }
      case '}': {
        const open = stack.pop();
        if (!open) return fail();
        if (open.ch === '${') {
          i = templatePart(i);
          continue;
        }
        if (open.ch !== '{') return fail();
        break;
      }
      case ':':
        prevKey = IDENT_START.test(prev[0] ?? '') && prev !== 'str' && prev !== 'num' ? prev : null;
        break;
      case '=':
        if (text[i + 1] === '>') {
          prev = '=>';
          i += 2;
          continue;
        }
        break;
      case '.':
        if (text[i + 1] === '.' && text[i + 2] === '.') {
          prev = '...';
          i += 3;
          continue;
        }
        break;
      default:
        break;
    }
    prev = c;
    i++;
  }
  if (stack.length > 0) return fail();
  return { writes, certain: true };
}

interface ScanResult {
  scanned: boolean;
  parsed: boolean;
  writes: ProviderIdWrite[];
}

function scanFile(text: string, file: string, candidates: Candidates): ScanResult {
  if (!candidates.mentions(text)) return { scanned: false, parsed: false, writes: [] };
  if (!/\.[jt]sx$/.test(file)) {
    const quick = quickScan(text, file, candidates.matches);
    if (quick.certain) return { scanned: true, parsed: false, writes: quick.writes };
  }
  const p = getParser();
  if (!p) return { scanned: true, parsed: false, writes: scanText(text, file, candidates.matches) };
  try {
    const ast = p.parse(text, {
      loc: true,
      range: true,
      jsx: /\.[jt]sx$/.test(file),
      comment: false,
      tokens: false,
      errorOnUnknownASTType: false,
    });
    return { scanned: true, parsed: true, writes: scanProgram(ast, file, candidates.matches) };
  } catch {
    return { scanned: true, parsed: false, writes: scanText(text, file, candidates.matches) };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Walking the project

interface FileEntry {
  mtimeMs: number;
  size: number;
  scanned: boolean;
  parsed: boolean;
  writes: ProviderIdWrite[];
}

interface DirEntry {
  mtimeMs: number;
  /** mtime of the folder's .gitignore (0 when none). */
  gitignoreMtimeMs: number;
  /** The ignore layers that applied to this folder when it was listed (compared by identity). */
  parentLayers: readonly IgnoreLayer[];
  /** The layers its children see (its own .gitignore added). */
  layers: readonly IgnoreLayer[];
  files: string[];
  subdirs: string[];
}

interface IndexState {
  root: string;
  candidates: Candidates;
  files: Map<string, FileEntry>;
  dirs: Map<string, DirEntry>;
  checkedAt: number;
  /** How long the last refresh took (ms): spaces revalidations out on large trees. */
  refreshMs: number;
  snapshot: ProjectIndex;
}

const indexes = new Map<string, IndexState>();

interface IgnoreLayer {
  /** The folder of the .gitignore, with a trailing separator. */
  prefix: string;
  ig: Ignore;
}

function isIgnored(layers: readonly IgnoreLayer[], full: string, isDir: boolean): boolean {
  for (const layer of layers) {
    if (!full.startsWith(layer.prefix)) continue;
    let rel = full.slice(layer.prefix.length);
    if (path.sep !== '/') rel = rel.split(path.sep).join('/');
    if (layer.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

const NO_LAYERS: readonly IgnoreLayer[] = [];

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Lists the project's source files, skipping build output, dependencies, dot-folders and ignored paths.
 * With the previous listing, a folder whose mtime (and .gitignore's) did not change is not read again.
 */
function walkProject(
  root: string,
  previous: Map<string, DirEntry>,
): { files: string[]; dirs: Map<string, DirEntry>; truncated: boolean } {
  const files: string[] = [];
  const dirs = new Map<string, DirEntry>();
  const stack: { dir: string; layers: readonly IgnoreLayer[] }[] = [{ dir: root, layers: NO_LAYERS }];
  while (stack.length > 0 && files.length < maxFiles) {
    const { dir, layers: parentLayers } = stack.pop()!;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(dir).mtimeMs;
    } catch {
      continue;
    }
    const before = previous.get(dir);
    const gitignoreMtimeMs = before && before.gitignoreMtimeMs !== 0 ? mtimeOf(path.join(dir, '.gitignore')) : 0;
    let entry: DirEntry;
    if (
      before &&
      before.mtimeMs === mtimeMs &&
      before.gitignoreMtimeMs === gitignoreMtimeMs &&
      before.parentLayers === parentLayers
    ) {
      entry = before;
    } else {
      let dirents;
      try {
        dirents = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      let layers = parentLayers;
      let ownGitignore = 0;
      if (dirents.some((e) => e.name === '.gitignore' && e.isFile())) {
        const file = path.join(dir, '.gitignore');
        try {
          ownGitignore = statSync(file).mtimeMs || 1;
          layers = [...parentLayers, { prefix: dir + path.sep, ig: ignore().add(readFileSync(file, 'utf8')) }];
        } catch {
          ownGitignore = 0;
        }
      }
      entry = { mtimeMs, gitignoreMtimeMs: ownGitignore, parentLayers, layers, files: [], subdirs: [] };
      for (const d of dirents) {
        const name = d.name;
        const full = path.join(dir, name);
        if (d.isDirectory()) {
          if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
          if (layers.length > 0 && isIgnored(layers, full, true)) continue;
          entry.subdirs.push(full);
        } else if (d.isFile()) {
          if (!SOURCE_EXT.test(name) || name.endsWith('.d.ts')) continue;
          if (layers.length > 0 && isIgnored(layers, full, false)) continue;
          entry.files.push(full);
        }
      }
    }
    dirs.set(dir, entry);
    for (const f of entry.files) files.push(f);
    for (const d of entry.subdirs) stack.push({ dir: d, layers: entry.layers });
  }
  return { files, dirs, truncated: stack.length > 0 };
}

/** Lists the project's source files (absolute paths), skipping build output, dependencies and ignored paths. */
export function listSourceFiles(root: string): string[] {
  return walkProject(root, new Map()).files;
}

const readBuffer = { buf: Buffer.allocUnsafe(64 * 1024) };

/** Reads a file with one open: its mtime, size and text (null text when larger than MAX_FILE_BYTES). */
function readWithStat(file: string): { mtimeMs: number; size: number; text: string | null } | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (stat.size > MAX_FILE_BYTES) return { mtimeMs: stat.mtimeMs, size: stat.size, text: null };
    if (readBuffer.buf.length < stat.size) readBuffer.buf = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const r = readSync(fd, readBuffer.buf, read, stat.size - read, read);
      if (r === 0) break;
      read += r;
    }
    return { mtimeMs: stat.mtimeMs, size: stat.size, text: readBuffer.buf.toString('utf8', 0, read) };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

function refresh(state: IndexState): void {
  const started = Date.now();
  const firstBuild = state.files.size === 0;
  const walked = walkProject(state.root, state.dirs);
  const next = new Map<string, FileEntry>();
  let scannedCount = 0;
  let parsedCount = 0;
  for (const file of walked.files) {
    let entry = state.files.get(file);
    if (entry) {
      let stat;
      try {
        stat = statSync(file);
      } catch {
        continue;
      }
      if (entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) entry = undefined;
    }
    if (!entry) {
      const read = readWithStat(file);
      if (!read) continue;
      entry =
        read.text === null
          ? { mtimeMs: read.mtimeMs, size: read.size, scanned: false, parsed: false, writes: [] }
          : { mtimeMs: read.mtimeMs, size: read.size, ...scanFile(read.text, file, state.candidates) };
    }
    next.set(file, entry);
    if (entry.scanned) scannedCount++;
    if (entry.parsed) parsedCount++;
  }
  state.files = next;
  state.dirs = walked.dirs;
  state.checkedAt = Date.now();
  // A first build reads every file; only a revalidation's cost says how often to revalidate.
  state.refreshMs = firstBuild ? 0 : state.checkedAt - started;
  const writes: ProviderIdWrite[] = [];
  for (const entry of next.values()) writes.push(...entry.writes);
  writes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const matches = state.candidates.matches;
  state.snapshot = {
    // A tree larger than the walk reads is not known to store nothing: callers treat `error` as unknown.
    status: walked.truncated ? 'error' : 'ok',
    ...(walked.truncated ? { error: `more than ${maxFiles} source files under ${state.root}; not indexed whole` } : {}),
    root: state.root,
    providerIdWrites: writes,
    fileCount: next.size,
    scannedCount,
    parsedCount,
    candidateColumns: state.candidates.names,
    scanSource: (ast, file) => scanProgram(ast, file, matches),
  };
}

/** Candidate columns per folder of linted files (the schema is searched from there), revalidated like the index. */
const candidatesByDir = new Map<string, { key: string; candidates: Candidates; at: number }>();

function candidatesFor(filename: string, options: ProjectIndexOptions): Candidates {
  const dir = path.dirname(filename);
  const optionsKey = JSON.stringify([options.idColumns, options.bookingModels, options.paymentModels, options.schema, options.cwd]);
  const cached = candidatesByDir.get(dir);
  const now = Date.now();
  if (cached && cached.key === optionsKey && now - cached.at < ttlMs) return cached.candidates;
  const candidates = buildCandidates(filename, options);
  candidatesByDir.set(dir, { key: optionsKey, candidates, at: now });
  return candidates;
}

/**
 * The project index for the project `filename` belongs to. Cached per root and candidate columns; after
 * the TTL, files are re-listed and re-stat'ed and only changed ones are read again. Never throws.
 */
export function getProjectIndex(filename: string, options: ProjectIndexOptions = {}): ProjectIndex {
  const cwd = options.cwd ?? process.cwd();
  let root = cwd;
  try {
    const file = path.resolve(cwd, filename);
    root = findProjectRoot(file, cwd);
    const candidates = candidatesFor(file, options);
    const key = `${root}\0${candidates.key}`;
    let state = indexes.get(key);
    if (!state) {
      state = {
        root,
        candidates,
        files: new Map(),
        dirs: new Map(),
        checkedAt: 0,
        refreshMs: 0,
        snapshot: emptyIndex('ok', root, candidates.matches),
      };
      indexes.set(key, state);
      refresh(state);
    } else if (Date.now() - state.checkedAt >= revalidationInterval(state)) {
      refresh(state);
    }
    return state.snapshot;
  } catch (error) {
    const out = emptyIndex('error', root, providerIdColumnMatcher(options.idColumns));
    out.error = error instanceof Error ? error.message : String(error);
    return out;
  }
}

function emptyIndex(status: ProjectIndex['status'], root: string, matches: (name: string) => boolean): ProjectIndex {
  return {
    status,
    root,
    providerIdWrites: [],
    fileCount: 0,
    scannedCount: 0,
    parsedCount: 0,
    candidateColumns: null,
    scanSource: (ast, file) => {
      try {
        return scanProgram(ast, file, matches);
      } catch {
        return [];
      }
    },
  };
}
