/**
 * Static value resolution: what an expression certainly is, following `const` bindings, without running
 * anything. Everything here answers "unknown" (null / complete: false) rather than guess.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { containsNode, staticPropertyName, unwrapExpression } from './ast.js';

export type Scope = TSESLint.Scope.Scope;
export type Variable = TSESLint.Scope.Variable;

const MAX_DEPTH = 16;

/**
 * Every static resolution (const chains, templates, `+`, spreads, computed keys) is bounded by a step budget
 * shared by one top-level question, and by a string length: `const` templates that reuse each other double
 * at every level, so depth alone would allow exponential work. Over budget is unknown (null / incomplete),
 * never a throw, and costs at most `STEP_BUDGET` steps per question: linear in the file.
 */
const STEP_BUDGET = 2_000;
/** Strings longer than this are unknown: no booking key or provider path is that long. */
export const MAX_STATIC_STRING = 1_024;

let stepsLeft = -1;

/** Runs `fn` under the current budget, or under a fresh one when it is a top-level question. */
function budgeted<T>(fn: () => T, overBudget: T): T {
  if (stepsLeft >= 0) {
    if (stepsLeft === 0) return overBudget;
    stepsLeft--;
    return fn();
  }
  stepsLeft = STEP_BUDGET;
  try {
    return fn();
  } finally {
    stepsLeft = -1;
  }
}

/** The variable an identifier refers to, looked up from `scope` outwards (null for globals). */
export function findVariable(scope: Scope, node: TSESTree.Identifier): Variable | null {
  return ASTUtils.findVariable(scope, node) ?? null;
}

/** True when the variable is never written after its declaration (a `const`, or a `let` never reassigned). */
export function isNeverReassigned(variable: Variable): boolean {
  if (variable.defs.length !== 1) return false;
  const def = variable.defs[0]!;
  if (def.type !== 'Variable') return false;
  if (def.parent.kind === 'const' || def.parent.kind === 'using' || def.parent.kind === 'await using') return true;
  return variable.references.every((ref) => ref.init === true || !ref.isWrite());
}

/** A property name in a destructuring pattern or object literal, when it is static. */
export function propertyKeyName(
  property: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
  scope: Scope | null,
): string | null {
  if (!property.computed) {
    if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
    if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
    return null;
  }
  if (scope) return getStaticString(property.key, scope);
  return property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string' ? property.key.value : null;
}

/**
 * For an identifier declared inside a destructuring pattern (`const { a: { b } } = init`), the keys from
 * the pattern's root down to it (`['a', 'b']`), or null when the path is not static (rest, computed, array).
 */
export function destructuringPath(pattern: TSESTree.Node, target: TSESTree.Identifier, scope: Scope): string[] | null {
  if (pattern === target) return [];
  if (pattern.type === AST_NODE_TYPES.AssignmentPattern) return destructuringPath(pattern.left, target, scope);
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const prop of pattern.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    if (!containsNode(prop.value, target)) continue;
    const key = propertyKeyName(prop, scope);
    if (key === null) return null;
    const rest = destructuringPath(prop.value, target, scope);
    return rest === null ? null : [key, ...rest];
  }
  return null;
}

/** A value node together with the scope its identifiers resolve in. */
export interface ScopedNode {
  node: TSESTree.Node;
  scope: Scope;
}

/**
 * Follows identifiers bound once to a value (`const x = …`, a never-reassigned `let`, a destructured
 * `const { a } = obj` whose `obj` resolves to an object literal) to the value they hold. Returns the last
 * node reached, unwrapped, with its scope: an Identifier when the binding cannot be followed.
 */
export function resolveScoped(node: TSESTree.Node, scope: Scope, depth = 0): ScopedNode {
  const n = unwrapExpression(node);
  return budgeted(() => resolveScopedStep(n, scope, depth), { node: n, scope });
}

function resolveScopedStep(n: TSESTree.Node, scope: Scope, depth: number): ScopedNode {
  if (depth > MAX_DEPTH || n.type !== AST_NODE_TYPES.Identifier) return { node: n, scope };
  const variable = findVariable(scope, n);
  if (!variable || !isNeverReassigned(variable)) return { node: n, scope };
  const def = variable.defs[0]!;
  if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return { node: n, scope };
  const declScope = variable.scope;
  if (def.node.id.type === AST_NODE_TYPES.Identifier) {
    return resolveScoped(def.node.init, declScope, depth + 1);
  }
  const path = destructuringPath(def.node.id, def.name as TSESTree.Identifier, declScope);
  if (!path) return { node: n, scope };
  let current: ScopedNode = resolveScoped(def.node.init, declScope, depth + 1);
  for (const key of path) {
    const shape = resolveObject(current.node, current.scope, depth + 1);
    const prop = shape?.properties.get(key);
    if (!prop) return { node: n, scope };
    current = resolveScoped(prop.value, prop.scope, depth + 1);
  }
  return current;
}

