import { describe, expect, it } from 'vitest';

import { DEFAULT_PROVIDER_ID_COLUMN_PATTERN, isProviderIdColumn } from '../../src/config/vocabulary.js';
import {
  columnFitsProvider,
  columnHintOf,
  CREATION_SPECS,
  expectedReferenceOf,
  isRecognisedProvider,
  labelWithProvider,
  PROVIDERS,
  providerDisplayName,
  providerIdColumn,
  RECEIVERS,
  referenceLocation,
  referenceOf,
  referencesOf,
  REQUEST_OBJECT_SPECS,
  REST_ENDPOINT_SPECS,
  RESOURCE_HINT,
  RESOURCE_WORDS,
  SERVER_PAYMENT_SDKS,
  WEBHOOK_OUTCOMES,
  webhookEventsOf,
} from '../../src/providers/index.js';
import { OTHER_PROVIDERS } from '../../src/providers/other.js';

describe('provider specs', () => {
  it('gives each (provider, path, method) one spec, and each kind to one provider', () => {
    const calls = CREATION_SPECS.map((s) => `${s.provider}:${s.path.join('.')}.${s.method}`);
    expect(new Set(calls).size).toBe(calls.length);
    const owner = new Map<string, string>();
    for (const spec of CREATION_SPECS) {
      expect(owner.get(spec.kind) ?? spec.provider).toBe(spec.provider);
      owner.set(spec.kind, spec.provider);
    }
  });

  it('names each kind the same way, whichever SDK call creates it', () => {
    for (const spec of CREATION_SPECS) {
      const first = CREATION_SPECS.find((s) => s.kind === spec.kind)!;
      expect([spec.label, spec.idColumn]).toEqual([first.label, first.idColumn]);
    }
  });

  it('describes every kind a provider creates, and no other', () => {
    for (const provider of PROVIDERS) {
      const made = [...provider.creations, ...(provider.requestObjects ?? []), ...(provider.restEndpoints ?? [])];
      expect(Object.keys(provider.kinds).sort()).toEqual([...new Set(made.map((c) => c.kind))].sort());
    }
  });

  it('has unique ids and SDK packages, and binds clients only to packages it lists', () => {
    const ids = [...PROVIDERS, ...OTHER_PROVIDERS].map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const packages = [...PROVIDERS, ...OTHER_PROVIDERS].flatMap((p) => p.sdkPackages);
    expect(new Set(packages).size).toBe(packages.length);
    for (const provider of PROVIDERS) {
      for (const name of provider.clientPackages) expect(provider.sdkPackages).toContain(name);
    }
  });

  it('recognises the providers with creation specs, not the ones detected for N/A', () => {
    expect(PROVIDERS.map((p) => p.id)).toEqual(['stripe', 'paypal', 'square', 'razorpay', 'mollie', 'adyen', 'braintree']);
    expect(isRecognisedProvider('paypal')).toBe(true);
    expect(isRecognisedProvider('adyen')).toBe(true);
    expect(isRecognisedProvider('paddle')).toBe(false);
  });
});

