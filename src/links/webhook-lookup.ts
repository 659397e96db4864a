/**
 * The link read back: in a webhook branch for a payment outcome, how is the booking found? By the booking
 * reference the payment carries (`metadata.bookingId`, `client_reference_id`, `custom_id`, `reference_id`),
 * by the provider's id the booking stores (`where: { paymentIntentId: object.id }`), or by a guess (an email,
 * a status, "the latest pending booking"). Helpers declared in the same file are followed with their
 * arguments; anything the analysis cannot see is unknown, never a guess.
 */
import path from 'node:path';

import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { DEFAULT_BOOKING_ID_KEYS, providerIdColumnMatcher } from '../config/vocabulary.js';
import { classifyDelegate, type ModelVocabulary, resolveDelegate } from '../detect/model-writes.js';
import { unwrapExpression, walkNodes } from '../util/ast.js';
import {
  type EventBranch,
  type EventDispatch,
  getFileEventDispatches,
  paymentOutcome,
  type RuleContextLike,
  WEBHOOK_PROVIDER_LABEL,
  type WebhookProvider,
} from '../detect/webhook.js';
import {
  destructuringPath,
  findVariable,
  memberPropertyName,
  resolveObject,
  type Scope,
  type Variable,
} from '../util/static-value.js';

export interface LookupOptions extends ModelVocabulary {
  /** Metadata keys that carry the booking id. */
  keys?: readonly string[] | undefined;
  /** Column names (or `/regex/` sources) that hold a provider's id. */
  idColumns?: readonly string[] | undefined;
}

/** Fields of the providers' objects that carry the booking reference whatever the project's metadata keys. */
const REFERENCE_FIELDS = new Set([
  'client_reference_id',
  'clientReferenceId',
  'custom_id',
  'customId',
  'reference_id',
  'referenceId',
  'invoice_id',
  'invoiceId',
]);

/** Booking model methods that find rows by a `where`. */
const FINDING_METHODS = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'update',
  'updateMany',
  'upsert',
  'delete',
  'deleteMany',
]);
/** Methods that, without a `where`, pick "some" row (the latest, the first). */
const UNFILTERED_GUESS = new Set(['findFirst', 'findFirstOrThrow', 'findMany', 'updateMany', 'deleteMany']);
const CREATING_METHODS = new Set(['create', 'createMany', 'createManyAndReturn']);

/** Roots of calls that only log or answer the request. */
const LOG_ROOTS = new Set(['console', 'logger', 'log', 'Sentry']);
const RESPONSE_ROOTS = new Set(['res', 'reply', 'response', 'NextResponse', 'Response']);
const PURE_ROOTS = new Set(['JSON', 'String', 'Number', 'BigInt', 'Boolean', 'Object', 'Array', 'Math', 'Date', 'parseInt', 'parseFloat']);
const PURE_METHODS = new Set(['toString', 'trim', 'toLowerCase', 'toUpperCase', 'slice', 'startsWith', 'endsWith', 'includes', 'get', 'has', 'json', 'status', 'send', 'end', 'sendStatus']);

const MAX_HELPER_DEPTH = 3;
const MAX_DERIVE_DEPTH = 10;

/** What a value in a webhook branch is made of. */
type Derivation =
  | { kind: 'reference'; via: string }
  | { kind: 'event' }
  | { kind: 'constant' }
  | { kind: 'unknown' };

const UNKNOWN: Derivation = { kind: 'unknown' };

/** How one booking call of a branch finds its rows. */
export type BookingLookup =
  | { kind: 'maps'; via: string; node: TSESTree.Node }
  | { kind: 'guesses'; via: string; node: TSESTree.Node }
  | { kind: 'creates'; node: TSESTree.Node }
  | { kind: 'unknown'; node: TSESTree.Node };

