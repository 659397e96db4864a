/**
 * Prisma-style model writes: `<client>.<delegate>.create/update/upsert/updateMany/createMany({ data … })`.
 * The client may be any expression (`prisma`, `db`, `tx`, `ctx.prisma`, `this.prisma`, an imported alias,
 * the `tx` of `prisma.$transaction(async (tx) => …)`); what makes a call a write is its shape: a delegate
 * member, a write method, and an argument object with `data` (or `create`/`update` for `upsert`).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { DEFAULT_BOOKING_MODELS, DEFAULT_PAYMENT_MODELS, delegateName, escapeRegExp } from '../config/vocabulary.js';
import { unwrapExpression, walkNodes } from '../util/ast.js';
import {
  destructuringPath,
  findVariable,
  isNeverReassigned,
  memberPropertyName,
  resolveObject,
  resolveScoped,
  type Scope,
} from '../util/static-value.js';

type RuleContextLike = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type ModelWriteMethod = 'create' | 'update' | 'upsert' | 'updateMany' | 'createMany';

export interface ModelWrite {
  /** The Prisma client expression (`prisma`, `tx`, `this.prisma` …). */
  client: TSESTree.Node;
  /** The delegate, as written: `booking`, `payment` … */
  delegate: string;
  method: ModelWriteMethod;
  call: TSESTree.CallExpression;
  /** The data objects (`data`, or `create` and `update` for `upsert`), resolved through `const` bindings. */
  data: TSESTree.Node[];
  /** The same, each with the key it came from and the scope it resolves in. */
  dataEntries: { key: 'data' | 'create' | 'update'; node: TSESTree.Node; scope: Scope }[];
  /** False when the argument, or one of its data objects, cannot be seen (a parameter, a spread of unknown). */
  complete: boolean;
}

/** The Prisma delegate methods that write rows with a `data` argument: the one list of them. */
export const WRITE_METHODS: ReadonlySet<string> = new Set<ModelWriteMethod>(['create', 'update', 'upsert', 'updateMany', 'createMany']);

const isWriteMethod = (name: string): name is ModelWriteMethod => WRITE_METHODS.has(name);

/** Every Prisma model-delegate method: a call to one of them on a delegate is a database call. */
const MODEL_METHODS: ReadonlySet<string> = new Set([
  ...WRITE_METHODS,
  'createManyAndReturn',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
]);

const mentionsCache = new WeakMap<object, Map<string, boolean>>();
const delegatePatterns = new Map<string, RegExp | null>();

function delegatePattern(models: readonly string[], key: string): RegExp | null {
  let pattern = delegatePatterns.get(key);
  if (pattern === undefined) {
    const names = models.map((m) => escapeRegExp(delegateName(m)));
    pattern = names.length > 0 ? new RegExp(`\\b(?:${names.join('|')})\\b`) : null;
    delegatePatterns.set(key, pattern);
  }
  return pattern;
}

/**
 * The per-file pre-check for writes to `models`: whether the text names one of their delegates
 * (`booking`, `reservation` …) at all. A write, an alias or a destructuring of a delegate all spell it out;
 * a file that never does cannot write those models, and a rule may return no listeners. Cached per file.
 */
export function fileMayWriteModels(sourceCode: Readonly<TSESLint.SourceCode>, models: readonly string[]): boolean {
  const key = models.join('\0');
  let perFile = mentionsCache.get(sourceCode.ast);
  if (!perFile) {
    perFile = new Map();
    mentionsCache.set(sourceCode.ast, perFile);
  }
  let result = perFile.get(key);
  if (result === undefined) {
    result = delegatePattern(models, key)?.test(sourceCode.text) ?? false;
    perFile.set(key, result);
  }
  return result;
}

/**
 * `{ client, delegate }` for the object a model method is called on: `prisma.booking`, `this.db.booking`,
 * a `const bookings = prisma.booking` alias, or `const { booking } = prisma`.
 */
