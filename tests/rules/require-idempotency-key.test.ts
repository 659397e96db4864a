import rule from '../../src/rules/require-idempotency-key.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

const IMPORT = "import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_KEY!);\n";
const SQUARE = "import { SquareClient } from 'square';\nconst square = new SquareClient({ token: 't' });\n";
const PAYPAL = "import { Client, OrdersController } from '@paypal/paypal-server-sdk';\nconst orders = new OrdersController(new Client({}));\n";

ruleTester.run('require-idempotency-key', rule, {
  valid: [
    // a key built from the booking id
    `${IMPORT}export async function pay(booking: { id: string }) {
  return stripe.paymentIntents.create({ amount: 1, currency: 'eur', metadata: { bookingId: booking.id } }, { idempotencyKey: \`pi-\${booking.id}\` });
}`,
    `${IMPORT}export async function pay(bookingId: string) {
  const opts = { idempotencyKey: bookingId };
  return stripe.checkout.sessions.create({ mode: 'payment' }, opts);
}`,
    // options the rule cannot see
    `${IMPORT}export async function pay(options: Stripe.RequestOptions) { return stripe.paymentIntents.create({ amount: 1 }, options); }`,
    `${IMPORT}export async function pay(extra: object) { return stripe.paymentIntents.create({ amount: 1 }, { ...extra }); }`,
    `${IMPORT}export async function pay(args: [Stripe.PaymentIntentCreateParams]) { return stripe.paymentIntents.create(...args); }`,
    // a local function named like a generator is the project's own (unknown)
    `${IMPORT}function uuid(b: { id: string }) { return 'pi-' + b.id; }
export async function pay(booking: { id: string }) { return stripe.paymentIntents.create({ amount: 1 }, { idempotencyKey: uuid(booking) }); }`,
    // Square: idempotencyKey from the booking
    `${SQUARE}export async function pay(booking: { id: string }, sourceId: string) {
  return square.payments.create({ sourceId, idempotencyKey: booking.id, amountMoney: { amount: 1n, currency: 'EUR' }, referenceId: booking.id });
}`,
    // PayPal: paypalRequestId from the booking
    `${PAYPAL}export async function order(booking: { id: string }) {
  return orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [] }, paypalRequestId: \`order-\${booking.id}\` });
}`,
    // not payment creations
    `${IMPORT}stripe.customers.create({ email: 'a@b.c' });`,
    `${IMPORT}stripe.refunds.create({ payment_intent: 'pi_1' });`,
  ],
  invalid: [
    // no options at all, with a suggestion from the booking in scope
    {
      code: `${IMPORT}export async function pay(booking: { id: string }) {
  return stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
}`,
      errors: [
        {
          messageId: 'missingKey',
          line: 4,
          column: 10,
          data: { label: 'PaymentIntent', option: 'idempotencyKey' },
          suggestions: [
            {
              messageId: 'suggestKey',
              data: { text: 'idempotencyKey: `payment-intent-${booking.id}`' },
              output: `${IMPORT}export async function pay(booking: { id: string }) {
  return stripe.paymentIntents.create({ amount: 1, currency: 'eur' }, { idempotencyKey: \`payment-intent-\${booking.id}\` });
}`,
            },
          ],
        },
      ],
    },
    // options without a key; no booking in scope: no suggestion
    {
      code: `${IMPORT}stripe.checkout.sessions.create({ mode: 'payment' }, { stripeAccount: 'acct_1' });`,
      errors: [{ messageId: 'missingKey', line: 3, column: 1, data: { label: 'Checkout Session', option: 'idempotencyKey' }, suggestions: [] }],
    },
    // randomUUID()
    {
      code: `${IMPORT}import { randomUUID } from 'node:crypto';
export async function pay(bookingId: string) {
  return stripe.paymentIntents.create({ amount: 1 }, { idempotencyKey: randomUUID() });
}`,
      errors: [
        {
          messageId: 'randomKey',
          line: 5,
          column: 72,
          data: { label: 'PaymentIntent', source: 'randomUUID()', example: 'idempotencyKey: `payment-intent-${bookingId}`' },
          suggestions: [
            {
              messageId: 'suggestKey',
              data: { text: '`payment-intent-${bookingId}`' },
              output: `${IMPORT}import { randomUUID } from 'node:crypto';
export async function pay(bookingId: string) {
  return stripe.paymentIntents.create({ amount: 1 }, { idempotencyKey: \`payment-intent-\${bookingId}\` });
}`,
            },
          ],
        },
      ],
    },
    // Date.now() through a const, and Math.random() in a template
    {
      code: `${IMPORT}const key = 'pi-' + Date.now();\nstripe.paymentIntents.create({ amount: 1 }, { idempotencyKey: key });`,
      errors: [{ messageId: 'randomKey', line: 4, data: { label: 'PaymentIntent', source: 'Date.now()', example: 'idempotencyKey: `payment-intent-${booking.id}`' } }],
    },
    {
      code: `${IMPORT}stripe.charges.create({ amount: 1 }, { idempotencyKey: \`c-\${Math.random()}\` });`,
      errors: [{ messageId: 'randomKey', line: 3, data: { label: 'Charge', source: 'Math.random()', example: 'idempotencyKey: `charge-${booking.id}`' } }],
    },
    // crypto.randomUUID() and uuid's v4
    {
      code: `${IMPORT}stripe.paymentIntents.create({ amount: 1 }, { idempotencyKey: crypto.randomUUID() });`,
      errors: [{ messageId: 'randomKey', line: 3 }],
    },
    {
      code: `${IMPORT}import { v4 as uuidv4 } from 'uuid';\nstripe.paymentIntents.create({ amount: 1 }, { idempotencyKey: uuidv4() });`,
      errors: [{ messageId: 'randomKey', line: 4 }],
    },
    // a constant key
    {
      code: `${IMPORT}stripe.paymentIntents.create({ amount: 1 }, { idempotencyKey: 'checkout' });`,
      errors: [{ messageId: 'constantKey', line: 3, column: 63 }],
    },
    // Square without a key, with a suggestion into the params
    {
      code: `${SQUARE}export async function pay(booking: { id: string }, sourceId: string) {
  return square.payments.create({ sourceId, amountMoney: { amount: 1n, currency: 'EUR' }, referenceId: booking.id });
}`,
      errors: [
        {
          messageId: 'missingKey',
          data: { label: 'Square payment', option: 'idempotencyKey' },
          suggestions: [
            {
              messageId: 'suggestKey',
              data: { text: 'idempotencyKey: `square-payment-${booking.id}`' },
              output: `${SQUARE}export async function pay(booking: { id: string }, sourceId: string) {
  return square.payments.create({ sourceId, amountMoney: { amount: 1n, currency: 'EUR' }, referenceId: booking.id, idempotencyKey: \`square-payment-\${booking.id}\` });
}`,
            },
          ],
        },
      ],
    },
    // Square with a random key (require('crypto'))
    {
      code: `const crypto = require('crypto');\nconst { SquareClient } = require('square');\nconst square = new SquareClient({});
square.payments.create({ sourceId: 'cnon', idempotencyKey: crypto.randomUUID(), amountMoney: { amount: 1, currency: 'EUR' } });`,
      errors: [{ messageId: 'randomKey', line: 4, data: { label: 'Square payment', source: 'randomUUID()', example: 'idempotencyKey: `square-payment-${booking.id}`' } }],
    },
    // PayPal without paypalRequestId
    {
      code: `${PAYPAL}export async function order(booking: { id: string }) {
  return orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ customId: booking.id }] } });
}`,
      errors: [
        {
          messageId: 'missingKey',
          data: { label: 'PayPal order', option: 'paypalRequestId' },
          suggestions: [
            {
              messageId: 'suggestKey',
              data: { text: 'paypalRequestId: `paypal-order-${booking.id}`' },
              output: `${PAYPAL}export async function order(booking: { id: string }) {
  return orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ customId: booking.id }] }, paypalRequestId: \`paypal-order-\${booking.id}\` });
}`,
            },
          ],
        },
      ],
    },
  ],
});
