import prismaBookingPaymentColumn from './prisma-booking-payment-column.js';
import requireBookingIdMetadata from './require-booking-id-metadata.js';
import requireBookingPaymentColumn from './require-booking-payment-column.js';
import requirePersistedPaymentId from './require-persisted-payment-id.js';
import requireIdempotencyKey from './require-idempotency-key.js';
import requireWebhookBookingLookup from './require-webhook-booking-lookup.js';
import requireWebhookSignature from './require-webhook-signature.js';

/**
 * The file kinds a rule runs on: `script` for JavaScript/TypeScript (ESTree, ESLint's default language),
 * `prisma` for `.prisma` files with the plugin's `booking-payment/prisma` language.
 */
export type RuleLanguage = 'script' | 'prisma';

interface RegistryEntry {
  /** Which files the rule is for; the configs put it in the entry for those files only. */
  readonly language: RuleLanguage;
  /** The rule's `meta.docs.recommended` decides whether `configs.recommended` turns it on. */
  readonly rule: { readonly meta?: { readonly docs?: { readonly recommended?: unknown } } };
}

/**
 * Every rule of the plugin, by name, with the language it is for: the one list the plugin's `rules` and
 * every config are derived from.
 */
export const registry = {
  'prisma-booking-payment-column': { language: 'prisma', rule: prismaBookingPaymentColumn },
  'require-booking-id-metadata': { language: 'script', rule: requireBookingIdMetadata },
  'require-booking-payment-column': { language: 'script', rule: requireBookingPaymentColumn },
  'require-persisted-payment-id': { language: 'script', rule: requirePersistedPaymentId },
  'require-idempotency-key': { language: 'script', rule: requireIdempotencyKey },
  'require-webhook-booking-lookup': { language: 'script', rule: requireWebhookBookingLookup },
  'require-webhook-signature': { language: 'script', rule: requireWebhookSignature },
} as const satisfies Record<string, RegistryEntry>;

export type RuleName = keyof typeof registry;