/** The verdict on one branch. */
export interface BranchLookup {
  provider: WebhookProvider;
  events: string[];
  /** Whether one of the events confirms a payment. */
  success: boolean;
  branch: EventBranch;
  /** Every booking call reached from the branch (helpers in the same file included). */
  lookups: BookingLookup[];
  /** A payment row written with a booking reference (it reaches the booking through the row). */
  reachesThroughPayment: boolean;
  /** The branch only logs, answers or writes a payment row without a booking, and calls nothing unseen. */
  reachesNothing: boolean;
}

interface Env {
  /** Parameters of followed helpers, bound to the arguments of the call that reached them. */
  params: Map<Variable, { node: TSESTree.Node; scope: Scope; env: Env }>;
  eventRoots: Set<Variable>;
}

class Analysis {
  private readonly names: Set<string>;
  private readonly isIdColumn: (name: string) => boolean;
  private readonly vocabulary: ModelVocabulary;

  constructor(
    private readonly context: RuleContextLike,
    options: LookupOptions,
  ) {
    const keys = options.keys && options.keys.length > 0 ? options.keys : DEFAULT_BOOKING_ID_KEYS;
    this.names = new Set([...keys, ...keys.map((k) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()))]);
    this.isIdColumn = providerIdColumnMatcher(options.idColumns);
    this.vocabulary = { bookingModels: options.bookingModels, paymentModels: options.paymentModels };
  }

  private scopeOf(node: TSESTree.Node): Scope {
    return this.context.sourceCode.getScope(node);
  }

  /** The reference a property name is (`metadata.bookingId`, `client_reference_id`), or null. */
  private referenceName(segments: readonly string[]): string | null {
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i]!;
      if (REFERENCE_FIELDS.has(s)) return s;
      if (this.names.has(s)) return i > 0 && segments[i - 1] === 'metadata' ? `metadata.${s}` : s;
    }
    return null;
  }

  derive(node: TSESTree.Node, scope: Scope, env: Env, depth = 0): Derivation {
    if (depth > MAX_DERIVE_DEPTH) return UNKNOWN;
    const n = unwrapExpression(node);
    switch (n.type) {
      case AST_NODE_TYPES.Literal:
        return { kind: 'constant' };
      case AST_NODE_TYPES.AwaitExpression:
        return this.derive(n.argument, scope, env, depth + 1);
      case AST_NODE_TYPES.LogicalExpression: {
        const left = this.derive(n.left, scope, env, depth + 1);
        if (left.kind === 'reference') return left;
        const right = this.derive(n.right, scope, env, depth + 1);
        if (right.kind === 'reference') return right;
        return left.kind === 'unknown' || right.kind === 'unknown' ? UNKNOWN : left.kind === 'event' ? left : right;
      }
      case AST_NODE_TYPES.TemplateLiteral: {
        if (n.expressions.length === 0) return { kind: 'constant' };
        const parts = n.expressions.map((e) => this.derive(e, scope, env, depth + 1));
        const ref = parts.find((p) => p.kind === 'reference');
        if (ref) return ref;
        return parts.some((p) => p.kind === 'unknown') ? UNKNOWN : parts.some((p) => p.kind === 'event') ? { kind: 'event' } : { kind: 'constant' };
      }
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrapExpression(n.callee);
        if (callee.type === AST_NODE_TYPES.Identifier && ['String', 'Number', 'BigInt', 'parseInt'].includes(callee.name) && n.arguments[0]) {
          return this.derive(n.arguments[0], scope, env, depth + 1);
        }
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const name = memberPropertyName(callee, scope);
          if (name === 'toString' || name === 'trim') return this.derive(callee.object, scope, env, depth + 1);
          // a row read from the database: as good as its own lookup
          const lookup = this.bookingOrPaymentLookup(n, scope, env);
          if (lookup?.kind === 'maps') return { kind: 'reference', via: lookup.via };
        }
        return UNKNOWN;
      }
      case AST_NODE_TYPES.MemberExpression:
      case AST_NODE_TYPES.Identifier: {
        const chain = this.memberChain(n, scope);
        if (!chain) return UNKNOWN;
        const ref = this.referenceName(chain.segments);
        if (ref !== null) return { kind: 'reference', via: ref };
        if (chain.base.type === AST_NODE_TYPES.Identifier && this.isEnumMember(chain.base, chain.scope, chain.segments)) {
          return { kind: 'constant' };
        }
        if (chain.base.type !== AST_NODE_TYPES.Identifier) {
          const inner = this.derive(chain.base, chain.scope, env, depth + 1);
          return this.extend(inner, chain.segments);
        }
        return this.extend(this.deriveIdentifier(chain.base, chain.scope, env, depth), chain.segments);
      }
      default:
        return UNKNOWN;
    }
  }

  /** A derivation read further down (`row.bookingId`): a reference stays one; a row's booking id is a reference. */
  private extend(inner: Derivation, segments: readonly string[]): Derivation {
    if (inner.kind === 'constant' && segments.length > 0) return UNKNOWN;
    return inner;
  }

  /** `BookingStatus.PENDING`, `$Enums.BookingStatus.PENDING`: an imported or declared enum's member. */
  private isEnumMember(base: TSESTree.Identifier, scope: Scope, segments: readonly string[]): boolean {
    const last = segments[segments.length - 1];
    if (last === undefined || !/^[A-Z][A-Za-z0-9_]*$/.test(last)) return false;
    const def = findVariable(scope, base)?.defs[0];
    return def?.type === 'ImportBinding' || def?.type === 'TSEnumName';
  }

  private memberChain(
    node: TSESTree.Node,
    scope: Scope,
  ): { base: TSESTree.Node; scope: Scope; segments: string[] } | null {
    const segments: string[] = [];
    let n = unwrapExpression(node);
    while (n.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberPropertyName(n, scope);
      if (name === null) return null;
      segments.unshift(name);
      n = unwrapExpression(n.object);
    }
    return { base: n, scope, segments };
  }

  private deriveIdentifier(id: TSESTree.Identifier, scope: Scope, env: Env, depth: number): Derivation {
    const variable = findVariable(scope, id);
    if (!variable) return UNKNOWN;
    if (env.eventRoots.has(variable)) return { kind: 'event' };
    const bound = env.params.get(variable);
    if (bound) return this.derive(bound.node, bound.scope, bound.env, depth + 1);
    const def = variable.defs[0];
    const fallback: Derivation = this.names.has(id.name) ? { kind: 'reference', via: id.name } : UNKNOWN;
    if (!def || def.type !== 'Variable' || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return fallback;
    const values: { node: TSESTree.Node; scope: Scope; path: string[] }[] = [];
    const declarator = def.node;
    if (declarator.id.type === AST_NODE_TYPES.Identifier) {
      if (declarator.init) values.push({ node: declarator.init, scope: variable.scope, path: [] });
    } else {
      const p = destructuringPath(declarator.id, def.name as TSESTree.Identifier, variable.scope);
      if (!p || !declarator.init) return fallback;
      const ref = this.referenceName(p);
      if (ref !== null) return { kind: 'reference', via: ref };
      values.push({ node: declarator.init, scope: variable.scope, path: p });
    }
    for (const ref of variable.references) {
      if (!ref.isWrite() || ref.init) continue;
      const write = ref.identifier.parent;
      if (write?.type !== AST_NODE_TYPES.AssignmentExpression || write.operator !== '=' || declarator.id.type !== AST_NODE_TYPES.Identifier) {
        return fallback;
      }
      values.push({ node: write.right, scope: ref.from, path: [] });
    }
    if (values.length !== 1) return fallback;
    const only = values[0]!;
    const derived = this.extend(this.derive(only.node, only.scope, env, depth + 1), only.path);
    return derived.kind === 'unknown' ? fallback : derived;
  }

  /** For a model call on a booking or payment delegate with a `where`, how it finds its rows; else null. */
  bookingOrPaymentLookup(call: TSESTree.CallExpression, scope: Scope, env: Env): BookingLookup | null {
    const callee = unwrapExpression(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const method = memberPropertyName(callee, scope);
    if (method === null || !FINDING_METHODS.has(method)) return null;
    const target = resolveDelegate(callee.object, scope);
    if (!target || classifyDelegate(target.delegate, this.vocabulary) === null) return null;
    return this.judgeWhere(call, method, scope, env);
  }

  private judgeWhere(call: TSESTree.CallExpression, method: string, scope: Scope, env: Env): BookingLookup {
    const arg = call.arguments[0];
    if (!arg && UNFILTERED_GUESS.has(method)) return { kind: 'guesses', via: 'no filter (whichever booking comes first)', node: call };
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return { kind: 'unknown', node: call };
    const shape = resolveObject(arg, scope);
    if (!shape) return { kind: 'unknown', node: call };
    const where = shape.properties.get('where');
    if (!where) {
      if (shape.complete && UNFILTERED_GUESS.has(method)) {
        return { kind: 'guesses', via: shape.properties.has('orderBy') ? 'order alone (the latest booking)' : 'no filter (whichever booking comes first)', node: call };
      }
      return { kind: 'unknown', node: call };
    }
    const whereShape = resolveObject(where.value, where.scope);
    if (!whereShape) return { kind: 'unknown', node: where.property };
    const guessed: string[] = [];
    let unknown = !whereShape.complete;
    for (const [key, prop] of whereShape.properties) {
      const value = unwrapExpression(prop.value);
      const derived =
        value.type === AST_NODE_TYPES.ObjectExpression
          ? this.deriveOperator(value, prop.scope, env)
          : this.derive(prop.value, prop.scope, env);
      if (derived.kind === 'reference') return { kind: 'maps', via: derived.via, node: prop.property };
      if (this.isIdColumn(key) && derived.kind !== 'constant') return { kind: 'maps', via: key, node: prop.property };
      if (derived.kind === 'unknown' || key === 'id' || key === 'AND' || key === 'OR') unknown = true;
      else guessed.push(key);
    }
    if (unknown || guessed.length === 0) return { kind: 'unknown', node: where.property };
    return { kind: 'guesses', via: guessed.map((k) => `\`${k}\``).join(', '), node: where.property };
  }

  /** `{ equals: x }`, `{ in: [...] }`, `{ not: … }`: the derivation of the compared value. */
  private deriveOperator(node: TSESTree.ObjectExpression, scope: Scope, env: Env): Derivation {
    const shape = resolveObject(node, scope);
    if (!shape?.complete) return UNKNOWN;
    const values = [...shape.properties.values()].filter((p) => !['mode'].includes(p.key));
    if (values.length !== 1 || !['equals', 'in', 'not', 'contains', 'lt', 'lte', 'gt', 'gte'].includes(values[0]!.key)) {
      return UNKNOWN;
    }
    const v = values[0]!;
    if (v.key === 'equals') return this.derive(v.value, v.scope, env);
    // ranges and negations pick by status or time: a guess when what they compare with is visible
    const d = this.derive(v.value, v.scope, env);
    return d.kind === 'reference' ? UNKNOWN : d;
  }

  /** Whether a payment row's data names its booking (`bookingId: …`, `booking: { connect: … }`). */
  private paymentDataReachesBooking(call: TSESTree.CallExpression, scope: Scope, env: Env): boolean | null {
    const arg = call.arguments[0];
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return null;
    const shape = resolveObject(arg, scope);
    const data = shape?.properties.get('data');
    const dataShape = data ? resolveObject(data.value, data.scope) : null;
    if (!dataShape) return null;
    for (const [key, prop] of dataShape.properties) {
      if (this.names.has(key) || this.vocabulary.bookingModels?.some((m) => m.toLowerCase() === key.toLowerCase()) || ['booking', 'reservation', 'appointment'].includes(key)) {
        return true;
      }
      const d = this.derive(prop.value, prop.scope, env);
      if (d.kind === 'reference') return true;
    }
    return dataShape.complete ? false : null;
  }

  /** Analyses the statements of a branch. */
  branch(
    statements: readonly TSESTree.Node[],
    env: Env,
    depth: number,
    out: { lookups: BookingLookup[]; payment: boolean; unseen: boolean; acts: boolean },
    visited: Set<TSESTree.Node>,
  ): void {
    const keys = this.context.sourceCode.visitorKeys;
    for (const statement of statements) {
      walkNodes(statement, keys, (node) => {
        if (node.type === AST_NODE_TYPES.NewExpression) {
          const root = rootName(node.callee);
          if (root !== null && !RESPONSE_ROOTS.has(root) && root !== 'Error') out.unseen = true;
          return;
        }
        if (node.type !== AST_NODE_TYPES.CallExpression) return;
        this.call(node, env, depth, out, visited);
      });
    }
  }

  private call(
    node: TSESTree.CallExpression,
    env: Env,
    depth: number,
    out: { lookups: BookingLookup[]; payment: boolean; unseen: boolean; acts: boolean },
    visited: Set<TSESTree.Node>,
  ): void {
    const scope = this.scopeOf(node);
    const callee = unwrapExpression(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberPropertyName(callee, scope);
      const target = resolveDelegate(callee.object, scope);
      const kind = target ? classifyDelegate(target.delegate, this.vocabulary) : null;
      if (kind === 'booking' && method !== null) {
        if (CREATING_METHODS.has(method)) out.lookups.push({ kind: 'creates', node });
        else if (FINDING_METHODS.has(method)) out.lookups.push(this.judgeWhere(node, method, scope, env));
        else out.unseen = true;
        return;
      }
      if (kind === 'payment' && method !== null) {
        if (method === 'create' || method === 'upsert') {
          const reaches = this.paymentDataReachesBooking(node, scope, env);
          if (reaches === true) out.payment = true;
          else if (reaches === null) out.unseen = true;
          else out.acts = true;
        } else if (FINDING_METHODS.has(method)) {
          out.payment = true; // a payment row found by its own key may well lead to its booking
        } else {
          out.unseen = true;
        }
        return;
      }
    }
    const root = rootName(callee);
    if (root !== null && LOG_ROOTS.has(root)) {
      out.acts = true;
      return;
    }
    if (root !== null && (RESPONSE_ROOTS.has(root) || PURE_ROOTS.has(root))) return;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = memberPropertyName(callee, scope);
      if (method !== null && PURE_METHODS.has(method) && this.derive(callee.object, scope, env).kind !== 'unknown') return;
      if (method !== null && PURE_METHODS.has(method) && root !== null && this.isLocalValue(root, scope)) return;
    }
    const helper = depth < MAX_HELPER_DEPTH ? this.localFunction(callee, scope) : null;
    if (helper && !visited.has(helper)) {
      visited.add(helper);
      const params = new Map(env.params);
      helper.params.forEach((param, i) => {
        const arg = node.arguments[i];
        const p = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
        const id = p.type === AST_NODE_TYPES.AssignmentPattern ? p.left : p;
        if (id.type !== AST_NODE_TYPES.Identifier || !arg || arg.type === AST_NODE_TYPES.SpreadElement) return;
        const variable = findVariable(this.context.sourceCode.getScope(helper), id);
        if (variable) params.set(variable, { node: arg, scope, env });
      });
      const body = helper.body.type === AST_NODE_TYPES.BlockStatement ? helper.body.body : [helper.body];
      this.branch(body, { params, eventRoots: env.eventRoots }, depth + 1, out, visited);
      return;
    }
    if (helper) return; // already followed
    out.unseen = true;
  }

  /** Whether `name` is a variable declared in the file (not a global, not an import). */
  private isLocalValue(name: string, scope: Scope): boolean {
    for (let s: Scope | null = scope; s; s = s.upper) {
      const v = s.set.get(name);
      if (v) return v.defs[0]?.type === 'Variable' || v.defs[0]?.type === 'Parameter';
    }
    return false;
  }

  /** A function declared in this file that `callee` certainly calls (`helper(…)`, `this.method(…)`). */
  private localFunction(
    callee: TSESTree.Node,
    scope: Scope,
  ): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | null {
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scope, callee);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || !def) return null;
      if (def.type === 'FunctionName' && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
      if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.parent.kind === 'const' && def.node.init) {
        const init = unwrapExpression(def.node.init);
        if (init.type === AST_NODE_TYPES.ArrowFunctionExpression || init.type === AST_NODE_TYPES.FunctionExpression) return init;
      }
      return null;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && unwrapExpression(callee.object).type === AST_NODE_TYPES.ThisExpression) {
      const name = memberPropertyName(callee, scope);
      for (let n: TSESTree.Node | undefined = callee.parent; n; n = n.parent) {
        if (n.type !== AST_NODE_TYPES.ClassBody) continue;
        for (const member of n.body) {
          if (
            (member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition) &&
            !member.computed &&
            member.key.type === AST_NODE_TYPES.Identifier &&
            member.key.name === name
          ) {
            const value = member.value && unwrapExpression(member.value);
            if (value?.type === AST_NODE_TYPES.FunctionExpression || value?.type === AST_NODE_TYPES.ArrowFunctionExpression) return value;
          }
        }
        return null;
      }
    }
    return null;
  }
}

