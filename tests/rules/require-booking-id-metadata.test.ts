import rule from '../../src/rules/require-booking-id-metadata.js';
import { createRuleTester, createTypedRuleTester, TYPED_FILE } from '../rule-tester.js';

const ruleTester = createRuleTester();

const DEFAULT_KEYS = 'bookingId, booking_id, reservationId, reservation_id, appointmentId, appointment_id';
/** `{{reference}}` when no booking is in scope. */
const NO_BOOKING = 'the id of a booking created before this charge (none is in scope here)';
/** The full data of a report (the rule tester compares all of it). */
const data = (label: string, extra: { key?: string; keys?: string; location?: string; reference?: string } = {}) => ({
  label,
  key: extra.key ?? 'bookingId',
  keys: extra.keys ?? DEFAULT_KEYS,
  location: extra.location ?? 'metadata',
  reference: extra.reference ?? NO_BOOKING,
});

const IMPORT = "import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_KEY!);\n";

ruleTester.run('require-booking-id-metadata', rule, {
  valid: [
    // the canonical fix
    `${IMPORT}export async function pay(booking: { id: string }) {
      return stripe.paymentIntents.create({ amount: 100, currency: 'usd', metadata: { bookingId: booking.id } });
    }`,
    // every default key
    ...['booking_id', 'reservationId', 'reservation_id', 'appointmentId', 'appointment_id'].map(
      (key) => `${IMPORT}stripe.paymentIntents.create({ amount: 1, metadata: { ${key}: id } });`,
    ),
    // quoted and computed keys resolving to a const string
    `${IMPORT}stripe.paymentIntents.create({ amount: 1, metadata: { 'bookingId': id } });`,
    `${IMPORT}const KEY = 'bookingId';\nstripe.paymentIntents.create({ amount: 1, metadata: { [KEY]: id } });`,
    // shorthand
    `${IMPORT}const metadata = { bookingId: b.id };\nstripe.paymentIntents.create({ amount: 1, metadata });`,
    // params bound to a typed const, and spreads of resolvable consts
    `${IMPORT}const params: Stripe.PaymentIntentCreateParams = { amount: 1, currency: 'usd', metadata: { bookingId: 'b' } };
    stripe.paymentIntents.create(params);`,
    `${IMPORT}const base = { metadata: { bookingId: 'b' } };\nstripe.paymentIntents.create({ ...base, amount: 1 });`,
    `${IMPORT}const meta = { bookingId: 'b' };\nstripe.paymentIntents.create({ amount: 1, metadata: { ...meta, source: 'web' } });`,
    // unknowns are not reported: a parameter, a call's result, a spread of an unknown, an unknown metadata value
    `${IMPORT}export function pay(params: any) { return stripe.paymentIntents.create(params); }`,
    `${IMPORT}stripe.paymentIntents.create(buildParams());`,
    `${IMPORT}export function pay(args: [Stripe.PaymentIntentCreateParams]) { return stripe.paymentIntents.create(...args); }`,
    `${IMPORT}export function pay(extra: object) { return stripe.paymentIntents.create({ amount: 1, ...extra }); }`,
    `${IMPORT}export function pay(meta: Record<string, string>) { return stripe.paymentIntents.create({ amount: 1, metadata: meta }); }`,
    `${IMPORT}export function pay(extra: object) { return stripe.paymentIntents.create({ amount: 1, metadata: { ...extra } }); }`,
    `${IMPORT}export function pay(k: string) { return stripe.paymentIntents.create({ amount: 1, metadata: { [k]: 'x' } }); }`,
    // not payment creations
    `${IMPORT}stripe.paymentIntents.update('pi_1', { amount: 1 });`,
    `${IMPORT}stripe.paymentIntents.retrieve('pi_1');`,
    `${IMPORT}stripe.paymentIntents.cancel('pi_1');`,
    `${IMPORT}stripe.paymentIntents.list();`,
    `${IMPORT}stripe.setupIntents.create({ customer: 'cus_1' });`,
    `${IMPORT}stripe.customers.create({ email: 'a@b.c' });`,
    `${IMPORT}stripe.refunds.create({ payment_intent: 'pi_1' });`,
    // referenced, not called
    `${IMPORT}expect(stripe.paymentIntents.create).toHaveBeenCalledWith({ amount: 1 });`,
    `${IMPORT}(stripe.paymentIntents.create as any).mockResolvedValue({ id: 'pi_1' });`,
    // lookalikes: an object literal, an instance of another SDK, a local class
    `const fake = { paymentIntents: { create: (p: unknown) => p } };\nfake.paymentIntents.create({ amount: 1 });`,
    `import { Client } from 'other-payments';\nconst client = new Client();\nclient.paymentIntents.create({ amount: 1 });`,
    `class Api { paymentIntents = { create: (p: unknown) => p }; }\nconst api = new Api();\napi.paymentIntents.create({ amount: 1 });`,
    // shadowed name: the inner `stripe` is a lookalike
    `${IMPORT}function test() { const stripe = { paymentIntents: { create: (p: unknown) => p } }; stripe.paymentIntents.create({ amount: 1 }); }`,
    // legacy charges on an unknown client in a file that never mentions Stripe: not ours to judge
    `export function f(client: any) { return client.charges.create({ amount: 1 }); }`,
    // Checkout Sessions
    `${IMPORT}stripe.checkout.sessions.create({ mode: 'payment', payment_intent_data: { metadata: { bookingId: b.id } } });`,
    `${IMPORT}stripe.checkout.sessions.create({ mode: 'payment', metadata: { bookingId: b.id } });`,
    `${IMPORT}stripe.checkout.sessions.create({ mode: 'payment', client_reference_id: booking.id });`,
    `${IMPORT}stripe.checkout.sessions.create({ client_reference_id: String(reservation.id) });`,
    `${IMPORT}stripe.checkout.sessions.create({ client_reference_id: \`\${input.bookingId}\` });`,
    `${IMPORT}stripe.checkout.sessions.create({ mode: 'subscription', subscription_data: { metadata: { bookingId: b.id } } });`,
    `${IMPORT}stripe.checkout.sessions.create({ mode: 'subscription', metadata: { bookingId: b.id } });`,
    `${IMPORT}stripe.checkout.sessions.create({ mode: 'setup', customer: 'cus_1' });`,
    `${IMPORT}export function f(mode: any) { return stripe.checkout.sessions.create({ mode, subscription_data: { metadata: { bookingId: 'b' } } }); }`,
    {
      code: `${IMPORT}stripe.checkout.sessions.create({ mode: 'payment', payment_intent_data: { metadata: { bookingId: b.id } } });`,
      options: [{ requirePaymentIntentMetadata: true }],
    },
    {
      code: `${IMPORT}stripe.checkout.sessions.create({ mode: 'subscription', metadata: { bookingId: b.id } });`,
      options: [{ requirePaymentIntentMetadata: true }],
    },
    // option `keys` replaces the list; settings provide it too
    {
      code: `${IMPORT}stripe.paymentIntents.create({ amount: 1, metadata: { rentalId: r.id } });`,
      options: [{ keys: ['rentalId'] }],
    },
    {
      code: `${IMPORT}stripe.paymentIntents.create({ amount: 1, metadata: { ticketId: t.id } });`,
      settings: { 'booking-payment': { keys: ['ticketId'] } },
    },
    // charges carrying the id
    `${IMPORT}stripe.charges.create({ amount: 1, source: 'tok', metadata: { booking_id: b.id } });`,
  ],
  invalid: [
    {
      code: `${IMPORT}export async function pay(booking: { id: string }) {
  return stripe.paymentIntents.create({ amount: 100, currency: 'usd' });
}`,
      errors: [
        {
          messageId: 'missingMetadata',
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 72,
          data: data('PaymentIntent', { reference: '`booking.id`' }),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'metadata: { bookingId: booking.id }' },
              output: `${IMPORT}export async function pay(booking: { id: string }) {
  return stripe.paymentIntents.create({ amount: 100, currency: 'usd', metadata: { bookingId: booking.id } });
}`,
            },
          ],
        },
      ],
    },
    {
      // metadata without the key: reported on the property, the key inserted into the literal
      code: `${IMPORT}export async function pay(bookingId: string) {
  return stripe.paymentIntents.create({
    amount: 100,
    metadata: { userId: 'u1' },
  });
}`,
      errors: [
        {
          messageId: 'missingKey',
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'bookingId' },
              output: `${IMPORT}export async function pay(bookingId: string) {
  return stripe.paymentIntents.create({
    amount: 100,
    metadata: { userId: 'u1', bookingId },
  });
}`,
            },
          ],
        },
      ],
    },
    {
      // multi-line params: the new property goes on its own line; no booking in scope: no suggestion
      code: `${IMPORT}export async function pay() {
  return stripe.paymentIntents.create({
    amount: 100,
    currency: 'usd',
  });
}`,
      errors: [{ messageId: 'missingMetadata', line: 4, column: 10, suggestions: [] }],
    },
    {
      code: `${IMPORT}async function pay(reservation: { id: string }) {
  await stripe.paymentIntents.create({
    amount: 100,
    currency: 'usd',
  });
}`,
      errors: [
        {
          messageId: 'missingMetadata',
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'metadata: { reservationId: reservation.id }' },
              output: `${IMPORT}async function pay(reservation: { id: string }) {
  await stripe.paymentIntents.create({
    amount: 100,
    currency: 'usd',
    metadata: { reservationId: reservation.id },
  });
}`,
            },
          ],
        },
      ],
    },
    {
      // metadata: null, and empty metadata
      code: `${IMPORT}stripe.paymentIntents.create({ amount: 1, metadata: null });\nstripe.paymentIntents.create({ amount: 1, metadata: {} });`,
      errors: [
        { messageId: 'missingKey', line: 3, column: 43 },
        { messageId: 'missingKey', line: 4, column: 43 },
      ],
    },
    {
      // params through a const, a spread and a computed key that resolve
      code: `${IMPORT}const base = { currency: 'usd' };
const K = 'userId';
const params = { ...base, amount: 1, metadata: { [K]: 'u' } };
stripe.paymentIntents.create(params);`,
      errors: [{ messageId: 'missingKey', line: 5, column: 38 }],
    },
    // ---- finding the client by binding ----
    {
      // renamed default import
      code: "import StripeSDK from 'stripe';\nconst payments = new StripeSDK('sk');\npayments.paymentIntents.create({ amount: 1 });",
      errors: [{ messageId: 'missingMetadata', line: 3, column: 1 }],
    },
    {
      // named import and namespace import
      code: "import { Stripe as S } from 'stripe';\nconst s = new S('sk');\ns.paymentIntents.create({ amount: 1 });",
      errors: [{ messageId: 'missingMetadata', line: 3 }],
    },
    {
      // member alias
      code: `${IMPORT}const pi = stripe.paymentIntents;\npi.create({ amount: 1 });`,
      errors: [{ messageId: 'missingMetadata', line: 4, column: 1 }],
    },
    {
      // destructuring
      code: `${IMPORT}const { paymentIntents } = stripe;\npaymentIntents.create({ amount: 1 });\nconst { checkout: { sessions } } = stripe;\nsessions.create({ mode: 'payment' });`,
      errors: [
        { messageId: 'missingMetadata', line: 4 },
        { messageId: 'missingCheckoutMetadata', line: 6 },
      ],
    },
    {
      // this.stripe, getStripe(), ctx.stripe?., client?.
      code: `import type Stripe from 'stripe';
class PaymentService {
  constructor(private stripe: Stripe) {}
  pay() { return this.stripe.paymentIntents.create({ amount: 1 }); }
}
export function a() { return getStripe().paymentIntents.create({ amount: 1 }); }
export function b(ctx: { stripe?: Stripe }) { return ctx.stripe?.paymentIntents.create({ amount: 1 }); }
export function c(client?: Stripe) { return client?.paymentIntents.create({ amount: 1 }); }`,
      errors: [
        { messageId: 'missingMetadata', line: 4, column: 18 },
        { messageId: 'missingMetadata', line: 6, column: 30 },
        { messageId: 'missingMetadata', line: 7, column: 54 },
        { messageId: 'missingMetadata', line: 8, column: 45 },
      ],
    },
    {
      // a client imported from a local module
      code: "import { stripe } from '@/lib/stripe';\nexport const pay = () => stripe.paymentIntents.create({ amount: 1 });\nexport const charge = () => stripe.charges.create({ amount: 1 });",
      errors: [
        { messageId: 'missingMetadata', line: 2, column: 26, data: data('PaymentIntent') },
        { messageId: 'missingMetadata', line: 3, column: 29, data: data('Charge') },
      ],
    },
    {
      // new Stripe().paymentIntents directly, and a client held in a visible object literal
      code: "import Stripe from 'stripe';\nnew Stripe('sk').paymentIntents.create({ amount: 1 });\nconst deps = { stripe: new Stripe('sk') };\ndeps.stripe.charges.create({ amount: 1 });",
      errors: [
        { messageId: 'missingMetadata', line: 2 },
        { messageId: 'missingMetadata', line: 4, data: data('Charge') },
      ],
    },
    {
      // TS import-equals
      code: "import Stripe = require('stripe');\nconst stripe = new Stripe('sk');\nstripe.charges.create({ amount: 1 });",
      errors: [{ messageId: 'missingMetadata', line: 3 }],
    },
    // ---- Checkout Sessions ----
    {
      code: `${IMPORT}export async function checkout(booking: { id: string }) {
  return stripe.checkout.sessions.create({ mode: 'payment', line_items: [] });
}`,
      errors: [
        {
          messageId: 'missingCheckoutMetadata',
          line: 4,
          column: 10,
          data: data('Checkout Session', { location: 'payment_intent_data.metadata', reference: '`booking.id`' }),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'payment_intent_data: { metadata: { bookingId: booking.id } }' },
              output: `${IMPORT}export async function checkout(booking: { id: string }) {
  return stripe.checkout.sessions.create({ mode: 'payment', line_items: [], payment_intent_data: { metadata: { bookingId: booking.id } } });
}`,
            },
          ],
        },
      ],
    },
    {
      // client_reference_id that is not booking-like; session metadata without the key
      code: `${IMPORT}stripe.checkout.sessions.create({ client_reference_id: user.id });\nstripe.checkout.sessions.create({ mode: 'payment', metadata: { userId: 'u' } });`,
      errors: [
        { messageId: 'missingCheckoutMetadata', line: 3, column: 1 },
        { messageId: 'missingCheckoutMetadata', line: 4, column: 52 },
      ],
    },
    {
      // subscription mode points at subscription_data
      code: `${IMPORT}const booking = { id: 'b' };\nstripe.checkout.sessions.create({ mode: 'subscription', subscription_data: { trial_period_days: 7 } });`,
      errors: [
        {
          messageId: 'missingCheckoutMetadata',
          data: data('Checkout Session', { location: 'subscription_data.metadata', reference: '`booking.id`' }),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'metadata: { bookingId: booking.id }' },
              output: `${IMPORT}const booking = { id: 'b' };\nstripe.checkout.sessions.create({ mode: 'subscription', subscription_data: { trial_period_days: 7, metadata: { bookingId: booking.id } } });`,
            },
          ],
        },
      ],
    },
    {
      // strict: session metadata or client_reference_id alone does not reach the PaymentIntent
      code: `${IMPORT}const booking = { id: 'b' };
stripe.checkout.sessions.create({ mode: 'payment', metadata: { bookingId: booking.id } });
stripe.checkout.sessions.create({ client_reference_id: booking.id, payment_intent_data: { description: 'x' } });`,
      options: [{ requirePaymentIntentMetadata: true }],
      errors: [
        {
          messageId: 'sessionMetadataOnly',
          line: 4,
          column: 52,
          data: data('Checkout Session', { location: 'payment_intent_data.metadata' }),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'payment_intent_data: { metadata: { bookingId: booking.id } }' },
              output: `${IMPORT}const booking = { id: 'b' };
stripe.checkout.sessions.create({ mode: 'payment', metadata: { bookingId: booking.id }, payment_intent_data: { metadata: { bookingId: booking.id } } });
stripe.checkout.sessions.create({ client_reference_id: booking.id, payment_intent_data: { description: 'x' } });`,
            },
          ],
        },
        {
          messageId: 'sessionMetadataOnly',
          line: 5,
          column: 35,
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'metadata: { bookingId: booking.id }' },
              output: `${IMPORT}const booking = { id: 'b' };
stripe.checkout.sessions.create({ mode: 'payment', metadata: { bookingId: booking.id } });
stripe.checkout.sessions.create({ client_reference_id: booking.id, payment_intent_data: { description: 'x', metadata: { bookingId: booking.id } } });`,
            },
          ],
        },
      ],
    },
    // ---- legacy charges, options ----
    {
      code: `${IMPORT}stripe.charges.create({ amount: 1, source: 'tok', metadata: { order: '1' } });`,
      errors: [{ messageId: 'missingKey', data: data('Charge') }],
    },
    {
      code: `${IMPORT}const rental = { id: 'r' };\nstripe.paymentIntents.create({ amount: 1, metadata: { bookingId: rental.id } });`,
      options: [{ keys: ['rentalId', 'rental_id'] }],
      errors: [
        {
          messageId: 'missingKey',
          data: data('PaymentIntent', { key: 'rentalId', keys: 'rentalId, rental_id', reference: '`rental.id`' }),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'rentalId: rental.id' },
              output: `${IMPORT}const rental = { id: 'r' };\nstripe.paymentIntents.create({ amount: 1, metadata: { bookingId: rental.id, rentalId: rental.id } });`,
            },
          ],
        },
      ],
    },
    {
      // a booking declared after the call is not offered
      code: `${IMPORT}function f() { stripe.paymentIntents.create({ amount: 1 }); const booking = { id: 'b' }; return booking; }`,
      errors: [{ messageId: 'missingMetadata', suggestions: [] }],
    },
  ],
});

