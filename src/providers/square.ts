/** Square (`square` on npm): Payments, in the current and the legacy client; the booking id goes in `referenceId`. */
import type { ProviderSpec } from './types.js';

export const square = {
  id: 'square',
  name: 'Square',
  sdkPackages: ['square'],
  clientPackages: ['square'],
  importHint: /(?:from\s*|require\s*\(\s*)['"][^'"]*square[^'"]*['"]/i,
  columnWords: ['square'],
  creations: [
    // square ≥ 40: new SquareClient().payments.create({ sourceId, amountMoney, referenceId })
    {
      path: ['payments'], method: 'create', kind: 'squarePayment', label: 'Square payment', distinctive: false,
      paramsHint: ['sourceId', 'amountMoney'], idPath: ['payment', 'id'], idColumn: 'squarePaymentId',
    },
    // square < 40: new Client().paymentsApi.createPayment({ … })
    {
      path: ['paymentsApi'], method: 'createPayment', kind: 'squarePayment', label: 'Square payment',
      distinctive: false, paramsHint: ['sourceId', 'amountMoney'], idPath: ['result', 'payment', 'id'],
      idColumn: 'squarePaymentId',
    },
  ],
  kinds: {
    squarePayment: {
      columnHint: /square/i,
      // reference_id is returned on the payment, its refunds and webhook events.
      references: [{ holderPath: [], fields: ['referenceId'], location: 'referenceId' }],
    },
  },
  webhookEvents: ['payment.created', 'payment.updated', 'refund.created', 'refund.updated'],
  // Square's payment events carry the status inside (`payment.updated` with COMPLETED): none is a success by name.
  webhookOutcomes: { pattern: /^payment\.[a-z_]+$/, success: null },
} as const satisfies ProviderSpec;
