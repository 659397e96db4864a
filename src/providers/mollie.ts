/**
 * Mollie (`@mollie/api-client`): `createMollieClient({ apiKey }).payments.create({ amount, description,
 * redirectUrl, metadata })`. The booking id goes in `metadata` (any JSON, returned on the payment and read by
 * the webhook handler), keyed by the project's keys like Stripe's.
 */
import type { ProviderSpec } from './types.js';

export const mollie = {
  id: 'mollie',
  name: 'Mollie',
  sdkPackages: ['@mollie/api-client'],
  clientPackages: ['@mollie/api-client'],
  importHint: /(?:from\s*|require\s*\(\s*)['"][^'"]*mollie[^'"]*['"]/i,
  columnWords: ['mollie'],
  creations: [
    {
      path: ['payments'], method: 'create', kind: 'molliePayment', label: 'Mollie payment', distinctive: false,
      paramsHint: ['redirectUrl', 'webhookUrl', 'description'], idPath: ['id'], idColumn: 'molliePaymentId',
    },
  ],
  kinds: {
    molliePayment: { columnHint: /mollie/i },
  },
  // Mollie's webhook posts only the payment id; the handler fetches the payment and reads its status.
  webhookEvents: ['paid', 'failed', 'canceled', 'expired'],
} as const satisfies ProviderSpec;
