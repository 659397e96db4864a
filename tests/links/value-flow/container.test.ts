import { describe, expect, it } from 'vitest';

import { arrayStep, binaryStep, propertyStep, spreadStep, templateStep } from '../../../src/links/value-flow/steps/container.js';
import { runStep } from './step-probe.js';

describe('container steps', () => {
  it('a template carries the value, a tagged template is a call', () => {
    expect(runStep(templateStep, 'const s = `pi:${v}`;', { carry: 'id' })).toBe('go:TemplateLiteral:container:0');
    expect(runStep(templateStep, 'sql`x ${v}`;', { carry: 'id' })).toBe('argument:sql');
  });

  it('`+` concatenates, other operators compare', () => {
    expect(runStep(binaryStep, "'pi:' + v;", { carry: 'id' })).toBe('go:BinaryExpression:container:0');
    expect(runStep(binaryStep, 'v === other;', { carry: 'id' })).toBe('ignored:compared');
  });

  it('an object property value makes the object a container; a key does not', () => {
    expect(runStep(propertyStep, '({ paymentIntentId: v });', { carry: 'id' })).toBe('go:ObjectExpression:container:0');
    expect(runStep(propertyStep, '({ [v]: 1 });', { carry: 'id' })).toBe('ignored:key or pattern');
  });

  it('a spread goes into its object or array, and is an argument in a call', () => {
    expect(runStep(spreadStep, '({ ...v });')).toBe('go:ObjectExpression:container:0');
    expect(runStep(spreadStep, '[...v];')).toBe('go:ArrayExpression:container:0');
    expect(runStep(spreadStep, 'save(...v);')).toBe('argument:save');
  });

  it('an array element makes the array a container', () => {
    expect(runStep(arrayStep, '[v, 1];')).toBe('go:ArrayExpression:container:0');
  });
});
