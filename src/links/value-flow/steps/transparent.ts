/** Nodes the value passes through unchanged: TS wrappers, `?.`, `await` (now settled), `a ?? b`, `(x, value)`. */
import type { TSESTree } from '@typescript-eslint/utils';

import type { ExpressionWrapper } from '../../../util/ast.js';
import { end, go, type Step } from '../types.js';

export const wrapperStep: Step<ExpressionWrapper> = (p, at) => go(at, p);

export const awaitStep: Step<TSESTree.AwaitExpression> = (p, at) => go(at, p, { promise: false });

export const logicalStep: Step<TSESTree.LogicalExpression> = (p, at) => go(at, p);

/** `(log(), value)` yields the last expression; any other is evaluated and dropped. */
export const sequenceStep: Step<TSESTree.SequenceExpression> = (p, at) => {
  if (p.expressions[p.expressions.length - 1] === at.node) return go(at, p);
  return end({ type: 'discarded', node: at.node });
};

/** `c ? value : other` yields the value; as the test it is only looked at. */
export const conditionalStep: Step<TSESTree.ConditionalExpression> = (p, at) => {
  if (p.test === at.node) return end({ type: 'ignored', node: p, reason: 'tested' });
  return go(at, p);
};
