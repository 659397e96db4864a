import { describe, expect, it } from 'vitest';

import {
  eventSourceOf,
  fileMayHandleWebhooks,
  getFileEventDispatches,
  isProviderEvent,
  paymentOutcome,
} from '../../src/detect/webhook.js';
import { probe } from '../lint-probe.js';

function dispatches(code: string): { events: string[][]; source: string }[] {
  let out: { events: string[][]; source: string }[] = [];
  probe(code, (context) => ({
    'Program:exit'() {
      out = getFileEventDispatches(context).map((d) => ({
        events: d.branches.map((b) => b.events),
        source: eventSourceOf(d.event, d.scope).kind,
      }));
    },
  }));
  return out;
}

describe('event names', () => {
  it('knows the payment outcomes of each provider, and which confirm a payment', () => {
    expect(paymentOutcome('payment_intent.succeeded')).toEqual({ provider: 'stripe', success: true });
    expect(paymentOutcome('checkout.session.expired')).toEqual({ provider: 'stripe', success: false });
    expect(paymentOutcome('charge.dispute.created')).toEqual({ provider: 'stripe', success: false });
    expect(paymentOutcome('PAYMENT.CAPTURE.COMPLETED')).toEqual({ provider: 'paypal', success: true });
    expect(paymentOutcome('CHECKOUT.ORDER.APPROVED')).toEqual({ provider: 'paypal', success: true });
    expect(paymentOutcome('payment.updated')).toEqual({ provider: 'square', success: false });
    expect(paymentOutcome('customer.created')).toBeNull();
    expect(paymentOutcome('invoice.paid')).toBeNull();
  });

  it('tells provider events from other strings', () => {
    expect(isProviderEvent('customer.subscription.deleted')).toBe(true);
    expect(isProviderEvent('PAYMENT.CAPTURE.DENIED')).toBe(true);
    expect(isProviderEvent('contact')).toBe(false);
    expect(isProviderEvent('user.created')).toBe(false);
  });
});

describe('fileMayHandleWebhooks', () => {
  it('opens only for a file that quotes a provider event name', () => {
    const gate = (code: string) => {
      let result = false;
      probe(code, (context) => {
        result = fileMayHandleWebhooks(context.sourceCode);
        return {};
      });
      return result;
    };
    expect(gate("if (e.type === 'checkout.session.completed') f();")).toBe(true);
    expect(gate('const t = `PAYMENT.CAPTURE.${s}`;')).toBe(true);
    expect(gate('const payment = { id: 1 }; payment.updated = true;')).toBe(false);
    expect(gate("export const x = 'hello';")).toBe(false);
  });
});

describe('getFileEventDispatches', () => {
  it('reads switch cases, shared cases and consts', () => {
    expect(
      dispatches(`const DONE = 'checkout.session.completed';
export function f(event: any) {
  switch (event.type) {
    case 'payment_intent.succeeded':
    case DONE:
      g();
      break;
    case 'charge.refunded':
      h();
  }
}`),
    ).toEqual([{ events: [['payment_intent.succeeded', 'checkout.session.completed'], ['charge.refunded']], source: 'unknown' }]);
  });

  it('reads if chains once, and early returns on !==', () => {
    expect(
      dispatches(`export async function POST(request: Request) {
  const event = await request.json();
  if (event.type === 'a.b' || event.type === 'payment_intent.succeeded') g();
  else if (event.type === 'charge.refunded') h();
}`),
    ).toEqual([{ events: [['a.b', 'payment_intent.succeeded'], ['charge.refunded']], source: 'body' }]);
    expect(
      dispatches(`export async function POST(req: Request) {
  const { type } = JSON.parse(await req.text());
  if (type !== 'checkout.session.completed') return;
  g();
}`),
    ).toEqual([{ events: [['checkout.session.completed']], source: 'body' }]);
  });

  it('does not take a switch on something else for a dispatch', () => {
    expect(dispatches("switch (order.status) { case 'payment_intent.succeeded': f(); }")).toEqual([]);
    expect(dispatches("switch (x.type) { case y: f(); }")).toEqual([]);
  });
});

describe('eventSourceOf', () => {
  it('tells a verified event from a raw body', () => {
    expect(
      dispatches(`import Stripe from 'stripe';
const stripe = new Stripe('k');
export async function POST(request: Request) {
  let event;
  try { event = await stripe.webhooks.constructEventAsync(await request.text(), 's', 'w'); } catch { return; }
  if (event.type === 'checkout.session.completed') g();
}
export function express(req: any) {
  switch (req.body.type) { case 'payment_intent.succeeded': g(); }
}
export function other(event: any) {
  switch (event.type) { case 'payment_intent.succeeded': g(); }
}`).map((d) => d.source),
    ).toEqual(['verified', 'body', 'unknown']);
  });
});
