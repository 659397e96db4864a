/**
 * ESTree helpers that know the tree's shape and nothing else: which nodes only wrap a value, a member
 * chain's names, walking a tree by its visitor keys, containment, the enclosing function. No payment, model
 * or provider knowledge lives here; value resolution through scopes is `static-value.ts`'s job.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

/** A node that only wraps an expression without changing its value: TS `as`/`satisfies`/`!`/`<T>x`/`f<T>`, `a?.b`. */
export type ExpressionWrapper =
  | TSESTree.ChainExpression
  | TSESTree.TSAsExpression
  | TSESTree.TSInstantiationExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSTypeAssertion;

/** The node types of `ExpressionWrapper` (parentheses leave no node in ESTree). */
export const EXPRESSION_WRAPPER_TYPES = [
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSInstantiationExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
] as const satisfies readonly ExpressionWrapper['type'][];

const WRAPPER_TYPES: ReadonlySet<string> = new Set(EXPRESSION_WRAPPER_TYPES);

function isExpressionWrapper(node: TSESTree.Node): node is ExpressionWrapper {
  return WRAPPER_TYPES.has(node.type);
}

/**
 * Strips what does not change a value: TS `as`/`satisfies`/`!`/`<T>x`/`f<T>`, optional-chain wrappers.
 * With `throughAwait`, also `await x` (for a reader that treats a promise and its value alike).
 */
export function unwrapExpression(node: TSESTree.Node, options: { throughAwait?: boolean } = {}): TSESTree.Node {
  let n = node;
  for (;;) {
    if (isExpressionWrapper(n)) n = n.expression;
    else if (options.throughAwait && n.type === AST_NODE_TYPES.AwaitExpression) n = n.argument;
    else return n;
  }
}

/** A member's property name when it is written out: `a.b`, `a['b']`, `a[0]`; null for `a[key]`, `a.#b`. */
export function staticPropertyName(node: TSESTree.MemberExpression): string | null {
  if (!node.computed) return node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : null;
  const key = node.property;
  return key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')
    ? String(key.value)
    : null;
}

/**
 * A member/call chain from its root outwards, through wrappers and calls: `res.status(200).json` →
 * root `res`, names ['status', 'json']; `this.logger.info` → root `this`, ['logger', 'info']. A name is
 * null where the property is not written out (`a[key]`).
 */
export function memberChain(node: TSESTree.Node): { root: TSESTree.Node; names: (string | null)[] } {
  const names: (string | null)[] = [];
  let n = unwrapExpression(node);
  for (;;) {
    if (n.type === AST_NODE_TYPES.MemberExpression) {
      names.unshift(staticPropertyName(n));
      n = unwrapExpression(n.object);
    } else if (n.type === AST_NODE_TYPES.CallExpression) {
      n = unwrapExpression(n.callee);
    } else {
      return { root: n, names };
    }
  }
}

/** True when `inner` lies within `outer` in the source. */
export function containsNode(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function isNodeLike(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Calls `visit` on every node of the tree under `root` (depth first, in source order), by the visitor keys. */
export function walkNodes(
  root: TSESTree.Node,
  visitorKeys: TSESLint.SourceCode.VisitorKeys,
  visit: (node: TSESTree.Node) => void,
): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const keys = visitorKeys[node.type] ?? [];
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = (node as unknown as Record<string, unknown>)[keys[i]!];
      if (Array.isArray(child)) {
        for (let j = child.length - 1; j >= 0; j--) {
          const c: unknown = child[j];
          if (isNodeLike(c)) stack.push(c);
        }
      } else if (isNodeLike(child)) {
        stack.push(child);
      }
    }
  }
}

export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression;

function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression
  );
}

/** The nearest function around `node` (not `node` itself), or null at the top level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n;
  return null;
}
