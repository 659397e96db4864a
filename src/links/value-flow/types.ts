/** The vocabulary of value flow: what a node carries, where a walk ends, and what a step sees and returns. */
import type { TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from '../../util/ast.js';
import type { Scope, Variable } from '../../util/static-value.js';

/** What a node carries: the provider's object, its id, or something that contains one of them. */
export type Carry = 'object' | 'id' | 'container';

export type FlowEnd =
  /** Bound to a variable (its references are further sites). */
  | { type: 'bound'; node: TSESTree.Node; holders: Holder[] }
  /** Returned (or yielded) from a function: handed to the caller. */
  | { type: 'returned'; node: TSESTree.Node; fn: FunctionNode | null }
  /** Given to a call (`save(intent)`, `res.json({ id })`, a tagged template, `new X(…)`). */
  | {
      type: 'argument';
      node: TSESTree.Node;
      call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression;
    }
  /** Assigned onto an object: `booking.paymentIntentId = intent.id`. */
  | { type: 'member-assignment'; node: TSESTree.Node; target: TSESTree.MemberExpression }
  /** `export default …` / `module.exports = …`. */
  | { type: 'exported'; node: TSESTree.Node }
  /** An expression statement: the value is dropped. */
  | { type: 'discarded'; node: TSESTree.Node }
  /** Goes nowhere that matters: another field is read (`client_secret`), a test, a comparison, a throw. */
  | { type: 'ignored'; node: TSESTree.Node; reason: string }
  /** A place this analysis does not follow (a loop head, `Promise.all`, a reassigned variable …). */
  | { type: 'unknown'; node: TSESTree.Node; reason: string };

export interface FlowSite {
  /** Where the walk started: the create call, or a reference to a variable holding the value. */
  start: TSESTree.Node;
  /** What the start node carries. */
  carry: Carry;
  /** The node just below the end (the outermost expression still carrying the value). */
  top: TSESTree.Node;
  /** What `top` carries. */
  topCarry: Carry;
  end: FlowEnd;
}

export interface Holder {
  variable: Variable;
  /** The declaring identifier (`intent`, `paymentIntentId`). */
  identifier: TSESTree.Identifier;
  carry: Carry;
  /**
   * For an `object`: how many segments of the id path are already read (`const { result } = await
   * orders.createOrder(…)` holds `result`, depth 1 of `['result', 'id']`). The id is `holder.<rest of path>`.
   */
  depth: number;
  /** True while the value is still a promise (`const p = stripe.paymentIntents.create(…)`). */
  promise: boolean;
}

export interface ValueFlow {
  call: TSESTree.CallExpression;
  /** The property path from the awaited result to the id. */
  idPath: readonly string[];
  sites: FlowSite[];
  holders: Holder[];
  /** The create's own result is dropped: `await stripe.paymentIntents.create(…);`. */
  discarded: boolean;
}

/** Where a walk stands: the outermost node still carrying the value, and what it carries. */
export interface Cursor {
  node: TSESTree.Node;
  carry: Carry;
  /** True while the value is still a promise. */
  promise: boolean;
  /** How many segments of the id path are already read (see `Holder.depth`). */
  depth: number;
}

/** What a step needs from the walk it is part of. */
export interface FlowContext {
  /** The property path from the awaited result to the provider's id (`['id']`, `['result', 'id']`). */
  readonly idPath: readonly string[];
  scopeOf(node: TSESTree.Node): Scope;
  /**
   * Declares the identifiers of a binding pattern that receive the value (or part of its id path) as
   * holders, whose references the walk follows later. Null when some part of the pattern cannot be followed
   * (the holders it could declare are declared all the same).
   */
  bind(pattern: TSESTree.Node, carry: Carry, promise: boolean, depth: number): Holder[] | null;
}

/** A step's answer: the value goes on from a new cursor, or its walk ends here. */
export type StepResult = { go: Cursor } | { end: FlowEnd };

/** One situation of the walk: the value sits at `at`, directly below `parent`. */
export type Step<P extends TSESTree.Node = TSESTree.Node> = (parent: P, at: Cursor, flow: FlowContext) => StepResult;

/** The value goes on from `node` (the parent), with some of the cursor's fields changed. */
export function go(at: Cursor, node: TSESTree.Node, change: Partial<Omit<Cursor, 'node'>> = {}): StepResult {
  return { go: { ...at, ...change, node } };
}

export function end(e: FlowEnd): StepResult {
  return { end: e };
}
