import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  evaluateBookingIdLink,
  findBookingBinding,
  insertionText,
  type MissingMessageId,
} from '../links/booking-reference.js';
import { createRule } from '../config/create-rule.js';
import { DEFAULT_BOOKING_ID_KEYS } from '../config/vocabulary.js';
import { insertProperty } from '../util/object-fix.js';
import { fileMayCreatePayments, getPaymentCreation } from '../detect/payment-creation.js';
import { getPluginSettings, pickList } from '../config/settings.js';

export type Options = [
  {
    keys?: string[];
    requirePaymentIntentMetadata?: boolean;
  },
];

export type MessageIds = MissingMessageId | 'suggestAddBookingId';

export default createRule<Options, MessageIds>({
  name: 'require-booking-id-metadata',
  meta: {
    type: 'problem',
    docs: {
      description: "Require every payment created at the provider to carry the booking id in the provider's metadata",
      recommended: true,
    },
    hasSuggestions: true,
    defaultOptions: [{ requirePaymentIntentMetadata: false }],
    messages: {
      missingMetadata:
        'This {{label}} carries no booking id, so a failed webhook leaves a charge no program can map back to its booking. Add `metadata: { {{key}}: … }`.',
      missingKey:
        "This {{label}}'s metadata has no booking id ({{keys}}), so a failed webhook leaves a charge no program can map back to its booking. Add `{{key}}` to it.",
      missingCheckoutMetadata:
        'This Checkout Session carries no booking id, so a failed webhook leaves a charge no program can map back to its booking. Put `{{key}}` in `{{location}}`.',
      sessionMetadataOnly:
        'The booking id is only on the session, which never reaches its PaymentIntent: refunds, disputes and `payment_intent.*` events cannot find the booking. Put `{{key}}` in `{{location}}`.',
      missingReference:
        'This {{label}} carries no booking id, so a failed webhook leaves a charge no program can map back to its booking. Set `{{location}}` to the booking id.',
      suggestAddBookingId: 'Add `{{text}}`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          keys: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            minItems: 1,
            uniqueItems: true,
            description:
              "Metadata keys that carry the booking id; replaces the default list (bookingId, booking_id, reservationId, reservation_id, appointmentId, appointment_id). Falls back to settings['booking-payment'].keys.",
          },
          requirePaymentIntentMetadata: {
            type: 'boolean',
            description:
              "Checkout Sessions in payment mode pass only when the booking id is in payment_intent_data.metadata (session metadata and client_reference_id never reach the PaymentIntent). On in the strict config.",
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ requirePaymentIntentMetadata: false }],
  create(context, [options]) {
    if (!fileMayCreatePayments(context.sourceCode, context.settings)) return {};
    const keys = pickList(DEFAULT_BOOKING_ID_KEYS, options.keys, getPluginSettings(context).keys);
    const requirePaymentIntentMetadata = options.requirePaymentIntentMetadata === true;
    const sourceCode = context.sourceCode;

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const creation = getPaymentCreation(context, node);
        if (!creation) return;
        const result = evaluateBookingIdLink(context, creation, { keys, requirePaymentIntentMetadata });
        if (result.status !== 'missing') return;

        const binding = findBookingBinding(context, node, keys);
        const key = binding?.key ?? keys[0] ?? 'bookingId';
        const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
        const insertion = result.insertion;
        if (binding && insertion) {
          const text = insertionText(insertion.path, result.field ? { ...binding, key: result.field } : binding);
          suggest.push({
            messageId: 'suggestAddBookingId',
            data: { text },
            fix: (fixer) => insertProperty(fixer, sourceCode, insertion.object, text),
          });
        }
        context.report({
          node: result.node,
          messageId: result.messageId,
          data: { label: creation.label, key, keys: keys.join(', '), location: result.location },
          suggest,
        });
      },
    };
  },
});
