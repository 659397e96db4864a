/**
 * Link 1 of 2 (payment → booking): does a payment creation carry the booking id where the provider keeps
 * it? Answers present / missing / unknown; "unknown" (a parameter, a call's result, a spread of something
 * unseen) is never reported.
 */
import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from '@typescript-eslint/utils';

import { keyBaseName } from '../config/vocabulary.js';
import type { PaymentCreation, RuleContextLike } from '../detect/payment-creation.js';
import { referenceLocation, referencesOf, type ReferenceSpec } from '../providers/index.js';
import { unwrapExpression } from '../util/ast.js';
import {
  getStaticString,
  isNullish,
  memberPropertyName,
  resolveObject,
  resolveScoped,
  type Scope,
} from '../util/static-value.js';

export interface BookingIdOptions {
  /** Metadata keys that carry the booking id. */
  keys: readonly string[];
  /** Checkout Sessions in payment mode pass only with `payment_intent_data.metadata`. */
  requirePaymentIntentMetadata: boolean;
}

/** Where a missing key can be written: into `object`, creating the nested `path` (empty: the key itself). */
export interface InsertionTarget {
  object: TSESTree.ObjectExpression;
  path: readonly string[];
}

export type MissingMessageId =
  | 'missingMetadata'
  | 'missingKey'
  | 'missingCheckoutMetadata'
  | 'sessionMetadataOnly'
  | 'missingReference';

export type LinkEvaluation =
  | { status: 'present'; where: string }
  | { status: 'unknown' }
  | { status: 'not-applicable'; reason: string }
  | {
      status: 'missing';
      messageId: MissingMessageId;
      /** Where to report: the `metadata` (or session metadata / client_reference_id) property, else the call. */
      node: TSESTree.Node;
      /** The location the fix belongs in (`metadata`, `payment_intent_data.metadata`, `referenceId` …). */
      location: string;
      insertion: InsertionTarget | null;
      /** For providers whose booking reference is a fixed field (PayPal `customId`, Square `referenceId`). */
      field?: string;
    };

type LocationResult =
  | { state: 'present'; where: string }
  | { state: 'unknown' }
  | { state: 'absent'; property: TSESTree.Property | null; insertion: InsertionTarget | null };

const UNKNOWN: LocationResult = { state: 'unknown' };

const toCamel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Identifier-like names that mean "a booking id": the keys and their camelCase forms. */
function bookingIdNames(keys: readonly string[]): Set<string> {
  return new Set([...keys, ...keys.map(toCamel)]);
}

/** `booking.id`, `bookingId`, `input.reservationId`, `String(booking.id)`, `` `${booking.id}` `` … */
export function isBookingLikeValue(node: TSESTree.Node, scope: Scope, keys: readonly string[], depth = 0): boolean {
  if (depth > 6) return false;
  const names = bookingIdNames(keys);
  const bases = new Set(keys.map((k) => keyBaseName(k).toLowerCase()));
  const n = unwrapExpression(node);
  switch (n.type) {
    case AST_NODE_TYPES.Identifier: {
      if (names.has(n.name)) return true;
      const resolved = resolveScoped(n, scope);
      return resolved.node !== n && isBookingLikeValue(resolved.node, resolved.scope, keys, depth + 1);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const prop = memberPropertyName(n, scope);
      if (prop === null) return false;
      if (names.has(prop)) return true;
      if (prop !== 'id') return false;
      const obj = unwrapExpression(n.object);
      const objName =
        obj.type === AST_NODE_TYPES.Identifier
          ? obj.name
          : obj.type === AST_NODE_TYPES.MemberExpression
            ? memberPropertyName(obj, scope)
            : null;
      return objName !== null && bases.has(objName.toLowerCase());
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(n.callee);
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && n.arguments[0]) {
        return isBookingLikeValue(n.arguments[0], scope, keys, depth + 1);
      }
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        memberPropertyName(callee, scope) === 'toString' &&
        n.arguments.length === 0
      ) {
        return isBookingLikeValue(callee.object, scope, keys, depth + 1);
      }
      return false;
    }
    case AST_NODE_TYPES.TemplateLiteral:
      return n.expressions.some((e) => isBookingLikeValue(e, scope, keys, depth + 1));
    default:
      return false;
  }
}

// --- type-informed judgement (only with a program) ------------------------------------------------------

