/**
 * PayPal Orders v2, three ways: the current `@paypal/paypal-server-sdk` (`OrdersController.createOrder`,
 * camelCase body), the older `@paypal/checkout-server-sdk` (a request object: `new
 * paypal.orders.OrdersCreateRequest()`, `request.requestBody({ purchase_units })`, `client.execute(request)`,
 * snake_case body), and the REST API called directly (`fetch`/axios `POST …/v2/checkout/orders`, snake_case).
 * The booking id goes in `purchase_units[].custom_id` (also `reference_id` / `invoice_id`), which reaches
 * captures, refunds and webhook events. `paypal-rest-sdk` (v1 payments) only shows a project takes PayPal.
 */
import type { ProviderSpec } from './types.js';

const SNAKE_REFERENCE = {
  holderPath: ['purchase_units', []],
  fields: ['custom_id', 'reference_id', 'invoice_id'],
  location: 'purchase_units[].custom_id',
} as const;

export const paypal = {
  id: 'paypal',
  name: 'PayPal',
  sdkPackages: ['@paypal/paypal-server-sdk', '@paypal/checkout-server-sdk', 'paypal-rest-sdk'],
  clientPackages: ['@paypal/paypal-server-sdk', '@paypal/checkout-server-sdk'],
  importHint: /(?:from\s*|require\s*\(\s*)['"][^'"]*paypal[^'"]*['"]/i,
  columnWords: ['paypal'],
  creations: [
    // new OrdersController(client).createOrder({ body: { purchaseUnits } })
    {
      path: [], method: 'createOrder', kind: 'paypalOrder', label: 'PayPal order', distinctive: false,
      paramsHint: ['body'], idPath: ['result', 'id'], idColumn: 'paypalOrderId',
    },
  ],
  requestObjects: [
    // const request = new paypal.orders.OrdersCreateRequest(); request.requestBody({ … }); client.execute(request)
    {
      className: 'OrdersCreateRequest', bodyMethod: 'requestBody', executeMethod: 'execute',
      kind: 'paypalOrderJson', label: 'PayPal order', idPath: ['result', 'id'], idColumn: 'paypalOrderId',
    },
  ],
  restEndpoints: [
    {
      path: '/v2/checkout/orders', kind: 'paypalOrderJson', label: 'PayPal order',
      fetchIdPath: ['json()', 'id'], axiosIdPath: ['data', 'id'], idColumn: 'paypalOrderId',
    },
  ],
  kinds: {
    paypalOrder: {
      columnHint: /paypal|order/i,
      references: [
        { holderPath: ['body', 'purchaseUnits', []], fields: ['customId', 'referenceId', 'invoiceId'], location: 'purchaseUnits[].customId' },
      ],
    },
    // The same order through the JSON body (checkout-server-sdk and REST): snake_case keys.
    paypalOrderJson: { columnHint: /paypal|order/i, references: [SNAKE_REFERENCE] },
  },
  webhookEvents: ['CHECKOUT.ORDER.APPROVED', 'PAYMENT.CAPTURE.COMPLETED', 'PAYMENT.CAPTURE.DENIED', 'PAYMENT.CAPTURE.REFUNDED'],
  webhookOutcomes: {
    pattern: /^(?:PAYMENT\.CAPTURE\.[A-Z_]+|CHECKOUT\.ORDER\.[A-Z_]+)$/,
    success: /^(?:PAYMENT\.CAPTURE\.COMPLETED|CHECKOUT\.ORDER\.(?:APPROVED|COMPLETED))$/,
  },
} as const satisfies ProviderSpec;
