/**
 * The program scan: writes of a candidate column in a parsed file (a typescript-estree AST). Pure syntax:
 * write calls' object arguments (following same-file `const` objects and arrays by name) and member
 * assignments `x.col = …`.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { isNullish, propertyKeyName } from '../util/static-value.js';
import { NON_DATA_KEYS, writeCall, type ProviderIdWrite } from './writes.js';

type AnyNode = TSESTree.Node & Record<string, unknown>;
type Matches = (name: string) => boolean;

/** How deep object values, spreads and `const` names are followed. */
const MAX_DEPTH = 8;

/** Keys that never hold a write: back-pointers, positions, types, and the Program's tokens and comments. */
const SKIPPED_KEYS = new Set(['parent', 'loc', 'range', 'typeAnnotation', 'returnType', 'typeParameters', 'tokens', 'comments']);

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

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

/** Looks through type assertions, `!`, `?.` chains and `await`. */
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

/** What the scan looks at: object/array `const`s by name, every call, every `=` assignment. */
interface Sites {
  consts: Map<string, TSESTree.Node>;
  calls: TSESTree.CallExpression[];
  assignments: TSESTree.AssignmentExpression[];
}

function collectSites(ast: TSESTree.Program): Sites {
  const sites: Sites = { consts: new Map(), calls: [], assignments: [] };
  const stack: AnyNode[] = [ast as AnyNode];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) {
      const init = unwrap(node.init);
      if (init.type === 'ObjectExpression' || init.type === 'ArrayExpression') sites.consts.set(node.id.name, init);
    } else if (node.type === 'CallExpression') {
      sites.calls.push(node);
    } else if (node.type === 'AssignmentExpression' && node.operator === '=') {
      sites.assignments.push(node);
    }
    forEachChild(node, (c) => stack.push(c));
  }
  return sites;
}

/** The candidate keys written by a write call's arguments, each object literal read once. */
class ArgumentWrites {
  private readonly seen = new Set<TSESTree.Node>();

  constructor(
    private readonly file: string,
    private readonly matches: Matches,
    private readonly consts: Sites['consts'],
    private readonly out: ProviderIdWrite[],
  ) {}

  /** Reads `node` (an argument, or a value inside one) for keys written through `delegate`. */
  collect(node: TSESTree.Node, delegate: string, kind: ProviderIdWrite['kind'], depth: number, keys: string[] = []): void {
    const n = unwrap(node);
    if (depth > MAX_DEPTH || this.seen.has(n)) return;
    if (n.type === 'Identifier') {
      const target = this.consts.get(n.name);
      if (target) this.collect(target, delegate, kind, depth + 1, keys);
    } else if (n.type === 'ArrayExpression') {
      for (const el of n.elements) {
        if (el) this.collect(el.type === 'SpreadElement' ? el.argument : el, delegate, kind, depth + 1, keys);
      }
    } else if (n.type === 'ObjectExpression') {
      this.seen.add(n);
      for (const prop of n.properties) this.property(prop, delegate, kind, depth, keys);
    }
  }

  /** A spread is read through; `where`/`metadata`/… are skipped; a candidate key with a value is a write. */
  private property(
    prop: TSESTree.ObjectLiteralElement,
    delegate: string,
    kind: ProviderIdWrite['kind'],
    depth: number,
    keys: string[],
  ): void {
    if (prop.type === 'SpreadElement') {
      this.collect(prop.argument, delegate, kind, depth + 1, keys);
      return;
    }
    const key = propertyKeyName(prop, null);
    if (key !== null && NON_DATA_KEYS.has(key)) return;
    if (key !== null && this.matches(key) && !isNullishValue(prop.value)) {
      const { line, column } = prop.loc.start;
      this.out.push({ file: this.file, line, column: column + 1, delegate, idColumn: key, kind, path: keys });
    }
    this.collect(prop.value, delegate, kind, depth + 1, key === null ? keys : [...keys, key]);
  }
}

/** `x.col = value` with a candidate `col` and a value that is not null/undefined. */
function assignmentWrite(a: TSESTree.AssignmentExpression, file: string, matches: Matches): ProviderIdWrite | null {
  if (a.left.type !== 'MemberExpression' || a.left.computed || a.left.property.type !== 'Identifier') return null;
  const column = a.left.property.name;
  if (!matches(column) || isNullishValue(a.right)) return null;
  const names = memberNames(a.left.object);
  return {
    file,
    line: a.left.property.loc.start.line,
    column: a.left.property.loc.start.column + 1,
    delegate: names[names.length - 1] ?? '',
    idColumn: column,
    kind: 'assignment',
    path: [],
  };
}

/** Scans a parsed file for writes of a candidate column. Pure syntax, same-file `const` objects followed by name. */
export function scanProgram(ast: TSESTree.Program, file: string, matches: Matches): ProviderIdWrite[] {
  const out: ProviderIdWrite[] = [];
  const sites = collectSites(ast);
  const args = new ArgumentWrites(file, matches, sites.consts, out);
  for (const call of sites.calls) {
    const callee = unwrap(call.callee);
    if (callee.type !== 'MemberExpression') continue;
    const write = writeCall(memberNames(callee));
    if (!write) continue;
    for (const arg of call.arguments) {
      args.collect(arg.type === 'SpreadElement' ? arg.argument : arg, write.delegate, write.kind, 0);
    }
  }
  for (const a of sites.assignments) {
    const write = assignmentWrite(a, file, matches);
    if (write) out.push(write);
  }
  out.sort((x, y) => x.line - y.line || x.column - y.column);
  return out;
}
