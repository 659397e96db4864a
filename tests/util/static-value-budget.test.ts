/**
 * Static resolution is bounded by steps and string length, not by recursion depth alone: `const` templates
 * and spreads that reuse each other double (or triple) at every level. Over budget is unknown, never a
 * throw, never a hang. (Each case took minutes, or threw `RangeError: Invalid string length`, before.)
 */
import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { getStaticString, MAX_STATIC_STRING, resolveObject } from '../../src/util/static-value.js';
import { probe } from '../lint-probe.js';

/** `const t0 = 'x'; const t1 = `${t0}${t0}${t0}`; …` : t_n is 3^n characters, 3^n resolutions without a budget. */
function tripledTemplates(levels: number): string {
  const lines = ["const t0 = 'ab';"];
  for (let i = 1; i <= levels; i++) lines.push(`const t${i} = \`\${t${i - 1}}\${t${i - 1}}\${t${i - 1}}\`;`);
  return lines.join('\n');
}

/** `const o0 = { a: 1 }; const o1 = { ...o0, ...o0, ...o0 }; …` */
function tripledSpreads(levels: number): string {
  const lines = ['const o0 = { amount: 1 };'];
  for (let i = 1; i <= levels; i++) lines.push(`const o${i} = { ...o${i - 1}, ...o${i - 1}, ...o${i - 1} };`);
  return lines.join('\n');
}

function onProbeArg<T>(code: string, fn: (arg: TSESTree.Node, scope: Parameters<typeof getStaticString>[1]) => T): T {
  let out: T | undefined;
  probe(code, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'probe' && node.arguments[0]) {
        out = fn(node.arguments[0], context.sourceCode.getScope(node.arguments[0]));
      }
    },
  }));
  return out as T;
}

/** A small project of its own, so the project index reads two files and not this repository. */
const project = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-budget-'));
fs.writeFileSync(path.join(project, 'package.json'), '{"dependencies":{"stripe":"*"}}');
fs.writeFileSync(path.join(project, 'package-lock.json'), '{}');
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

function lintAll(code: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      ...(plugin.configs.strict as Linter.Config[]),
      { files: ['**/*.ts'], languageOptions: { parser: tsParser as unknown as Linter.Parser } },
    ],
    path.join(project, 'src/pay.ts'),
  );
}

describe('static resolution budget', () => {
  it('still resolves a short template chain exactly', () => {
    expect(onProbeArg(`${tripledTemplates(2)}\nprobe(t2)`, getStaticString)).toBe('ab'.repeat(9));
  });

  it('a string longer than the bound is unknown', () => {
    expect(3 ** 6 * 2).toBeGreaterThan(MAX_STATIC_STRING);
    expect(onProbeArg(`${tripledTemplates(6)}\nprobe(t6)`, getStaticString)).toBeNull();
  });

  it('an exponential template chain is unknown at once', { timeout: 20_000 }, () => {
    expect(onProbeArg(`${tripledTemplates(40)}\nprobe(t40)`, getStaticString)).toBeNull();
  });

  it('an exponential spread chain is an incomplete object, not a hang', { timeout: 20_000 }, () => {
    const shape = onProbeArg(`${tripledSpreads(40)}\nprobe(o40)`, resolveObject);
    expect(shape === null || shape.complete === false || shape.properties.has('amount')).toBe(true);
  });

  it('the rules survive a computed metadata key built from nested const templates', { timeout: 20_000 }, () => {
    const code = `import Stripe from 'stripe';
const stripe = new Stripe('k');
${tripledTemplates(40)}
export async function pay() {
  const session = await stripe.checkout.sessions.create({ mode: t40, metadata: { [t40]: 'x' } });
  return session;
}`;
    const messages = lintAll(code);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
  });

  it('the rules survive a create whose params are an exponential spread chain', { timeout: 20_000 }, () => {
    const code = `import Stripe from 'stripe';
const stripe = new Stripe('k');
${tripledSpreads(40)}
export async function pay() { await stripe.paymentIntents.create(o40); }`;
    const messages = lintAll(code);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    // Over budget the params are unknown: no "carries no booking id" report on what could not be seen.
    expect(messages.filter((m) => m.ruleId === 'booking-payment/require-booking-id-metadata')).toEqual([]);
  });
});
