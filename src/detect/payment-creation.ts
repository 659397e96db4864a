/**
 * Which calls create a payment at a provider, read off the provider specs in src/providers/. A call
 * counts when its client is bound to the provider's SDK (see client-origin.ts), or — on a client of
 * unknown origin — when its resource path and params have the provider's shape. Never by spelling alone.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  clientPackagesOf,
  CREATION_SPECS,
  EXECUTE_METHODS,
  importHintOf,
  type PaymentKind,
  type PaymentProvider,
  type ProviderCreationSpec,
  RECEIVERS,
  RESOURCE_HINT,
  type ReferenceSpec,
  RESOURCE_WORDS,
} from '../providers/index.js';
import { getWrappers, wrapperWords } from '../config/wrappers.js';
import { unwrapExpression } from '../util/ast.js';
import { lastFileMemo } from '../util/last-file.js';
import { resolveObject, type Scope } from '../util/static-value.js';
import {
  classifyClient,
  classifyClientByType,
  type ClientOrigin,
  type MemberChain,
  resolveMemberChain,
} from './client-origin.js';
import { detectRequestObjectCall } from './request-objects.js';
import { detectRestCall, mayBeRestCall } from './rest-calls.js';
import { detectWrapperCall } from './wrapper-calls.js';

export type RuleContextLike = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export interface PaymentCreation {
  provider: PaymentProvider;
  kind: PaymentKind;
  /** How the object is called in messages: `PaymentIntent`, `Checkout Session`, `Charge`, `PayPal order` … */
  label: string;
  call: TSESTree.CallExpression;
  /** The first argument (the create params), if any. */
  params: TSESTree.Node | undefined;
  /** The expression that is the provider client (`stripe`, `this.stripe`, `getStripe()` …). */
  client: TSESTree.Node;
  /** How sure the detection is: bound to the SDK, or recognised by its resource path on an unknown client. */
  confidence: 'bound' | 'shape';
  /** The property path from the call's (awaited) result to the provider's id: `['id']`, `['result', 'id']` … */
  idPath: readonly string[];
  /** The column name a booking conventionally stores this id in. */
  idColumn: string;
  /** Where the booking reference goes, when the call says so itself (a declared wrapper); else by kind. */
  references?: readonly ReferenceSpec[];
  /** The params exist but cannot be seen (a request body built elsewhere): the reference is unknown. */
  paramsUnseen?: boolean;
  /** For a declared wrapper's call site: the wrapper's export name. */
  wrapper?: string;
}

/** Per file (its text): may it name a provider resource? May it call a declared wrapper (per word list)? */
const namesResource = lastFileMemo((text: string) => RESOURCE_HINT.test(text) && RESOURCE_WORDS.test(text));
const namesWrapper = lastFileMemo((text: string, words: RegExp) => words.test(text));

/**
 * The per-file pre-check: false means no call in this file can be a payment creation, so a rule may return
 * no listeners at all. Reads the text once per file (the last file's answer is kept) for the providers'
 * resource words, and — given the settings — for the declared wrappers' names.
 */
export function fileMayCreatePayments(
  sourceCode: Readonly<TSESLint.SourceCode>,
  settings?: TSESLint.SharedConfigurationSettings,
): boolean {
  const text = sourceCode.text;
  const named = namesResource(text, undefined);
  if (named || !settings) return named;
  const wrappers = getWrappers(settings);
  if (wrappers.length === 0) return false;
  const words = wrapperWords(wrappers);
  return words !== null && namesWrapper(text, words);
}

function calleeMethodName(node: TSESTree.CallExpression): string | null {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (!callee.computed) return callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : null;
  return callee.property.type === AST_NODE_TYPES.Literal && typeof callee.property.value === 'string'
    ? callee.property.value
    : null;
}

/**
 * The cheap syntactic pre-check: `<x>.create(…)`, `<x>.createOrder(…)`, `client.execute(…)`, `fetch(…)`,
 * `axios.post(…)` …, and with the settings any call of a declared wrapper's name. Every other call costs
 * nothing more.
 */
export function isCreateCall(node: TSESTree.CallExpression, settings?: TSESLint.SharedConfigurationSettings): boolean {
  const name = calleeMethodName(node);
  if (name !== null && (RECEIVERS.has(name) || EXECUTE_METHODS.has(name))) return true;
  if (mayBeRestCall(node)) return true;
  return settings !== undefined && getWrappers(settings).length > 0;
}

/** Whether the file imports or requires a module whose path names the provider (`stripe`, `./lib/stripe`). */
function fileMentionsProvider(sourceCode: Readonly<TSESLint.SourceCode>, provider: PaymentProvider): boolean {
  let perFile = mentionsCache.get(sourceCode.ast);
  if (!perFile) {
    perFile = new Map();
    mentionsCache.set(sourceCode.ast, perFile);
  }
  let result = perFile.get(provider);
  if (result === undefined) {
    result = importHintOf(provider).test(sourceCode.text);
    perFile.set(provider, result);
  }
  return result;
}
const mentionsCache = new WeakMap<object, Map<PaymentProvider, boolean>>();

function matchSpecs(segments: readonly string[], method: string): { spec: ProviderCreationSpec; clientSegments: string[] }[] {
  const out: { spec: ProviderCreationSpec; clientSegments: string[] }[] = [];
  for (const spec of CREATION_SPECS) {
    if (spec.method !== method) continue;
    const k = spec.path.length;
    if (segments.length < k) continue;
    if (spec.path.every((p, i) => segments[segments.length - k + i] === p)) {
      out.push({ spec, clientSegments: segments.slice(0, segments.length - k) });
    }
  }
  return out;
}

