/** A value that is still a promise: `.then(cb)` hands it to the callback, `.catch`/`.finally` pass it on. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, staticPropertyName, unwrapExpression } from '../../../util/ast.js';
import { type Cursor, end, type FlowContext, go, type Holder, type StepResult } from '../types.js';

/** For a `.then(cb)` callback: the `.then(…)` call; else null. */
export function thenCallOf(fn: FunctionNode): TSESTree.CallExpression | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return null;
  return staticPropertyName(callee) === 'then' ? call : null;
}

/**
 * A member of the promise (`promise.then(…)`, `promise.catch(…)`): `name` is the member's name, `call` the
 * call of that member (null when the member is only read).
 */
export function promiseMember(
  member: TSESTree.MemberExpression,
  name: string | null,
  call: TSESTree.CallExpression | null,
  at: Cursor,
  flow: FlowContext,
): StepResult {
  if (call && name === 'then') {
    const cb = call.arguments[0];
    if (cb && (cb.type === AST_NODE_TYPES.ArrowFunctionExpression || cb.type === AST_NODE_TYPES.FunctionExpression)) {
      let holders: Holder[] = [];
      const param = cb.params[0];
      if (param) {
        const bound = flow.bind(param, at.carry, false, at.depth);
        if (!bound) return end({ type: 'unknown', node: param, reason: 'callback parameter' });
        holders = bound;
      }
      return end({ type: 'bound', node: cb, holders });
    }
    if (cb) return end({ type: 'argument', node: cb, call });
    return end({ type: 'unknown', node: call, reason: 'then without a callback' });
  }
  // The promise settles to the same value (or rejects): the call's result still carries it.
  if (call && (name === 'catch' || name === 'finally')) return go(at, call);
  return end({ type: 'unknown', node: member, reason: 'promise member' });
}
