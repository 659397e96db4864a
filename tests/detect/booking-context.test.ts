import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  bookingInScope,
  generatedSource,
  judgeCreation,
  type BookingInScope,
  type CreationJudgement,
} from '../../src/detect/booking-context.js';
import { DEFAULT_BOOKING_ID_KEYS } from '../../src/config/vocabulary.js';
import { getPaymentCreation } from '../../src/detect/payment-creation.js';
import { probe } from '../lint-probe.js';

const SDK = "import Stripe from 'stripe';\nconst stripe = new Stripe('sk');\n";
const vocabulary = { keys: DEFAULT_BOOKING_ID_KEYS };

function judge(code: string, keys = DEFAULT_BOOKING_ID_KEYS): CreationJudgement[] {
  const out: CreationJudgement[] = [];
  probe(SDK + code, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      const creation = getPaymentCreation(context, node);
      if (creation) out.push(judgeCreation(context, creation, { keys }));
    },
  }));
  return out;
}

function scopeAt(code: string): BookingInScope[] {
  const out: BookingInScope[] = [];
  probe(SDK + code, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      if (getPaymentCreation(context, node)) out.push(bookingInScope(context, node, vocabulary));
    },
  }));
  return out;
}

describe('judgeCreation', () => {
  it('judges a creation with no evidence either way', () => {
    expect(judge('export const f = (amount: number) => stripe.paymentIntents.create({ amount, currency: "usd" });')).toEqual([
      { judged: true },
    ]);
    expect(judge('export const f = (userId: string) => stripe.paymentIntents.create({ amount: 1, metadata: { userId } });')).toEqual([
      { judged: true },
    ]);
  });
  it('names the evidence that a creation pays for something else', () => {
    expect(judge("stripe.checkout.sessions.create({ mode: 'subscription', line_items: [] });")).toEqual([
      { judged: false, reason: 'a subscription-mode Checkout Session' },
    ]);
    expect(judge('export const f = (org: { id: string }) => stripe.paymentIntents.create({ amount: 1, metadata: { organization_id: org.id } });')).toEqual([
      { judged: false, reason: 'its metadata names another entity (`organization_id`)' },
    ]);
    expect(judge("export const f = (plan: { id: string }) => stripe.checkout.sessions.create({ client_reference_id: plan.id, line_items: [] });")).toEqual([
      { judged: false, reason: 'its metadata names another entity (`planId`)' },
    ]);
    expect(judge("stripe.paymentIntents.create({ amount: 1, description: 'Buy 100 credits' });")).toEqual([
      { judged: false, reason: 'its params say it pays for something else (`Buy 100 credits`)' },
    ]);
    expect(judge(`export async function f(customer: string) {
      await stripe.invoiceItems.create({ customer, amount: 1 });
      return stripe.paymentIntents.create({ amount: 1, customer });
    }`)).toEqual([{ judged: false, reason: 'its function also calls `invoiceItems.create`' }]);
    expect(judge(`export async function f(userId: string) {
      const pi = await stripe.paymentIntents.create({ amount: 1 });
      await prisma.user.update({ where: { id: userId }, data: { proIntentId: pi.id } });
    }`)).toEqual([{ judged: false, reason: "the payment's id is written to `user` (line 5)" }]);
  });
  it('judges it anyway when anything in its function names a booking', () => {
    expect(judge("export const f = (teamId: string, slot: Booking) => stripe.paymentIntents.create({ amount: 1, metadata: { teamId } });")).toEqual([
      { judged: true },
    ]);
    expect(judge("stripe.checkout.sessions.create({ mode: 'subscription', line_items: [{ price_data: { product_data: { name: 'Weekly reservation' } } }] });")).toEqual([
      { judged: true },
    ]);
    expect(judge(`export async function f(userId: string) {
      const pi = await stripe.paymentIntents.create({ amount: 1 });
      await prisma.user.update({ where: { id: userId }, data: { proIntentId: pi.id } });
      await prisma.booking.update({ where: { userId }, data: { paid: true } });
    }`)).toEqual([{ judged: true }]);
  });
  it('reads booking words from the keys and models', () => {
    const code = "export const f = (rental: R, teamId: string) => stripe.paymentIntents.create({ amount: 1, metadata: { teamId } });";
    expect(judge(code)).toEqual([{ judged: false, reason: 'its metadata names another entity (`teamId`)' }]);
    expect(judge(code, ['rentalId'])).toEqual([{ judged: true }]);
  });
  it('a payment write to a booking-less model without the id is no evidence', () => {
    expect(judge(`export async function f(userId: string) {
      await stripe.paymentIntents.create({ amount: 1 });
      await prisma.user.update({ where: { id: userId }, data: { lastCheckoutAt: new Date() } });
    }`)).toEqual([{ judged: true }]);
  });
});

