/**
 * Link 1 of 2 (payment → booking): does a payment creation carry the booking id where the provider keeps
 * it? Answers present / missing / unknown; "unknown" (a parameter, a call's result, a spread of something
 * unseen) is never reported.
 */
import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from '@typescript-eslint/utils';

import {
  bookingInScope,
  generatedSource,
  isBookingLikeValue,
  type BookingBinding,
} from '../detect/booking-context.js';
import type { PaymentCreation, RuleContextLike } from '../detect/payment-creation.js';
import { referenceLocation, referencesOf, type ReferenceSpec } from '../providers/index.js';
import { keyBaseName } from '../config/vocabulary.js';
import { unwrapExpression } from '../util/ast.js';
import {
  getStaticString,
  isNullish,
  propertyKeyName,
  resolveObject,
  resolveScoped,
  type Scope,
  nameOf,
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
  | 'missingReference'
  | 'notBookingId';

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
      /** `notBookingId`: what the value is made from (`Date.now()`, `randomUUID()` …). */
      source?: string;
    };

type LocationResult =
  | { state: 'present'; where: string }
  | { state: 'unknown' }
  | { state: 'absent'; property: TSESTree.Property | null; insertion: InsertionTarget | null }
  /** The key is there, but its value is made up at the call (`Date.now()` …): not the booking's id. */
  | { state: 'generated'; where: string; property: TSESTree.Property; source: string };

const UNKNOWN: LocationResult = { state: 'unknown' };

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
    const found = keys.filter((k) => shape.properties.has(k));
    let generated: LocationResult | null = null;
    for (const key of found) {
      const prop = shape.properties.get(key)!;
      const source = generatedSource(prop.value, prop.scope, keys);
      if (source === null) return { state: 'present', where: [...where, key].join('.') };
      generated ??= { state: 'generated', where: [...where, key].join('.'), property: prop.property, source };
    }
    if (generated) return generated;
    if (shape.complete) return { state: 'absent', property: null, insertion: { object: shape.node, path: [] } };
    // `{ ...meta }` where `meta` cannot be seen: its type may still say whether it has a booking key.
    const typed = spreadsByType(context, shape.node, resolved.scope, keys, 0);
    if (typed === 'present') return { state: 'present', where: [...where, '…'].join('.') };
    return typed === 'absent' ? { state: 'absent', property: null, insertion: { object: shape.node, path: [] } } : UNKNOWN;
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

/**
 * With type information, whether the object literal's unseen spreads (and nothing else) could add a booking
 * key: 'absent' when every spread it cannot resolve has a closed type without one.
 */
function spreadsByType(
  context: RuleContextLike,
  object: TSESTree.ObjectExpression,
  scope: Scope,
  keys: readonly string[],
  depth: number,
): Judgement {
  if (depth > 4) return 'unknown';
  let verdict: Judgement = 'absent';
  for (const prop of object.properties) {
    if (prop.type !== AST_NODE_TYPES.SpreadElement) {
      if (propertyKeyName(prop, scope) === null) return 'unknown';
      continue;
    }
    if (isNullish(unwrapExpression(prop.argument))) continue;
    const inner = resolveObject(prop.argument, scope);
    const v = inner
      ? inner.complete
        ? 'absent'
        : spreadsByType(context, inner.node, resolveScoped(prop.argument, scope).scope, keys, depth + 1)
      : judgeByType(context, prop.argument, [], keys);
    if (v === 'present') return 'present';
    if (v === 'unknown') verdict = 'unknown';
  }
  return verdict;
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
  if (isBookingLikeValue(prop.value, prop.scope, keys)) return { state: 'present', where: 'client_reference_id' };
  const source = generatedSource(prop.value, prop.scope, keys);
  return source !== null
    ? { state: 'generated', where: 'client_reference_id', property: prop.property, source }
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
    if (result.state === 'generated') return notBookingId(result);
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

  const generated = candidates.find((c): c is Extract<LocationResult, { state: 'generated' }> => c.state === 'generated');
  if (generated) return notBookingId(generated);

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

function notBookingId(result: Extract<LocationResult, { state: 'generated' }>): LinkEvaluation {
  return {
    status: 'missing',
    messageId: 'notBookingId',
    node: result.property,
    location: result.where,
    insertion: null,
    source: result.source,
  };
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
  if (result.state === 'generated') return notBookingId(result);
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
  let firstAbsent: { node: TSESTree.Node; insertion: InsertionTarget | null; generated?: { field: string; source: string } } | null =
    null;
  let present: string | null = null;
  for (const holder of holders) {
    const shape = resolveObject(holder.node, holder.scope);
    if (!shape) return { status: 'unknown' };
    let state: 'present' | 'absent' | 'unknown' = shape.complete ? 'absent' : 'unknown';
    let property: TSESTree.Property | null = null;
    let generated: { field: string; source: string } | undefined;
    for (const field of spec.fields) {
      const prop = shape.properties.get(field);
      if (!prop) continue;
      const value = resolveScoped(prop.value, prop.scope).node;
      if (isBookingLikeValue(prop.value, prop.scope, keys)) {
        state = 'present';
        present ??= spec.location.replace(spec.fields[0]!, field);
        break;
      }
      // A constant or a value made up at the call cannot identify a booking; any other value might be the
      // booking id under another name.
      const source = generatedSource(prop.value, prop.scope, keys);
      if (source !== null) {
        generated ??= { field, source };
        property ??= prop.property;
        continue;
      }
      const constant = value.type === AST_NODE_TYPES.Literal || (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0);
      if (!constant) state = 'unknown';
      property ??= prop.property;
    }
    if (state === 'unknown') return { status: 'unknown' };
    if (state === 'absent' && !firstAbsent) {
      firstAbsent = {
        node: property ?? shape.node,
        insertion: property ? null : { object: shape.node, path: [] },
        ...(generated ? { generated } : {}),
      };
    }
  }
  if (!firstAbsent) return { status: 'present', where: present ?? spec.location };
  if (firstAbsent.generated) {
    return {
      status: 'missing',
      messageId: 'notBookingId',
      node: firstAbsent.node,
      location: spec.location.replace(spec.fields[0]!, firstAbsent.generated.field),
      insertion: null,
      source: firstAbsent.generated.source,
    };
  }
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

export { isBookingLikeValue, type BookingBinding };

/**
 * The nearest variable in scope at `node` that certainly holds a booking with an id, or that id
 * (`booking` from `prisma.booking.create(…)`, a `bookingId` parameter …), declared before `node`; null
 * when there is none (see detect/booking-context.ts).
 */
export function findBookingBinding(
  context: RuleContextLike,
  node: TSESTree.CallExpression,
  keys: readonly string[],
): BookingBinding | null {
  const found = bookingInScope(context, node, { keys });
  return found.state === 'known' ? { key: found.key, value: found.value } : null;
}

const isIdentifierName = (s: string): boolean => /^[A-Za-z_$][\w$]*$/.test(s);

/** The text for `path: { … { key: value } }`. */
export function insertionText(path: readonly string[], binding: BookingBinding): string {
  const key = isIdentifierName(binding.key) ? binding.key : `'${binding.key}'`;
  let text = key === binding.value ? key : `${key}: ${binding.value}`;
  for (let i = path.length - 1; i >= 0; i--) text = `${path[i]}: { ${text} }`;
  return text;
}
