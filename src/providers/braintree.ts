/**
 * Braintree (`braintree` on npm): `new braintree.BraintreeGateway({ … }).transaction.sale({ amount,
 * paymentMethodNonce, orderId })`. The booking id goes in `orderId`; the transaction's id comes back in
 * `result.transaction.id`.
 */
import type { ProviderSpec } from './types.js';

export const braintree = {
  id: 'braintree',
  name: 'Braintree',
  sdkPackages: ['braintree'],
  clientPackages: ['braintree'],
  importHint: /(?:from\s*|require\s*\(\s*)['"][^'"]*braintree[^'"]*['"]/i,
  columnWords: ['braintree'],
  creations: [
    {
      path: ['transaction'], method: 'sale', kind: 'braintreeTransaction', label: 'Braintree transaction',
      distinctive: false, paramsHint: ['paymentMethodNonce', 'paymentMethodToken'],
      idPath: ['transaction', 'id'], idColumn: 'braintreeTransactionId', textWord: 'sale',
    },
  ],
  kinds: {
    braintreeTransaction: {
      columnHint: /braintree/i,
      references: [{ holderPath: [], fields: ['orderId'], location: 'orderId' }],
    },
  },
  webhookEvents: ['transaction_settled', 'transaction_settlement_declined', 'dispute_opened'],
} as const satisfies ProviderSpec;