// CommonJS, in plain JavaScript
ruleTester.run('require-booking-id-metadata (CommonJS)', rule, {
  valid: [
    {
      code: "const stripe = require('stripe')(process.env.KEY);\nstripe.paymentIntents.create({ amount: 1, metadata: { bookingId: b.id } });",
      filename: 'pay.js',
      languageOptions: { parserOptions: { sourceType: 'script' } },
    },
  ],
  invalid: [
    {
      code: "const stripe = require('stripe')(process.env.KEY);\nmodule.exports = (booking) => stripe.paymentIntents.create({ amount: 1 });",
      filename: 'pay.js',
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [
        {
          messageId: 'missingMetadata',
          line: 2,
          column: 31,
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'metadata: { bookingId: booking.id }' },
              output: "const stripe = require('stripe')(process.env.KEY);\nmodule.exports = (booking) => stripe.paymentIntents.create({ amount: 1, metadata: { bookingId: booking.id } });",
            },
          ],
        },
      ],
    },
    {
      code: "const Stripe = require('stripe');\nconst client = new Stripe('sk');\nclient.charges.create({ amount: 1 });",
      filename: 'pay.cjs',
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [{ messageId: 'missingMetadata', line: 3, data: data('Charge') }],
    },
  ],
});

// With type information from the real `stripe` package
const typedTester = createTypedRuleTester();