/** `resolveScoped` without the scope. */
export function resolveValue(node: TSESTree.Node, scope: Scope): TSESTree.Node {
  return resolveScoped(node, scope).node;
}

/** The string a node certainly evaluates to (string/number literals, plain templates, `+`, consts), else null. */
export function getStaticString(node: TSESTree.Node, scope: Scope, depth = 0): string | null {
  if (depth > MAX_DEPTH) return null;
  const value = budgeted(() => staticStringStep(node, scope, depth), null);
  return value !== null && value.length > MAX_STATIC_STRING ? null : value;
}

function staticStringStep(node: TSESTree.Node, scope: Scope, depth: number): string | null {
  const { node: n, scope: s } = resolveScoped(node, scope, depth);
  switch (n.type) {
    case AST_NODE_TYPES.Literal:
      return typeof n.value === 'string' || typeof n.value === 'number' ? String(n.value) : null;
    case AST_NODE_TYPES.TemplateLiteral: {
      let out = n.quasis[0]?.value.cooked ?? '';
      for (let i = 0; i < n.expressions.length; i++) {
        const part = getStaticString(n.expressions[i]!, s, depth + 1);
        if (part === null) return null;
        out += part + (n.quasis[i + 1]?.value.cooked ?? '');
        if (out.length > MAX_STATIC_STRING) return null;
      }
      return out;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (n.operator !== '+') return null;
      const left = getStaticString(n.left, s, depth + 1);
      const right = left === null ? null : getStaticString(n.right, s, depth + 1);
      if (left === null || right === null || left.length + right.length > MAX_STATIC_STRING) return null;
      return left + right;
    }
    default:
      return null;
  }
}

export interface ShapeProperty {
  key: string;
  /** The property's value (for a shorthand property, the identifier). */
  value: TSESTree.Node;
  /** The property node itself, where a report or a fix can point. */
  property: TSESTree.Property;
  /** The scope the value's identifiers resolve in. */
  scope: Scope;
}

export interface ObjectShape {
  /** The object literal the properties were read from (the outermost one, for spreads). */
  node: TSESTree.ObjectExpression;
  properties: Map<string, ShapeProperty>;
  /** False when a spread or a computed key could not be resolved: absent keys may then be present. */
  complete: boolean;
}

/** The keys an expression's object value certainly has, or null when it is not a visible object literal. */
export function resolveObject(node: TSESTree.Node, scope: Scope, depth = 0): ObjectShape | null {
  if (depth > MAX_DEPTH) return null;
  return budgeted(() => resolveObjectStep(node, scope, depth), null);
}

function resolveObjectStep(node: TSESTree.Node, scope: Scope, depth: number): ObjectShape | null {
  const { node: n, scope: s } = resolveScoped(node, scope, depth);
  if (n.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const shape: ObjectShape = { node: n, properties: new Map(), complete: true };
  for (const prop of n.properties) {
    if (prop.type === AST_NODE_TYPES.SpreadElement) {
      const arg = unwrapExpression(prop.argument);
      if (isNullish(arg)) continue;
      const inner = resolveObject(arg, s, depth + 1);
      if (!inner) {
        shape.complete = false;
        continue;
      }
      for (const [key, value] of inner.properties) shape.properties.set(key, value);
      if (!inner.complete) shape.complete = false;
      continue;
    }
    const key = propertyKeyName(prop, s);
    if (key === null) {
      shape.complete = false;
      continue;
    }
    shape.properties.set(key, { key, value: prop.value, property: prop, scope: s });
  }
  return shape;
}

/** `null`, `undefined` or `void 0`. */
export function isNullish(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && node.value === null && !('regex' in node)) ||
    (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') ||
    (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void')
  );
}

/** The name an expression goes by: an identifier's, or a member's static property name (`a.b` → `b`). */
export function nameOf(node: TSESTree.Node, scope: Scope | null): string | null {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) return memberPropertyName(node, scope);
  return null;
}

/**
 * The static name of a member expression's property (`a.b`, `a['b']`, and with a scope `a[KEY]` for a const
 * KEY).
 */
export function memberPropertyName(node: TSESTree.MemberExpression, scope: Scope | null): string | null {
  if (!node.computed || !scope) return staticPropertyName(node);
  return getStaticString(node.property, scope);
}
