/** The value returned or yielded: handed to the caller, or, from a `.then` callback, on as the promise's value. */
import type { TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, type FunctionNode } from '../../../util/ast.js';
import { type Cursor, end, go, type Step, type StepResult } from '../types.js';
import { thenCallOf } from './promise-then.js';

function returnedFrom(fn: FunctionNode | null, at: Cursor): StepResult {
  const then = fn ? thenCallOf(fn) : null;
  // `.then((pi) => pi.id)`: the value goes on as the `.then(…)` call's result.
  if (then) return go(at, then, { promise: true });
  return end({ type: 'returned', node: at.node, fn });
}

export const returnStep: Step<TSESTree.ReturnStatement> = (p, at) => returnedFrom(enclosingFunction(p), at);

/** `(…) => value`: the body is returned; anything else below an arrow is a parameter's default. */
export const arrowStep: Step<TSESTree.ArrowFunctionExpression> = (p, at) => {
  if (p.body !== at.node) return end({ type: 'ignored', node: p, reason: 'parameter default' });
  return returnedFrom(p, at);
};

export const yieldStep: Step<TSESTree.YieldExpression> = (p, at) =>
  end({ type: 'returned', node: at.node, fn: enclosingFunction(p) });
