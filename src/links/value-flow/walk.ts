/**
 * One walk: from a node carrying the value up through its parents, one step a parent, until a step ends it.
 * Which step handles a parent is decided by the parent's type alone (STEPS); a type with no step is a place
 * this analysis does not follow.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { EXPRESSION_WRAPPER_TYPES } from '../../util/ast.js';
import { assignmentStep, declaratorStep } from './steps/binding.js';
import { callStep, newStep } from './steps/call-argument.js';
import { arrayStep, binaryStep, propertyStep, spreadStep, templateStep } from './steps/container.js';
import { memberStep } from './steps/member.js';
import { arrowStep, returnStep, yieldStep } from './steps/return.js';
import {
  exportDefaultStep,
  expressionStatementStep,
  jsxStep,
  testedStep,
  throwStep,
  unaryStep,
} from './steps/statement.js';
import { awaitStep, conditionalStep, logicalStep, sequenceStep, wrapperStep } from './steps/transparent.js';
import type { Carry, Cursor, FlowContext, FlowEnd, FlowSite, Step, StepResult } from './types.js';

type StepTable = { readonly [K in AST_NODE_TYPES]?: Step<Extract<TSESTree.Node, { type: K }>> };

/** The step for each parent type. */
export const STEPS: StepTable = {
  ...Object.fromEntries(EXPRESSION_WRAPPER_TYPES.map((type) => [type, wrapperStep])),
  [AST_NODE_TYPES.AwaitExpression]: awaitStep,
  [AST_NODE_TYPES.LogicalExpression]: logicalStep,
  [AST_NODE_TYPES.SequenceExpression]: sequenceStep,
  [AST_NODE_TYPES.ConditionalExpression]: conditionalStep,
  [AST_NODE_TYPES.MemberExpression]: memberStep,
  [AST_NODE_TYPES.CallExpression]: callStep,
  [AST_NODE_TYPES.NewExpression]: newStep,
  [AST_NODE_TYPES.TemplateLiteral]: templateStep,
  [AST_NODE_TYPES.BinaryExpression]: binaryStep,
  [AST_NODE_TYPES.Property]: propertyStep,
  [AST_NODE_TYPES.SpreadElement]: spreadStep,
  [AST_NODE_TYPES.ArrayExpression]: arrayStep,
  [AST_NODE_TYPES.VariableDeclarator]: declaratorStep,
  [AST_NODE_TYPES.AssignmentExpression]: assignmentStep,
  [AST_NODE_TYPES.ReturnStatement]: returnStep,
  [AST_NODE_TYPES.ArrowFunctionExpression]: arrowStep,
  [AST_NODE_TYPES.YieldExpression]: yieldStep,
  [AST_NODE_TYPES.ExportDefaultDeclaration]: exportDefaultStep,
  [AST_NODE_TYPES.ExpressionStatement]: expressionStatementStep,
  [AST_NODE_TYPES.UnaryExpression]: unaryStep,
  [AST_NODE_TYPES.IfStatement]: testedStep,
  [AST_NODE_TYPES.WhileStatement]: testedStep,
  [AST_NODE_TYPES.DoWhileStatement]: testedStep,
  [AST_NODE_TYPES.SwitchStatement]: testedStep,
  [AST_NODE_TYPES.SwitchCase]: testedStep,
  [AST_NODE_TYPES.ForStatement]: testedStep,
  [AST_NODE_TYPES.ThrowStatement]: throwStep,
  [AST_NODE_TYPES.JSXExpressionContainer]: jsxStep,
};

/** One step up from `at`: the step of its parent's type, or `unknown` for a parent no step handles. */
export function stepFrom(at: Cursor, flow: FlowContext): StepResult {
  const parent = at.node.parent;
  if (!parent) return { end: { type: 'unknown', node: at.node, reason: 'no parent' } };
  const step = STEPS[parent.type] as Step | undefined;
  if (!step) return { end: { type: 'unknown', node: parent, reason: parent.type } };
  return step(parent, at, flow);
}

const MAX_STEPS = 64;

/** Walks up from `start`, which carries the value, to the place the value ends. */
export function walkValue(start: TSESTree.Node, carry: Carry, promise: boolean, depth: number, flow: FlowContext): FlowSite {
  let at: Cursor = { node: start, carry, promise, depth };
  const site = (end: FlowEnd): FlowSite => ({ start, carry, top: at.node, topCarry: at.carry, end });
  for (let i = 0; i < MAX_STEPS; i++) {
    const result = stepFrom(at, flow);
    if ('end' in result) return site(result.end);
    at = result.go;
  }
  return site({ type: 'unknown', node: at.node, reason: 'too deep' });
}