typedTester.run('require-booking-id-metadata (typed)', rule, {
  valid: [
    {
      // a receiver whose type is known and is not Stripe's
      filename: TYPED_FILE,
      code: `interface Other { paymentIntents: { create(p: object): void } }
export function f(other: Other) { other.paymentIntents.create({ amount: 1 }); }`,
    },
    {
      // a metadata value whose type has a booking key
      filename: TYPED_FILE,
      code: `import Stripe from 'stripe';
export function f(stripe: Stripe, meta: { bookingId: string; source: string }) {
  return stripe.paymentIntents.create({ amount: 1, currency: 'usd', metadata: meta });
}`,
    },
    {
      // an index-signature type stays unknown
      filename: TYPED_FILE,
      code: `import Stripe from 'stripe';
export function f(stripe: Stripe, meta: Stripe.MetadataParam) {
  return stripe.paymentIntents.create({ amount: 1, currency: 'usd', metadata: meta });
}`,
    },
    {
      // params typed by Stripe itself: metadata optional, not known to be missing
      filename: TYPED_FILE,
      code: `import Stripe from 'stripe';
export function f(stripe: Stripe, params: Stripe.PaymentIntentCreateParams) { return stripe.paymentIntents.create(params); }`,
    },
  ],
  invalid: [
    {
      // a closed type without a booking key
      filename: TYPED_FILE,
      code: `import Stripe from 'stripe';
export function f(stripe: Stripe, meta: { userId: string }) {
  return stripe.paymentIntents.create({ amount: 1, currency: 'usd', metadata: meta });
}`,
      errors: [{ messageId: 'missingKey', line: 3, column: 69 }],
    },
    {
      // a client of unknown origin whose type is Stripe's
      filename: TYPED_FILE,
      code: `import type Stripe from 'stripe';
declare function getStripe(): Stripe;
export function f() { return getStripe().charges.create({ amount: 1, currency: 'usd' }); }`,
      errors: [{ messageId: 'missingMetadata', line: 3, data: data('Charge') }],
    },
  ],
});