type Services = ReturnType<typeof ESLintUtils.getParserServices>;
type Checker = ReturnType<NonNullable<Services['program']>['getTypeChecker']>;
type Type = ReturnType<Checker['getTypeAtLocation']>;

const TYPE_FLAGS_ANY_UNKNOWN = 1 | 2;
const TYPE_FLAGS_OBJECT = 524288;
const TYPE_FLAGS_NULLISH = 32768 | 65536 | 16384;

type Judgement = 'present' | 'absent' | 'unknown';

function judgeType(checker: Checker, type: Type, path: readonly string[], keys: readonly string[], depth = 0): Judgement {
  if (depth > 8 || type.flags & TYPE_FLAGS_ANY_UNKNOWN) return 'unknown';
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & TYPE_FLAGS_NULLISH));
    if (parts.length === 0) return 'absent';
    const verdicts = new Set(parts.map((t) => judgeType(checker, t, path, keys, depth + 1)));
    return verdicts.size === 1 ? [...verdicts][0]! : 'unknown';
  }
  if (type.flags & TYPE_FLAGS_NULLISH) return 'absent';
  const closed =
    (type.flags & TYPE_FLAGS_OBJECT) !== 0 && !type.isIntersection() && checker.getIndexInfosOfType(type).length === 0;
  if (path.length === 0) {
    if (keys.some((k) => type.getProperty(k))) return 'present';
    return closed ? 'absent' : 'unknown';
  }
  const prop = type.getProperty(path[0]!);
  if (!prop) return closed ? 'absent' : 'unknown';
  const propType = checker.getNonNullableType(checker.getTypeOfSymbol(prop));
  return judgeType(checker, propType, path.slice(1), keys, depth + 1);
}

function judgeByType(context: RuleContextLike, node: TSESTree.Node, path: readonly string[], keys: readonly string[]): Judgement {
  const services = ESLintUtils.getParserServices(context, true);
  if (!services.program) return 'unknown';
  try {
    const checker = services.program.getTypeChecker();
    return judgeType(checker, services.getTypeAtLocation(node), path, keys);
  } catch {
    return 'unknown';
  }
}

// --- syntactic evaluation ---------------------------------------------------------------------------------

/**
 * Evaluates whether `node` (an object expected to hold `path`, which ends at a metadata object) carries one of
 * the keys. `where` is the dotted path reached so far, for the report.
 */
function evaluateAt(
  context: RuleContextLike,
  node: TSESTree.Node | undefined,
  scope: Scope,
  path: readonly string[],
  keys: readonly string[],
  where: readonly string[],
): LocationResult {
  if (!node) return { state: 'absent', property: null, insertion: null };
  const resolved = resolveScoped(node, scope);
  if (isNullish(resolved.node)) return { state: 'absent', property: null, insertion: null };
  const shape = resolveObject(resolved.node, resolved.scope);
  if (!shape) {
    const verdict = judgeByType(context, node, path, keys);
    if (verdict === 'present') return { state: 'present', where: [...where, ...path].join('.') };
    if (verdict === 'absent') return { state: 'absent', property: null, insertion: null };
    return UNKNOWN;
  }
  if (path.length === 0) {
    const key = keys.find((k) => shape.properties.has(k));
    if (key !== undefined) return { state: 'present', where: [...where, key].join('.') };
    return shape.complete ? { state: 'absent', property: null, insertion: { object: shape.node, path: [] } } : UNKNOWN;
  }
  const [head, ...rest] = path as [string, ...string[]];
  const prop = shape.properties.get(head);
  if (!prop) {
    return shape.complete ? { state: 'absent', property: null, insertion: { object: shape.node, path } } : UNKNOWN;
  }
  const inner = evaluateAt(context, prop.value, prop.scope, rest, keys, [...where, head]);
  if (inner.state === 'absent' && head === 'metadata' && inner.property === null) {
    return { ...inner, property: prop.property };
  }
  return inner;
}

function evaluateClientReference(
  params: TSESTree.Node | undefined,
  scope: Scope,
  keys: readonly string[],
): LocationResult {
  if (!params) return { state: 'absent', property: null, insertion: null };
  const shape = resolveObject(params, scope);
  if (!shape) return UNKNOWN;
  const prop = shape.properties.get('client_reference_id');
  if (!prop) return shape.complete ? { state: 'absent', property: null, insertion: null } : UNKNOWN;
  return isBookingLikeValue(prop.value, prop.scope, keys)
    ? { state: 'present', where: 'client_reference_id' }
    : { state: 'absent', property: prop.property, insertion: null };
}

