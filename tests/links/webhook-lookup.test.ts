import { describe, expect, it } from 'vitest';

import { collectWebhookLookups, describeWebhookLookup, type WebhookLookupFact } from '../../src/links/webhook-lookup.js';
import { probe } from '../lint-probe.js';

function facts(code: string): WebhookLookupFact[] {
  let out: WebhookLookupFact[] = [];
  probe(code, (context) => ({
    'Program:exit'() {
      out = collectWebhookLookups(context);
    },
  }));
  return out;
}

const ROUTE = `import Stripe from 'stripe';
import { prisma } from '@/lib/db';
import { notify } from '@/lib/notify';
const stripe = new Stripe('k');
export async function POST(request: Request) {
  const event = stripe.webhooks.constructEvent(await request.text(), 's', 'w');
  switch (event.type) {
    case 'checkout.session.completed':
      await prisma.booking.update({
        where: { id: event.data.object.metadata!.bookingId },
        data: { status: 'PAID' },
      });
      break;
    case 'charge.refunded':
      await prisma.booking.updateMany({ where: { email: event.data.object.billing_details.email! }, data: { status: 'REFUNDED' } });
      break;
    case 'payment_intent.payment_failed':
      await notify(event.data.object);
      break;
    case 'customer.created':
      break;
  }
}`;

describe('collectWebhookLookups', () => {
  it('gives each payment-outcome branch its verdict and position', () => {
    expect(facts(ROUTE)).toEqual([
      { provider: 'stripe', events: ['checkout.session.completed'], status: 'maps', via: 'metadata.bookingId', line: 10, column: 18 },
      { provider: 'stripe', events: ['charge.refunded'], status: 'guesses', via: '`email`', line: 15, column: 41 },
      { provider: 'stripe', events: ['payment_intent.payment_failed'], status: 'unknown', via: null, line: 17, column: 10 },
    ]);
  });

  it('costs nothing in a file without a provider event name', () => {
    expect(facts("export const x = prisma.booking.update({ where: { email: 'a' }, data: {} });")).toEqual([]);
  });

  it('reports a success that never reaches a booking', () => {
    expect(
      facts(`export function handle(event: any) {
  if (event.event_type === 'PAYMENT.CAPTURE.COMPLETED') console.log(event.resource.id);
}`),
    ).toEqual([{ provider: 'paypal', events: ['PAYMENT.CAPTURE.COMPLETED'], status: 'no-booking', via: null, line: 2, column: 7 }]);
  });
});

describe('describeWebhookLookup', () => {
  const file = 'src/app/api/webhooks/stripe/route.ts';
  it('says how the webhook maps back, with file and line', () => {
    const all = facts(ROUTE).map((f) => ({ ...f, file }));
    expect(describeWebhookLookup('stripe', all.slice(0, 1))).toBe(
      'webhook: maps back by metadata.bookingId (src/app/api/webhooks/stripe/route.ts:10)',
    );
    expect(describeWebhookLookup('stripe', all)).toBe(
      'webhook: maps back by metadata.bookingId (src/app/api/webhooks/stripe/route.ts:10); GUESSES the booking in 1 branch: charge.refunded by `email` (src/app/api/webhooks/stripe/route.ts:15)',
    );
  });

  it('says what is missing', () => {
    expect(describeWebhookLookup('paypal', [])).toBe("webhook: no handler for PayPal's payment events found");
    expect(
      describeWebhookLookup('stripe', [
        { provider: 'stripe', events: ['payment_intent.succeeded'], status: 'no-booking', via: null, line: 7, column: 10, file },
      ]),
    ).toBe('webhook: NEVER reaches a booking on payment_intent.succeeded (src/app/api/webhooks/stripe/route.ts:7)');
    expect(
      describeWebhookLookup('stripe', [
        { provider: 'stripe', events: ['payment_intent.succeeded'], status: 'unknown', via: null, line: 7, column: 10, file },
      ]),
    ).toBe('webhook: handled (src/app/api/webhooks/stripe/route.ts:7), booking lookup not visible (in another module)');
  });
});