// PayPal Orders (server SDK) and Square Payments: the booking id travels in a fixed field.
const PAYPAL = "import { Client, OrdersController } from '@paypal/paypal-server-sdk';\nconst orders = new OrdersController(new Client({}));\n";
const SQUARE = "import { SquareClient } from 'square';\nconst square = new SquareClient({ token: 't' });\n";

ruleTester.run('require-booking-id-metadata (PayPal, Square)', rule, {
  valid: [
    `${PAYPAL}orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ customId: booking.id, amount: { currencyCode: 'EUR', value: '10' } }] } });`,
    `${PAYPAL}orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ referenceId: String(reservation.id), amount }] } });`,
    // a value the rule cannot judge
    `${PAYPAL}export const f = (ref: string) => orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ customId: ref, amount }] } });`,
    `${PAYPAL}export const f = (units: any[]) => orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: units } });`,
    `${SQUARE}square.payments.create({ sourceId: 'cnon', idempotencyKey: k, amountMoney, referenceId: booking.id });`,
    "import { Client } from 'square';\nconst client = new Client({});\nclient.paymentsApi.createPayment({ sourceId: 's', idempotencyKey: 'k', amountMoney, referenceId: bookingId });",
    // lookalikes: a Prisma delegate called `payments`, a createOrder on another shop's client
    "import { PrismaClient } from '@prisma/client';\nconst db = new PrismaClient();\ndb.payments.create({ data: { amount: 1 } });",
    "import { Shop } from 'shop-sdk';\nconst shop = new Shop();\nshop.createOrder({ body: { purchaseUnits: [{}] } });",
    // untraced receivers in files that never mention the provider
    'export const f = (c: any) => c.createOrder({ body: { purchaseUnits: [{}] } });',
    'export const f = (c: any) => c.payments.create({ sourceId: "s", amountMoney: {} });',
  ],
  invalid: [
    {
      code: `${PAYPAL}export async function pay(booking: { id: string }) {
  return orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ amount: { currencyCode: 'EUR', value: '10' } }] } });
}`,
      errors: [
        {
          messageId: 'missingReference',
          line: 4,
          column: 74,
          data: data('PayPal order', { location: 'purchaseUnits[].customId', reference: '`booking.id`' }),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'customId: booking.id' },
              output: `${PAYPAL}export async function pay(booking: { id: string }) {
  return orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ amount: { currencyCode: 'EUR', value: '10' }, customId: booking.id }] } });
}`,
            },
          ],
        },
      ],
    },
    {
      // a constant reference is not a booking id
      code: `${PAYPAL}orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ referenceId: 'default', amount }] } });`,
      errors: [{ messageId: 'missingReference', line: 3, column: 67 }],
    },
    {
      code: `${SQUARE}export async function pay(bookingId: string) {
  return square.payments.create({ sourceId: 'cnon', idempotencyKey: 'k', amountMoney: { amount: 100n, currency: 'EUR' } });
}`,
      errors: [
        {
          messageId: 'missingReference',
          line: 4,
          column: 10,
          data: data('Square payment', { location: 'referenceId', reference: '`bookingId`' }),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'referenceId: bookingId' },
              output: `${SQUARE}export async function pay(bookingId: string) {
  return square.payments.create({ sourceId: 'cnon', idempotencyKey: 'k', amountMoney: { amount: 100n, currency: 'EUR' }, referenceId: bookingId });
}`,
            },
          ],
        },
      ],
    },
    {
      // a client imported from a local module whose path names the provider, recognised by its params
      code: "import { ordersController } from '../lib/paypal';\nordersController.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ amount }] } });",
      errors: [{ messageId: 'missingReference', line: 2 }],
    },
    {
      code: "const { Client } = require('square');\nconst c = new Client({});\nc.paymentsApi.createPayment({ sourceId: 's', amountMoney });",
      filename: 'pay.js',
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [{ messageId: 'missingReference', line: 3 }],
    },
  ],
});