type CheckoutMode = 'payment' | 'subscription' | 'setup' | 'unknown';

/** A Checkout Session's `mode` as far as it is certain (no params: `payment`, Stripe's default). */
function checkoutMode(params: TSESTree.Node | undefined, scope: Scope): CheckoutMode {
  if (!params) return 'payment';
  const shape = resolveObject(params, scope);
  if (!shape) return 'unknown';
  const prop = shape.properties.get('mode');
  if (!prop) return shape.complete ? 'payment' : 'unknown';
  const value = getStaticString(prop.value, prop.scope);
  return value === 'payment' || value === 'subscription' || value === 'setup' ? value : 'unknown';
}

/** A setup-mode Checkout Session: it saves a payment method and charges nothing, so there is no link to make. */
export function isSetupSession(context: RuleContextLike, creation: PaymentCreation): boolean {
  return (
    creation.kind === 'checkoutSession' &&
    checkoutMode(creation.params, context.sourceCode.getScope(creation.call)) === 'setup'
  );
}

/** Judges link 1 (payment → booking) for one payment creation. Never throws. */
export function evaluateBookingIdLink(
  context: RuleContextLike,
  creation: PaymentCreation,
  options: BookingIdOptions,
): LinkEvaluation {
  try {
    return evaluate(context, creation, options);
  } catch {
    return { status: 'unknown' };
  }
}

function evaluate(context: RuleContextLike, creation: PaymentCreation, options: BookingIdOptions): LinkEvaluation {
  const { keys } = options;
  // `create(...args)`: the params exist but cannot be seen.
  if (creation.call.arguments[0]?.type === AST_NODE_TYPES.SpreadElement) return { status: 'unknown' };
  if (creation.paramsUnseen) return { status: 'unknown' };
  const scope = context.sourceCode.getScope(creation.call);
  const params = creation.params;

  const references = creation.references ?? referencesOf(creation.kind);
  if (references.length > 0) return evaluateReferences(context, creation, scope, keys, references);

  if (creation.kind !== 'checkoutSession') {
    const result = evaluateAt(context, params, scope, ['metadata'], keys, []);
    if (result.state === 'present') return { status: 'present', where: result.where };
    if (result.state === 'unknown') return { status: 'unknown' };
    return {
      status: 'missing',
      messageId: result.property ? 'missingKey' : 'missingMetadata',
      node: result.property ?? creation.call,
      location: 'metadata',
      insertion: result.insertion,
    };
  }

  const mode = checkoutMode(params, scope);
  if (mode === 'setup') return { status: 'not-applicable', reason: 'a setup-mode Checkout Session charges nothing' };
  const pi = evaluateAt(context, params, scope, ['payment_intent_data', 'metadata'], keys, []);
  const sub = evaluateAt(context, params, scope, ['subscription_data', 'metadata'], keys, []);
  const session = evaluateAt(context, params, scope, ['metadata'], keys, []);
  const clientReference = evaluateClientReference(params, scope, keys);
  const strict = options.requirePaymentIntentMetadata;

  const candidates: LocationResult[] =
    mode === 'payment'
      ? strict
        ? [pi]
        : [pi, session, clientReference]
      : mode === 'subscription'
        ? [sub, session, clientReference]
        : strict
          ? [pi, sub]
          : [pi, sub, session, clientReference];
  const present = candidates.find((c): c is Extract<LocationResult, { state: 'present' }> => c.state === 'present');
  if (present) return { status: 'present', where: present.where };
  if (candidates.some((c) => c.state === 'unknown')) return { status: 'unknown' };

  const main = mode === 'subscription' ? sub : pi;
  const location = mode === 'subscription' ? 'subscription_data.metadata' : 'payment_intent_data.metadata';
  const insertion = main.state === 'absent' ? main.insertion : null;
  const sessionOnly =
    session.state === 'present' ? session : clientReference.state === 'present' ? clientReference : null;
  if (sessionOnly) {
    // Only reachable in strict mode: the id is on the session, which the PaymentIntent never sees.
    const node = findPropertyNode(params, scope, sessionOnly.where.split('.')[0]!) ?? creation.call;
    return { status: 'missing', messageId: 'sessionMetadataOnly', node, location, insertion };
  }
  const property =
    (main.state === 'absent' ? main.property : null) ??
    (session.state === 'absent' ? session.property : null) ??
    null;
  return { status: 'missing', messageId: 'missingCheckoutMetadata', node: property ?? creation.call, location, insertion };
}