export function resolveDelegate(
  node: TSESTree.Node,
  scope: Scope,
): { client: TSESTree.Node; delegate: string } | null {
  const n = unwrapExpression(node);
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberPropertyName(n, scope);
    if (name === null || !/^[A-Za-z_]\w*$/.test(name)) return null;
    return { client: unwrapExpression(n.object), delegate: name };
  }
  if (n.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scope, n);
  if (!variable || !isNeverReassigned(variable)) return null;
  const def = variable.defs[0];
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return null;
  if (def.node.id.type === AST_NODE_TYPES.Identifier) {
    const init = unwrapExpression(def.node.init);
    return init.type === AST_NODE_TYPES.MemberExpression ? resolveDelegate(init, variable.scope) : null;
  }
  const path = destructuringPath(def.node.id, def.name as TSESTree.Identifier, variable.scope);
  if (!path || path.length !== 1) return null;
  return { client: unwrapExpression(def.node.init), delegate: path[0]! };
}

const writeCache = new WeakMap<TSESTree.CallExpression, ModelWrite | null>();

/**
 * The cheap syntactic pre-check for a model write: `<x>.create(…)`, `<x>.update(…)` … with a write method
 * of WRITE_METHODS, or a computed `<x>[name](…)` that only `getModelWrite` can settle.
 */
export function isWriteCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  return callee.computed || (callee.property.type === AST_NODE_TYPES.Identifier && WRITE_METHODS.has(callee.property.name));
}

/** The Prisma-style write this call is, or null. Cheap for every other call (one name check). */
export function getModelWrite(context: RuleContextLike, call: TSESTree.CallExpression): ModelWrite | null {
  if (!isWriteCall(call)) return null;
  const callee = unwrapExpression(call.callee) as TSESTree.MemberExpression;
  const cached = writeCache.get(call);
  if (cached !== undefined) return cached;
  let result: ModelWrite | null = null;
  try {
    result = detectWrite(context.sourceCode.getScope(call), call, callee);
  } catch {
    result = null;
  }
  writeCache.set(call, result);
  return result;
}

function detectWrite(
  scope: Scope,
  call: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression,
): ModelWrite | null {
  const method = memberPropertyName(callee, scope);
  if (method === null || !isWriteMethod(method)) return null;
  const target = resolveDelegate(callee.object, scope);
  if (!target || target.delegate.startsWith('$')) return null;
  const arg = call.arguments[0];
  if (!arg) return null;
  const base = { client: target.client, delegate: target.delegate, method, call };
  if (arg.type === AST_NODE_TYPES.SpreadElement) return { ...base, data: [], dataEntries: [], complete: false };
  const shape = resolveObject(arg, scope);
  if (!shape) {
    // `prisma.booking.update(args)`: a write whose data cannot be seen. Only a plain value qualifies.
    const seen = resolveScoped(arg, scope).node;
    if (seen.type !== AST_NODE_TYPES.Identifier && seen.type !== AST_NODE_TYPES.MemberExpression) return null;
    return { ...base, data: [], dataEntries: [], complete: false };
  }
  const keys: ('data' | 'create' | 'update')[] = method === 'upsert' ? ['create', 'update'] : ['data'];
  const dataEntries: ModelWrite['dataEntries'] = [];
  for (const key of keys) {
    const prop = shape.properties.get(key);
    if (!prop) continue;
    const resolved = resolveScoped(prop.value, prop.scope);
    dataEntries.push({ key, node: resolved.node, scope: resolved.scope });
  }
  if (dataEntries.length === 0) {
    // A visible argument without data is not a Prisma write (Stripe's `charges.create({ amount })` …).
    if (shape.complete) return null;
    return { ...base, data: [], dataEntries: [], complete: false };
  }
  const complete =
    shape.complete &&
    dataEntries.length === keys.length &&
    dataEntries.every(
      (e) =>
        e.node.type === AST_NODE_TYPES.ArrayExpression || (resolveObject(e.node, e.scope)?.complete ?? false),
    );
  return { ...base, data: dataEntries.map((e) => e.node), dataEntries, complete };
}

export interface ModelVocabulary {
  bookingModels?: readonly string[] | undefined;
  paymentModels?: readonly string[] | undefined;
}

/** `booking` / `payment` / null: what a delegate name stands for, given the booking and payment models. */
export function classifyDelegate(delegate: string, vocabulary: ModelVocabulary = {}): 'booking' | 'payment' | null {
  const matches = (models: readonly string[]) =>
    models.some((m) => delegateName(m) === delegate || m.toLowerCase() === delegate.toLowerCase());
  if (matches(vocabulary.bookingModels ?? DEFAULT_BOOKING_MODELS)) return 'booking';
  if (matches(vocabulary.paymentModels ?? DEFAULT_PAYMENT_MODELS)) return 'payment';
  return null;
}

