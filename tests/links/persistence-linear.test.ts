/**
 * evaluateLocalPersistence indexes a file's writes once: each creation looks only at its own function's
 * writes and the data regions around its own uses. Counted in steps (no timing): four times the functions
 * cost about four times the steps, not sixteen.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getPaymentCreation, type PaymentCreation } from '../../src/detect/payment-creation.js';
import { evaluateLocalPersistence, persistenceStats } from '../../src/links/persistence.js';
import { probe } from '../lint-probe.js';

function source(functions: number): string {
  const out = ["import Stripe from 'stripe';", "const stripe = new Stripe('sk');"];
  for (let i = 0; i < functions; i++) {
    out.push(
      `export async function pay${i}(bookingId: string) {`,
      `  const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'eur', metadata: { bookingId } });`,
      `  await prisma.booking.update({ where: { id: bookingId }, data: { step: 1 } });`,
      `  await prisma.booking.update({ where: { id: bookingId }, data: { step: 2 } });`,
      i % 2 === 0
        ? `  await prisma.booking.update({ where: { id: bookingId }, data: { paymentIntentId: intent.id } });`
        : `  await prisma.booking.update({ where: { id: bookingId }, data: { step: 3 } });`,
      `  return { clientSecret: intent.client_secret };`,
      '}',
    );
  }
  return out.join('\n');
}

/** Evaluates every creation of a generated file; the statuses, the booking writes each sees, and the steps. */
function run(functions: number) {
  const before = { ...persistenceStats };
  const statuses: string[] = [];
  const writesSeen: number[] = [];
  probe(source(functions), (context) => {
    const creations: PaymentCreation[] = [];
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const creation = getPaymentCreation(context, node);
        if (creation) creations.push(creation);
      },
      'Program:exit'() {
        for (const creation of creations) {
          const r = evaluateLocalPersistence(context, creation);
          statuses.push(r.status);
          writesSeen.push(r.bookingWrites.length);
        }
      },
    };
  });
  const steps =
    persistenceStats.writesVisited - before.writesVisited + persistenceStats.ancestorsVisited - before.ancestorsVisited;
  return { statuses, writesSeen, steps, regionBuilds: persistenceStats.regionBuilds - before.regionBuilds };
}

describe('evaluateLocalPersistence is linear in the file', () => {
  it('each creation sees only its own function writes; the regions are built once per file', () => {
    const r = run(20);
    expect(r.writesSeen).toEqual(Array.from({ length: 20 }, () => 3));
    expect(r.statuses).toEqual(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'stored' : 'missing')));
    expect(r.regionBuilds).toBe(1);
  });

  it('four times the functions, about four times the steps (creations × writes would be sixteen)', () => {
    const small = run(50);
    const large = run(200);
    expect(large.statuses).toHaveLength(200);
    expect(large.steps / small.steps).toBeLessThan(6);
  });
});
