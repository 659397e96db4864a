/** Stripe (`stripe` on npm): PaymentIntents, Checkout Sessions and legacy Charges; the booking id goes in `metadata`. */
import type { ProviderSpec } from './types.js';

export const stripe = {
  id: 'stripe',
  name: 'Stripe',
  sdkPackages: ['stripe'],
  clientPackages: ['stripe'],
  importHint: /(?:from\s*|require\s*\(\s*)['"][^'"]*stripe[^'"]*['"]/i,
  columnWords: ['stripe'],
  creations: [
    {
      path: ['paymentIntents'], method: 'create', kind: 'paymentIntent', label: 'PaymentIntent', distinctive: true,
      idPath: ['id'], idColumn: 'paymentIntentId',
    },
    {
      path: ['checkout', 'sessions'], method: 'create', kind: 'checkoutSession', label: 'Checkout Session',
      distinctive: true, idPath: ['id'], idColumn: 'checkoutSessionId',
    },
    {
      path: ['charges'], method: 'create', kind: 'charge', label: 'Charge', distinctive: false,
      idPath: ['id'], idColumn: 'chargeId',
    },
  ],
  // No fixed reference field: the booking id is a `metadata` key (for a Checkout Session also
  // `payment_intent_data.metadata`, `subscription_data.metadata` or `client_reference_id`), which
  // links/booking-reference.ts judges with the project's `keys`.
  kinds: {
    paymentIntent: { columnHint: /intent/i },
    checkoutSession: { columnHint: /session/i },
    charge: { columnHint: /charge/i },
  },
  webhookEvents: [
    'payment_intent.succeeded',
    'payment_intent.payment_failed',
    'checkout.session.completed',
    'checkout.session.expired',
    'charge.refunded',
    'charge.dispute.created',
  ],
  webhookOutcomes: {
    pattern:
      /^(?:payment_intent\.(?:succeeded|payment_failed|canceled|processing|amount_capturable_updated|requires_action|partially_funded)|checkout\.session\.(?:completed|expired|async_payment_succeeded|async_payment_failed)|charge\.(?:succeeded|failed|captured|expired|refunded|refund\.updated|dispute\.[a-z_]+))$/,
    success: /^(?:payment_intent\.succeeded|checkout\.session\.(?:completed|async_payment_succeeded)|charge\.succeeded)$/,
  },
} as const satisfies ProviderSpec;
