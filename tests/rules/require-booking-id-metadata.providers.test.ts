/**
 * require-booking-id-metadata per provider and SDK generation: PayPal (checkout-server-sdk request objects,
 * REST via fetch/axios), Razorpay, Mollie, Adyen, Braintree, and a declared wrapper — each with lookalikes
 * that must stay silent.
 */
import rule from '../../src/rules/require-booking-id-metadata.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

const DEFAULT_KEYS = 'bookingId, booking_id, reservationId, reservation_id, appointmentId, appointment_id';
/** `{{reference}}` when no booking is in scope. */
const NO_BOOKING = 'the id of a booking created before this charge (none is in scope here)';
const data = (label: string, location: string, reference = NO_BOOKING, key = 'bookingId') => ({
  label,
  key,
  keys: DEFAULT_KEYS,
  location,
  reference,
});

const PAYPAL_V1 = `const paypal = require('@paypal/checkout-server-sdk');
const client = new paypal.core.PayPalHttpClient(new paypal.core.SandboxEnvironment('id', 'secret'));
`;
const RAZORPAY = "import Razorpay from 'razorpay';\nconst razorpay = new Razorpay({ key_id: 'k', key_secret: 's' });\n";
const MOLLIE = "import { createMollieClient } from '@mollie/api-client';\nconst mollie = createMollieClient({ apiKey: 'test_x' });\n";
const ADYEN = "import { Client, CheckoutAPI } from '@adyen/api-library';\nconst checkout = new CheckoutAPI(new Client({ apiKey: 'k', environment: 'TEST' }));\n";
const BRAINTREE = "import braintree from 'braintree';\nconst gateway = new braintree.BraintreeGateway({ merchantId: 'm' });\n";

ruleTester.run('require-booking-id-metadata (PayPal checkout-server-sdk)', rule, {
  valid: [
    {
      filename: 'pay.js',
      code: `${PAYPAL_V1}async function pay(booking) {
  const request = new paypal.orders.OrdersCreateRequest();
  request.prefer('return=representation');
  request.requestBody({ intent: 'CAPTURE', purchase_units: [{ custom_id: booking.id, amount: { currency_code: 'EUR', value: '10' } }] });
  return client.execute(request);
}`,
    },
    // reference_id also links; a body built elsewhere is unknown
    `${PAYPAL_V1}export async function pay(bookingId: string) {
  const request = new paypal.orders.OrdersCreateRequest();
  request.requestBody({ intent: 'CAPTURE', purchase_units: [{ reference_id: bookingId, amount }] });
  return client.execute(request);
}`,
    `${PAYPAL_V1}export async function pay(body: any) {
  const request = new paypal.orders.OrdersCreateRequest();
  request.requestBody(body);
  return client.execute(request);
}`,
    `${PAYPAL_V1}export async function pay(request: any) { return client.execute(request); }`,
    // lookalikes: a database client's execute, a request of another kind
    "import { Pool } from 'pg';\nconst pool = new Pool();\nconst request = { text: 'select 1' };\npool.execute(request);",
    `${PAYPAL_V1}const request = new paypal.orders.OrdersCaptureRequest('O-1');\nrequest.requestBody({});\nclient.execute(request);`,
    // a class of that name in a file that never mentions PayPal
    'class OrdersCreateRequest { requestBody(b: unknown) { return b; } }\nconst r = new OrdersCreateRequest();\nr.requestBody({ purchase_units: [{}] });\nexport const go = (c: any) => c.execute(r);',
  ],
  invalid: [
    {
      code: `${PAYPAL_V1}export async function pay(bookingId: string) {
  const request = new paypal.orders.OrdersCreateRequest();
  request.requestBody({ intent: 'CAPTURE', purchase_units: [{ amount: { currency_code: 'EUR', value: '10' } }] });
  return client.execute(request);
}`,
      errors: [
        {
          messageId: 'missingReference',
          line: 5,
          data: data('PayPal order', 'purchase_units[].custom_id', '`bookingId`'),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'custom_id: bookingId' },
              output: `${PAYPAL_V1}export async function pay(bookingId: string) {
  const request = new paypal.orders.OrdersCreateRequest();
  request.requestBody({ intent: 'CAPTURE', purchase_units: [{ amount: { currency_code: 'EUR', value: '10' }, custom_id: bookingId }] });
  return client.execute(request);
}`,
            },
          ],
        },
      ],
    },
    {
      // the request class imported by name, in a file that imports the SDK
      code: "import { orders, core } from '@paypal/checkout-server-sdk';\nconst client = new core.PayPalHttpClient(env);\nconst req = new orders.OrdersCreateRequest();\nreq.requestBody({ intent: 'CAPTURE', purchase_units: [{ custom_id: 'static' }] });\nclient.execute(req);",
      errors: [{ messageId: 'missingReference', line: 4 }],
    },
  ],
});

