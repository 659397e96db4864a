/**
 * Which calls create a payment at a provider. Found through what the code binds — imports, `require`,
 * `new Stripe()`, member aliases, destructuring — with ESLint's scope analysis, never by spelling alone.
 * Type information, when the user's config provides it, only removes lookalikes.
 */
import { AST_NODE_TYPES, ASTUtils, ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  destructuringPath,
  findVariable,
  isNeverReassigned,
  memberPropertyName,
  resolveObject,
  type Scope,
  unwrapExpression,
} from '../util/static-value.js';

export type RuleContextLike = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type PaymentProvider = 'stripe' | 'paypal' | 'square';

export type PaymentKind = 'paymentIntent' | 'checkoutSession' | 'charge' | 'paypalOrder' | 'squarePayment';

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
}

interface CreationSpec {
  provider: PaymentProvider;
  /** Member path from the client to the method's receiver (`['checkout', 'sessions']`). */
  path: readonly string[];
  method: string;
  kind: PaymentKind;
  label: string;
  /** Whether the path alone, on a client of unknown origin, is enough to call it a payment creation. */
  distinctive: boolean;
  /** On a client of unknown origin, the params must be an object literal with one of these keys. */
  paramsHint?: readonly string[];
  idPath: readonly string[];
  idColumn: string;
}

const SPECS: readonly CreationSpec[] = [
  {
    provider: 'stripe', path: ['paymentIntents'], method: 'create', kind: 'paymentIntent', label: 'PaymentIntent',
    distinctive: true, idPath: ['id'], idColumn: 'paymentIntentId',
  },
  {
    provider: 'stripe', path: ['checkout', 'sessions'], method: 'create', kind: 'checkoutSession',
    label: 'Checkout Session', distinctive: true, idPath: ['id'], idColumn: 'checkoutSessionId',
  },
  {
    provider: 'stripe', path: ['charges'], method: 'create', kind: 'charge', label: 'Charge', distinctive: false,
    idPath: ['id'], idColumn: 'chargeId',
  },
  // @paypal/paypal-server-sdk: new OrdersController(client).createOrder({ body: { purchaseUnits } })
  {
    provider: 'paypal', path: [], method: 'createOrder', kind: 'paypalOrder', label: 'PayPal order',
    distinctive: false, paramsHint: ['body'], idPath: ['result', 'id'], idColumn: 'paypalOrderId',
  },
  // square ≥ 40: new SquareClient().payments.create({ sourceId, amountMoney, referenceId })
  {
    provider: 'square', path: ['payments'], method: 'create', kind: 'squarePayment', label: 'Square payment',
    distinctive: false, paramsHint: ['sourceId', 'amountMoney'], idPath: ['payment', 'id'], idColumn: 'squarePaymentId',
  },
  // square < 40: new Client().paymentsApi.createPayment({ ... })
  {
    provider: 'square', path: ['paymentsApi'], method: 'createPayment', kind: 'squarePayment', label: 'Square payment',
    distinctive: false, paramsHint: ['sourceId', 'amountMoney'], idPath: ['result', 'payment', 'id'],
    idColumn: 'squarePaymentId',
  },
];

/**
 * The column a booking conventionally stores a provider's id in, for a project whose only signal is its
 * payment SDK (`paymentIntentId`, `paypalOrderId`, `squarePaymentId`; `paymentId` for other providers).
 */
export function providerIdColumn(provider: string | undefined): string {
  return SPECS.find((spec) => spec.provider === (provider ?? 'stripe'))?.idColumn ?? 'paymentId';
}

/** The server-side SDK packages whose clients create payments, by provider. */
export const PROVIDER_MODULES: Readonly<Record<PaymentProvider, readonly string[]>> = {
  stripe: ['stripe'],
  paypal: ['@paypal/paypal-server-sdk'],
  square: ['square'],
};

