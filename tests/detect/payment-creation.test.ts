import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getPaymentCreation, isCreateCall, type PaymentCreation } from '../../src/detect/payment-creation.js';
import { probe } from '../lint-probe.js';

function creations(code: string, filename?: string): Pick<PaymentCreation, 'kind' | 'confidence'>[] {
  const out: Pick<PaymentCreation, 'kind' | 'confidence'>[] = [];
  probe(
    code,
    (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        const c = getPaymentCreation(context, node);
        if (c) out.push({ kind: c.kind, confidence: c.confidence });
      },
    }),
    filename,
  );
  return out;
}

const SDK = "import Stripe from 'stripe';\nconst stripe = new Stripe('sk');\n";

describe('getPaymentCreation', () => {
  it('recognises the three Stripe creations on a bound client', () => {
    expect(
      creations(`${SDK}stripe.paymentIntents.create({}); stripe.checkout.sessions.create({}); stripe.charges.create({});`),
    ).toEqual([
      { kind: 'paymentIntent', confidence: 'bound' },
      { kind: 'checkoutSession', confidence: 'bound' },
      { kind: 'charge', confidence: 'bound' },
    ]);
  });

  it('follows require, renamed imports, aliases and destructuring', () => {
    expect(creations("const s = require('stripe')('sk'); s.paymentIntents.create({});", 'a.js')).toEqual([
      { kind: 'paymentIntent', confidence: 'bound' },
    ]);
    expect(creations("const { Stripe: S } = require('stripe'); new S('k').charges.create({});", 'a.js')).toEqual([
      { kind: 'charge', confidence: 'bound' },
    ]);
    expect(creations(`${SDK}const pi = stripe.paymentIntents; const c = pi.create; pi.create({});`)).toEqual([
      { kind: 'paymentIntent', confidence: 'bound' },
    ]);
    expect(creations(`${SDK}const { checkout: { sessions: s } } = stripe; s.create({});`)).toEqual([
      { kind: 'checkoutSession', confidence: 'bound' },
    ]);
    expect(creations(`${SDK}stripe['paymentIntents']['create']({});`)).toEqual([
      { kind: 'paymentIntent', confidence: 'bound' },
    ]);
  });

  it('accepts distinctive resource paths on clients of unknown origin', () => {
    expect(
      creations(`export class S { constructor(private stripe: any) {} a() { return this.stripe.paymentIntents.create({}); } }
        export const b = (ctx: any) => ctx.stripe?.checkout.sessions.create({});
        export const c = () => getStripe().paymentIntents.create({});`),
    ).toEqual([
      { kind: 'paymentIntent', confidence: 'shape' },
      { kind: 'checkoutSession', confidence: 'shape' },
      { kind: 'paymentIntent', confidence: 'shape' },
    ]);
  });

  it('takes legacy charges on an unknown client only where the file names Stripe', () => {
    expect(creations('export const f = (c: any) => c.charges.create({});')).toEqual([]);
    expect(creations("import { stripe } from '../utils/lib/stripe';\nexport const f = () => stripe.charges.create({});")).toEqual([
      { kind: 'charge', confidence: 'shape' },
    ]);
  });

  it('rejects lookalikes, other methods and references', () => {
    expect(
      creations(`${SDK}stripe.paymentIntents.update('x', {}); stripe.paymentIntents.retrieve('x');
        stripe.setupIntents.create({}); stripe.customers.create({}); stripe.paymentIntents.create;
        expect(stripe.paymentIntents.create).toHaveBeenCalled();
        const fake = { paymentIntents: { create() {} } }; fake.paymentIntents.create({});
        import { Other } from 'other-sdk'; new Other().paymentIntents.create({});`),
    ).toEqual([]);
  });

  it('respects shadowing', () => {
    expect(
      creations(`${SDK}function t() { const stripe = { checkout: { sessions: { create() {} } } }; stripe.checkout.sessions.create({}); }`),
    ).toEqual([]);
  });
});

describe('isCreateCall', () => {
  it('is the cheap pre-check on the callee name', () => {
    const seen: boolean[] = [];
    probe("a.create(); a['create'](); a.update(); create();", () => ({
      CallExpression(node: TSESTree.CallExpression) {
        seen.push(isCreateCall(node));
      },
    }));
    expect(seen).toEqual([true, true, false, false]);
  });
});
