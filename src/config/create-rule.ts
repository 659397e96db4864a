import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

import { guardListeners, handleAnalysisError } from './errors.js';

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
 * A rule's per-file pre-check (`fileMayCreatePayments`, `fileMayHandleWebhooks`): false means no listener of
 * the rule could report in this file. It must be cheap and cached per file, since every rule of a config asks.
 */
export type FileGate = (context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>) => boolean;

/**
 * typescript-eslint's RuleCreator (fills `docs.url` from the name), minus its per-file option merge: every
 * rule here declares `meta.defaultOptions`, which ESLint (≥ 9.15, our peer range) already merges into
 * `context.options`. typescript-eslint's `applyDefault` structured-clones the defaults on every file, which
 * measured as most of a rule's cost on files without payment calls (see docs/architecture.md).
 *
 * `appliesTo` is the rule's per-file gate, asked before anything else (see FileGate).
 *
 * Every rule is guarded at its boundary (`./errors.ts`): an unexpected throw in the analysis is "unknown" for
 * that node and never aborts the user's ESLint run; a `PluginConfigurationError` is shown as ESLint shows an
 * invalid option.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  args: Readonly<RuleWithMetaAndName<Options, MessageIds, BookingPaymentDocs>> & { appliesTo?: FileGate },
): ReturnType<typeof creator<Options, MessageIds>> {
  const rule = creator(args);
  const appliesTo = args.appliesTo;
  const create: typeof rule.create = (context) => {
    let listeners: ReturnType<typeof rule.create>;
    try {
      // Most files fail the gate: they pay one cached test and nothing of the rule's own set-up.
      if (appliesTo && !appliesTo(context)) return {};
      listeners =
        args.meta.defaultOptions === undefined ? rule.create(context) : args.create(context, context.options as Options);
    } catch (error) {
      handleAnalysisError(args.name, context.filename, error);
      return {};
    }
    return guardListeners(listeners, args.name, context.filename);
  };
  return { ...rule, create };
}
