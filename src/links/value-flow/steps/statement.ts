/** Where the value stops being an expression: a statement drops it, tests it, throws it, exports it or renders it. */
import type { TSESTree } from '@typescript-eslint/utils';

import { end, type Step } from '../types.js';

export const exportDefaultStep: Step<TSESTree.ExportDefaultDeclaration> = (_p, at) => end({ type: 'exported', node: at.node });

export const expressionStatementStep: Step<TSESTree.ExpressionStatement> = (_p, at) =>
  end({ type: 'discarded', node: at.node });

/** `void value` drops it; `!value`, `typeof value` … only look at it. */
export const unaryStep: Step<TSESTree.UnaryExpression> = (p, at) =>
  end(p.operator === 'void' ? { type: 'discarded', node: at.node } : { type: 'ignored', node: p, reason: `operator ${p.operator}` });

/** The head of an `if`, a loop or a `switch`. */
export const testedStep: Step = (p) => end({ type: 'ignored', node: p, reason: 'tested' });

export const throwStep: Step<TSESTree.ThrowStatement> = (p) => end({ type: 'ignored', node: p, reason: 'thrown' });

/** `{value}` in JSX: shown to the user, not kept. */
export const jsxStep: Step<TSESTree.JSXExpressionContainer> = (p) => end({ type: 'ignored', node: p, reason: 'rendered' });
