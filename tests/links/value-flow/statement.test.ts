import { describe, expect, it } from 'vitest';

import {
  exportDefaultStep,
  expressionStatementStep,
  jsxStep,
  testedStep,
  throwStep,
  unaryStep,
} from '../../../src/links/value-flow/steps/statement.js';
import { runStep } from './step-probe.js';

describe('statement steps', () => {
  it('an expression statement and void drop the value; other unary operators look at it', () => {
    expect(runStep(expressionStatementStep, 'v;')).toBe('discarded');
    expect(runStep(unaryStep, 'void v;')).toBe('discarded');
    expect(runStep(unaryStep, '!v;')).toBe('ignored:operator !');
    expect(runStep(unaryStep, 'typeof v;')).toBe('ignored:operator typeof');
  });

  it('tests, throws, renders, exports', () => {
    expect(runStep(testedStep, 'if (v) {}')).toBe('ignored:tested');
    expect(runStep(testedStep, 'while (v) {}')).toBe('ignored:tested');
    expect(runStep(throwStep, 'throw v;')).toBe('ignored:thrown');
    expect(runStep(jsxStep, 'const el = <p>{v}</p>;', { filename: 'a.tsx' })).toBe('ignored:rendered');
    expect(runStep(exportDefaultStep, 'export default v;')).toBe('exported');
  });
});
