/**
 * The booking around a payment creation, read from its function: is this a booking payment at all (or a
 * plan, a team subscription, a premium feature), is there a booking with an id to reference, or is the
 * booking only created after the charge? Cheap syntax first, types last; every answer is bounded and a
 * question that cannot be settled keeps the creation judged (that is the bug the plugin exists for).
 */
import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from '@typescript-eslint/utils';

import { delegateName, keyBaseName } from '../config/vocabulary.js';
import { hostFunction } from '../links/persistence.js';
import { memberChain, staticPropertyName, unwrapExpression, walkNodes, type FunctionNode } from '../util/ast.js';
import {
  findVariable,
  getStaticString,
  memberPropertyName,
  resolveObject,
  resolveScoped,
  type Scope,
  nameOf,
} from '../util/static-value.js';
import { classifyDelegate, getFileModelWrites } from './model-writes.js';
import { getPaymentCreation, type PaymentCreation, type RuleContextLike } from './payment-creation.js';

/** The project's words for a booking: the booking-id keys and the booking/payment models. */
export interface BookingVocabulary {
  keys: readonly string[];
  bookingModels?: readonly string[] | undefined;
  paymentModels?: readonly string[] | undefined;
}

export type CreationJudgement = { judged: true } | { judged: false; reason: string };

const JUDGED: CreationJudgement = { judged: true };

const toCamel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

// --- booking words -----------------------------------------------------------------------------------------

/** Lower-case words that name a booking: key bases (`booking`, `reservation` …) and booking models. */
function bookingWords(vocabulary: BookingVocabulary): string[] {
  const words = new Set<string>();
  for (const key of vocabulary.keys) {
    const base = keyBaseName(key).toLowerCase();
    if (base.length >= 3) words.add(base);
  }
  for (const model of vocabulary.bookingModels ?? ['Booking', 'Reservation', 'Appointment']) {
    if (model.length >= 3) words.add(model.toLowerCase());
  }
  return [...words];
}

const mentionsAny = (text: string, words: readonly string[]): boolean => {
  const lower = text.toLowerCase();
  return words.some((w) => lower.includes(w));
};

const bookingMentionCache = new WeakMap<TSESTree.Node, Map<string, boolean>>();

/** Whether an identifier, property name or string in `host` names a booking. Cached per host and word list. */
function hostMentionsBooking(context: RuleContextLike, host: TSESTree.Node, words: readonly string[]): boolean {
  const key = words.join('\0');
  let perHost = bookingMentionCache.get(host);
  if (!perHost) {
    perHost = new Map();
    bookingMentionCache.set(host, perHost);
  }
  const cached = perHost.get(key);
  if (cached !== undefined) return cached;
  let found = false;
  walkNodes(host, context.sourceCode.visitorKeys, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.Identifier) found = mentionsAny(node.name, words);
    else if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') found = mentionsAny(node.value, words);
    else if (node.type === AST_NODE_TYPES.TemplateElement) found = mentionsAny(node.value.raw, words);
  });
  perHost.set(key, found);
  return found;
}

// --- is this a booking payment? ----------------------------------------------------------------------------

/**
 * Metadata keys that name an entity other than a booking: a team, an organisation, a plan, a subscription …
 * Not seats, tiers or companies: a theatre seat, a ticket tier or a corporate client may well be booked.
 */
const OTHER_ENTITY_KEY = /^(team|organi[sz]ation|org|workspace|tenant|plan|subscription|licen[cs]e|membership|credit)s?(id|ids)?$/;

/** Words in a payment's own strings that say what it pays for, when that is not a booking. */
const OTHER_PURPOSE = /\b(premium|upgrade|membership|subscription|credits?|username|donation|pro plan)\b/i;

/** Resources whose calls bill something else: subscriptions and invoices. */
const BILLING_RESOURCES = new Set(['subscriptions', 'subscriptionItems', 'subscriptionSchedules', 'invoices', 'invoiceItems']);

