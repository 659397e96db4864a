import { describe, expect, it } from 'vitest';

import { memberStep } from '../../../src/links/value-flow/steps/member.js';
import { runStep } from './step-probe.js';

describe('memberStep', () => {
  it('goes one segment down the id path, and carries the id at its end', () => {
    expect(runStep(memberStep, 'v.id;')).toBe('go:MemberExpression:id:1');
    expect(runStep(memberStep, "v['id'];")).toBe('go:MemberExpression:id:1');
    expect(runStep(memberStep, 'v.result;', { idPath: ['result', 'id'] })).toBe('go:MemberExpression:object:1');
    expect(runStep(memberStep, 'v.id;', { idPath: ['result', 'id'], depth: 1 })).toBe('go:MemberExpression:id:2');
  });

  it('ends at another field, a computed member, or the value used as a key', () => {
    expect(runStep(memberStep, 'v.client_secret;')).toBe('ignored:reads client_secret');
    expect(runStep(memberStep, 'v[key];')).toBe('unknown:computed member');
    expect(runStep(memberStep, 'map[v];')).toBe('ignored:used as a key');
    expect(runStep(memberStep, 'v.length;', { carry: 'id' })).toBe('ignored:reads length');
  });

  it('keeps the id through toString()/valueOf()', () => {
    expect(runStep(memberStep, 'v.toString();', { carry: 'id' })).toBe('go:CallExpression:id:0');
    expect(runStep(memberStep, 'v.valueOf();', { carry: 'id' })).toBe('go:CallExpression:id:0');
    expect(runStep(memberStep, 'v.toString;', { carry: 'id' })).toBe('ignored:reads toString');
  });

  it('hands a promise member to the promise step', () => {
    expect(runStep(memberStep, 'v.then((pi) => pi);', { promise: true })).toBe('bound:pi=object@0');
    expect(runStep(memberStep, 'v.id;', { promise: true })).toBe('unknown:promise member');
  });
});
