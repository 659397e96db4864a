/**
 * PayPal (`@paypal/paypal-server-sdk`): Orders v2 through the `OrdersController`; the booking id goes in
 * `purchaseUnits[].customId`. The older `@paypal/checkout-server-sdk` and `paypal-rest-sdk` show a project
 * takes PayPal payments, but their calls are not recognised.
 */
import type { ProviderSpec } from './types.js';

export const paypal = {
  id: 'paypal',
  name: 'PayPal',
  sdkPackages: ['@paypal/paypal-server-sdk', '@paypal/checkout-server-sdk', 'paypal-rest-sdk'],
  clientPackages: ['@paypal/paypal-server-sdk'],
  importHint: /(?:from\s*|require\s*\(\s*)['"][^'"]*paypal[^'"]*['"]/i,
  columnWords: ['paypal'],
  creations: [
    // new OrdersController(client).createOrder({ body: { purchaseUnits } })
    {
      path: [], method: 'createOrder', kind: 'paypalOrder', label: 'PayPal order', distinctive: false,
      paramsHint: ['body'], idPath: ['result', 'id'], idColumn: 'paypalOrderId',
    },
  ],
  kinds: {
    paypalOrder: {
      columnHint: /paypal|order/i,
      // Orders v2: purchase_units[].custom_id (also reference_id / invoice_id) reach captures and refunds.
      reference: {
        holderPath: ['body', 'purchaseUnits', []],
        fields: ['customId', 'referenceId', 'invoiceId'],
        location: 'purchaseUnits[].customId',
      },
    },
  },
} as const satisfies ProviderSpec;