function rootName(node: TSESTree.Node): string | null {
  let n = unwrapExpression(node);
  for (;;) {
    if (n.type === AST_NODE_TYPES.Identifier) return n.name;
    if (n.type === AST_NODE_TYPES.ThisExpression) return 'this';
    if (n.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrapExpression(n.object);
      // this.logger.info(…): the member after `this`
      if (object.type === AST_NODE_TYPES.ThisExpression && !n.computed && n.property.type === AST_NODE_TYPES.Identifier) {
        return n.property.name;
      }
      n = object;
    } else if (n.type === AST_NODE_TYPES.CallExpression) n = unwrapExpression(n.callee);
    else return null;
  }
}

/** The variables that are the dispatched event itself. */
function eventRoots(dispatch: EventDispatch): Set<Variable> {
  const roots = new Set<Variable>();
  let event = unwrapExpression(dispatch.event);
  // req.body, (await request.json()).data: the chain's root stands for the event
  for (;;) {
    if (event.type === AST_NODE_TYPES.MemberExpression) event = unwrapExpression(event.object);
    else if (event.type === AST_NODE_TYPES.AwaitExpression) event = unwrapExpression(event.argument);
    else break;
  }
  if (event.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(dispatch.scope, event);
    if (variable) roots.add(variable);
  }
  return roots;
}

