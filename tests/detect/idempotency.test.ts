import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { evaluateIdempotencyKey } from '../../src/detect/idempotency.js';
import { getPaymentCreation } from '../../src/detect/payment-creation.js';
import { probe } from '../lint-probe.js';

function verdicts(code: string): string[] {
  const out: string[] = [];
  probe(code, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      const creation = getPaymentCreation(context, node);
      if (!creation) return;
      const result = evaluateIdempotencyKey(context, creation);
      out.push(result.status === 'random' ? `random:${result.source}` : result.status);
    },
  }));
  return out;
}

const SDK = "import Stripe from 'stripe';\nconst stripe = new Stripe('k');\n";

describe('evaluateIdempotencyKey', () => {
  it('judges Stripe request options', () => {
    expect(
      verdicts(`${SDK}
stripe.paymentIntents.create({ amount: 1 });
stripe.paymentIntents.create({ amount: 1 }, { idempotencyKey: \`pi-\${booking.id}\` });
stripe.paymentIntents.create({ amount: 1 }, { idempotencyKey: new Date().toISOString() });
stripe.paymentIntents.create({ amount: 1 }, { idempotencyKey: booking.id + '-' + performance.now() });
stripe.paymentIntents.create({ amount: 1 }, { idempotencyKey: 'same' });
stripe.paymentIntents.create({ amount: 1 }, opts);
stripe.paymentIntents.create({ amount: 1 }, { stripeAccount: 'a', ...more });
stripe.paymentIntents.create(...args);`),
    ).toEqual(['missing', 'present', 'random:new Date()', 'random:performance.now()', 'constant', 'unknown', 'unknown', 'unknown']);
  });

  it("follows a const key and leaves the project's own functions alone", () => {
    expect(
      verdicts(`${SDK}import { nanoid } from 'nanoid';
const k = nanoid();
stripe.checkout.sessions.create({}, { idempotencyKey: k });
function uuid() { return 'x'; }
stripe.checkout.sessions.create({}, { idempotencyKey: uuid() });
let later = 'a'; later = makeKey();
stripe.checkout.sessions.create({}, { idempotencyKey: later });`),
    ).toEqual(['random:nanoid()', 'present', 'present']);
  });
});
