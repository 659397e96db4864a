/**
 * Razorpay (`razorpay` on npm): `new Razorpay({ key_id, key_secret }).orders.create({ amount, currency,
 * receipt, notes })`. The booking id goes in `notes` (a key-value bag returned on the order, its payments and
 * webhook events), or in `receipt` when the receipt is built from the booking id.
 */
import type { ProviderSpec } from './types.js';

export const razorpay = {
  id: 'razorpay',
  name: 'Razorpay',
  sdkPackages: ['razorpay'],
  clientPackages: ['razorpay'],
  importHint: /(?:from\s*|require\s*\(\s*)['"][^'"]*razorpay[^'"]*['"]/i,
  columnWords: ['razorpay'],
  creations: [
    {
      path: ['orders'], method: 'create', kind: 'razorpayOrder', label: 'Razorpay order', distinctive: false,
      paramsHint: ['currency', 'receipt'], idPath: ['id'], idColumn: 'razorpayOrderId',
    },
  ],
  kinds: {
    razorpayOrder: {
      columnHint: /razorpay/i,
      references: [
        { holderPath: ['notes'], fields: [], location: 'notes', keyed: true },
        { holderPath: [], fields: ['receipt'], location: 'receipt' },
      ],
    },
  },
  webhookEvents: ['order.paid', 'payment.captured', 'payment.failed', 'refund.processed'],
} as const satisfies ProviderSpec;
