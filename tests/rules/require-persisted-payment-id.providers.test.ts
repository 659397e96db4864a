/**
 * require-persisted-payment-id per provider and SDK generation: each provider's id comes back along its own
 * path (`order.result.id`, `(await res.json()).id`, `response.pspReference`, `result.transaction.id`, a
 * declared wrapper's path), and a booking write without it is reported with the provider's column.
 */
import path from 'node:path';

import rule from '../../src/rules/require-persisted-payment-id.js';
import { createRuleTester, fixturesDir } from '../rule-tester.js';

const ruleTester = createRuleTester();

/** A file of a project where no file stores a provider id (so "never stored" can fire). */
const NO_STORE = path.join(fixturesDir, 'projects/no-store/src/handler.ts');
/** A file of a project whose webhook stores a provider id (so "never stored" stays silent). */
const WEBHOOK_STORES = path.join(fixturesDir, 'projects/webhook-stores/src/handler.ts');

const DB = "import { prisma } from './db';\n";
const PAYPAL_V1 = `${DB}import paypal from '@paypal/checkout-server-sdk';\nconst client = new paypal.core.PayPalHttpClient(env);\n`;
const RAZORPAY = `${DB}import Razorpay from 'razorpay';\nconst razorpay = new Razorpay({ key_id: 'k', key_secret: 's' });\n`;
const MOLLIE = `${DB}import createMollieClient from '@mollie/api-client';\nconst mollie = createMollieClient({ apiKey: 'k' });\n`;
const ADYEN = `${DB}import { Client, CheckoutAPI } from '@adyen/api-library';\nconst checkout = new CheckoutAPI(new Client({ apiKey: 'k' }));\n`;
const BRAINTREE = `${DB}import braintree from 'braintree';\nconst gateway = new braintree.BraintreeGateway({});\n`;

const WRAPPER_SETTINGS = {
  'booking-payment': {
    providers: [
      {
        module: 'src/lib/payments',
        export: 'createPayment',
        provider: 'razorpay',
        reference: { argument: 0 },
        idPath: ['order', 'id'],
      },
    ],
  },
};

/** A booking write without the id, reported with the provider's column and a suggestion. */
function missing(prefix: string, create: string, label: string, column: string, idText: string, filename = WEBHOOK_STORES) {
  const code = (data: string) => `${prefix}export async function pay(bookingId: string) {
  ${create}
  await prisma.booking.update({ where: { id: bookingId }, data: { ${data} } });
}`;
  const createLine = prefix.split('\n').length + 1;
  return {
    filename,
    code: code("status: 'pending'"),
    errors: [
      {
        messageId: 'bookingWriteWithoutId' as const,
        line: createLine + 1,
        data: { delegate: 'booking', method: 'update', label, line: String(createLine), column },
        suggestions: [
          {
            messageId: 'suggestAddId' as const,
            data: { text: `${column}: ${idText}` },
            output: code(`status: 'pending', ${column}: ${idText}`),
          },
        ],
      },
    ],
  };
}

