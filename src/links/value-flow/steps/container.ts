/**
 * The value put into something bigger that still carries it: a template, a `+` concatenation, an object or
 * array literal, a spread. A tagged template and a spread into a call are arguments.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { end, go, type Step } from '../types.js';

export const templateStep: Step<TSESTree.TemplateLiteral> = (p, at) => {
  if (p.parent.type === AST_NODE_TYPES.TaggedTemplateExpression) return end({ type: 'argument', node: at.node, call: p.parent });
  return go(at, p, { carry: 'container' });
};

export const binaryStep: Step<TSESTree.BinaryExpression> = (p, at) => {
  if (p.operator === '+') return go(at, p, { carry: 'container' });
  return end({ type: 'ignored', node: p, reason: 'compared' });
};

export const propertyStep: Step<TSESTree.Property> = (p, at) => {
  if (p.value === at.node && p.parent.type === AST_NODE_TYPES.ObjectExpression) return go(at, p.parent, { carry: 'container' });
  return end({ type: 'ignored', node: p, reason: 'key or pattern' });
};

export const spreadStep: Step<TSESTree.SpreadElement> = (p, at) => {
  if (p.parent.type === AST_NODE_TYPES.ObjectExpression || p.parent.type === AST_NODE_TYPES.ArrayExpression) {
    return go(at, p.parent, { carry: 'container' });
  }
  if (p.parent.type === AST_NODE_TYPES.CallExpression || p.parent.type === AST_NODE_TYPES.NewExpression) {
    return end({ type: 'argument', node: p, call: p.parent });
  }
  return end({ type: 'unknown', node: p, reason: 'spread' });
};

export const arrayStep: Step<TSESTree.ArrayExpression> = (p, at) => go(at, p, { carry: 'container' });
