import type { TSESLint } from '@typescript-eslint/utils';

import requireBookingIdMetadata from './require-booking-id-metadata.js';
import requireBookingPaymentColumn from './require-booking-payment-column.js';
import requirePersistedPaymentId from './require-persisted-payment-id.js';
import requireIdempotencyKey from './require-idempotency-key.js';
import requireWebhookBookingLookup from './require-webhook-booking-lookup.js';
import requireWebhookSignature from './require-webhook-signature.js';

/**
 * Every rule of the plugin that runs on JavaScript/TypeScript files, by name.
 * (Rules for `.prisma` files are listed in `./prisma-rules.ts`.)
 */
export const rules = {
  'require-booking-id-metadata': requireBookingIdMetadata,
  'require-booking-payment-column': requireBookingPaymentColumn,
  'require-persisted-payment-id': requirePersistedPaymentId,
  'require-idempotency-key': requireIdempotencyKey,
  'require-webhook-booking-lookup': requireWebhookBookingLookup,
  'require-webhook-signature': requireWebhookSignature,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;
