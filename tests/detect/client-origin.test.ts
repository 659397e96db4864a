import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { classifyClient, moduleSourceOf, resolveMemberChain } from '../../src/detect/client-origin.js';
import { probe } from '../lint-probe.js';

/** Runs `fn` on the object of the last `<x>.go()` call in `code`. */
function atLastGo<T>(code: string, fn: (node: TSESTree.Node, scope: Parameters<typeof classifyClient>[1]) => T): T {
  let out: T | undefined;
  probe(code, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      if (node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' && node.callee.property.name === 'go') {
        out = fn(node.callee.object, context.sourceCode.getScope(node));
      }
    },
  }));
  return out as T;
}

const origin = (code: string, modules: readonly string[] = ['stripe']) =>
  atLastGo(code, (node, scope) => classifyClient(node, scope, modules));

describe('classifyClient', () => {
  it.each([
    ["import Stripe from 'stripe'; const s = new Stripe('k'); s.go();", 'sdk'],
    ["const s = require('stripe')('k'); s.go();", 'sdk'],
    ["const { Stripe } = require('stripe'); const s = new Stripe('k'); s.go();", 'sdk'],
    ["import type Stripe from 'stripe'; function f(s: Stripe | null) { s!.go(); }", 'sdk'],
    ["import { SquareClient } from 'square'; const s = new SquareClient(); s.go();", 'other'],
    ['class Fake {} const s = new Fake(); s.go();', 'other'],
    ['const s = { go() {} }; s.go();', 'other'],
    ['function f(s: any) { s.go(); }', 'unknown'],
    ["import { stripe } from './lib/stripe'; stripe.go();", 'unknown'],
    ["import Stripe from 'stripe'; let s = new Stripe('k'); s = other(); s.go();", 'unknown'],
  ])('%s → %s', (code, expected) => {
    expect(origin(code)).toBe(expected);
  });

  it('is bound to the packages it is given', () => {
    const code = "import { SquareClient } from 'square'; const s = new SquareClient(); s.go();";
    expect(origin(code, ['square'])).toBe('sdk');
  });
});

describe('moduleSourceOf', () => {
  it('follows imports, requires and `require(…).default`', () => {
    expect(atLastGo("import X from 'stripe'; X.go();", moduleSourceOf)).toBe('stripe');
    expect(atLastGo("const X = require('stripe').default; X.go();", moduleSourceOf)).toBe('stripe');
    expect(atLastGo('const X = make(); X.go();', moduleSourceOf)).toBeNull();
  });
});

describe('resolveMemberChain', () => {
  it('follows member aliases and destructuring to the base', () => {
    const code = 'const s = client; const { checkout: { sessions } } = s; const alias = sessions; alias.go();';
    const chain = atLastGo(code, (node, scope) => resolveMemberChain(node, scope));
    expect(chain.segments).toEqual(['checkout', 'sessions']);
    expect(chain.base.type === 'Identifier' && chain.base.name).toBe('client');
  });
});