/** The metadata objects a creation sends (its own, a Checkout Session's PaymentIntent's and subscription's). */
function metadataKeys(creation: PaymentCreation, scope: Scope): string[] {
  if (!creation.params) return [];
  const params = resolveObject(creation.params, scope);
  if (!params) return [];
  const out: string[] = [];
  const collect = (node: TSESTree.Node | undefined, s: Scope) => {
    const shape = node ? resolveObject(node, s) : null;
    if (shape) out.push(...shape.properties.keys());
  };
  const meta = params.properties.get('metadata');
  if (meta) collect(meta.value, meta.scope);
  for (const holder of ['payment_intent_data', 'subscription_data']) {
    const prop = params.properties.get(holder);
    const inner = prop ? resolveObject(prop.value, prop.scope) : null;
    const innerMeta = inner?.properties.get('metadata');
    if (innerMeta) collect(innerMeta.value, innerMeta.scope);
  }
  const reference = params.properties.get('client_reference_id');
  if (reference) {
    const value = unwrapExpression(reference.value);
    if (value.type === AST_NODE_TYPES.Identifier) out.push(value.name);
    else if (value.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrapExpression(value.object);
      const prop = staticPropertyName(value);
      if (prop === 'id' && object.type === AST_NODE_TYPES.Identifier) out.push(`${object.name}Id`);
      else if (prop !== null) out.push(prop);
    }
  }
  return out;
}

/** The static strings of a creation's params (two levels deep): descriptions, product names, metadata values. */
function paramStrings(creation: PaymentCreation, scope: Scope): string[] {
  const out: string[] = [];
  const visit = (node: TSESTree.Node, s: Scope, depth: number) => {
    if (depth > 3 || out.length > 40) return;
    const text = getStaticString(node, s);
    if (text !== null) {
      out.push(text);
      return;
    }
    const resolved = resolveScoped(node, s);
    if (resolved.node.type === AST_NODE_TYPES.ArrayExpression) {
      for (const el of resolved.node.elements) if (el && el.type !== AST_NODE_TYPES.SpreadElement) visit(el, resolved.scope, depth + 1);
      return;
    }
    const shape = resolveObject(resolved.node, resolved.scope);
    if (shape) for (const prop of shape.properties.values()) visit(prop.value, prop.scope, depth + 1);
  };
  if (creation.params) visit(creation.params, scope, 0);
  return out;
}

/** The variable the creation's (awaited) result is bound to: `const pi = await stripe.paymentIntents.create(…)`. */
function resultVariable(context: RuleContextLike, call: TSESTree.CallExpression) {
  let n: TSESTree.Node = call;
  while (n.parent && (n.parent.type === AST_NODE_TYPES.AwaitExpression || n.parent.type === AST_NODE_TYPES.TSAsExpression)) n = n.parent;
  const parent = n.parent;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== n) return null;
  if (parent.id.type !== AST_NODE_TYPES.Identifier) return null;
  return findVariable(context.sourceCode.getScope(parent), parent.id);
}

/** Positive evidence that the creation pays for something other than a booking, or null. */
function otherPurpose(
  context: RuleContextLike,
  creation: PaymentCreation,
  host: FunctionNode | TSESTree.Program,
  vocabulary: BookingVocabulary,
): string | null {
  const scope = context.sourceCode.getScope(creation.call);
  if (creation.kind === 'checkoutSession' && creation.params) {
    const mode = resolveObject(creation.params, scope)?.properties.get('mode');
    if (mode && getStaticString(mode.value, mode.scope) === 'subscription') return 'a subscription-mode Checkout Session';
  }
  const entityKey = metadataKeys(creation, scope).find((k) => OTHER_ENTITY_KEY.test(k.toLowerCase().replace(/[_-]/g, '')));
  if (entityKey !== undefined) return `its metadata names another entity (\`${entityKey}\`)`;
  const purpose = paramStrings(creation, scope).find((s) => OTHER_PURPOSE.test(s));
  if (purpose !== undefined) return `its params say it pays for something else (\`${purpose.slice(0, 60)}\`)`;

  // The function bills a subscription or an invoice, or writes the payment's id to a non-booking model.
  let billing: string | null = null;
  walkNodes(host, context.sourceCode.visitorKeys, (node) => {
    if (billing !== null || node.type !== AST_NODE_TYPES.CallExpression) return;
    const { names } = memberChain(node.callee);
    const resource = names.find((n) => n !== null && BILLING_RESOURCES.has(n));
    if (resource) billing = `its function also calls \`${resource}.${names[names.length - 1] ?? ''}\``;
  });
  if (billing !== null) return billing;
  const result = resultVariable(context, creation.call);
  if (!result) return null;
  for (const write of getFileModelWrites(context)) {
    if (write.call.range[0] < creation.call.range[1] || write.call.range[1] > host.range[1]) continue;
    if (classifyDelegate(write.delegate, vocabulary) !== null) continue;
    const usesResult = result.references.some((ref) =>
      write.dataEntries.some((e) => e.node.range[0] <= ref.identifier.range[0] && ref.identifier.range[1] <= e.node.range[1]),
    );
    if (usesResult) return `the payment's id is written to \`${write.delegate}\` (line ${write.call.loc.start.line})`;
  }
  return null;
}