// --- providers whose booking reference is a fixed field (per kind, in src/providers/) -----------------

/** The objects at `path` below `node`, or null when any step cannot be seen. */
function holdersAt(
  node: TSESTree.Node | undefined,
  scope: Scope,
  path: ReferenceSpec['holderPath'],
): { node: TSESTree.Node; scope: Scope }[] | null {
  if (!node) return null;
  const here = resolveScoped(node, scope);
  if (path.length === 0) return [here];
  const [head, ...rest] = path as readonly [string | readonly [], ...(string | readonly [])[]];
  if (typeof head !== 'string') {
    if (here.node.type !== AST_NODE_TYPES.ArrayExpression) return null;
    const out: { node: TSESTree.Node; scope: Scope }[] = [];
    for (const element of here.node.elements) {
      if (!element || element.type === AST_NODE_TYPES.SpreadElement) return null;
      const inner = holdersAt(element, here.scope, rest);
      if (!inner) return null;
      out.push(...inner);
    }
    return out;
  }
  const prop = resolveObject(here.node, here.scope)?.properties.get(head);
  return prop ? holdersAt(prop.value, prop.scope, rest) : null;
}

/** The link is made when any reference carries the booking id; a missing link is named by the first. */
function evaluateReferences(
  context: RuleContextLike,
  creation: PaymentCreation,
  scope: Scope,
  keys: readonly string[],
  references: readonly ReferenceSpec[],
): LinkEvaluation {
  const results = references.map((spec) =>
    spec.keyed
      ? evaluateKeyed(context, creation, scope, keys, spec)
      : spec.fields.length === 0
        ? evaluateValue(creation, scope, keys, spec)
        : evaluateReference(creation, scope, keys, spec),
  );
  const present = results.find((r) => r.status === 'present');
  if (present) return present;
  if (results.some((r) => r.status !== 'missing')) return { status: 'unknown' };
  return results[0]!;
}

/**
 * The params themselves are the reference (a declared wrapper's argument): the booking id or the booking
 * (`booking`, `reservation`) is present; a constant, `null` or no argument is missing; anything else unknown.
 */
function evaluateValue(
  creation: PaymentCreation,
  scope: Scope,
  keys: readonly string[],
  spec: ReferenceSpec,
): LinkEvaluation {
  const missing: LinkEvaluation = {
    status: 'missing',
    messageId: 'missingReference',
    node: creation.params ?? creation.call,
    location: spec.location,
    insertion: null,
  };
  if (!creation.params) return missing;
  const { node: value, scope: valueScope } = resolveScoped(creation.params, scope);
  if (isBookingLikeValue(creation.params, scope, keys)) return { status: 'present', where: spec.location };
  const bases = new Set(keys.map((k) => keyBaseName(k).toLowerCase()));
  const nameOf = (n: TSESTree.Node, s: Scope): string | null =>
    n.type === AST_NODE_TYPES.Identifier
      ? n.name
      : n.type === AST_NODE_TYPES.MemberExpression
        ? memberPropertyName(n, s)
        : null;
  const names = [nameOf(unwrapExpression(creation.params), scope), nameOf(value, valueScope)];
  if (names.some((name) => name !== null && bases.has(name.toLowerCase()))) {
    return { status: 'present', where: spec.location };
  }
  const constant =
    isNullish(value) ||
    value.type === AST_NODE_TYPES.Literal ||
    (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0);
  return constant ? missing : { status: 'unknown' };
}

/** A key-value bag (Razorpay `notes`, Adyen `metadata`) judged like Stripe's `metadata`. */
function evaluateKeyed(
  context: RuleContextLike,
  creation: PaymentCreation,
  scope: Scope,
  keys: readonly string[],
  spec: ReferenceSpec,
): LinkEvaluation {
  const path = spec.holderPath.filter((s): s is string => typeof s === 'string');
  if (path.length !== spec.holderPath.length) return { status: 'unknown' };
  const result = evaluateAt(context, creation.params, scope, path, keys, []);
  if (result.state === 'present') return { status: 'present', where: result.where };
  if (result.state === 'unknown') return { status: 'unknown' };
  return {
    status: 'missing',
    messageId: 'missingReference',
    node: result.property ?? creation.call,
    location: referenceLocation(spec, keys),
    insertion: result.insertion,
  };
}

