/**
 * Idempotency keys of payment creations: Stripe's request option `{ idempotencyKey }` (the call's second
 * argument), Square's `idempotencyKey` param, and PayPal's `PayPal-Request-Id` header (`paypalRequestId` in
 * `@paypal/paypal-server-sdk`'s `createOrder` options). A retry must send the same key, so the key has to be
 * derived from the booking: a fresh random value or a timestamp makes every retry a second charge.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import type { PaymentKind } from '../providers/index.js';
import type { PaymentCreation, RuleContextLike } from './payment-creation.js';
import { unwrapExpression } from '../util/ast.js';
import { findVariable, getStaticString, memberPropertyName, resolveObject, type Scope } from '../util/static-value.js';

/**
 * The option that carries the key, by provider, for the providers whose creations this rule checks (the
 * others' creations are unknown: never reported).
 */
export const IDEMPOTENCY_OPTION: Readonly<Partial<Record<PaymentCreation['provider'], string>>> = {
  stripe: 'idempotencyKey',
  square: 'idempotencyKey',
  paypal: 'paypalRequestId',
};

/** A short, stable prefix for a suggested key: `payment-intent-${booking.id}`. */
export const KEY_PREFIX: Readonly<Partial<Record<PaymentKind, string>>> = {
  paymentIntent: 'payment-intent',
  checkoutSession: 'checkout-session',
  charge: 'charge',
  paypalOrder: 'paypal-order',
  squarePayment: 'square-payment',
};

export type IdempotencyEvaluation =
  | { status: 'present' }
  | { status: 'unknown' }
  /** No key. `object`: the visible options object to add it to; else `after`: the argument to add options after. */
  | { status: 'missing'; object: TSESTree.ObjectExpression | null; after: TSESTree.Node | null }
  /** A key that changes on every call (`randomUUID()`, `Date.now()` …): `value` is the key, `source` what is random. */
  | { status: 'random'; value: TSESTree.Node; source: string }
  /** The same key for every payment. */
  | { status: 'constant'; value: TSESTree.Node };

/** Calls whose result is fresh on every call. */
const RANDOM_FUNCTIONS = new Set(['randomUUID', 'uuid', 'uuidv4', 'v4', 'v1', 'v7', 'nanoid', 'cuid', 'createId', 'ulid']);
/** `Date.now`, `Math.random`, `performance.now`, `crypto.randomUUID`: the receivers that make a member random. */
const RANDOM_MEMBERS: Readonly<Record<string, ReadonlySet<string>>> = {
  now: new Set(['Date', 'performance']),
  random: new Set(['Math']),
};

const MAX_DEPTH = 8;

/** The random source inside a key's value (`randomUUID()`, `Date.now()`, `new Date()` …), or null. */
function randomSourceOf(node: TSESTree.Node, scope: Scope, depth = 0): string | null {
  if (depth > MAX_DEPTH) return null;
  const n = unwrapExpression(node);
  switch (n.type) {
    case AST_NODE_TYPES.NewExpression: {
      const callee = unwrapExpression(n.callee);
      return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Date' && n.arguments.length === 0 ? 'new Date()' : null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(n.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && RANDOM_FUNCTIONS.has(callee.name)) {
        const def = findVariable(scope, callee)?.defs[0];
        // a local function of that name is the project's own: unknown
        if (def === undefined || def.type === 'ImportBinding' || (def.type === 'Variable' && isRequireInit(def.node))) {
          return `${callee.name}()`;
        }
        return null;
      }
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberPropertyName(callee, scope);
        if (name === null) return null;
        const object = unwrapExpression(callee.object);
        const receivers = RANDOM_MEMBERS[name];
        if (receivers) {
          return object.type === AST_NODE_TYPES.Identifier && receivers.has(object.name) ? `${object.name}.${name}()` : null;
        }
        if (name === 'randomUUID' || name === 'randomBytes') return `${name}()`;
        if (name === 'getTime' || name === 'valueOf' || name === 'toISOString' || name === 'toString') {
          return randomSourceOf(callee.object, scope, depth + 1);
        }
        if (name === 'slice' || name === 'substring' || name === 'replace' || name === 'replaceAll') {
          return randomSourceOf(callee.object, scope, depth + 1);
        }
      }
      const first = n.arguments[0];
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && first) return randomSourceOf(first, scope, depth + 1);
      return null;
    }
    case AST_NODE_TYPES.TemplateLiteral:
      for (const e of n.expressions) {
        const source = randomSourceOf(e, scope, depth + 1);
        if (source) return source;
      }
      return null;
    case AST_NODE_TYPES.BinaryExpression:
      if (n.operator !== '+') return null;
      return randomSourceOf(n.left, scope, depth + 1) ?? randomSourceOf(n.right, scope, depth + 1);
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(scope, n);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return null;
      if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return null;
      if (variable.references.some((r) => r.isWrite() && !r.init)) return null;
      return randomSourceOf(def.node.init, variable.scope, depth + 1);
    }
    default:
      return null;
  }
}

function isRequireInit(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.VariableDeclarator || !node.init) return false;
  let init = unwrapExpression(node.init);
  if (init.type === AST_NODE_TYPES.MemberExpression) init = unwrapExpression(init.object);
  return init.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require';
}

function judgeValue(value: TSESTree.Node, scope: Scope): IdempotencyEvaluation {
  const source = randomSourceOf(value, scope);
  if (source !== null) return { status: 'random', value, source };
  if (getStaticString(value, scope) !== null) return { status: 'constant', value };
  return { status: 'present' };
}

/**
 * Whether a payment creation sends an idempotency key that a retry would repeat. Missing only when the
 * options are visible and complete; random / constant only when the value certainly is; otherwise present or
 * unknown. Never throws.
 */
export function evaluateIdempotencyKey(context: RuleContextLike, creation: PaymentCreation): IdempotencyEvaluation {
  try {
    return evaluate(context, creation);
  } catch {
    return { status: 'unknown' };
  }
}

function evaluate(context: RuleContextLike, creation: PaymentCreation): IdempotencyEvaluation {
  const scope = context.sourceCode.getScope(creation.call);
  const args = creation.call.arguments;
  if (args.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return { status: 'unknown' };
  const option = IDEMPOTENCY_OPTION[creation.provider];
  // Only the creation shapes whose key place is known (not PayPal's REST body or request objects).
  if (option === undefined || KEY_PREFIX[creation.kind] === undefined) return { status: 'unknown' };
  // Stripe: request options are the second argument.
  const holder = creation.provider === 'stripe' ? args[1] : args[0];
  if (!holder) {
    if (creation.provider === 'stripe' && args.length === 1) return { status: 'missing', object: null, after: args[0]! };
    return { status: 'unknown' };
  }
  const shape = resolveObject(holder, scope);
  if (!shape) return { status: 'unknown' };
  const prop = shape.properties.get(option);
  if (prop) return judgeValue(prop.value, prop.scope);
  if (!shape.complete) return { status: 'unknown' };
  const literal = unwrapExpression(holder);
  return { status: 'missing', object: literal.type === AST_NODE_TYPES.ObjectExpression ? literal : null, after: null };
}