const FETCH_BODY = (units: string) =>
  `export async function createOrder(bookingId: string, token: string) {
  const base = process.env.PAYPAL_API;
  const res = await fetch(\`\${base}/v2/checkout/orders\`, {
    method: 'POST',
    headers: { Authorization: \`Bearer \${token}\`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ intent: 'CAPTURE', purchase_units: ${units} }),
  });
  return res.json();
}`;

ruleTester.run('require-booking-id-metadata (PayPal REST)', rule, {
  valid: [
    FETCH_BODY("[{ custom_id: bookingId, amount: { currency_code: 'USD', value: '40.00' } }]"),
    // a visible payload variable
    `const PAYPAL = 'https://api-m.paypal.com';
export async function createOrder(booking: { id: string }) {
  const payload = { intent: 'CAPTURE', purchase_units: [{ reference_id: booking.id, amount }] };
  const res = await fetch(PAYPAL + '/v2/checkout/orders', { method: 'post', body: JSON.stringify(payload) });
  return res.json();
}`,
    // axios with an object body
    "import axios from 'axios';\nexport const f = (bookingId: string) => axios.post(`${base}/v2/checkout/orders`, { intent: 'CAPTURE', purchase_units: [{ custom_id: bookingId }] });",
    // a body the rule cannot see
    "export const f = (body: string) => fetch(`${base}/v2/checkout/orders`, { method: 'POST', body });",
    // lookalikes: another URL, a GET, a capture of an existing order, a local fetch function
    FETCH_BODY('[{}]').replace('/v2/checkout/orders', '/v2/invoicing/invoices'),
    "export const f = () => fetch(`${base}/v2/checkout/orders`, { headers: {} });",
    "export const f = (id: string) => fetch(`${base}/v2/checkout/orders/${id}/capture`, { method: 'POST', body: JSON.stringify({ purchase_units: [{}] }) });",
    'function fetch(url: string, init: object) { return [url, init]; }\nfetch(`${base}/v2/checkout/orders`, { method: "POST", body: JSON.stringify({ purchase_units: [{}] }) });',
    // another library's post
    "import ky from 'ky';\nky.post(`${base}/v2/checkout/orders`, { json: { purchase_units: [{}] } });",
  ],
  invalid: [
    {
      code: FETCH_BODY("[{ amount: { currency_code: 'USD', value: '40.00' } }]"),
      errors: [
        {
          messageId: 'missingReference',
          line: 6,
          data: data('PayPal order', 'purchase_units[].custom_id', '`bookingId`'),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'custom_id: bookingId' },
              output: FETCH_BODY("[{ amount: { currency_code: 'USD', value: '40.00' }, custom_id: bookingId }]"),
            },
          ],
        },
      ],
    },
    {
      code: "const axios = require('axios');\naxios({ method: 'post', url: 'https://api-m.sandbox.paypal.com/v2/checkout/orders', data: { intent: 'CAPTURE', purchase_units: [{ invoice_id: 'INV' }] } });",
      filename: 'pay.js',
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [{ messageId: 'missingReference', line: 2 }],
    },
    {
      // an axios instance
      code: "import axios from 'axios';\nconst api = axios.create({ baseURL: 'https://api-m.paypal.com' });\napi.post('/v2/checkout/orders', { intent: 'CAPTURE', purchase_units: [{ amount }] });",
      errors: [{ messageId: 'missingReference', line: 3 }],
    },
  ],
});