/**
 * Whether a payment creation is judged at all by the link rules and the audit. It is, unless there is
 * positive evidence that it pays for something else (a subscription-mode Checkout Session, subscription or
 * invoice calls, metadata naming a team / organisation / plan, params describing a premium feature, the id
 * written to a non-booking model) and nothing in its function names a booking. No evidence either way
 * (a bare `createPaymentIntent(amount)`) is judged. Never throws.
 */
export function judgeCreation(
  context: RuleContextLike,
  creation: PaymentCreation,
  vocabulary: BookingVocabulary,
): CreationJudgement {
  try {
    const host = hostFunction(creation.call);
    if (hostMentionsBooking(context, host, bookingWords(vocabulary))) return JUDGED;
    const reason = otherPurpose(context, creation, host, vocabulary);
    return reason === null ? JUDGED : { judged: false, reason };
  } catch {
    return JUDGED;
  }
}

// --- values that are not a booking's id --------------------------------------------------------------------

const GENERATOR_FUNCTIONS = new Set(['randomUUID', 'uuid', 'uuidv4', 'v4', 'nanoid', 'cuid', 'createId', 'ulid', 'randomBytes']);
const VALUE_TRANSFORMS = new Set([
  'toString', 'toISOString', 'toJSON', 'getTime', 'valueOf', 'slice', 'substring', 'substr', 'padStart', 'padEnd',
  'toUpperCase', 'toLowerCase', 'toFixed', 'replace', 'replaceAll', 'trim',
]);

/** An identifier that names a global (`Date`, `Math`): no declaration of the program shadows it. */
function isGlobal(node: TSESTree.Identifier, scope: Scope): boolean {
  const variable = findVariable(scope, node);
  return !variable || variable.defs.length === 0;
}

/**
 * When `node` certainly is a value made up at the call (`Date.now()`, `Math.random()`, `randomUUID()`,
 * `uuid()`, `new Date()`, or a string built from one with no booking id in it), the source it is made
 * from; else null. Such a value identifies no booking.
 */
