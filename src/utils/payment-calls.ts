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
} from './static-value.js';

export type RuleContextLike = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export type PaymentKind = 'paymentIntent' | 'checkoutSession' | 'charge';

export interface PaymentCreation {
  provider: 'stripe';
  kind: PaymentKind;
  /** How the object is called in messages: `PaymentIntent`, `Checkout Session`, `Charge`. */
  label: string;
  call: TSESTree.CallExpression;
  /** The first argument (the create params), if any. */
  params: TSESTree.Node | undefined;
  /** The expression that is the provider client (`stripe`, `this.stripe`, `getStripe()` …). */
  client: TSESTree.Node;
  /** How sure the detection is: bound to the SDK, or recognised by its resource path on an unknown client. */
  confidence: 'bound' | 'shape';
}

interface ResourceSpec {
  path: readonly string[];
  kind: PaymentKind;
  label: string;
  /** Whether the path alone, on a client of unknown origin, is enough to call it a payment creation. */
  distinctive: boolean;
}

const RESOURCES: readonly ResourceSpec[] = [
  { path: ['paymentIntents'], kind: 'paymentIntent', label: 'PaymentIntent', distinctive: true },
  { path: ['checkout', 'sessions'], kind: 'checkoutSession', label: 'Checkout Session', distinctive: true },
  { path: ['charges'], kind: 'charge', label: 'Charge', distinctive: false },
];

export const STRIPE_MODULE = 'stripe';

const MAX_DEPTH = 12;

/**
 * Words every Stripe payment creation has somewhere in its file: the resource path is written out at the
 * call, in a member alias or in a destructuring pattern (an import of a bare resource from another module
 * cannot be traced to a client anyway). A file without any of them creates no payment we can find.
 */
const RESOURCE_WORDS = /\b(?:paymentIntents|sessions|charges)\b/;

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

const RESOURCE_PROPERTIES = new Set(RESOURCES.map((r) => r.path[r.path.length - 1]!));