/** An import path that names the provider (`./lib/stripe`, `@/server/paypal-client`). */
const PROVIDER_HINTS: Readonly<Record<PaymentProvider, RegExp>> = {
  stripe: /(?:from\s*|require\s*\(\s*)['"][^'"]*stripe[^'"]*['"]/i,
  paypal: /(?:from\s*|require\s*\(\s*)['"][^'"]*paypal[^'"]*['"]/i,
  square: /(?:from\s*|require\s*\(\s*)['"][^'"]*square[^'"]*['"]/i,
};

export const STRIPE_MODULE = 'stripe';

const MAX_DEPTH = 12;

/**
 * Words every payment creation we recognise has somewhere in its file: the method, or the resource path
 * written out at the call, in a member alias or in a destructuring pattern (a bare resource imported from
 * another module cannot be traced to a client anyway). A file without any of them creates no payment we
 * can find.
 */
const RESOURCE_WORDS = /\b(?:paymentIntents|sessions|charges|createOrder|payments|paymentsApi)\b/;

const mayCreateCache = new WeakMap<object, boolean>();

/**
 * The per-file pre-check: false means no call in this file can be a payment creation, so a rule may return
 * no listeners at all. Reads the text once per file (cached on the AST).
 */
export function fileMayCreatePayments(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let result = mayCreateCache.get(sourceCode.ast);
  if (result === undefined) {
    result = RESOURCE_WORDS.test(sourceCode.text);
    mayCreateCache.set(sourceCode.ast, result);
  }
  return result;
}

/** Per method name, the receiver property names that may precede it (null: any receiver). */
const RECEIVERS = new Map<string, Set<string> | null>();
for (const spec of SPECS) {
  const last = spec.path[spec.path.length - 1];
  const current = RECEIVERS.get(spec.method);
  if (last === undefined || current === null) RECEIVERS.set(spec.method, null);
  else RECEIVERS.set(spec.method, new Set([...(current ?? []), last]));
}

function calleeMethodName(node: TSESTree.CallExpression): string | null {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (!callee.computed) return callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : null;
  return callee.property.type === AST_NODE_TYPES.Literal && typeof callee.property.value === 'string'
    ? callee.property.value
    : null;
}

/** The cheap syntactic pre-check: `<x>.create(…)`, `<x>.createOrder(…)` … Every other call costs nothing more. */
export function isCreateCall(node: TSESTree.CallExpression): boolean {
  const name = calleeMethodName(node);
  return name !== null && RECEIVERS.has(name);
}

/** A member chain resolved through aliases: `base.seg1.seg2…`. */
export interface MemberChain {
  base: TSESTree.Node;
  baseScope: Scope;
  segments: string[];
}

/**
 * Resolves `node` to a base expression plus the property names read from it, following `const` aliases
 * (`const pi = stripe.paymentIntents`) and destructuring (`const { checkout: { sessions } } = stripe`).
 */
export function resolveMemberChain(node: TSESTree.Node, scope: Scope, depth = 0): MemberChain {
  const n = unwrapExpression(node);
  if (depth > MAX_DEPTH) return { base: n, baseScope: scope, segments: [] };
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberPropertyName(n, scope);
    if (name === null) return { base: n, baseScope: scope, segments: [] };
    const inner = resolveMemberChain(n.object, scope, depth + 1);
    return { ...inner, segments: [...inner.segments, name] };
  }
  if (n.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scope, n);
    if (!variable || !isNeverReassigned(variable)) return { base: n, baseScope: scope, segments: [] };
    const def = variable.defs[0]!;
    if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) {
      return { base: n, baseScope: scope, segments: [] };
    }
    const init = unwrapExpression(def.node.init);
    if (def.node.id.type === AST_NODE_TYPES.Identifier) {
      // Only aliases are followed here; `const stripe = new Stripe()` stays the base, to be classified.
      if (init.type === AST_NODE_TYPES.MemberExpression || init.type === AST_NODE_TYPES.Identifier) {
        return resolveMemberChain(init, variable.scope, depth + 1);
      }
      return { base: n, baseScope: scope, segments: [] };
    }
    const path = destructuringPath(def.node.id, def.name as TSESTree.Identifier, variable.scope);
    if (!path) return { base: n, baseScope: scope, segments: [] };
    const inner = resolveMemberChain(init, variable.scope, depth + 1);
    return { ...inner, segments: [...inner.segments, ...path] };
  }
  return { base: n, baseScope: scope, segments: [] };
}

/** `sdk`: certainly the provider SDK's client; `other`: certainly something else; `unknown`: can't tell. */
export type ClientOrigin = 'sdk' | 'other' | 'unknown';

function isRequireOf(node: TSESTree.Node, modules: readonly string[]): boolean {
  const n = unwrapExpression(node);
  if (n.type !== AST_NODE_TYPES.CallExpression || n.arguments.length !== 1) return false;
  const arg = n.arguments[0];
  return (
    n.callee.type === AST_NODE_TYPES.Identifier &&
    n.callee.name === 'require' &&
    arg?.type === AST_NODE_TYPES.Literal &&
    typeof arg.value === 'string' &&
    modules.includes(arg.value)
  );
}

/** Where a binding comes from when it is imported or required: the module specifier, else null. */
export function moduleSourceOf(node: TSESTree.Node, scope: Scope, depth = 0): string | null {
  const n = unwrapExpression(node);
  if (depth > MAX_DEPTH) return null;
  if (n.type === AST_NODE_TYPES.CallExpression) {
    const arg = n.arguments[0];
    if (
      n.callee.type === AST_NODE_TYPES.Identifier &&
      n.callee.name === 'require' &&
      arg?.type === AST_NODE_TYPES.Literal &&
      typeof arg.value === 'string'
    ) {
      return arg.value;
    }
    return null;
  }
  if (n.type === AST_NODE_TYPES.MemberExpression) {
    // require('stripe').default, require('stripe').Stripe
    const name = memberPropertyName(n, scope);
    if (name !== 'default' && name !== 'Stripe') return null;
    return moduleSourceOf(n.object, scope, depth + 1);
  }
  if (n.type !== AST_NODE_TYPES.Identifier) return null;
  return moduleSourceOfName(n.name, scope, depth);
}

/** `moduleSourceOf` for a name looked up from `scope`. */
export function moduleSourceOfName(name: string, scope: Scope, depth = 0): string | null {
  const variable = ASTUtils.findVariable(scope, name);
  const def = variable?.defs[0];
  if (!variable || !def) return null;
  if (def.type === 'ImportBinding') {
    if (def.parent.type === AST_NODE_TYPES.ImportDeclaration) return def.parent.source.value;
    if (
      def.node.type === AST_NODE_TYPES.TSImportEqualsDeclaration &&
      def.node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference &&
      def.node.moduleReference.expression.type === AST_NODE_TYPES.Literal
    ) {
      return String(def.node.moduleReference.expression.value);
    }
    return null;
  }
  if (
    def.type === 'Variable' &&
    isNeverReassigned(variable) &&
    def.node.type === AST_NODE_TYPES.VariableDeclarator &&
    def.node.init
  ) {
    if (def.node.id.type === AST_NODE_TYPES.Identifier) return moduleSourceOf(def.node.init, variable.scope, depth + 1);
    // const { Stripe } = require('stripe')
    const init = unwrapExpression(def.node.init);
    if (init.type === AST_NODE_TYPES.CallExpression) return moduleSourceOf(init, variable.scope, depth + 1);
  }
  return null;
}

function typeAnnotationNames(annotation: TSESTree.TypeNode | undefined): string[] {
  if (!annotation) return [];
  if (annotation.type === AST_NODE_TYPES.TSTypeReference) {
    const name = annotation.typeName;
    if (name.type === AST_NODE_TYPES.Identifier) return [name.name];
    if (name.type === AST_NODE_TYPES.TSQualifiedName && name.left.type === AST_NODE_TYPES.Identifier) {
      return [name.left.name];
    }
  }
  if (annotation.type === AST_NODE_TYPES.TSUnionType) return annotation.types.flatMap(typeAnnotationNames);
  return [];
}

/** `x: Stripe` (or `Stripe | null`) where `Stripe` is imported from one of `modules`. */
function isAnnotatedAsSdk(id: TSESTree.Node, scope: Scope, modules: readonly string[]): boolean {
  if (!('typeAnnotation' in id) || !id.typeAnnotation || id.typeAnnotation.type !== AST_NODE_TYPES.TSTypeAnnotation) {
    return false;
  }
  for (const name of typeAnnotationNames(id.typeAnnotation.typeAnnotation)) {
    const source = moduleSourceOfName(name, scope);
    if (source !== null && modules.includes(source)) return true;
  }
  return false;
}

/**
 * Classifies the value of a client expression: `sdk` when it certainly is a client made by one of `modules`
 * (the provider's SDK packages), `other` when it certainly is something else (an object literal, an
 * instance of another class), else `unknown` (a parameter, `this.x`, a call's result, an import from a
 * local module).
 */
export function classifyClient(
  node: TSESTree.Node,
  scope: Scope,
  modules: readonly string[] = PROVIDER_MODULES.stripe,
  depth = 0,
): ClientOrigin {
  const n = unwrapExpression(node);
  if (depth > MAX_DEPTH) return 'unknown';
  const inModules = (source: string | null): boolean => source !== null && modules.includes(source);
  switch (n.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return classifyClient(n.argument, scope, modules, depth + 1);
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression: {
      if (isRequireOf(n, modules)) return 'sdk';
      const source = moduleSourceOf(n.callee, scope);
      if (inModules(source)) return 'sdk';
      if (n.type === AST_NODE_TYPES.NewExpression) {
        if (source !== null) return 'other';
        const callee = unwrapExpression(n.callee);
        if (callee.type === AST_NODE_TYPES.Identifier) {
          const def = findVariable(scope, callee)?.defs[0];
          if (def?.type === 'ClassName') return 'other';
        }
      }
      return 'unknown';
    }
    case AST_NODE_TYPES.ObjectExpression:
    case AST_NODE_TYPES.ArrayExpression:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.TemplateLiteral:
    case AST_NODE_TYPES.ArrowFunctionExpression:
    case AST_NODE_TYPES.FunctionExpression:
    case AST_NODE_TYPES.ClassExpression:
      return 'other';
    case AST_NODE_TYPES.MemberExpression: {
      // deps.stripe where `deps` is a visible object literal: classify the property's value.
      const name = memberPropertyName(n, scope);
      if (name === null) return 'unknown';
      const shape = resolveObject(n.object, scope);
      const prop = shape?.properties.get(name);
      return prop ? classifyClient(prop.value, prop.scope, modules, depth + 1) : 'unknown';
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(scope, n);
      const def = variable?.defs[0];
      if (!variable || !def) return 'unknown';
      if (def.type === 'ImportBinding') return inModules(moduleSourceOf(n, scope)) ? 'sdk' : 'unknown';
      if (def.type === 'ClassName' || def.type === 'FunctionName' || def.type === 'TSEnumName') return 'other';
      if (def.type === 'Parameter') return isAnnotatedAsSdk(def.name, scope, modules) ? 'sdk' : 'unknown';
      if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator) {
        if (def.node.id.type === AST_NODE_TYPES.Identifier && isAnnotatedAsSdk(def.node.id, variable.scope, modules)) {
          return 'sdk';
        }
        if (!isNeverReassigned(variable) || !def.node.init) return 'unknown';
        if (def.node.id.type === AST_NODE_TYPES.Identifier) {
          return classifyClient(def.node.init, variable.scope, modules, depth + 1);
        }
        if (isRequireOf(def.node.init, modules)) return 'sdk';
      }
      return 'unknown';
    }
    default:
      return 'unknown';
  }
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
    result = PROVIDER_HINTS[provider].test(sourceCode.text);
    perFile.set(provider, result);
  }
  return result;
}
const mentionsCache = new WeakMap<object, Map<PaymentProvider, boolean>>();

/**
 * With type information: `sdk` when the client's type is declared by one of `modules`, `other` when it is a
 * known, different type, `unknown` for any/unknown/unresolved types or without types.
 */
export function classifyClientByType(
  context: RuleContextLike,
  client: TSESTree.Node,
  modules: readonly string[] = PROVIDER_MODULES.stripe,
): ClientOrigin {
  const services = ESLintUtils.getParserServices(context, true);
  if (!services.program) return 'unknown';
  try {
    const checker = services.program.getTypeChecker();
    const type = services.getTypeAtLocation(client);
    return typeOrigin(type, modules);
  } catch {
    return 'unknown';
  }
}

type Checker = ReturnType<NonNullable<ReturnType<typeof ESLintUtils.getParserServices>['program']>['getTypeChecker']>;
type Type = ReturnType<Checker['getTypeAtLocation']>;

// TypeScript's TypeFlags, read by value so that `typescript` stays an optional peer at run time.
const TYPE_FLAGS_ANY_UNKNOWN = 1 | 2; // Any | Unknown
const TYPE_FLAGS_NULLISH = 32768 | 65536 | 16384; // Undefined | Null | Void

function typeOrigin(type: Type, modules: readonly string[]): ClientOrigin {
  if (type.flags & TYPE_FLAGS_ANY_UNKNOWN) return 'unknown';
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & TYPE_FLAGS_NULLISH));
    const origins = new Set(parts.map((t) => typeOrigin(t, modules)));
    if (origins.has('sdk')) return 'sdk';
    return origins.size === 1 && origins.has('other') ? 'other' : 'unknown';
  }
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (!symbol) return 'unknown';
  const decls = symbol.getDeclarations() ?? [];
  if (decls.length === 0) return 'unknown';
  for (const decl of decls) {
    const file = decl.getSourceFile().fileName.replace(/\\/g, '/');
    if (modules.some((m) => file.includes(`/node_modules/${m}/`))) return 'sdk';
  }
  // Error types (unresolved imports) have no useful declarations; anything else is a real, different type.
  return 'other';
}

function matchSpecs(segments: readonly string[], method: string): { spec: CreationSpec; clientSegments: string[] }[] {
  const out: { spec: CreationSpec; clientSegments: string[] }[] = [];
  for (const spec of SPECS) {
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
  if (method === null || !fileMayCreatePayments(context.sourceCode)) return null;
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
  spec: CreationSpec,
  clientSegments: readonly string[],
): PaymentCreation | null {
  const modules = PROVIDER_MODULES[spec.provider];
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