export function generatedSource(node: TSESTree.Node, scope: Scope, keys: readonly string[], depth = 0): string | null {
  if (depth > 8) return null;
  const { node: n, scope: s } = resolveScoped(node, scope);
  switch (n.type) {
    case AST_NODE_TYPES.NewExpression: {
      const callee = unwrapExpression(n.callee);
      return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Date' && isGlobal(callee, s) ? 'new Date()' : null;
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrapExpression(n.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        if (GENERATOR_FUNCTIONS.has(callee.name)) return `${callee.name}()`;
        if ((callee.name === 'String' || callee.name === 'Number') && n.arguments[0]) {
          return generatedSource(n.arguments[0], s, keys, depth + 1);
        }
        return null;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const name = memberPropertyName(callee, s);
      const object = unwrapExpression(callee.object);
      if (object.type === AST_NODE_TYPES.Identifier && isGlobal(object, s)) {
        if (object.name === 'Date' && name === 'now') return 'Date.now()';
        if (object.name === 'Math' && name === 'random') return 'Math.random()';
      }
      if (name === 'randomUUID' || name === 'randomBytes' || name === 'nanoid' || name === 'v4') return `${name}()`;
      if (name !== null && VALUE_TRANSFORMS.has(name)) return generatedSource(callee.object, s, keys, depth + 1);
      return null;
    }
    case AST_NODE_TYPES.TemplateLiteral:
      return generatedAmong(n.expressions, s, keys, depth);
    case AST_NODE_TYPES.BinaryExpression:
      return n.operator === '+' ? generatedAmong([n.left, n.right], s, keys, depth) : null;
    default:
      return null;
  }
}

/** A generated source among the parts of a string, when no part holds a booking id. */
function generatedAmong(parts: readonly TSESTree.Node[], scope: Scope, keys: readonly string[], depth: number): string | null {
  let found: string | null = null;
  for (const part of parts) {
    if (isBookingLikeValue(part, scope, keys, depth + 1)) return null;
    found ??= generatedSource(part, scope, keys, depth + 1);
  }
  return found;
}

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
      const objName = nameOf(obj, scope);
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

// --- the booking in scope ----------------------------------------------------------------------------------

/** A binding that certainly holds a booking with an id, or that id: `{ key: 'bookingId', value: 'booking.id' }`. */
export interface BookingBinding {
  key: string;
  value: string;
}

export type BookingInScope =
  /** A booking (or its id) that exists before the call: the suggestion can use `value`. */
  | ({ state: 'known' } & BookingBinding)
  /** No such booking, but the function creates one after the charge. */
  | { state: 'created-after'; delegate: string; line: number }
  /** A booking-named binding whose value may not be a saved booking (`const { booking } = await req.json()`). */
  | { state: 'unproven'; name: string }
  | { state: 'none' };

const READ_OR_CREATE = /^(create|upsert|update|find|get|fetch|load|save|insert|retrieve|read|confirm|book|reserve)/i;
const CREATE_VERB = /^(create|upsert|save|insert)/i;
/** Type names that describe a booking's input rather than a saved booking. */
const INPUT_TYPE = /(Input|Data|Payload|Dto|DTO|Request|Form|Params|Body|Draft|Args)$/;

/** `prisma.booking.findUnique(…)`, `getBooking(id)`, `bookingService.create(…)`, `Booking.findById(…)`. */
function isBookingCall(call: TSESTree.CallExpression, words: readonly string[], verb: RegExp): boolean {
  const callee = unwrapExpression(call.callee);
  const { root, names } = memberChain(callee);
  const method = callee.type === AST_NODE_TYPES.Identifier ? callee.name : names[names.length - 1];
  if (typeof method !== 'string' || !verb.test(method)) return false;
  const parts = [...(root.type === AST_NODE_TYPES.Identifier ? [root.name] : []), ...names.filter((x): x is string => x !== null)];
  return parts.some((p) => mentionsAny(p, words));
}

type Services = ReturnType<typeof ESLintUtils.getParserServices>;

/** With type information: whether the node's type has an `id` (true), certainly has none (false), or unknown. */
function typeHasId(context: RuleContextLike, node: TSESTree.Node): boolean | null {
  let services: Services;
  try {
    services = ESLintUtils.getParserServices(context, true);
  } catch {
    return null;
  }
  if (!services.program) return null;
  try {
    const checker = services.program.getTypeChecker();
    const type = checker.getNonNullableType(services.getTypeAtLocation(node));
    if (type.flags & (1 | 2)) return null; // any, unknown
    if (type.getProperty('id')) return true;
    const closed = (type.flags & 524288) !== 0 && !type.isUnionOrIntersection() && checker.getIndexInfosOfType(type).length === 0;
    return closed ? false : null;
  } catch {
    return null;
  }
}

/** Whether a parameter named like a booking holds one with an id: not when its type says otherwise. */
function parameterHoldsBooking(context: RuleContextLike, name: TSESTree.Identifier): boolean {
  const typed = typeHasId(context, name);
  if (typed !== null) return typed;
  const annotation = name.typeAnnotation?.typeAnnotation;
  if (!annotation) return true;
  if (annotation.type === AST_NODE_TYPES.TSTypeLiteral) {
    return annotation.members.some(
      (m) => m.type === AST_NODE_TYPES.TSPropertySignature && m.key.type === AST_NODE_TYPES.Identifier && m.key.name === 'id',
    );
  }
  if (annotation.type === AST_NODE_TYPES.TSTypeReference) {
    const typeName = annotation.typeName.type === AST_NODE_TYPES.Identifier ? annotation.typeName.name : annotation.typeName.type === AST_NODE_TYPES.TSQualifiedName ? annotation.typeName.right.name : '';
    return !INPUT_TYPE.test(typeName);
  }
  return true;
}

type Def = NonNullable<ReturnType<typeof findVariable>>['defs'][number];

/** Whether a variable named like a booking (`entity`) or its id (`id`) certainly holds one. */
function bindingIsKnown(
  context: RuleContextLike,
  def: Def,
  kind: 'entity' | 'id',
  vocabulary: BookingVocabulary,
  words: readonly string[],
): boolean {
  const name = def.name as TSESTree.Identifier;
  if (def.type === 'Parameter') {
    if (kind === 'id') return true;
    return parameterHoldsBooking(context, name);
  }
  if (def.type !== 'Variable') return false;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (!declarator.init) return kind === 'id';
  const scope = context.sourceCode.getScope(declarator);
  const init = unwrapExpression(declarator.init, { throughAwait: true });
  if (kind === 'id') return generatedSource(init, scope, vocabulary.keys) === null && !isConstant(init);
  const typed = typeHasId(context, name);
  if (typed !== null) return typed;
  if (declarator.id.type === AST_NODE_TYPES.Identifier && init.type === AST_NODE_TYPES.ObjectExpression) {
    return resolveObject(init, scope)?.properties.has('id') ?? false;
  }
  return init.type === AST_NODE_TYPES.CallExpression && isBookingCall(init, words, READ_OR_CREATE);
}

const isConstant = (node: TSESTree.Node): boolean =>
  node.type === AST_NODE_TYPES.Literal || (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0);

/** A booking written after `call` in its function (`prisma.booking.create`, `createBooking(…)` …). */
function bookingCreatedAfter(
  context: RuleContextLike,
  call: TSESTree.CallExpression,
  vocabulary: BookingVocabulary,
  words: readonly string[],
): { delegate: string; line: number } | null {
  const host = hostFunction(call);
  for (const write of getFileModelWrites(context)) {
    if (write.call.range[0] < call.range[1] || write.call.range[1] > host.range[1]) continue;
    if ((write.method === 'create' || write.method === 'upsert' || write.method === 'createMany') && classifyDelegate(write.delegate, vocabulary) === 'booking') {
      return { delegate: write.delegate, line: write.call.loc.start.line };
    }
  }
  let found: { delegate: string; line: number } | null = null;
  walkNodes(host, context.sourceCode.visitorKeys, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression || node.range[0] < call.range[1]) return;
    if (!isBookingCall(node, words, CREATE_VERB) || getPaymentCreation(context, node)) return;
    const model = (vocabulary.bookingModels ?? ['Booking']).find((m) => mentionsAny(context.sourceCode.getText(node.callee), [m.toLowerCase()]));
    found = { delegate: delegateName(model ?? 'booking'), line: node.loc.start.line };
  });
  return found;
}