const creationCache = new WeakMap<TSESTree.CallExpression, PaymentCreation | null>();

/**
 * The payment creation this call is (Stripe PaymentIntent, Checkout Session or Charge; PayPal order; Square
 * payment), or null. Returns null at once for every call whose method is not one of theirs, so it is cheap
 * to call from a `CallExpression` visitor.
 */
export function getPaymentCreation(context: RuleContextLike, node: TSESTree.CallExpression): PaymentCreation | null {
  const method = calleeMethodName(node);
  if (!fileMayCreatePayments(context.sourceCode, context.settings)) return null;
  const other = otherCreation(context, node, method);
  if (other !== undefined) return other;
  if (method === null) return null;
  const receivers = RECEIVERS.get(method);
  if (receivers === undefined) return null;
  // `x.repo.create()`: the receiver is neither a resource member nor a possible alias.
  const object = unwrapExpression((unwrapExpression(node.callee) as TSESTree.MemberExpression).object);
  if (receivers !== null) {
    if (object.type === AST_NODE_TYPES.MemberExpression) {
      const name = object.computed ? null : object.property.type === AST_NODE_TYPES.Identifier ? object.property.name : null;
      if (name !== null && !receivers.has(name)) return null;
    } else if (object.type !== AST_NODE_TYPES.Identifier) {
      return null;
    }
  }
  const cached = creationCache.get(node);
  if (cached !== undefined) return cached;
  let result: PaymentCreation | null = null;
  try {
    result = detect(context, node, method);
  } catch {
    result = null; // unexpected syntax: unknown is not wrong
  }
  creationCache.set(node, result);
  return result;
}

/**
 * A creation that is not `client.<path>.<method>(params)`: a declared wrapper's call, a request object's
 * execute call, a REST call. Undefined when the call is none of their shapes (the SDK specs are tried next).
 */
function otherCreation(
  context: RuleContextLike,
  node: TSESTree.CallExpression,
  method: string | null,
): PaymentCreation | null | undefined {
  const wrapped = getWrappers(context.settings).length > 0;
  const execute = method !== null && EXECUTE_METHODS.has(method);
  const rest = mayBeRestCall(node);
  if (!wrapped && !execute && !rest) return undefined;
  const cached = creationCache.get(node);
  if (cached !== undefined) return cached;
  let result: PaymentCreation | null = null;
  try {
    result =
      (wrapped ? detectWrapperCall(context, node) : null) ??
      (execute ? detectRequestObjectCall(context, node, method) : null) ??
      (rest ? detectRestCall(context, node) : null);
  } catch {
    result = null; // unexpected syntax: unknown is not wrong
  }
  if (result || (method !== null && RECEIVERS.has(method))) {
    if (result) creationCache.set(node, result);
    return result ?? undefined;
  }
  creationCache.set(node, null);
  return null;
}

function detect(context: RuleContextLike, node: TSESTree.CallExpression, method: string): PaymentCreation | null {
  const callee = unwrapExpression(node.callee) as TSESTree.MemberExpression;
  const scope = context.sourceCode.getScope(node);
  const chain = resolveMemberChain(callee.object, scope);
  for (const { spec, clientSegments } of matchSpecs(chain.segments, method)) {
    const creation = detectSpec(context, node, callee, scope, chain, spec, clientSegments);
    if (creation) return creation;
  }
  return null;
}

function detectSpec(
  context: RuleContextLike,
  node: TSESTree.CallExpression,
  callee: TSESTree.MemberExpression,
  scope: Scope,
  chain: MemberChain,
  spec: ProviderCreationSpec,
  clientSegments: readonly string[],
): PaymentCreation | null {
  const modules = clientPackagesOf(spec.provider);
  // The client is the base plus whatever segments precede the resource path (`this.stripe`).
  // When the client was reached through an alias with extra segments (`const pi = this.stripe.paymentIntents`),
  // there is no single node that is the client: it stays unknown, and types are not asked.
  let client: TSESTree.Node | null = chain.base;
  let origin: ClientOrigin = 'unknown';
  if (clientSegments.length === 0) {
    origin = classifyClient(chain.base, chain.baseScope, modules);
  } else {
    client = findClientNode(callee.object, spec.path.length);
    if (client) origin = classifyClient(client, scope, modules);
  }
  if (origin === 'other') return null;
  if (origin === 'unknown' && client) {
    const typed = classifyClientByType(context, client, modules);
    if (typed === 'other') return null;
    if (typed === 'sdk') origin = 'sdk';
  }
  const first = node.arguments[0];
  const params = first && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined;
  if (origin === 'unknown' && !spec.distinctive) {
    if (!fileMentionsProvider(context.sourceCode, spec.provider)) return null;
    if (spec.paramsHint) {
      const shape = params ? resolveObject(params, scope) : null;
      if (!shape || !spec.paramsHint.some((key) => shape.properties.has(key))) return null;
    }
  }
  return {
    provider: spec.provider,
    kind: spec.kind,
    label: spec.label,
    call: node,
    params,
    client: client ?? chain.base,
    confidence: origin === 'sdk' ? 'bound' : 'shape',
    idPath: spec.idPath,
    idColumn: spec.idColumn,
  };
}

/** In `a.b.paymentIntents` (written out, not aliased), the node `a.b`: the client expression. */
function findClientNode(resource: TSESTree.Node, pathLength: number): TSESTree.Node | null {
  let n = unwrapExpression(resource);
  for (let i = 0; i < pathLength; i++) {
    if (n.type !== AST_NODE_TYPES.MemberExpression) return null;
    n = unwrapExpression(n.object);
  }
  return n;
}
