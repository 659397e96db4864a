/** A member read on the value: one step down the id path, another field, or a promise's method. */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { memberPropertyName } from '../../../util/static-value.js';
import { end, go, type Step } from '../types.js';
import { promiseMember } from './promise-then.js';

export const memberStep: Step<TSESTree.MemberExpression> = (p, at, flow) => {
  if (p.object !== at.node) return end({ type: 'ignored', node: p, reason: 'used as a key' });
  const name = memberPropertyName(p, flow.scopeOf(p));
  const call = p.parent.type === AST_NODE_TYPES.CallExpression && p.parent.callee === p ? p.parent : null;
  if (at.promise) return promiseMember(p, name, call, at, flow);
  if (at.carry === 'object') {
    if (name !== null && name === flow.idPath[at.depth]) {
      const depth = at.depth + 1;
      return go(at, p, depth === flow.idPath.length ? { depth, carry: 'id' } : { depth });
    }
    // A `name()` segment (`['json()', 'id']` for a fetch response): the call's awaited result goes on.
    if (name !== null && call && `${name}()` === flow.idPath[at.depth]) {
      const depth = at.depth + 1;
      return go(at, call, { depth, promise: true, ...(depth === flow.idPath.length ? { carry: 'id' as const } : {}) });
    }
    if (name === null) return end({ type: 'unknown', node: p, reason: 'computed member' });
    return end({ type: 'ignored', node: p, reason: `reads ${name}` });
  }
  // `intent.id.toString()` is still the id.
  if (at.carry === 'id' && call && (name === 'toString' || name === 'valueOf')) return go(at, call);
  return end({ type: 'ignored', node: p, reason: `reads ${name ?? 'a member'}` });
};
