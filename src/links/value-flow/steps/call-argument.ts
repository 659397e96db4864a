/** The value given to a call: an argument (the end of this walk), or a call whose result still carries it. */
import { AST_NODE_TYPES, ASTUtils, type TSESTree } from '@typescript-eslint/utils';

import { memberPropertyName, type Scope } from '../../../util/static-value.js';
import { end, go, type Step } from '../types.js';

/** Calls whose result still carries their argument's value: `String(id)`, `JSON.stringify(intent)`. */
function isTransparentCall(call: TSESTree.CallExpression, scope: Scope): boolean {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (!['String', 'encodeURIComponent'].includes(callee.name)) return false;
    const variable = ASTUtils.findVariable(scope, callee.name);
    return !variable || variable.defs.length === 0; // the global, not a shadowing binding
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
    return callee.object.name === 'JSON' && memberPropertyName(callee, scope) === 'stringify';
  }
  return false;
}

/** `Promise.all([…])`, `Promise.race(…)` …: the value lands in a tuple this analysis does not follow. */
function isPromiseCombinator(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Promise'
  );
}

export const callStep: Step<TSESTree.CallExpression> = (p, at, flow) => {
  if (p.callee === at.node) return end({ type: 'ignored', node: p, reason: 'called' });
  if (isTransparentCall(p, flow.scopeOf(p))) return go(at, p, { carry: 'container' });
  if (isPromiseCombinator(p)) return end({ type: 'unknown', node: p, reason: 'Promise combinator' });
  return end({ type: 'argument', node: at.node, call: p });
};

export const newStep: Step<TSESTree.NewExpression> = (p, at) => {
  if (p.callee === at.node) return end({ type: 'ignored', node: p, reason: 'constructed' });
  return end({ type: 'argument', node: at.node, call: p });
};
