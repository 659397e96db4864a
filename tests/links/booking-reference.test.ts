import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  evaluateBookingIdLink,
  findBookingBinding,
  insertionText,
  isBookingLikeValue,
  type LinkEvaluation,
} from '../../src/links/booking-reference.js';
import { DEFAULT_BOOKING_ID_KEYS } from '../../src/config/vocabulary.js';
import { getPaymentCreation } from '../../src/detect/payment-creation.js';
import { probe } from '../lint-probe.js';

const SDK = "import Stripe from 'stripe';\nconst stripe = new Stripe('sk');\n";

function evaluate(code: string, strict = false): (LinkEvaluation['status'] | string)[] {
  const out: string[] = [];
  probe(SDK + code, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      const creation = getPaymentCreation(context, node);
      if (!creation) return;
      const r = evaluateBookingIdLink(context, creation, {
        keys: DEFAULT_BOOKING_ID_KEYS,
        requirePaymentIntentMetadata: strict,
      });
      out.push(r.status === 'present' ? `present:${r.where}` : r.status === 'missing' ? `missing:${r.messageId}` : r.status);
    },
  }));
  return out;
}

describe('evaluateBookingIdLink', () => {
  it('names where the booking id is carried', () => {
    expect(evaluate('stripe.paymentIntents.create({ metadata: { booking_id: x } });')).toEqual(['present:metadata.booking_id']);
    expect(evaluate("stripe.checkout.sessions.create({ mode: 'payment', payment_intent_data: { metadata: { bookingId: x } } });")).toEqual([
      'present:payment_intent_data.metadata.bookingId',
    ]);
    expect(evaluate('stripe.checkout.sessions.create({ client_reference_id: booking.id });')).toEqual([
      'present:client_reference_id',
    ]);
  });
  it('separates missing from unknown', () => {
    expect(evaluate('stripe.paymentIntents.create({ amount: 1 });')).toEqual(['missing:missingMetadata']);
    expect(evaluate('stripe.paymentIntents.create();')).toEqual(['missing:missingMetadata']);
    expect(evaluate('export const f = (p: any) => stripe.paymentIntents.create(p);')).toEqual(['unknown']);
    expect(evaluate('export const f = (m: any) => stripe.paymentIntents.create({ metadata: m });')).toEqual(['unknown']);
  });
  it('knows setup mode charges nothing, and an unknown mode accepts every location', () => {
    expect(evaluate("stripe.checkout.sessions.create({ mode: 'setup' });")).toEqual(['not-applicable']);
    expect(evaluate('export const f = (mode: any) => stripe.checkout.sessions.create({ mode, metadata: { bookingId: 1 } });')).toEqual([
      'present:metadata.bookingId',
    ]);
  });
  it('in strict mode accepts only payment_intent_data.metadata for payment mode', () => {
    expect(evaluate("stripe.checkout.sessions.create({ mode: 'payment', metadata: { bookingId: 1 } });", true)).toEqual([
      'missing:sessionMetadataOnly',
    ]);
    expect(evaluate("stripe.checkout.sessions.create({ mode: 'payment' });", true)).toEqual(['missing:missingCheckoutMetadata']);
  });
});

describe('isBookingLikeValue', () => {
  const check = (expr: string) => {
    let result = false;
    probe(`const booking = { id: '1' }; const bookingRef = booking.id; probe(${expr});`, (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'probe' && node.arguments[0]) {
          result = isBookingLikeValue(node.arguments[0], context.sourceCode.getScope(node), DEFAULT_BOOKING_ID_KEYS);
        }
      },
    }));
    return result;
  };
  it('accepts booking ids in their usual spellings', () => {
    for (const e of ['booking.id', 'bookingId', 'input.reservationId', 'ctx.appointment.id', 'String(booking.id)', 'booking.id.toString()', '`${booking.id}`', 'bookingRef']) {
      expect(check(e), e).toBe(true);
    }
  });
  it('rejects other ids', () => {
    for (const e of ['user.id', 'session.id', "'static'", 'req.body.userId']) {
      expect(check(e), e).toBe(false);
    }
  });
});

describe('suggestion helpers', () => {
  it('finds the nearest booking binding declared before the call', () => {
    const found: unknown[] = [];
    probe(
      `function a(reservation: any) { mark(); }
       function b() { mark(); const booking = 1; }
       function c(bookingId: string) { mark(); }`,
      (context) => ({
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type === 'Identifier' && node.callee.name === 'mark') {
            found.push(findBookingBinding(context, node, DEFAULT_BOOKING_ID_KEYS));
          }
        },
      }),
    );
    expect(found).toEqual([{ key: 'reservationId', value: 'reservation.id' }, null, { key: 'bookingId', value: 'bookingId' }]);
  });
  it('builds nested insertion text', () => {
    expect(insertionText(['payment_intent_data', 'metadata'], { key: 'bookingId', value: 'booking.id' })).toBe(
      'payment_intent_data: { metadata: { bookingId: booking.id } }',
    );
    expect(insertionText([], { key: 'booking-ref', value: 'b.id' })).toBe("'booking-ref': b.id");
  });
});