// Which creations are judged, what the fix can point at, and references that are not a booking's id.
ruleTester.run('require-booking-id-metadata (booking context)', rule, {
  valid: [
    // not a booking payment: a team subscription, an organisation's seats, a premium feature, billing calls
    `${IMPORT}export async function subscribeTeam(teamId: string, priceId: string) {
      return stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: priceId, quantity: 1 }], metadata: { teamId } });
    }`,
    `${IMPORT}export async function buySeats(organizationId: string, seats: number) {
      return stripe.paymentIntents.create({ amount: seats * 900, currency: 'usd', metadata: { organizationId } });
    }`,
    `${IMPORT}export async function subscribe(userId: string) {
      return stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price: 'price_pro', quantity: 1 }], client_reference_id: userId });
    }`,
    `${IMPORT}export async function buyUsername(userId: string, username: string) {
      return stripe.paymentIntents.create({ amount: 500, currency: 'usd', description: 'Premium username', metadata: { userId, username } });
    }`,
    `${IMPORT}export async function startPlan(customer: string) {
      const subscription = await stripe.subscriptions.create({ customer, items: [{ price: 'price_1' }] });
      return stripe.paymentIntents.create({ amount: 1000, currency: 'usd', customer });
    }`,
    `${IMPORT}export async function upgrade(userId: string) {
      const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
      await prisma.user.update({ where: { id: userId }, data: { upgradeIntentId: intent.id } });
      return intent.client_secret;
    }`,
    // a reference that holds the booking's id, made unique with a timestamp, is still the booking's id
    `${IMPORT}export const pay = (booking: { id: string }) =>
      stripe.paymentIntents.create({ amount: 1, metadata: { bookingId: \`\${booking.id}-\${Date.now()}\` } });`,
    // one key holds the id, another a timestamp
    `${IMPORT}stripe.paymentIntents.create({ amount: 1, metadata: { bookingId: b.id, reservationId: Date.now() } });`,
  ],
  invalid: [
    {
      // evidence of another entity, but a booking is in the function: judged
      code: `${IMPORT}export async function pay(booking: Booking, teamId: string) {
  return stripe.paymentIntents.create({ amount: 1, metadata: { teamId } });
}`,
      errors: [
        {
          messageId: 'missingKey',
          data: data('PaymentIntent', { reference: '`booking.id`' }),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'bookingId: booking.id' },
              output: `${IMPORT}export async function pay(booking: Booking, teamId: string) {
  return stripe.paymentIntents.create({ amount: 1, metadata: { teamId, bookingId: booking.id } });
}`,
            },
          ],
        },
      ],
    },
    {
      // no evidence either way (a bare createPaymentIntent(amount)): judged, and no booking to suggest
      code: `${IMPORT}export async function createPaymentIntent(amount: number) {
  return stripe.paymentIntents.create({ amount, currency: 'usd' });
}`,
      errors: [{ messageId: 'missingMetadata', line: 4, data: data('PaymentIntent'), suggestions: [] }],
    },
    {
      // a userId alone says nothing about what is paid for: judged
      code: `${IMPORT}export const pay = (userId: string) => stripe.paymentIntents.create({ amount: 1, metadata: { userId } });`,
      errors: [{ messageId: 'missingKey', data: data('PaymentIntent'), suggestions: [] }],
    },
    {
      // the booking is created after the charge: create it first, no suggestion of an id that does not exist
      code: `${IMPORT}export async function POST(req: Request) {
  const { booking } = await req.json();
  const pi = await stripe.paymentIntents.create({ amount: booking.total * 100, currency: 'usd' });
  await prisma.booking.create({ data: { ...booking, paymentIntentId: pi.id } });
  return Response.json({ clientSecret: pi.client_secret });
}`,
      errors: [
        {
          messageId: 'bookingCreatedAfter',
          line: 5,
          column: 20,
          data: { ...data('PaymentIntent'), location: 'metadata.bookingId', delegate: 'booking', line: '6' },
          suggestions: [],
        },
      ],
    },
    {
      // the same with another ORM's create
      code: `${IMPORT}export async function book(input: { total: number }) {
  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [] });
  return Booking.create({ ...input, sessionId: session.id });
}`,
      errors: [
        {
          messageId: 'bookingCreatedAfter',
          data: {
            ...data('Checkout Session'),
            location: 'payment_intent_data.metadata.bookingId',
            delegate: 'booking',
            line: '5',
          },
          suggestions: [],
        },
      ],
    },
    {
      // a booking-named value from the request proves no saved booking: no suggestion
      code: `${IMPORT}export async function POST(req: Request) {
  const { booking } = await req.json();
  return stripe.paymentIntents.create({ amount: booking.total, currency: 'usd' });
}`,
      errors: [
        {
          messageId: 'missingMetadata',
          data: data('PaymentIntent', {
            reference: 'the id of a booking saved before this charge (`booking` may not be one yet)',
          }),
          suggestions: [],
        },
      ],
    },
    {
      // parameters typed as a booking's input, or without an id: no suggestion
      code: `${IMPORT}export const a = (booking: BookingInput) => stripe.paymentIntents.create({ amount: 1 });
export const b = (booking: { total: number }) => stripe.paymentIntents.create({ amount: booking.total });`,
      errors: [
        { messageId: 'missingMetadata', line: 3, suggestions: [] },
        { messageId: 'missingMetadata', line: 4, suggestions: [] },
      ],
    },
    {
      // a booking read or created before the charge: suggested
      code: `${IMPORT}export async function pay(id: string) {
  const booking = await prisma.booking.findUnique({ where: { id } });
  return stripe.paymentIntents.create({ amount: booking.total });
}`,
      errors: [
        {
          messageId: 'missingMetadata',
          data: data('PaymentIntent', { reference: '`booking.id`' }),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'metadata: { bookingId: booking.id }' },
              output: `${IMPORT}export async function pay(id: string) {
  const booking = await prisma.booking.findUnique({ where: { id } });
  return stripe.paymentIntents.create({ amount: booking.total, metadata: { bookingId: booking.id } });
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${IMPORT}export async function pay(slot: string) {
  const booking = await prisma.booking.create({ data: { slot, status: 'pending' } });
  const intent = await stripe.paymentIntents.create({ amount: 1 });
  await prisma.booking.update({ where: { id: booking.id }, data: { paymentIntentId: intent.id } });
}`,
      errors: [
        {
          messageId: 'missingMetadata',
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'metadata: { bookingId: booking.id }' },
              output: `${IMPORT}export async function pay(slot: string) {
  const booking = await prisma.booking.create({ data: { slot, status: 'pending' } });
  const intent = await stripe.paymentIntents.create({ amount: 1, metadata: { bookingId: booking.id } });
  await prisma.booking.update({ where: { id: booking.id }, data: { paymentIntentId: intent.id } });
}`,
            },
          ],
        },
      ],
    },
    {
      // a bookingId variable taken from the request is an id; one made from a timestamp is not
      code: `${IMPORT}export async function a(req: any) {
  const bookingId = req.query.bookingId;
  return stripe.paymentIntents.create({ amount: 1 });
}
export async function b() {
  const bookingId = \`bk_\${Date.now()}\`;
  return stripe.paymentIntents.create({ amount: 1 });
}`,
      errors: [
        {
          messageId: 'missingMetadata',
          line: 5,
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'metadata: { bookingId }' },
              output: `${IMPORT}export async function a(req: any) {
  const bookingId = req.query.bookingId;
  return stripe.paymentIntents.create({ amount: 1, metadata: { bookingId } });
}
export async function b() {
  const bookingId = \`bk_\${Date.now()}\`;
  return stripe.paymentIntents.create({ amount: 1 });
}`,
            },
          ],
        },
        { messageId: 'missingMetadata', line: 9, suggestions: [] },
      ],
    },
    // ---- a reference that is not the booking's id ----
    {
      code: `${IMPORT}stripe.paymentIntents.create({ amount: 1, metadata: { bookingId: \`booking_\${Date.now()}\` } });`,
      errors: [
        {
          messageId: 'notBookingId',
          line: 3,
          column: 55,
          data: { ...data('PaymentIntent'), location: 'metadata.bookingId', source: 'Date.now()' },
        },
      ],
    },
    {
      code: `${IMPORT}import { randomUUID } from 'node:crypto';
import { v4 as uuid } from 'uuid';
const ref = Math.random().toString(36).slice(2);
stripe.paymentIntents.create({ amount: 1, metadata: { bookingId: randomUUID() } });
stripe.paymentIntents.create({ amount: 1, metadata: { booking_id: crypto.randomUUID() } });
stripe.paymentIntents.create({ amount: 1, metadata: { bookingId: uuid() } });
stripe.paymentIntents.create({ amount: 1, metadata: { bookingId: new Date().toISOString() } });
stripe.paymentIntents.create({ amount: 1, metadata: { bookingId: ref } });
stripe.charges.create({ amount: 1, metadata: { bookingId: 'bk-' + Date.now() } });`,
      errors: [
        { messageId: 'notBookingId', line: 6, data: { ...data('PaymentIntent'), location: 'metadata.bookingId', source: 'randomUUID()' } },
        { messageId: 'notBookingId', line: 7, data: { ...data('PaymentIntent'), location: 'metadata.booking_id', source: 'randomUUID()' } },
        { messageId: 'notBookingId', line: 8, data: { ...data('PaymentIntent'), location: 'metadata.bookingId', source: 'uuid()' } },
        { messageId: 'notBookingId', line: 9, data: { ...data('PaymentIntent'), location: 'metadata.bookingId', source: 'new Date()' } },
        { messageId: 'notBookingId', line: 10, data: { ...data('PaymentIntent'), location: 'metadata.bookingId', source: 'Math.random()' } },
        { messageId: 'notBookingId', line: 11, data: { ...data('Charge'), location: 'metadata.bookingId', source: 'Date.now()' } },
      ],
    },
    {
      code: `${IMPORT}stripe.checkout.sessions.create({ mode: 'payment', client_reference_id: \`order_\${Date.now()}\` });
stripe.checkout.sessions.create({ mode: 'payment', payment_intent_data: { metadata: { bookingId: Date.now() } } });`,
      errors: [
        { messageId: 'notBookingId', line: 3, column: 52, data: { ...data('Checkout Session'), location: 'client_reference_id', source: 'Date.now()' } },
        {
          messageId: 'notBookingId',
          line: 4,
          data: { ...data('Checkout Session'), location: 'payment_intent_data.metadata.bookingId', source: 'Date.now()' },
        },
      ],
    },
  ],
});

