/**
 * Providers detected for N/A only: their server SDK in package.json shows the project takes payments, so
 * the schema rules and the audit speak up, but their calls are not recognised (no creation specs). Browser
 * packages (`@stripe/stripe-js`, `@paypal/react-paypal-js`, `@square/web-sdk`, `@adyen/adyen-web` …) are
 * listed nowhere: they cannot create a charge on their own.
 */
import type { OtherProviderSpec } from './types.js';

export const OTHER_PROVIDERS = [
  { id: 'paddle', name: 'Paddle', sdkPackages: ['@paddle/paddle-node-sdk'], columnWords: ['paddle'] },
  { id: 'lemonsqueezy', name: 'Lemon Squeezy', sdkPackages: ['@lemonsqueezy/lemonsqueezy.js'], columnWords: ['lemonsqueezy'] },
  // `checkout` in a column name is Stripe's Checkout Session, not this provider.
  { id: 'checkout.com', name: 'Checkout.com', sdkPackages: ['checkout-sdk-node'], columnWords: [] },
  { id: 'mercadopago', name: 'Mercadopago', sdkPackages: ['mercadopago'], columnWords: ['mercadopago'] },
  { id: 'polar', name: 'Polar', sdkPackages: ['@polar-sh/sdk'], columnWords: ['polar'] },
] as const satisfies readonly OtherProviderSpec[];