/** Delegate methods that only read. */
const READ_METHODS: ReadonlySet<string> = new Set([...MODEL_METHODS].filter((m) => m.startsWith('find') || ['count', 'aggregate', 'groupBy'].includes(m)));

/**
 * A database lookup: a read method on any delegate (`prisma.booking.findFirst({ where })`), or any method on
 * a booking- or payment-like model. A write method on something else (`this.paymentsService.create(id, …)`,
 * `bookingRepository.update(id, …)`) is another function the value is handed to, not a lookup.
 */
export function isDatabaseLookup(call: TSESTree.CallExpression, scope: Scope, vocabulary: ModelVocabulary = {}): boolean {
  if (!isModelCall(call, scope)) return false;
  const callee = unwrapExpression(call.callee) as TSESTree.MemberExpression;
  if (READ_METHODS.has(memberPropertyName(callee, scope) ?? '')) return true;
  const target = resolveDelegate(callee.object, scope);
  return target !== null && classifyDelegate(target.delegate, vocabulary) !== null;
}

/**
 * Calls a Prisma delegate method of any kind (`prisma.booking.findFirst({ where })`, writes included).
 * A value that reaches such a call outside a write's data is a lookup, not a store and not a hand-over.
 */
export function isModelCall(call: TSESTree.CallExpression, scope: Scope): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberPropertyName(callee, scope);
  if (method === null || !MODEL_METHODS.has(method)) return false;
  const target = resolveDelegate(callee.object, scope);
  return target !== null && !target.delegate.startsWith('$');
}

/** A region of source that is written into a model: a data object, or an object it pulls in. */
export interface DataRegion {
  node: TSESTree.Node;
  write: ModelWrite;
}

/**
 * The data objects of a write and every object literal they pull in through `const` bindings and spreads
 * (`data: payload`, `data: { ...base, status }`, nested `create: {…}`, `createMany` arrays): a value lying
 * inside one of these regions is written by the call.
 */
export function dataRegions(write: ModelWrite): DataRegion[] {
  const out: DataRegion[] = [];
  const seen = new Set<TSESTree.Node>();
  const visit = (node: TSESTree.Node, scope: Scope, depth: number) => {
    if (depth > 8 || seen.has(node)) return;
    seen.add(node);
    out.push({ node, write });
    if (node.type === AST_NODE_TYPES.ArrayExpression) {
      for (const el of node.elements) {
        if (!el) continue;
        const r = resolveScoped(el.type === AST_NODE_TYPES.SpreadElement ? el.argument : el, scope);
        if (r.node.type === AST_NODE_TYPES.ObjectExpression || r.node.type === AST_NODE_TYPES.ArrayExpression) {
          visit(r.node, r.scope, depth + 1);
        }
      }
      return;
    }
    if (node.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const prop of node.properties) {
      const value = prop.type === AST_NODE_TYPES.SpreadElement ? prop.argument : prop.value;
      const r = resolveScoped(value, scope);
      if (r.node !== unwrapExpression(value) || prop.type === AST_NODE_TYPES.SpreadElement) {
        if (r.node.type === AST_NODE_TYPES.ObjectExpression || r.node.type === AST_NODE_TYPES.ArrayExpression) {
          visit(r.node, r.scope, depth + 1);
        }
      }
    }
  };
  for (const entry of write.dataEntries) visit(entry.node, entry.scope, 0);
  return out;
}

const fileWritesCache = new WeakMap<object, ModelWrite[]>();

/** Every model write of the file, in source order (computed once per file, on first need). */
export function getFileModelWrites(context: RuleContextLike): ModelWrite[] {
  const ast = context.sourceCode.ast;
  const cached = fileWritesCache.get(ast);
  if (cached) return cached;
  const writes: ModelWrite[] = [];
  walkNodes(ast, context.sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const write = getModelWrite(context, node);
    if (write) writes.push(write);
  });
  writes.sort((a, b) => a.call.range[0] - b.call.range[0]);
  fileWritesCache.set(ast, writes);
  return writes;
}