ruleTester.run('require-booking-id-metadata (Razorpay, Mollie, Adyen, Braintree)', rule, {
  valid: [
    `${RAZORPAY}export const f = (booking: { id: string }) => razorpay.orders.create({ amount: 5000, currency: 'INR', notes: { bookingId: booking.id } });`,
    `${RAZORPAY}export const f = (bookingId: string) => razorpay.orders.create({ amount: 5000, currency: 'INR', receipt: bookingId });`,
    `${RAZORPAY}export const f = (notes: Record<string, string>) => razorpay.orders.create({ amount: 5000, currency: 'INR', notes });`,
    `${MOLLIE}export const f = (bookingId: string) => mollie.payments.create({ amount: { currency: 'EUR', value: '10.00' }, description: 'Court', redirectUrl: u, metadata: { bookingId } });`,
    `${ADYEN}export const f = (booking: { id: string }) => checkout.PaymentsApi.sessions({ amount, merchantAccount: 'M', returnUrl: u, reference: booking.id });`,
    `${ADYEN}export const f = (bookingId: string) => checkout.PaymentsApi.payments({ amount, merchantAccount: 'M', reference: 'r-1', paymentMethod, metadata: { bookingId } });`,
    `${BRAINTREE}export const f = (booking: { id: string }) => gateway.transaction.sale({ amount: '10.00', paymentMethodNonce: n, orderId: booking.id });`,
    // lookalikes: another library's payments.create / orders.create, an object literal with the same names
    "import { SquareClient } from 'square';\nconst square = new SquareClient({});\nsquare.payments.create({ sourceId: 's', amountMoney, referenceId: bookingId });",
    "import { PrismaClient } from '@prisma/client';\nconst db = new PrismaClient();\ndb.orders.create({ data: { amount: 1 } });",
    'const fake = { orders: { create: (p: unknown) => p }, transaction: { sale: (p: unknown) => p } };\nfake.orders.create({ amount: 1, currency: "INR", receipt: "r" });\nfake.transaction.sale({ amount: "1", paymentMethodNonce: "n" });',
    // untraced receivers with generic names in files that never import the provider
    'export const f = (c: any) => c.orders.create({ amount: 1, currency: "INR", receipt: "r" });',
    'export const f = (c: any) => c.payments.create({ amount: {}, description: "d", redirectUrl: "u" });',
    'export const f = (c: any) => c.payments({ merchantAccount: "M", reference: "r" });',
    // an untraced receiver in a file that imports the provider, without the provider's params
    `${RAZORPAY}export const f = (c: any) => c.orders.create({ data: { amount: 1 } });`,
    `${RAZORPAY}export const f = (c: any) => c.orders.create({ amount: 1, customer: 'x' });`,
  ],
  invalid: [
    {
      code: `${RAZORPAY}export async function pay(bookingId: string) {
  return razorpay.orders.create({ amount: 5000, currency: 'INR', receipt: 'receipt#1' });
}`,
      errors: [
        {
          messageId: 'missingReference',
          line: 4,
          data: data('Razorpay order', 'notes.bookingId', '`bookingId`'),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'notes: { bookingId }' },
              output: `${RAZORPAY}export async function pay(bookingId: string) {
  return razorpay.orders.create({ amount: 5000, currency: 'INR', receipt: 'receipt#1', notes: { bookingId } });
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${RAZORPAY}razorpay.orders.create({ amount: 5000, currency: 'INR', notes: { source: 'web' } });`,
      errors: [{ messageId: 'missingReference', line: 3, data: data('Razorpay order', 'notes.bookingId') }],
    },
    {
      code: `${MOLLIE}export async function pay(booking: { id: string }) {
  return mollie.payments.create({ amount: { currency: 'EUR', value: '10.00' }, description: 'Court', redirectUrl: u });
}`,
      errors: [
        {
          messageId: 'missingMetadata',
          line: 4,
          data: data('Mollie payment', 'metadata', '`booking.id`'),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'metadata: { bookingId: booking.id }' },
              output: `${MOLLIE}export async function pay(booking: { id: string }) {
  return mollie.payments.create({ amount: { currency: 'EUR', value: '10.00' }, description: 'Court', redirectUrl: u, metadata: { bookingId: booking.id } });
}`,
            },
          ],
        },
      ],
    },
    {
      code: `${ADYEN}checkout.PaymentsApi.sessions({ amount, merchantAccount: 'M', returnUrl: u, reference: 'ORDER' });`,
      errors: [{ messageId: 'missingReference', line: 3, data: data('Adyen session', 'reference') }],
    },
    {
      // library < 14: the methods on the CheckoutAPI itself
      code: `${ADYEN}checkout.payments({ amount, merchantAccount: 'M', reference: 'ORDER', paymentMethod });`,
      errors: [{ messageId: 'missingReference', line: 3, data: data('Adyen payment', 'reference') }],
    },
    {
      code: `${BRAINTREE}export const f = (reservationId: string) => gateway.transaction.sale({ amount: '10.00', paymentMethodNonce: n });`,
      errors: [
        {
          messageId: 'missingReference',
          line: 3,
          data: data('Braintree transaction', 'orderId', '`reservationId`'),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'orderId: reservationId' },
              output: `${BRAINTREE}export const f = (reservationId: string) => gateway.transaction.sale({ amount: '10.00', paymentMethodNonce: n, orderId: reservationId });`,
            },
          ],
        },
      ],
    },
    {
      // an untraced receiver in a file that imports Razorpay, with Razorpay's params
      code: `${RAZORPAY}export const f = (c: any) => c.orders.create({ amount: 1, currency: 'INR' });`,
      errors: [{ messageId: 'missingReference', line: 3 }],
    },
    {
      // a CommonJS client
      code: "const Razorpay = require('razorpay');\nconst rzp = new Razorpay({ key_id: 'k', key_secret: 's' });\nrzp.orders.create({ amount: 100, currency: 'INR' });",
      filename: 'pay.js',
      languageOptions: { parserOptions: { sourceType: 'script' } },
      errors: [{ messageId: 'missingReference', line: 3 }],
    },
  ],
});

