import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../config/create-rule.js';
import { MODEL_OPTIONS, stringList } from '../config/option-schemas.js';
import { getPluginSettings, pickList } from '../config/settings.js';
import { DEFAULT_BOOKING_ID_KEYS, DEFAULT_BOOKING_MODELS, DEFAULT_PAYMENT_MODELS } from '../config/vocabulary.js';
import { fileMayHandleWebhooks, getFileEventDispatches, WEBHOOK_PROVIDER_LABEL } from '../detect/webhook.js';
import { analyzeDispatch, type BranchLookup, type LookupOptions } from '../links/webhook-lookup.js';

export type Options = [
  {
    keys?: string[];
    bookingModels?: string[];
    paymentModels?: string[];
    idColumns?: string[];
  },
];

export type MessageIds = 'guessedBooking' | 'noBooking';

/** Where the booking reference is, by provider, for the messages. */
const REFERENCE_HINT: Readonly<Record<BranchLookup['provider'], string>> = {
  stripe: '`metadata.{{key}}` (or `client_reference_id`)',
  paypal: 'the purchase unit\'s `custom_id`',
  square: 'the payment\'s `reference_id`',
};

export default createRule<Options, MessageIds>({
  name: 'require-webhook-booking-lookup',
  appliesTo: (context) => fileMayHandleWebhooks(context.sourceCode),
  meta: {
    type: 'problem',
    docs: {
      description:
        "Require a webhook's payment-outcome branches to find the booking by the booking id the payment carries or by the provider id the booking stores",
      recommended: true,
    },
    defaultOptions: [{}],
    messages: {
      guessedBooking:
        "This `{{event}}` handler finds the booking by {{via}}, not by the booking id the payment carries: when two bookings match, the wrong one is marked. Look it up by {{reference}} or by the stored {{provider}} id (`where: { {{column}}: … }`).",
      noBooking:
        "This `{{event}}` handler never reaches a booking, so the customer is charged and no booking is confirmed. Find the booking by {{reference}} (or by the stored {{provider}} id) and update it.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          keys: stringList(
            "Metadata keys that carry the booking id; replaces the default list (bookingId, booking_id, reservationId, reservation_id, appointmentId, appointment_id). Falls back to settings['booking-payment'].keys.",
          ),
          ...MODEL_OPTIONS,
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const settings = getPluginSettings(context);
    const keys = pickList(DEFAULT_BOOKING_ID_KEYS, options.keys, settings.keys);
    const lookupOptions: LookupOptions = {
      keys,
      bookingModels: pickList(DEFAULT_BOOKING_MODELS, options.bookingModels, settings.bookingModels),
      paymentModels: pickList(DEFAULT_PAYMENT_MODELS, options.paymentModels, settings.paymentModels),
      idColumns: options.idColumns ?? settings.idColumns,
    };
    const key = keys[0] ?? 'bookingId';
    const column = { stripe: 'paymentIntentId', paypal: 'paypalOrderId', square: 'squarePaymentId' } as const;

    return {
      'Program:exit'() {
        const branches = getFileEventDispatches(context).flatMap((d) => analyzeDispatch(context, d, lookupOptions));
        const reported = new Set<TSESTree.Node>();
        const data = (b: BranchLookup) => ({
          event: b.events[0] ?? '',
          provider: WEBHOOK_PROVIDER_LABEL[b.provider],
          reference: REFERENCE_HINT[b.provider].replace('{{key}}', key),
          column: column[b.provider],
        });
        for (const b of branches) {
          for (const lookup of b.lookups) {
            if (lookup.kind !== 'guesses' || reported.has(lookup.node)) continue;
            reported.add(lookup.node);
            const d = data(b);
            context.report({
              node: lookup.node,
              messageId: 'guessedBooking',
              data: { event: d.event, provider: d.provider, reference: d.reference, column: d.column, via: lookup.via },
            });
          }
        }
        // A success that reaches nothing is reported only when no other success of the provider in the file
        // reaches a booking or does something the rule cannot see (Stripe's samples log one event and confirm
        // on another).
        for (const b of branches) {
          if (!b.success || !b.reachesNothing) continue;
          const covered = branches.some((o) => o !== b && o.provider === b.provider && o.success && !o.reachesNothing);
          if (covered) continue;
          const d = data(b);
          context.report({
            node: b.branch.test,
            messageId: 'noBooking',
            data: { event: d.event, provider: d.provider, reference: d.reference },
          });
        }
      },
    };
  },
});