const dispatchLookupCache = new WeakMap<EventDispatch, Map<string, BranchLookup[]>>();

/** The verdict on every payment-outcome branch of a dispatch; branches for other events are left out. */
export function analyzeDispatch(context: RuleContextLike, dispatch: EventDispatch, options: LookupOptions = {}): BranchLookup[] {
  const key = JSON.stringify([options.keys, options.idColumns, options.bookingModels, options.paymentModels]);
  let perDispatch = dispatchLookupCache.get(dispatch);
  if (!perDispatch) {
    perDispatch = new Map();
    dispatchLookupCache.set(dispatch, perDispatch);
  }
  const cached = perDispatch.get(key);
  if (cached) return cached;
  const analysis = new Analysis(context, options);
  const roots = eventRoots(dispatch);
  const out: BranchLookup[] = [];
  for (const branch of dispatch.branches) {
    const outcomes = branch.events.map(paymentOutcome).filter((o) => o !== null);
    if (outcomes.length === 0) continue;
    const acc = { lookups: [] as BookingLookup[], payment: false, unseen: false, acts: false };
    analysis.branch(branch.body, { params: new Map(), eventRoots: roots }, 0, acc, new Set());
    out.push({
      provider: outcomes[0]!.provider,
      events: branch.events.filter((e) => paymentOutcome(e) !== null),
      success: outcomes.some((o) => o.success),
      branch,
      lookups: acc.lookups,
      reachesThroughPayment: acc.payment,
      reachesNothing: acc.lookups.length === 0 && !acc.payment && !acc.unseen && acc.acts,
    });
  }
  perDispatch.set(key, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// For the audit

/** One payment-outcome branch of a file's webhook handlers, as the audit reports it. */
export interface WebhookLookupFact {
  provider: WebhookProvider;
  events: string[];
  /** `maps`: finds the booking by its reference or the stored provider id; `guesses`: by anything else;
   * `no-booking`: a success that never reaches a booking; `unknown`: the lookup is not visible here. */
  status: 'maps' | 'guesses' | 'no-booking' | 'unknown';
  /** `metadata.bookingId`, `paymentIntentId`, `` `email` `` … (null for no-booking / unknown). */
  via: string | null;
  /** 1-based line and column of the lookup (or of the branch's test). */
  line: number;
  column: number;
}

/**
 * Every payment-outcome branch of the file's webhook handlers with how it finds the booking. Cheap for files
 * without a provider event name (the per-file gate). The audit calls it from its collecting rule.
 */
export function collectWebhookLookups(context: RuleContextLike, options: LookupOptions = {}): WebhookLookupFact[] {
  const facts: WebhookLookupFact[] = [];
  for (const dispatch of getFileEventDispatches(context)) {
    for (const b of analyzeDispatch(context, dispatch, options)) {
      const guess = b.lookups.find((l) => l.kind === 'guesses');
      const maps = b.lookups.find((l) => l.kind === 'maps');
      const at = (guess ?? maps)?.node ?? b.branch.test;
      facts.push({
        provider: b.provider,
        events: b.events,
        status: guess ? 'guesses' : maps ? 'maps' : b.reachesNothing && b.success ? 'no-booking' : 'unknown',
        via: guess?.kind === 'guesses' ? guess.via : maps?.kind === 'maps' ? maps.via : null,
        line: at.loc.start.line,
        column: at.loc.start.column + 1,
      });
    }
  }
  return facts;
}

/**
 * The audit's third line for one provider, from the facts of every file (each with its path relative to the
 * project root): `webhook: maps back by metadata.bookingId (src/app/api/webhooks/stripe/route.ts:41)`, or
 * what is missing. Informational: it does not change the 2-link verdict.
 */
export function describeWebhookLookup(
  provider: WebhookProvider,
  facts: readonly (WebhookLookupFact & { file: string })[],
): string {
  const own = facts.filter((f) => f.provider === provider);
  const where = (f: WebhookLookupFact & { file: string }) => `${f.file.split(path.sep).join('/')}:${f.line}`;
  if (own.length === 0) return `webhook: no handler for ${WEBHOOK_PROVIDER_LABEL[provider]}'s payment events found`;
  const guesses = own.filter((f) => f.status === 'guesses');
  const none = own.filter((f) => f.status === 'no-booking');
  const maps = own.filter((f) => f.status === 'maps');
  const parts: string[] = [];
  if (maps.length > 0) {
    const vias = [...new Set(maps.map((f) => f.via))].join(', ');
    parts.push(`maps back by ${vias} (${maps.map(where).join(', ')})`);
  }
  if (guesses.length > 0) {
    parts.push(`GUESSES the booking in ${guesses.length} branch${guesses.length > 1 ? 'es' : ''}: ${guesses.map((f) => `${f.events.join('/')} by ${f.via} (${where(f)})`).join(', ')}`);
  }
  if (none.length > 0) {
    parts.push(`NEVER reaches a booking on ${none.map((f) => `${f.events.join('/')} (${where(f)})`).join(', ')}`);
  }
  if (parts.length === 0) {
    parts.push(`handled (${own.map(where).join(', ')}), booking lookup not visible (in another module)`);
  }
  return `webhook: ${parts.join('; ')}`;
}