const WRAPPER_SETTINGS = {
  'booking-payment': {
    providers: [
      { module: 'src/lib/payments.ts', export: 'createPayment', provider: 'stripe', reference: { argument: 0 } },
      { module: '@acme/payments', export: 'charge', reference: { argument: 1, path: ['bookingId'] } },
    ],
  },
};
const IN_SRC = `${process.cwd()}/src/routes/pay.ts`;

ruleTester.run('require-booking-id-metadata (declared wrappers)', rule, {
  valid: [
    { filename: IN_SRC, settings: WRAPPER_SETTINGS, code: "import { createPayment } from '../lib/payments';\ncreatePayment(booking, 5000);" },
    { filename: IN_SRC, settings: WRAPPER_SETTINGS, code: "import { createPayment } from '../lib/payments';\ncreatePayment(booking.id, 5000);" },
    { filename: IN_SRC, settings: WRAPPER_SETTINGS, code: "import * as payments from '../lib/payments';\npayments.createPayment(reservationId, 5000);" },
    { filename: IN_SRC, settings: WRAPPER_SETTINGS, code: "import { charge } from '@acme/payments';\ncharge(5000, { bookingId: booking.id });" },
    // a value the rule cannot judge
    { filename: IN_SRC, settings: WRAPPER_SETTINGS, code: "import { createPayment } from '../lib/payments';\nexport const f = (ref: string) => createPayment(ref, 5000);" },
    // lookalikes: the same name from another module, a local function, no settings
    { filename: IN_SRC, settings: WRAPPER_SETTINGS, code: "import { createPayment } from '../lib/other';\ncreatePayment('x', 5000);" },
    { filename: IN_SRC, settings: WRAPPER_SETTINGS, code: "function createPayment(a: string, b: number) { return [a, b]; }\ncreatePayment('x', 5000);" },
    { filename: IN_SRC, code: "import { createPayment } from '../lib/payments';\ncreatePayment('x', 5000);" },
  ],
  invalid: [
    {
      filename: IN_SRC,
      settings: WRAPPER_SETTINGS,
      code: "import { createPayment } from '../lib/payments';\ncreatePayment('guest', 5000);",
      errors: [
        {
          messageId: 'missingReference',
          line: 2,
          column: 15,
          data: data('Stripe payment (createPayment)', 'argument 1 of createPayment'),
        },
      ],
    },
    {
      filename: IN_SRC,
      settings: WRAPPER_SETTINGS,
      code: "import { charge } from '@acme/payments';\nexport const f = (booking: { id: string }) => charge(5000, { currency: 'eur' });",
      errors: [
        {
          messageId: 'missingReference',
          line: 2,
          data: data('Stripe payment (charge)', 'bookingId (argument 2 of charge)', '`booking.id`'),
          suggestions: [
            {
              messageId: 'suggestAddBookingId',
              data: { text: 'bookingId: booking.id' },
              output: "import { charge } from '@acme/payments';\nexport const f = (booking: { id: string }) => charge(5000, { currency: 'eur', bookingId: booking.id });",
            },
          ],
        },
      ],
    },
  ],
});