/**
 * The booking a report about `call` can point at: a binding declared before it that certainly holds a
 * booking with an id or that id (nearest scope first, then the order of `keys`); else a booking the
 * function creates only after the call; else a booking-named binding that proves nothing; else none.
 * Never throws (none).
 */
export function bookingInScope(context: RuleContextLike, call: TSESTree.CallExpression, vocabulary: BookingVocabulary): BookingInScope {
  try {
    return findBookingInScope(context, call, vocabulary);
  } catch {
    return { state: 'none' };
  }
}

function findBookingInScope(context: RuleContextLike, call: TSESTree.CallExpression, vocabulary: BookingVocabulary): BookingInScope {
  const words = bookingWords(vocabulary);
  const wanted: { name: string; key: string; value: string; kind: 'entity' | 'id' }[] = [];
  for (const key of vocabulary.keys) {
    const camel = toCamel(key);
    if (/^[A-Za-z_$][\w$]*$/.test(camel)) wanted.push({ name: camel, key, value: camel, kind: 'id' });
    const base = keyBaseName(key);
    if (/^[A-Za-z_$][\w$]*$/.test(base)) wanted.push({ name: base, key, value: `${base}.id`, kind: 'entity' });
  }
  let unproven: string | null = null;
  for (let scope: Scope | null = context.sourceCode.getScope(call); scope; scope = scope.upper) {
    for (const want of wanted) {
      const def = scope.set.get(want.name)?.defs[0];
      if (!def) continue;
      if (def.type !== 'Parameter' && def.name.range[0] > call.range[0]) continue;
      if (def.type === 'ImportBinding' || def.type === 'ClassName' || def.type === 'Type') continue;
      if (bindingIsKnown(context, def, want.kind, vocabulary, words)) return { state: 'known', key: want.key, value: want.value };
      unproven ??= want.name;
    }
  }
  const after = bookingCreatedAfter(context, call, vocabulary, words);
  if (after) return { state: 'created-after', ...after };
  return unproven !== null ? { state: 'unproven', name: unproven } : { state: 'none' };
}