describe('derived lookups', () => {
  it('maps every server SDK package to its provider', () => {
    expect(SERVER_PAYMENT_SDKS.get('stripe')).toBe('stripe');
    expect(SERVER_PAYMENT_SDKS.get('@paypal/checkout-server-sdk')).toBe('paypal');
    expect(SERVER_PAYMENT_SDKS.get('checkout-sdk-node')).toBe('checkout.com');
    expect(SERVER_PAYMENT_SDKS.has('@stripe/stripe-js')).toBe(false);
    expect(SERVER_PAYMENT_SDKS.size).toBe(14);
  });

  it('lists the receivers of each method (null: any receiver)', () => {
    expect(RECEIVERS.get('create')).toEqual(new Set(['paymentIntents', 'sessions', 'charges', 'payments', 'orders']));
    expect(RECEIVERS.get('sale')).toEqual(new Set(['transaction']));
    expect(RECEIVERS.get('payments')).toBeNull();
    expect(RECEIVERS.get('createOrder')).toBeNull();
    expect(RECEIVERS.get('createPayment')).toEqual(new Set(['paymentsApi']));
    expect(RECEIVERS.has('retrieve')).toBe(false);
  });

  it.each([
    ['stripe.paymentIntents.create', true],
    ['const { checkout: { sessions } } = stripe', true],
    ['orders.createOrder(x)', true],
    ['client.paymentsApi.createPayment(x)', true],
    ['prisma.booking.create({ data })', false],
    ['stripe.customers.create({})', false],
    ['razorpay.orders.create({})', true],
    ['gateway.transaction.sale({})', true],
    ['new paypal.orders.OrdersCreateRequest()', true],
    ['fetch(`${base}/v2/checkout/orders`, init)', true],
    ['checkout.PaymentsApi.sessions({})', true],
    // Prisma's interactive transaction is no Braintree resource
    ['await prisma.$transaction(async (tx) => tx.booking.update({}))', false],
    ['fetch(`${base}/v2/invoicing/invoices`, init)', false],
  ])('the resource words find %s: %s', (text, expected) => {
    expect(RESOURCE_WORDS.test(text)).toBe(expected);
    // The cheaper hint tried first never says no where the words say yes.
    if (expected) expect(RESOURCE_HINT.test(text)).toBe(true);
  });

  it('the resource hint holds every resource word, and misses ordinary code', () => {
    const words = RESOURCE_WORDS.source.replace(/^\\b\(\?:|\)\\b$/g, '').split('|').map((w) => w.replace(/\\\//g, '/'));
    expect(words.length).toBeGreaterThan(8);
    for (const word of words) expect(RESOURCE_HINT.test(`x.${word}.y`), word).toBe(true);
    expect(RESOURCE_HINT.test('export const total = items.reduce((a, b) => a + b.price, 0);')).toBe(false);
  });

  it('gives the conventional column per provider', () => {
    expect(providerIdColumn(undefined)).toBe('paymentIntentId');
    expect(providerIdColumn('paypal')).toBe('paypalOrderId');
    expect(providerIdColumn('square')).toBe('squarePaymentId');
    expect(providerIdColumn('mollie')).toBe('molliePaymentId');
    expect(providerIdColumn('razorpay')).toBe('razorpayOrderId');
    expect(providerIdColumn('adyen')).toBe('adyenPaymentId');
    expect(providerIdColumn('braintree')).toBe('braintreeTransactionId');
    expect(providerIdColumn('paddle')).toBe('paymentId');
  });

  it('names providers and labels', () => {
    expect(providerDisplayName('paypal')).toBe('PayPal');
    expect(providerDisplayName('lemonsqueezy')).toBe('Lemon Squeezy');
    expect(providerDisplayName('checkout.com')).toBe('Checkout.com');
    expect(providerDisplayName('acme')).toBe('Acme');
    expect(labelWithProvider('Stripe', 'PaymentIntent')).toBe('Stripe PaymentIntent');
    expect(labelWithProvider('PayPal', 'PayPal order')).toBe('PayPal order');
  });

  it('tells where the booking id goes', () => {
    expect(referenceOf('paypalOrder')?.fields[0]).toBe('customId');
    expect(referenceOf('squarePayment')?.location).toBe('referenceId');
    expect(referenceOf('paymentIntent')).toBeUndefined();
    expect(expectedReferenceOf('paypal', ['bookingId'])).toBe('purchaseUnits[].customId');
    expect(expectedReferenceOf('square', ['bookingId'])).toBe('referenceId');
    expect(expectedReferenceOf('stripe', ['reservationId'])).toBe('metadata.reservationId');
    expect(expectedReferenceOf('adyen', [])).toBe('reference');
    expect(expectedReferenceOf('razorpay', ['reservationId'])).toBe('notes.reservationId');
    expect(expectedReferenceOf('braintree', [])).toBe('orderId');
    expect(expectedReferenceOf('mollie', [])).toBe('metadata.bookingId');
    expect(expectedReferenceOf('paddle', [])).toBe('metadata.bookingId');
    expect(referencesOf('razorpayOrder').map((r) => r.location)).toEqual(['notes', 'receipt']);
    expect(referencesOf('paypalOrderJson')[0]?.fields[0]).toBe('custom_id');
  });

  it.each([
    ['paymentIntent', 'stripePaymentIntentId', true],
    ['checkoutSession', 'stripe_session_id', true],
    ['checkoutSession', 'paymentIntentId', false],
    ['paypalOrder', 'orderId', true],
    ['squarePayment', 'squarePaymentId', true],
    ['squarePayment', 'paypalOrderId', false],
  ] as const)('the %s column hint on %s: %s', (kind, column, expected) => {
    expect(columnHintOf(kind)?.test(column)).toBe(expected);
  });
});

describe('columnFitsProvider', () => {
  it.each([
    ['paymentIntentId', 'stripe', true],
    ['externalId', 'paypal', true],
    ['paypalOrderId', 'paypal', true],
    ['paypalOrderId', 'stripe', false],
    ['stripe_session_id', 'square', false],
    ['square_payment_id', 'square', true],
    ['mollieId', 'stripe', false],
    ['mollieId', 'mollie', true],
    // `checkout` is Stripe's Checkout Session, not checkout.com's word.
    ['checkoutSessionId', 'stripe', true],
    ['checkoutSessionId', 'checkout.com', true],
    ['stripeId', 'checkout.com', false],
  ])('%s for %s: %s', (column, provider, expected) => {
    expect(columnFitsProvider(column, provider)).toBe(expected);
  });
});

describe('the default provider-id column pattern', () => {
  it('takes its provider prefixes from the providers', () => {
    for (const provider of PROVIDERS) {
      for (const word of provider.columnWords) expect(isProviderIdColumn(`${word}PaymentId`)).toBe(true);
    }
    expect(DEFAULT_PROVIDER_ID_COLUMN_PATTERN.flags).toBe('i');
  });

  it.each([
    ['paymentIntentId', true],
    ['stripe_session_id', true],
    ['paypalOrderId', true],
    ['squarePaymentId', true],
    ['checkoutSessionId', true],
    ['providerId', true],
    ['mollieId', false],
    ['roomId', false],
    ['userId', false],
  ])('%s: %s', (name, expected) => {
    expect(isProviderIdColumn(name)).toBe(expected);
  });
});

describe('provider data', () => {
  it('gives every recognised provider webhook events and a conventional column the default pattern matches', () => {
    for (const provider of PROVIDERS) {
      expect(provider.webhookEvents.length).toBeGreaterThan(0);
      expect(webhookEventsOf(provider.id)).toEqual(provider.webhookEvents);
      for (const creation of provider.creations) expect(isProviderIdColumn(creation.idColumn)).toBe(true);
    }
    expect(webhookEventsOf('paddle')).toEqual([]);
  });

  it('lists the request objects and REST endpoints with their id paths', () => {
    expect(REQUEST_OBJECT_SPECS.map((s) => [s.provider, s.className, s.executeMethod, s.idPath.join('.')])).toEqual([
      ['paypal', 'OrdersCreateRequest', 'execute', 'result.id'],
    ]);
    expect(REST_ENDPOINT_SPECS.map((s) => [s.provider, s.path, s.fetchIdPath.join('.'), s.axiosIdPath.join('.')])).toEqual([
      ['paypal', '/v2/checkout/orders', 'json().id', 'data.id'],
    ]);
  });

  it('names a keyed reference with the first key', () => {
    const notes = referencesOf('razorpayOrder')[0]!;
    expect(notes.keyed).toBe(true);
    expect(referenceLocation(notes, ['reservationId'])).toBe('notes.reservationId');
    expect(referenceLocation(referencesOf('braintreeTransaction')[0]!, ['bookingId'])).toBe('orderId');
  });
});

describe('webhook outcomes', () => {
  it('the webhook rules know exactly the providers whose data has webhook outcomes', async () => {
    const { WEBHOOK_PROVIDERS, paymentOutcome } = await import('../../src/detect/webhook.js');
    expect(WEBHOOK_OUTCOMES.map((o) => o.provider)).toEqual([...WEBHOOK_PROVIDERS]);
    expect(paymentOutcome('payment_intent.succeeded')).toEqual({ provider: 'stripe', success: true });
    expect(paymentOutcome('PAYMENT.CAPTURE.DENIED')).toEqual({ provider: 'paypal', success: false });
    expect(paymentOutcome('payment.updated')).toEqual({ provider: 'square', success: false });
    expect(paymentOutcome('customer.created')).toBeNull();
  });

  it("every listed webhook event of a provider with outcomes is one of its outcomes", () => {
    for (const outcome of WEBHOOK_OUTCOMES) {
      for (const event of webhookEventsOf(outcome.provider).filter((e) => !e.startsWith('refund.'))) {
        expect(outcome.pattern.test(event), `${outcome.provider}: ${event}`).toBe(true);
      }
    }
  });
});