ruleTester.run('require-booking-id-metadata (references that are not a booking id: PayPal, Square)', rule, {
  valid: [],
  invalid: [
    {
      code: `${PAYPAL}orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ customId: \`order-\${Date.now()}\`, amount }] } });`,
      errors: [
        {
          messageId: 'notBookingId',
          line: 3,
          column: 67,
          data: { ...data('PayPal order'), location: 'purchaseUnits[].customId', source: 'Date.now()' },
        },
      ],
    },
    {
      code: `${SQUARE}square.payments.create({ sourceId: 's', idempotencyKey: 'k', amountMoney, referenceId: crypto.randomUUID() });`,
      errors: [
        { messageId: 'notBookingId', line: 3, data: { ...data('Square payment'), location: 'referenceId', source: 'randomUUID()' } },
      ],
    },
  ],
});

typedTester.run('require-booking-id-metadata (typed booking context)', rule, {
  valid: [
    {
      // a spread whose type has a booking key
      filename: TYPED_FILE,
      code: `import Stripe from 'stripe';
export function f(stripe: Stripe, meta: { bookingId: string }) {
  return stripe.paymentIntents.create({ amount: 1, currency: 'usd', metadata: { ...meta, source: 'web' } });
}`,
    },
    {
      // a spread of an index-signature type stays unknown
      filename: TYPED_FILE,
      code: `import Stripe from 'stripe';
export function f(stripe: Stripe, meta: Stripe.MetadataParam) {
  return stripe.paymentIntents.create({ amount: 1, currency: 'usd', metadata: { ...meta } });
}`,
    },
  ],
  invalid: [
    {
      // a spread whose closed type has no booking key
      filename: TYPED_FILE,
      code: `import Stripe from 'stripe';
export function f(stripe: Stripe, meta: { userId: string }) {
  return stripe.paymentIntents.create({ amount: 1, currency: 'usd', metadata: { ...meta } });
}`,
      errors: [{ messageId: 'missingKey', line: 3, column: 69, suggestions: [] }],
    },
    {
      // a value typed as a booking with an id: suggested
      filename: TYPED_FILE,
      code: `import Stripe from 'stripe';
interface Booking { id: string; total: number }
declare function load(): Promise<Booking>;
export async function f(stripe: Stripe) {
  const booking = await load();
  return stripe.paymentIntents.create({ amount: booking.total, currency: 'usd' });
}`,
      errors: [
        {
          messageId: 'missingMetadata',
          line: 6,
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'metadata: { bookingId: booking.id }' },
              output: `import Stripe from 'stripe';
interface Booking { id: string; total: number }
declare function load(): Promise<Booking>;
export async function f(stripe: Stripe) {
  const booking = await load();
  return stripe.paymentIntents.create({ amount: booking.total, currency: 'usd', metadata: { bookingId: booking.id } });
}`,
            },
          ],
        },
      ],
    },
    {
      // a parameter whose type has no id: not suggested
      filename: TYPED_FILE,
      code: `import Stripe from 'stripe';
type Draft = { total: number };
export function f(stripe: Stripe, booking: Draft) {
  return stripe.paymentIntents.create({ amount: booking.total, currency: 'usd' });
}`,
      errors: [{ messageId: 'missingMetadata', line: 4, suggestions: [] }],
    },
  ],
});
