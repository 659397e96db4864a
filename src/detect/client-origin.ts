/**
 * What a client expression is bound to: a provider SDK's client, certainly something else, or unknown.
 * Followed through what the code binds — imports, `require`, `new Stripe()`, member aliases, destructuring,
 * type annotations — with ESLint's scope analysis; type information, when the user's config provides it,
 * only settles what the syntax leaves unknown.
 */
import { AST_NODE_TYPES, ASTUtils, ESLintUtils, type TSESTree } from '@typescript-eslint/utils';

import {
  destructuringPath,
  findVariable,
  isNeverReassigned,
  memberPropertyName,
  resolveObject,
  type Scope,
} from '../util/static-value.js';
import { unwrapExpression } from '../util/ast.js';
import type { RuleContextLike } from './payment-creation.js';

const MAX_DEPTH = 12;

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
function moduleSourceOfName(name: string, scope: Scope, depth = 0): string | null {
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

/** For `ns.a.B` (written out), the module `ns` is imported or required from; else null. */
function namespaceSourceOf(callee: TSESTree.Node, scope: Scope): string | null {
  let n = unwrapExpression(callee);
  if (n.type !== AST_NODE_TYPES.MemberExpression) return null;
  for (let i = 0; i < MAX_DEPTH && n.type === AST_NODE_TYPES.MemberExpression; i++) {
    if (memberPropertyName(n, scope) === null) return null;
    n = unwrapExpression(n.object);
  }
  return n.type === AST_NODE_TYPES.Identifier ? moduleSourceOfName(n.name, scope) : null;
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
  modules: readonly string[],
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
      // new braintree.BraintreeGateway(…), new paypal.core.PayPalHttpClient(…): a class read off the SDK's namespace.
      if (inModules(namespaceSourceOf(n.callee, scope))) return 'sdk';
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

/**
 * With type information: `sdk` when the client's type is declared by one of `modules`, `other` when it is a
 * known, different type, `unknown` for any/unknown/unresolved types or without types.
 */
export function classifyClientByType(
  context: RuleContextLike,
  client: TSESTree.Node,
  modules: readonly string[],
): ClientOrigin {
  const services = ESLintUtils.getParserServices(context, true);
  if (!services.program) return 'unknown';
  try {
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
