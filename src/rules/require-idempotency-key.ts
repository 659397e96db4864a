import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../config/create-rule.js';
import { stringList } from '../config/option-schemas.js';
import { getPluginSettings, pickList } from '../config/settings.js';
import { DEFAULT_BOOKING_ID_KEYS } from '../config/vocabulary.js';
import { evaluateIdempotencyKey, IDEMPOTENCY_OPTION, KEY_PREFIX } from '../detect/idempotency.js';
import { fileMayCreatePayments, getPaymentCreation } from '../detect/payment-creation.js';
import { findBookingBinding } from '../links/booking-reference.js';
import { insertProperty } from '../util/object-fix.js';

export type Options = [
  {
    keys?: string[];
  },
];

export type MessageIds = 'missingKey' | 'randomKey' | 'constantKey' | 'suggestKey';

export default createRule<Options, MessageIds>({
  name: 'require-idempotency-key',
  appliesTo: (context) => fileMayCreatePayments(context.sourceCode, context.settings),
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every payment creation to send an idempotency key derived from the booking, so a retry cannot charge twice',
      recommended: false,
    },
    hasSuggestions: true,
    defaultOptions: [{}],
    messages: {
      missingKey:
        'This {{label}} is created without an idempotency key, so a retried request (a timeout, a double click) charges the booking twice. Send `{{option}}` derived from the booking.',
      randomKey:
        "This {{label}}'s idempotency key comes from `{{source}}`, which is new on every call, so a retry is a second charge. Derive it from the booking (`{{example}}`).",
      constantKey:
        "This {{label}}'s idempotency key is the same for every payment, so the provider answers every booking after the first with the first one's payment. Derive it from the booking (`{{example}}`).",
      suggestKey: 'Use `{{text}}`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          keys: stringList(
            "Metadata keys that carry the booking id, used to find the booking in scope for the suggestion; replaces the default list. Falls back to settings['booking-payment'].keys.",
          ),
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const keys = pickList(DEFAULT_BOOKING_ID_KEYS, options.keys, getPluginSettings(context).keys);
    const sourceCode = context.sourceCode;

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const creation = getPaymentCreation(context, node);
        if (!creation) return;
        const result = evaluateIdempotencyKey(context, creation);
        if (result.status === 'present' || result.status === 'unknown') return;
        // evaluateIdempotencyKey answers `unknown` for a provider or kind without these.
        const option = IDEMPOTENCY_OPTION[creation.provider] ?? 'idempotencyKey';
        const prefix = KEY_PREFIX[creation.kind] ?? 'payment';
        const binding = findBookingBinding(context, node, keys);
        const value = binding ? `\`${prefix}-\${${binding.value}}\`` : null;
        const example = `${option}: ${value ?? `\`${prefix}-\${booking.id}\``}`;
        const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
        if (result.status === 'missing') {
          if (value !== null) {
            const text = `${option}: ${value}`;
            if (result.object) {
              const object = result.object;
              suggest.push({ messageId: 'suggestKey', data: { text }, fix: (fixer) => insertProperty(fixer, sourceCode, object, text) });
            } else if (result.after) {
              const after = result.after;
              suggest.push({ messageId: 'suggestKey', data: { text }, fix: (fixer) => fixer.insertTextAfter(after, `, { ${text} }`) });
            }
          }
          context.report({ node, messageId: 'missingKey', data: { label: creation.label, option }, suggest });
          return;
        }
        if (value !== null) {
          const target = result.value;
          suggest.push({ messageId: 'suggestKey', data: { text: value }, fix: (fixer) => fixer.replaceText(target, value) });
        }
        context.report({
          node: result.value,
          messageId: result.status === 'random' ? 'randomKey' : 'constantKey',
          data: { label: creation.label, source: result.status === 'random' ? result.source : '', example },
          suggest,
        });
      },
    };
  },
});
