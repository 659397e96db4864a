import { describe, expect, it } from 'vitest';

import {
  awaitStep,
  conditionalStep,
  logicalStep,
  sequenceStep,
  wrapperStep,
} from '../../../src/links/value-flow/steps/transparent.js';
import { runStep } from './step-probe.js';

describe('transparent steps', () => {
  it('TS wrappers and ?. change nothing', () => {
    expect(runStep(wrapperStep, 'const x = v as string;', { carry: 'id' })).toBe('go:TSAsExpression:id:0');
    expect(runStep(wrapperStep, 'const x = v!;', { promise: true })).toBe('go:TSNonNullExpression:object:promise:0');
  });

  it('await settles the promise', () => {
    expect(runStep(awaitStep, 'async function f() { await v; }', { promise: true })).toBe('go:AwaitExpression:object:0');
  });

  it('a ?? b and the branches of c ? a : b yield the value; the test only looks at it', () => {
    expect(runStep(logicalStep, 'const x = v ?? null;')).toBe('go:LogicalExpression:object:0');
    expect(runStep(conditionalStep, 'const x = c ? v : null;')).toBe('go:ConditionalExpression:object:0');
    expect(runStep(conditionalStep, 'const x = v ? 1 : 2;')).toBe('ignored:tested');
  });

  it('a sequence yields its last expression and drops the others', () => {
    expect(runStep(sequenceStep, 'const x = (log(), v);')).toBe('go:SequenceExpression:object:0');
    expect(runStep(sequenceStep, 'const x = (v, 1);')).toBe('discarded');
  });
});