/** The cheap syntactic pre-check: `<something>.create(…)`. Every other call costs nothing more. */
export function isCreateCall(node: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  if (!callee.computed) return callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'create';
  return callee.property.type === AST_NODE_TYPES.Literal && callee.property.value === 'create';
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

export type ClientOrigin = 'stripe' | 'other' | 'unknown';

function isRequireOf(node: TSESTree.Node, moduleName: string): boolean {
  const n = unwrapExpression(node);
  if (n.type !== AST_NODE_TYPES.CallExpression || n.arguments.length !== 1) return false;
  const arg = n.arguments[0];
  return (
    n.callee.type === AST_NODE_TYPES.Identifier &&
    n.callee.name === 'require' &&
    arg?.type === AST_NODE_TYPES.Literal &&
    arg.value === moduleName
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

/** `x: Stripe` (or `Stripe | null`) where `Stripe` is imported from the SDK. */
function isAnnotatedAsStripe(id: TSESTree.Node, scope: Scope): boolean {
  if (!('typeAnnotation' in id) || !id.typeAnnotation || id.typeAnnotation.type !== AST_NODE_TYPES.TSTypeAnnotation) {
    return false;
  }
  for (const name of typeAnnotationNames(id.typeAnnotation.typeAnnotation)) {
    if (moduleSourceOfName(name, scope) === STRIPE_MODULE) return true;
  }
  return false;
}

/**
 * Classifies the value of a client expression: `stripe` when it certainly is the Stripe SDK's client,
 * `other` when it certainly is something else (an object literal, an instance of another class), else
 * `unknown` (a parameter, `this.x`, a call's result, an import from a local module).
 */
export function classifyClient(node: TSESTree.Node, scope: Scope, depth = 0): ClientOrigin {
  const n = unwrapExpression(node);
  if (depth > MAX_DEPTH) return 'unknown';
  switch (n.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return classifyClient(n.argument, scope, depth + 1);
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression: {
      if (isRequireOf(n, STRIPE_MODULE)) return 'stripe';
      const source = moduleSourceOf(n.callee, scope);
      if (source === STRIPE_MODULE) return 'stripe';
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
      return prop ? classifyClient(prop.value, prop.scope, depth + 1) : 'unknown';
    }
    case AST_NODE_TYPES.Identifier: {
      const variable = findVariable(scope, n);
      const def = variable?.defs[0];
      if (!variable || !def) return 'unknown';
      if (def.type === 'ImportBinding') return moduleSourceOf(n, scope) === STRIPE_MODULE ? 'stripe' : 'unknown';
      if (def.type === 'ClassName' || def.type === 'FunctionName' || def.type === 'TSEnumName') return 'other';
      if (def.type === 'Parameter') return isAnnotatedAsStripe(def.name, scope) ? 'stripe' : 'unknown';
      if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator) {
        if (def.node.id.type === AST_NODE_TYPES.Identifier && isAnnotatedAsStripe(def.node.id, variable.scope)) {
          return 'stripe';
        }
        if (!isNeverReassigned(variable) || !def.node.init) return 'unknown';
        if (def.node.id.type === AST_NODE_TYPES.Identifier) return classifyClient(def.node.init, variable.scope, depth + 1);
        if (isRequireOf(def.node.init, STRIPE_MODULE)) return 'stripe';
      }
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

/** Whether the file imports or requires the Stripe SDK, or a module whose path names it (`./lib/stripe`). */
function fileMentionsStripe(sourceCode: TSESLint.SourceCode): boolean {
  const cached = mentionsCache.get(sourceCode.ast);
  if (cached !== undefined) return cached;
  const result = /\bstripe\b/i.test(sourceCode.text) && /(?:from\s*|require\s*\(\s*)['"][^'"]*stripe[^'"]*['"]/i.test(sourceCode.text);
  mentionsCache.set(sourceCode.ast, result);
  return result;
}
const mentionsCache = new WeakMap<object, boolean>();

/**
 * With type information: `stripe` when the client's type comes from the Stripe SDK's declarations,
 * `other` when it is a known, different type, `unknown` for any/unknown/unresolved types or without types.
 */
export function classifyClientByType(context: RuleContextLike, client: TSESTree.Node): ClientOrigin {
  const services = ESLintUtils.getParserServices(context, true);
  if (!services.program) return 'unknown';
  try {
    const checker = services.program.getTypeChecker();
    const type = services.getTypeAtLocation(client);
    return typeOrigin(checker, type);
  } catch {
    return 'unknown';
  }
}

type Checker = ReturnType<NonNullable<ReturnType<typeof ESLintUtils.getParserServices>['program']>['getTypeChecker']>;
type Type = ReturnType<Checker['getTypeAtLocation']>;

// TypeScript's TypeFlags, read by value so that `typescript` stays an optional peer at run time.
const TYPE_FLAGS_ANY_UNKNOWN = 1 | 2; // Any | Unknown
const TYPE_FLAGS_NULLISH = 32768 | 65536 | 16384; // Undefined | Null | Void

function typeOrigin(checker: Checker, type: Type): ClientOrigin {
  if (type.flags & TYPE_FLAGS_ANY_UNKNOWN) return 'unknown';
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & TYPE_FLAGS_NULLISH));
    const origins = new Set(parts.map((t) => typeOrigin(checker, t)));
    if (origins.has('stripe')) return 'stripe';
    return origins.size === 1 && origins.has('other') ? 'other' : 'unknown';
  }
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  if (!symbol) return 'unknown';
  const decls = symbol.getDeclarations() ?? [];
  if (decls.length === 0) return 'unknown';
  for (const decl of decls) {
    const file = decl.getSourceFile().fileName.replace(/\\/g, '/');
    if (/\/node_modules\/stripe\//.test(file)) return 'stripe';
  }
  // Error types (unresolved imports) have no useful declarations; anything else is a real, different type.
  return 'other';
}

function matchResource(segments: readonly string[]): { spec: ResourceSpec; clientSegments: string[] } | null {
  for (const spec of RESOURCES) {
    const k = spec.path.length;
    if (segments.length < k) continue;
    if (spec.path.every((p, i) => segments[segments.length - k + i] === p)) {
      return { spec, clientSegments: segments.slice(0, segments.length - k) };
    }
  }
  return null;
}

const creationCache = new WeakMap<TSESTree.CallExpression, PaymentCreation | null>();

/**
 * The Stripe payment creation this call is, or null. Returns null at once for every call whose callee is
 * not `<x>.create`, so it is cheap to call from a `CallExpression` visitor.
 */
export function getPaymentCreation(context: RuleContextLike, node: TSESTree.CallExpression): PaymentCreation | null {
  if (!isCreateCall(node) || !fileMayCreatePayments(context.sourceCode)) return null;
  // `x.repo.create()`: the object of `.create` is neither a resource member nor a possible alias.
  const object = unwrapExpression((unwrapExpression(node.callee) as TSESTree.MemberExpression).object);
  if (object.type === AST_NODE_TYPES.MemberExpression) {
    const name = object.computed ? null : object.property.type === AST_NODE_TYPES.Identifier ? object.property.name : null;
    if (name !== null && !RESOURCE_PROPERTIES.has(name)) return null;
  } else if (object.type !== AST_NODE_TYPES.Identifier) {
    return null;
  }
  const cached = creationCache.get(node);
  if (cached !== undefined) return cached;
  let result: PaymentCreation | null = null;
  try {
    result = detect(context, node);
  } catch {
    result = null; // unexpected syntax: unknown is not wrong
  }
  creationCache.set(node, result);
  return result;
}

function detect(context: RuleContextLike, node: TSESTree.CallExpression): PaymentCreation | null {
  const callee = unwrapExpression(node.callee) as TSESTree.MemberExpression;
  const scope = context.sourceCode.getScope(node);
  const chain = resolveMemberChain(callee.object, scope);
  const match = matchResource(chain.segments);
  if (!match) return null;

  // The client is the base plus whatever segments precede the resource path (`this.stripe`).
  // When the client was reached through an alias with extra segments (`const pi = this.stripe.paymentIntents`),
  // there is no single node that is the client: it stays unknown, and types are not asked.
  let client: TSESTree.Node | null = chain.base;
  let origin: ClientOrigin = 'unknown';
  if (match.clientSegments.length === 0) {
    origin = classifyClient(chain.base, chain.baseScope);
  } else {
    client = findClientNode(callee.object, match.spec.path.length);
    if (client) origin = classifyClient(client, scope);
  }
  if (origin === 'other') return null;
  if (origin === 'unknown' && client) {
    const typed = classifyClientByType(context, client);
    if (typed === 'other') return null;
    if (typed === 'stripe') origin = 'stripe';
  }
  if (origin === 'unknown' && !match.spec.distinctive && !fileMentionsStripe(context.sourceCode)) return null;

  const first = node.arguments[0];
  return {
    provider: 'stripe',
    kind: match.spec.kind,
    label: match.spec.label,
    call: node,
    params: first && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined,
    client: client ?? chain.base,
    confidence: origin === 'stripe' ? 'bound' : 'shape',
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
