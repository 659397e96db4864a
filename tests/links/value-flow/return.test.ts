import { describe, expect, it } from 'vitest';

import { arrowStep, returnStep, yieldStep } from '../../../src/links/value-flow/steps/return.js';
import { runStep } from './step-probe.js';

describe('return steps', () => {
  it('a return, an arrow body and a yield hand the value to the caller', () => {
    expect(runStep(returnStep, 'function make() { return v; }')).toBe('returned:function mak');
    expect(runStep(arrowStep, 'const make = () => v;')).toBe('returned:() => v');
    expect(runStep(yieldStep, 'function* make() { yield v; }')).toBe('returned:function* ma');
  });

  it('returned from a .then callback, the value goes on as the promise of the .then call', () => {
    expect(runStep(arrowStep, 'p.then((pi) => v);', { carry: 'id', depth: 1 })).toBe('go:CallExpression:id:promise:1');
    expect(runStep(returnStep, 'p.then(function (pi) { return v; });', { carry: 'id' })).toBe(
      'go:CallExpression:id:promise:0',
    );
  });

  it('a value in an arrow that is not its body is a default', () => {
    expect(runStep(arrowStep, 'const f = (x = v) => x;')).toBe('ignored:parameter default');
  });
});
