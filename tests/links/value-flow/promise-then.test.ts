import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { memberStep } from '../../../src/links/value-flow/steps/member.js';
import { thenCallOf } from '../../../src/links/value-flow/steps/promise-then.js';
import { probe } from '../../lint-probe.js';
import { runStep } from './step-probe.js';

const promise = { promise: true } as const;

describe('promiseMember (through memberStep on a promise)', () => {
  it('binds the .then callback parameter to the settled value (destructured too)', () => {
    expect(runStep(memberStep, 'v.then(function (intent) {});', promise)).toBe('bound:intent=object@0');
    expect(runStep(memberStep, 'v.then(({ id: piId }) => piId);', promise)).toBe('bound:piId=id@1');
    expect(runStep(memberStep, 'v.then(() => done());', promise)).toBe('bound:');
  });

  it('is unknown for a parameter it cannot follow, and for .then without a callback', () => {
    expect(runStep(memberStep, 'v.then(([a]) => a);', promise)).toBe('unknown:callback parameter');
    expect(runStep(memberStep, 'v.then();', promise)).toBe('unknown:then without a callback');
  });

  it('gives a non-literal callback the value as an argument', () => {
    expect(runStep(memberStep, 'v.then(save);', promise)).toBe('argument:v.then');
  });

  it('passes the promise on through .catch and .finally', () => {
    expect(runStep(memberStep, 'v.catch(() => null);', promise)).toBe('go:CallExpression:object:promise:0');
    expect(runStep(memberStep, 'v.finally(() => null);', promise)).toBe('go:CallExpression:object:promise:0');
  });
});

describe('thenCallOf', () => {
  it('finds the .then call of its first-argument callback only', () => {
    const found: Record<string, boolean> = {};
    probe('p.then(() => 1); p?.then(() => 2); p.catch(() => 3); p.then(x, () => 4); p["then"](() => 5);', (context) => ({
      ArrowFunctionExpression(node: TSESTree.ArrowFunctionExpression) {
        found[context.sourceCode.getText(node)] = thenCallOf(node) !== null;
      },
    }));
    expect(found).toEqual({ '() => 1': true, '() => 2': true, '() => 3': false, '() => 4': false, '() => 5': false });
  });
});
