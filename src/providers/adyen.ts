/**
 * Adyen (`@adyen/api-library`): Checkout `/payments` and `/sessions`, through `new
 * CheckoutAPI(client).PaymentsApi.payments(…)` / `.sessions(…)` (library ≥ 14) or `checkout.payments(…)` /
 * `checkout.sessions(…)` (older). The booking id goes in `reference` (required by Adyen, echoed as
 * `merchantReference` in webhook notifications; `merchantOrderReference` also links) or in `metadata`.
 * A payment's id is its `pspReference`, a session's its `id`.
 */
import type { ProviderSpec } from './types.js';

const REFERENCES = [
  { holderPath: [], fields: ['reference', 'merchantOrderReference'], location: 'reference' },
  { holderPath: ['metadata'], fields: [], location: 'metadata', keyed: true },
] as const;

export const adyen = {
  id: 'adyen',
  name: 'Adyen',
  sdkPackages: ['@adyen/api-library'],
  clientPackages: ['@adyen/api-library'],
  importHint: /(?:from\s*|require\s*\(\s*)['"][^'"]*adyen[^'"]*['"]/i,
  columnWords: ['adyen'],
  creations: [
    {
      path: ['PaymentsApi'], method: 'payments', kind: 'adyenPayment', label: 'Adyen payment', distinctive: false,
      paramsHint: ['merchantAccount'], idPath: ['pspReference'], idColumn: 'adyenPaymentId',
    },
    {
      path: ['PaymentsApi'], method: 'sessions', kind: 'adyenSession', label: 'Adyen session', distinctive: false,
      paramsHint: ['merchantAccount'], idPath: ['id'], idColumn: 'adyenSessionId',
    },
    // Before library 14 the methods sat on the CheckoutAPI itself.
    {
      path: [], method: 'payments', kind: 'adyenPayment', label: 'Adyen payment', distinctive: false,
      paramsHint: ['merchantAccount'], idPath: ['pspReference'], idColumn: 'adyenPaymentId',
    },
    {
      path: [], method: 'sessions', kind: 'adyenSession', label: 'Adyen session', distinctive: false,
      paramsHint: ['merchantAccount'], idPath: ['id'], idColumn: 'adyenSessionId',
    },
  ],
  kinds: {
    adyenPayment: { columnHint: /adyen/i, references: REFERENCES },
    adyenSession: { columnHint: /adyen/i, references: REFERENCES },
  },
  webhookEvents: ['AUTHORISATION', 'CAPTURE', 'CANCELLATION', 'REFUND', 'CHARGEBACK'],
} as const satisfies ProviderSpec;