function evaluateReference(
  creation: PaymentCreation,
  scope: Scope,
  keys: readonly string[],
  spec: ReferenceSpec,
): LinkEvaluation {
  const holders = holdersAt(creation.params, scope, spec.holderPath);
  if (!holders || holders.length === 0) return { status: 'unknown' };
  let firstAbsent: { node: TSESTree.Node; insertion: InsertionTarget | null } | null = null;
  let present: string | null = null;
  for (const holder of holders) {
    const shape = resolveObject(holder.node, holder.scope);
    if (!shape) return { status: 'unknown' };
    let state: 'present' | 'absent' | 'unknown' = shape.complete ? 'absent' : 'unknown';
    let property: TSESTree.Property | null = null;
    for (const field of spec.fields) {
      const prop = shape.properties.get(field);
      if (!prop) continue;
      const value = resolveScoped(prop.value, prop.scope).node;
      if (isBookingLikeValue(prop.value, prop.scope, keys)) {
        state = 'present';
        present ??= spec.location.replace(spec.fields[0]!, field);
        break;
      }
      // A constant cannot identify a booking; any other value might be the booking id under another name.
      const constant = value.type === AST_NODE_TYPES.Literal || (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0);
      if (!constant) state = 'unknown';
      property ??= prop.property;
    }
    if (state === 'unknown') return { status: 'unknown' };
    if (state === 'absent' && !firstAbsent) {
      firstAbsent = { node: property ?? shape.node, insertion: property ? null : { object: shape.node, path: [] } };
    }
  }
  if (!firstAbsent) return { status: 'present', where: present ?? spec.location };
  return {
    status: 'missing',
    messageId: 'missingReference',
    node: holders.length === 1 && firstAbsent.node.type === AST_NODE_TYPES.ObjectExpression && spec.holderPath.length === 0
      ? creation.call
      : firstAbsent.node,
    location: spec.location,
    insertion: firstAbsent.insertion,
    field: spec.fields[0]!,
  };
}

function findPropertyNode(params: TSESTree.Node | undefined, scope: Scope, key: string): TSESTree.Node | null {
  if (!params) return null;
  return resolveObject(params, scope)?.properties.get(key)?.property ?? null;
}

// --- suggestions -------------------------------------------------------------------------------------------

/** A binding in scope that holds the booking: `{ key: 'bookingId', value: 'booking.id' }`. */
export interface BookingBinding {
  key: string;
  value: string;
}

/**
 * The nearest variable in scope at `node` that holds a booking or its id (`booking`, `bookingId`,
 * `reservation` …), declared before `node`; null when there is none.
 */
export function findBookingBinding(
  context: RuleContextLike,
  node: TSESTree.Node,
  keys: readonly string[],
): BookingBinding | null {
  const wanted: { name: string; key: string; value: string }[] = [];
  for (const key of keys) {
    const camel = toCamel(key);
    if (/^[A-Za-z_$][\w$]*$/.test(camel)) wanted.push({ name: camel, key, value: camel });
    const base = keyBaseName(key);
    if (/^[A-Za-z_$][\w$]*$/.test(base)) wanted.push({ name: base, key, value: `${base}.id` });
  }
  for (let scope: Scope | null = context.sourceCode.getScope(node); scope; scope = scope.upper) {
    for (const want of wanted) {
      const variable = scope.set.get(want.name);
      const def = variable?.defs[0];
      if (!def) continue;
      if (def.type !== 'Parameter' && def.name.range[0] > node.range[0]) continue;
      if (def.type === 'ImportBinding' || def.type === 'ClassName' || def.type === 'Type') continue;
      return { key: want.key, value: want.value };
    }
  }
  return null;
}

const isIdentifierName = (s: string): boolean => /^[A-Za-z_$][\w$]*$/.test(s);

/** The text for `path: { … { key: value } }`. */
export function insertionText(path: readonly string[], binding: BookingBinding): string {
  const key = isIdentifierName(binding.key) ? binding.key : `'${binding.key}'`;
  let text = key === binding.value ? key : `${key}: ${binding.value}`;
  for (let i = path.length - 1; i >= 0; i--) text = `${path[i]}: { ${text} }`;
  return text;
}