describe('bookingInScope', () => {
  it('knows a booking read, created or passed in, and a booking id', () => {
    expect(scopeAt('export async function f(id: string) { const booking = await prisma.booking.findUnique({ where: { id } }); stripe.paymentIntents.create({}); }')).toEqual([
      { state: 'known', key: 'bookingId', value: 'booking.id' },
    ]);
    expect(scopeAt('export async function f() { const reservation = await createReservation(); stripe.paymentIntents.create({}); }')).toEqual([
      { state: 'known', key: 'reservationId', value: 'reservation.id' },
    ]);
    expect(scopeAt('export const f = (appointmentId: string) => stripe.paymentIntents.create({});')).toEqual([
      { state: 'known', key: 'appointmentId', value: 'appointmentId' },
    ]);
    expect(scopeAt('export const f = (booking: Prisma.Booking) => stripe.paymentIntents.create({});')).toEqual([
      { state: 'known', key: 'bookingId', value: 'booking.id' },
    ]);
  });
  it('does not take a booking-named value for a saved booking', () => {
    expect(scopeAt('export async function f(req: any) { const booking = req.body; stripe.paymentIntents.create({}); }')).toEqual([
      { state: 'unproven', name: 'booking' },
    ]);
    expect(scopeAt('export async function f() { const booking = { total: 1 }; stripe.paymentIntents.create({}); }')).toEqual([
      { state: 'unproven', name: 'booking' },
    ]);
    expect(scopeAt("export async function f() { const bookingId = 'fixed'; stripe.paymentIntents.create({}); }")).toEqual([
      { state: 'unproven', name: 'bookingId' },
    ]);
    expect(scopeAt('export const f = (booking: CreateBookingPayload) => stripe.paymentIntents.create({});')).toEqual([
      { state: 'unproven', name: 'booking' },
    ]);
  });
  it('finds a booking created only after the charge', () => {
    expect(scopeAt(`export async function f(data: any) {
      const pi = await stripe.paymentIntents.create({});
      await db.reservation.create({ data: { ...data, paymentIntentId: pi.id } });
    }`)).toEqual([{ state: 'created-after', delegate: 'reservation', line: 5 }]);
    expect(scopeAt(`export async function f(data: any) {
      const pi = await stripe.paymentIntents.create({});
      await this.bookingService.createBooking(data, pi.id);
    }`)).toEqual([{ state: 'created-after', delegate: 'booking', line: 5 }]);
    // a booking created before is known; an update after is no creation
    expect(scopeAt(`export async function f(id: string) {
      const pi = await stripe.paymentIntents.create({});
      await prisma.booking.update({ where: { id }, data: { paymentIntentId: pi.id } });
    }`)).toEqual([{ state: 'none' }]);
  });
});

describe('generatedSource', () => {
  const source = (expr: string): string | null => {
    let result: string | null = 'unset';
    probe(`const booking = { id: '1' }; const stamp = Date.now(); probe(${expr});`, (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'probe' && node.arguments[0]) {
          result = generatedSource(node.arguments[0], context.sourceCode.getScope(node), DEFAULT_BOOKING_ID_KEYS);
        }
      },
    }));
    return result;
  };
  it('names values made up at the call', () => {
    expect(source('Date.now()')).toBe('Date.now()');
    expect(source('String(stamp)')).toBe('Date.now()');
    expect(source('`bk_${stamp}`')).toBe('Date.now()');
    expect(source("'bk-' + Math.random().toString(36).slice(2)")).toBe('Math.random()');
    expect(source('crypto.randomUUID()')).toBe('randomUUID()');
    expect(source('nanoid()')).toBe('nanoid()');
    expect(source('new Date().getTime()')).toBe('new Date()');
  });
  it('leaves ids and unknowns alone', () => {
    for (const e of ['booking.id', '`${booking.id}-${Date.now()}`', 'input.ref', 'makeRef()', "'fixed'"]) {
      expect(source(e), e).toBeNull();
    }
  });
  it('does not take a shadowing local for the global', () => {
    expect(source('((Date: any) => Date.now())(0)')).toBeNull();
  });
});
