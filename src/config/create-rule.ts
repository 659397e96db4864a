import { ESLintUtils } from '@typescript-eslint/utils';
import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

/** Extra `meta.docs` fields every rule of this plugin declares. */
export interface BookingPaymentDocs {
  /** Whether the rule is on in `configs.recommended` (it is then also in `configs.strict`). */
  recommended: boolean;
  /** Whether the rule needs type information (none of ours do; types only sharpen them). */
  requiresTypeChecking?: boolean;
}

export const REPO_URL = 'https://github.com/booking-payment/eslint-plugin-booking-payment';

export const docsUrl = (name: string): string => `${REPO_URL}/blob/main/docs/rules/${name}.md`;

const creator = ESLintUtils.RuleCreator<BookingPaymentDocs>(docsUrl);

/**
 * typescript-eslint's RuleCreator (fills `docs.url` from the name), minus its per-file option merge: every
 * rule here declares `meta.defaultOptions`, which ESLint (≥ 9.15, our peer range) already merges into
 * `context.options`. typescript-eslint's `applyDefault` structured-clones the defaults on every file, which
 * measured as most of a rule's cost on files without payment calls (see docs/architecture.md).
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  args: Readonly<RuleWithMetaAndName<Options, MessageIds, BookingPaymentDocs>>,
): ReturnType<typeof creator<Options, MessageIds>> {
  const rule = creator(args);
  if (args.meta.defaultOptions === undefined) return rule;
  return { ...rule, create: (context) => args.create(context, context.options as Options) };
}
