import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { assignmentStep, declaratorStep, patternTargets } from '../../../src/links/value-flow/steps/binding.js';
import type { Carry } from '../../../src/links/value-flow/types.js';
import { probe } from '../../lint-probe.js';
import { runStep } from './step-probe.js';

/** The targets of the first declarator's pattern in `code`, as `name=carry@depth`, and whether it is complete. */
function targets(code: string, carry: Carry = 'object', promise = false, idPath: readonly string[] = ['id']): string {
  let out = '';
  probe(code, () => ({
    VariableDeclarator(node: TSESTree.VariableDeclarator) {
      if (out) return;
      const { targets, complete } = patternTargets(node.id, carry, promise, 0, idPath);
      out = `${targets.map((t) => `${t.identifier.name}=${t.carry}@${t.depth}${t.promise ? ':promise' : ''}`).join(',')}${complete ? '' : ' (incomplete)'}`;
    },
  }));
  return out;
}

describe('patternTargets', () => {
  it('a name receives the whole value, promise or not', () => {
    expect(targets('const intent = x;')).toBe('intent=object@0');
    expect(targets('const pending = x;', 'object', true)).toBe('pending=object@0:promise');
    expect(targets('const intent = x;', 'id')).toBe('intent=id@0');
  });

  it('the id key gives the id, under any name and with a default; the rest gets the object; other keys nothing', () => {
    expect(targets('const { id: paymentIntentId = null, client_secret, ...rest } = x;')).toBe(
      'paymentIntentId=id@1,rest=object@0',
    );
    expect(targets("const { 'id': piId } = x;")).toBe('piId=id@1');
  });

  it('follows a longer id path one key at a time', () => {
    expect(targets('const { result } = x;', 'object', false, ['result', 'id'])).toBe('result=object@1');
    expect(targets('const { result: { id } } = x;', 'object', false, ['result', 'id'])).toBe('id=id@2');
  });

  it('is incomplete for a computed key, an array pattern, a destructured promise or id', () => {
    expect(targets('const { [key]: a } = x;')).toBe(' (incomplete)');
    expect(targets('const [a] = x;')).toBe(' (incomplete)');
    expect(targets('const { id } = x;', 'object', true)).toBe(' (incomplete)');
    expect(targets('const { length } = x;', 'id')).toBe(' (incomplete)');
  });

  it('destructuring a container reads parts it does not track: complete, no targets', () => {
    expect(targets('const { a } = x;', 'container')).toBe('');
  });
});

describe('declaratorStep', () => {
  it('binds the declared names; a pattern it cannot follow is unknown', () => {
    expect(runStep(declaratorStep, 'const intent = v;')).toBe('bound:intent=object@0');
    expect(runStep(declaratorStep, 'const [a] = v;')).toBe('unknown:pattern');
  });
});

describe('assignmentStep', () => {
  it('binds a variable, assigns onto an object, or exports', () => {
    expect(runStep(assignmentStep, 'let intent; intent = v;')).toBe('bound:intent=object@0');
    expect(runStep(assignmentStep, 'booking.paymentIntentId = v;', { carry: 'id' })).toBe(
      'member-assignment:booking.paymentIntentId',
    );
    expect(runStep(assignmentStep, 'module.exports = v;', { filename: 'a.js' })).toBe('exported');
    expect(runStep(assignmentStep, 'exports.intent = v;', { filename: 'a.js' })).toBe('exported');
  });

  it('ends at the assigned-to side, compound assignments and targets it cannot follow', () => {
    expect(runStep(assignmentStep, 'let v; v = 1;')).toBe('ignored:assigned to');
    expect(runStep(assignmentStep, 'let s = ""; s += v;', { carry: 'id' })).toBe('unknown:compound assignment');
    expect(runStep(assignmentStep, 'let a; [a] = v;')).toBe('unknown:assignment target');
  });
});
