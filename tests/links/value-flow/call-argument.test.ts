import { describe, expect, it } from 'vitest';

import { callStep, newStep } from '../../../src/links/value-flow/steps/call-argument.js';
import { runStep } from './step-probe.js';

describe('callStep', () => {
  it('ends at an argument, and at a call of the value itself', () => {
    expect(runStep(callStep, 'save(v);')).toBe('argument:save');
    expect(runStep(callStep, 'v();')).toBe('ignored:called');
  });

  it('goes on through String(), encodeURIComponent() and JSON.stringify() as a container', () => {
    expect(runStep(callStep, 'String(v);', { carry: 'id' })).toBe('go:CallExpression:container:0');
    expect(runStep(callStep, 'encodeURIComponent(v);', { carry: 'id' })).toBe('go:CallExpression:container:0');
    expect(runStep(callStep, 'JSON.stringify(v);')).toBe('go:CallExpression:container:0');
  });

  it('treats a shadowed String as any other function', () => {
    expect(runStep(callStep, 'function String(x) { return x; }\nString(v);')).toBe('argument:String');
  });

  it('does not follow Promise combinators', () => {
    expect(runStep(callStep, 'Promise.all(v);')).toBe('unknown:Promise combinator');
  });
});

describe('newStep', () => {
  it('ends at a constructor argument, and at constructing the value', () => {
    expect(runStep(newStep, 'new Booking(v);')).toBe('argument:Booking');
    expect(runStep(newStep, 'new v();')).toBe('ignored:constructed');
  });
});