ruleTester.run('require-persisted-payment-id (providers)', rule, {
  valid: [
    {
      filename: NO_STORE,
      code: `${PAYPAL_V1}export async function pay(bookingId: string) {
        const request = new paypal.orders.OrdersCreateRequest();
        request.requestBody({ intent: 'CAPTURE', purchase_units: [{ custom_id: bookingId }] });
        const order = await client.execute(request);
        await prisma.booking.update({ where: { id: bookingId }, data: { paypalOrderId: order.result.id } });
      }`,
    },
    {
      filename: NO_STORE,
      code: `${DB}export async function pay(bookingId: string) {
        const res = await fetch(\`\${process.env.PAYPAL_API}/v2/checkout/orders\`, { method: 'POST', body: JSON.stringify({ purchase_units: [{ custom_id: bookingId }] }) });
        if (!res.ok) throw new Error('paypal');
        const order = await res.json();
        await prisma.booking.update({ where: { id: bookingId }, data: { paypalOrderId: order.id } });
      }`,
    },
    {
      filename: NO_STORE,
      code: `${DB}export async function pay(bookingId: string) {
        const res = await fetch('https://api-m.paypal.com/v2/checkout/orders', { method: 'POST', body: '{}' });
        const { id } = await res.json();
        await prisma.booking.update({ where: { id: bookingId }, data: { paypalOrderId: id } });
      }`,
    },
    {
      filename: NO_STORE,
      code: `${DB}import axios from 'axios';\nexport async function pay(bookingId: string) {
        const { data } = await axios.post('https://api-m.paypal.com/v2/checkout/orders', { purchase_units: [] });
        await prisma.booking.update({ where: { id: bookingId }, data: { paypalOrderId: data.id } });
      }`,
    },
    {
      filename: NO_STORE,
      code: `${RAZORPAY}export async function pay(bookingId: string) {
        const order = await razorpay.orders.create({ amount: 100, currency: 'INR', notes: { bookingId } });
        await prisma.booking.update({ where: { id: bookingId }, data: { razorpayOrderId: order.id } });
        return order;
      }`,
    },
    {
      filename: NO_STORE,
      code: `${MOLLIE}export async function pay(bookingId: string) {
        const payment = await mollie.payments.create({ amount, description: 'd', redirectUrl: u, metadata: { bookingId } });
        await prisma.booking.update({ where: { id: bookingId }, data: { molliePaymentId: payment.id } });
        return payment.getCheckoutUrl();
      }`,
    },
    {
      filename: NO_STORE,
      code: `${ADYEN}export async function pay(bookingId: string) {
        const response = await checkout.PaymentsApi.payments({ amount, merchantAccount: 'M', reference: bookingId, paymentMethod });
        await prisma.booking.update({ where: { id: bookingId }, data: { adyenPaymentId: response.pspReference } });
      }`,
    },
    {
      filename: NO_STORE,
      code: `${BRAINTREE}export async function pay(bookingId: string) {
        const result = await gateway.transaction.sale({ amount: '1.00', paymentMethodNonce: n, orderId: bookingId });
        if (!result.success) throw new Error(result.message);
        await prisma.booking.update({ where: { id: bookingId }, data: { braintreeTransactionId: result.transaction.id } });
      }`,
    },
    {
      filename: path.join(fixturesDir, 'projects/no-store/src/routes/pay.ts'),
      settings: WRAPPER_SETTINGS,
      code: `${DB.replace('./db', '../db')}import { createPayment } from '../lib/payments';
      export async function pay(booking: { id: string }) {
        const { order } = await createPayment(booking, 100);
        await prisma.booking.update({ where: { id: booking.id }, data: { razorpayOrderId: order.id } });
      }`,
    },
    // lookalikes: a fetch to another URL, a local wrapper of the same name, whose results are not stored
    {
      filename: NO_STORE,
      code: `${DB}export async function pay(bookingId: string) {
        const res = await fetch('https://api.example.com/v2/orders', { method: 'POST', body: '{}' });
        await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
        return res.json();
      }`,
    },
    {
      filename: NO_STORE,
      settings: WRAPPER_SETTINGS,
      code: `${DB}import { createPayment } from './other';\nexport async function pay(bookingId: string) {
        await createPayment(bookingId, 100);
        await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
      }`,
    },
  ],
  invalid: [
    missing(
      PAYPAL_V1,
      "const request = new paypal.orders.OrdersCreateRequest(); request.requestBody({ purchase_units: [] }); const order = await client.execute(request);",
      'PayPal order',
      'paypalOrderId',
      'order.result.id',
    ),
    missing(
      DB,
      "const res = await fetch('https://api-m.paypal.com/v2/checkout/orders', { method: 'POST', body: '{}' }); const order = await res.json();",
      'PayPal order',
      'paypalOrderId',
      'order.id',
    ),
    missing(
      RAZORPAY,
      "const order = await razorpay.orders.create({ amount: 100, currency: 'INR', notes: { bookingId } });",
      'Razorpay order',
      'razorpayOrderId',
      'order.id',
    ),
    missing(
      MOLLIE,
      "const payment = await mollie.payments.create({ amount, description: 'd', redirectUrl: u, metadata: { bookingId } });",
      'Mollie payment',
      'molliePaymentId',
      'payment.id',
    ),
    missing(
      ADYEN,
      "const response = await checkout.PaymentsApi.payments({ amount, merchantAccount: 'M', reference: bookingId });",
      'Adyen payment',
      'adyenPaymentId',
      'response.pspReference',
    ),
    missing(
      ADYEN,
      "const session = await checkout.PaymentsApi.sessions({ amount, merchantAccount: 'M', reference: bookingId, returnUrl: u });",
      'Adyen session',
      'adyenSessionId',
      'session.id',
    ),
    missing(
      BRAINTREE,
      "const result = await gateway.transaction.sale({ amount: '1.00', paymentMethodNonce: n, orderId: bookingId });",
      'Braintree transaction',
      'braintreeTransactionId',
      'result.transaction.id',
    ),
    {
      ...missing(
        `${DB.replace('./db', '../db')}import { createPayment } from '../lib/payments';\n`,
        'const result = await createPayment(bookingId, 100);',
        'Razorpay payment (createPayment)',
        'razorpayOrderId',
        'result.order.id',
        path.join(fixturesDir, 'projects/webhook-stores/src/routes/pay.ts'),
      ),
      settings: WRAPPER_SETTINGS,
    },
  ],
});
