import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra `meta.docs` fields every rule of this plugin declares. */
export interface BookingPaymentDocs {
  /** Whether the rule is on in `configs.recommended` (it is then also in `configs.strict`). */
  recommended: boolean;
  /** Whether the rule needs type information (none of ours do; types only sharpen them). */
  requiresTypeChecking?: boolean;
}

export const REPO_URL = 'https://github.com/booking-payment/eslint-plugin-booking-payment';

export const docsUrl = (name: string): string => `${REPO_URL}/blob/main/docs/rules/${name}.md`;

/** Wraps typescript-eslint's RuleCreator so every rule gets its `docs.url` from its name. */
export const createRule = ESLintUtils.RuleCreator<BookingPaymentDocs>(docsUrl);
