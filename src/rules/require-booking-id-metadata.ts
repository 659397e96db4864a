import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { evaluateBookingIdLink, insertionText, type MissingMessageId } from '../links/booking-reference.js';
import { bookingInScope, judgeCreation, type BookingInScope } from '../detect/booking-context.js';
import { createRule } from '../config/create-rule.js';
import { DEFAULT_BOOKING_ID_KEYS, DEFAULT_BOOKING_MODELS, DEFAULT_PAYMENT_MODELS } from '../config/vocabulary.js';
import { insertProperty } from '../util/object-fix.js';
import { fileMayCreatePayments, getPaymentCreation } from '../detect/payment-creation.js';
import { getPluginSettings, pickList } from '../config/settings.js';

export type Options = [
  {
    keys?: string[];
    requirePaymentIntentMetadata?: boolean;
  },
];

export type MessageIds = MissingMessageId | 'bookingCreatedAfter' | 'suggestAddBookingId';

/** What the booking id should be, as the messages name it (`{{reference}}`). */
function referenceText(found: BookingInScope): string {
  if (found.state === 'known') return `\`${found.value}\``;
  if (found.state === 'unproven') return `the id of a booking saved before this charge (\`${found.name}\` may not be one yet)`;
  return 'the id of a booking created before this charge (none is in scope here)';
}

export default createRule<Options, MessageIds>({
  name: 'require-booking-id-metadata',
  appliesTo: (context) => fileMayCreatePayments(context.sourceCode, context.settings),
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
        'This {{label}} carries no booking id, so a failed webhook leaves a charge no program can map back to its booking. Add `metadata: { {{key}}: … }` holding {{reference}}.',
      missingKey:
        "This {{label}}'s metadata has no booking id ({{keys}}), so a failed webhook leaves a charge no program can map back to its booking. Add `{{key}}` to it, holding {{reference}}.",
      missingCheckoutMetadata:
        'This Checkout Session carries no booking id, so a failed webhook leaves a charge no program can map back to its booking. Put `{{key}}` in `{{location}}`, holding {{reference}}.',
      sessionMetadataOnly:
        'The booking id is only on the session, which never reaches its PaymentIntent: refunds, disputes and `payment_intent.*` events cannot find the booking. Put `{{key}}` in `{{location}}`.',
      missingReference:
        'This {{label}} carries no booking id, so a failed webhook leaves a charge no program can map back to its booking. Set `{{location}}` to {{reference}}.',
      notBookingId:
        "This {{label}}'s `{{location}}` is made from `{{source}}`, not from the booking's id, so no program can map the charge back to its booking. Create the booking before the charge and pass its id instead.",
      bookingCreatedAfter:
        'This {{label}} carries no booking id: the {{delegate}} it pays for is only created after it (line {{line}}), so a failed webhook leaves a charge no program can map back to its booking. Create the {{delegate}} first (as pending) and pass its id in `{{location}}`.',
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
    const settings = getPluginSettings(context);
    const keys = pickList(DEFAULT_BOOKING_ID_KEYS, options.keys, settings.keys);
    const vocabulary = {
      keys,
      bookingModels: pickList(DEFAULT_BOOKING_MODELS, settings.bookingModels),
      paymentModels: pickList(DEFAULT_PAYMENT_MODELS, settings.paymentModels),
    };
    const requirePaymentIntentMetadata = options.requirePaymentIntentMetadata === true;
    const sourceCode = context.sourceCode;

    return {
      CallExpression(node: TSESTree.CallExpression) {
        const creation = getPaymentCreation(context, node);
        if (!creation) return;
        const result = evaluateBookingIdLink(context, creation, { keys, requirePaymentIntentMetadata });
        if (result.status !== 'missing') return;
        if (!judgeCreation(context, creation, vocabulary).judged) return;

        const found = bookingInScope(context, node, vocabulary);
        const binding = found.state === 'known' ? found : null;
        const key = binding?.key ?? keys[0] ?? 'bookingId';
        const common = { label: creation.label, key, keys: keys.join(', '), location: result.location };
        if (result.messageId === 'notBookingId') {
          context.report({
            node: result.node,
            messageId: 'notBookingId',
            data: { label: creation.label, location: result.location, source: result.source ?? '' },
          });
          return;
        }
        if (found.state === 'created-after' && result.messageId !== 'sessionMetadataOnly') {
          const location = result.field ? result.location : `${result.location}.${key}`;
          context.report({
            node: result.node,
            messageId: 'bookingCreatedAfter',
            data: { label: creation.label, location, delegate: found.delegate, line: String(found.line) },
          });
          return;
        }
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
          data: { ...common, reference: referenceText(found) },
          suggest,
        });
      },
    };
  },
});
