import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../config/create-rule.js';
import { stringList } from '../config/option-schemas.js';
import {
  enclosingFunction,
  eventSourceOf,
  fileMayHandleWebhooks,
  getFileEventDispatches,
  getWebhookVerifierSettings,
  handlerMayVerify,
  isProviderEvent,
} from '../detect/webhook.js';

export type Options = [
  {
    verifiers?: string[];
  },
];

export type MessageIds = 'unverifiedEvent';

export default createRule<Options, MessageIds>({
  name: 'require-webhook-signature',
  appliesTo: (context) => fileMayHandleWebhooks(context.sourceCode),
  meta: {
    type: 'problem',
    docs: {
      description: "Require a webhook handler to verify the provider's signature before it acts on the event's type",
      recommended: true,
    },
    defaultOptions: [{}],
    messages: {
      unverifiedEvent:
        "This webhook acts on a payment event read from the request body without checking its signature: anyone can post `{{event}}` and mark a booking paid. Build the event with `stripe.webhooks.constructEvent(rawBody, signature, secret)` (PayPal: verify-webhook-signature; Square: `WebhooksHelper.verifySignature`).",
    },
    schema: [
      {
        type: 'object',
        properties: {
          verifiers: stringList(
            "Names of the project's own functions that verify a webhook (and may return the event), e.g. verifyStripeWebhook. Falls back to settings['booking-payment'].webhookVerifiers.",
          ),
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{}],
  create(context, [options]) {
    const verifiers = new Set(options.verifiers ?? getWebhookVerifierSettings(context));

    return {
      'Program:exit'() {
        const reported = new Set<TSESTree.Node>();
        for (const dispatch of getFileEventDispatches(context)) {
          const event = dispatch.branches.flatMap((b) => b.events).find(isProviderEvent);
          if (event === undefined) continue;
          const source = eventSourceOf(dispatch.event, dispatch.scope, verifiers);
          if (source.kind !== 'body' || reported.has(source.read)) continue;
          const fn = enclosingFunction(source.read);
          const scope = context.sourceCode.getScope(source.read);
          if (handlerMayVerify(fn, scope, source.request, verifiers, context.sourceCode.visitorKeys)) continue;
          reported.add(source.read);
          context.report({ node: source.read, messageId: 'unverifiedEvent', data: { event } });
        }
      },
    };
  },
});
