import type { TSESLint } from '@typescript-eslint/utils';

import requireBookingIdMetadata from './require-booking-id-metadata.js';
import requireBookingPaymentColumn from './require-booking-payment-column.js';
import requirePersistedPaymentId from './require-persisted-payment-id.js';

/**
 * Every rule of the plugin that runs on JavaScript/TypeScript files, by name.
 * (Rules for `.prisma` files are listed in `./prisma-rules.ts`.)
 */
export const rules = {
  'require-booking-id-metadata': requireBookingIdMetadata,
  'require-booking-payment-column': requireBookingPaymentColumn,
  'require-persisted-payment-id': requirePersistedPaymentId,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;
