import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { EXPRESSION_WRAPPER_TYPES } from '../../../src/util/ast.js';
import { wrapperStep } from '../../../src/links/value-flow/steps/transparent.js';
import { STEPS, stepFrom, walkValue } from '../../../src/links/value-flow/walk.js';
import { probe } from '../../lint-probe.js';
import { summarize, testFlow } from './step-probe.js';

/** Runs `fn` on the first identifier `v` of `code`. */
function atV(code: string, fn: (node: TSESTree.Identifier, text: (n: TSESTree.Node) => string, flow: ReturnType<typeof testFlow>) => string): string {
  let out: string | null = null;
  probe(code, (context) => ({
    Identifier(node: TSESTree.Identifier) {
      if (out !== null || node.name !== 'v') return;
      out = fn(node, (n) => context.sourceCode.getText(n), testFlow((n) => context.sourceCode.getScope(n), ['id']));
    },
  }));
  if (out === null) throw new Error('no `v`');
  return out;
}

describe('the step table', () => {
  it('passes through every expression wrapper util/ast knows', () => {
    for (const type of EXPRESSION_WRAPPER_TYPES) expect(STEPS[type], type).toBe(wrapperStep);
  });

  it('is unknown at a parent no step handles, naming its type', () => {
    expect(
      atV('for (const x of v) {}', (node, text, flow) =>
        summarize(stepFrom({ node, carry: 'object', promise: false, depth: 0 }, flow), text),
      ),
    ).toBe('unknown:ForOfStatement');
  });
});

describe('walkValue', () => {
  it('walks parent after parent and records the top node and its carry at the end', () => {
    expect(
      atV('async function f() { save(`pi:${(await v).id}`); }', (node, text, flow) => {
        const site = walkValue(node, 'object', true, 0, flow);
        return `${site.carry} -> ${text(site.top)}:${site.topCarry} ${site.end.type}`;
      }),
    ).toBe('object -> `pi:${(await v).id}`:container argument');
  });
});
