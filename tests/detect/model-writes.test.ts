import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  fileMayWriteModels,
  classifyDelegate,
  dataRegions,
  getFileModelWrites,
  getModelWrite,
  isModelCall,
  isWriteCall,
  type ModelWrite,
} from '../../src/detect/model-writes.js';
import { containsNode } from '../../src/util/ast.js';
import { probe } from '../lint-probe.js';

interface WriteSummary {
  client: string;
  delegate: string;
  method: string;
  data: string[];
  complete: boolean;
}

function writes(code: string, filename?: string): WriteSummary[] {
  const out: WriteSummary[] = [];
  probe(
    code,
    (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        const w = getModelWrite(context, node);
        if (!w) return;
        out.push({
          client: context.sourceCode.getText(w.client),
          delegate: w.delegate,
          method: w.method,
          data: w.data.map((d) => context.sourceCode.getText(d)),
          complete: w.complete,
        });
      },
    }),
    filename,
  );
  return out;
}

describe('getModelWrite', () => {
  it('recognises the five write methods with their data objects', () => {
    expect(
      writes(`
        prisma.booking.create({ data: { status: 'new' } });
        prisma.booking.update({ where: { id }, data: { status: 'paid' } });
        prisma.booking.updateMany({ where: { id }, data: { status: 'paid' } });
        prisma.payment.createMany({ data: [{ bookingId: 'b' }] });
        prisma.booking.upsert({ where: { id }, create: { id }, update: { status: 'x' } });
      `),
    ).toEqual([
      { client: 'prisma', delegate: 'booking', method: 'create', data: ["{ status: 'new' }"], complete: true },
      { client: 'prisma', delegate: 'booking', method: 'update', data: ["{ status: 'paid' }"], complete: true },
      { client: 'prisma', delegate: 'booking', method: 'updateMany', data: ["{ status: 'paid' }"], complete: true },
      { client: 'prisma', delegate: 'payment', method: 'createMany', data: ["[{ bookingId: 'b' }]"], complete: true },
      {
        client: 'prisma',
        delegate: 'booking',
        method: 'upsert',
        data: ['{ id }', "{ status: 'x' }"],
        complete: true,
      },
    ]);
  });

  it('accepts any client: db, tx, ctx.prisma, this.prisma, an imported alias, optional chains', () => {
    const found = writes(`
      import { prisma as database } from '../utils/db';
      db.booking.update({ data: {} });
      prisma.$transaction(async (tx) => { await tx.booking.create({ data: {} }); });
      ctx.prisma.reservation.update({ data: {} });
      class A { m() { return this.prisma.appointment.create({ data: {} }); } }
      database.booking.create({ data: {} });
      client?.booking?.update({ data: {} });
    `);
    expect(found.map((w) => `${w.client}.${w.delegate}`)).toEqual([
      'db.booking',
      'tx.booking',
      'ctx.prisma.reservation',
      'this.prisma.appointment',
      'database.booking',
      'client.booking',
    ]);
  });

  it('follows a delegate alias and a destructured delegate', () => {
    expect(
      writes(`
        const bookings = prisma.booking;
        bookings.update({ data: { a: 1 } });
        const { reservation } = db;
        reservation.create({ data: { a: 1 } });
      `).map((w) => `${w.client}.${w.delegate}.${w.method}`),
    ).toEqual(['prisma.booking.update', 'db.reservation.create']);
  });

  it('resolves the argument and its data through const bindings', () => {
    const [w] = writes(`
      const data = { status: 'paid' };
      const args = { where: { id: 1 }, data };
      prisma.booking.update(args);
    `);
    expect(w).toMatchObject({ data: ["{ status: 'paid' }"], complete: true });
  });

  it('marks what it cannot see as incomplete', () => {
    expect(writes('function f(args) { return prisma.booking.update(args); }')).toEqual([
      { client: 'prisma', delegate: 'booking', method: 'update', data: [], complete: false },
    ]);
    expect(writes('function f(extra) { return prisma.booking.update({ ...extra }); }')[0]?.complete).toBe(false);
    expect(writes('function f(d) { return prisma.booking.update({ where: {}, data: d }); }')[0]?.complete).toBe(false);
    expect(writes('function f(d) { return prisma.booking.update({ data: { ...d } }); }')[0]?.complete).toBe(false);
  });

  it('is not fooled by calls of another shape', () => {
    expect(
      writes(`
        stripe.charges.create({ amount: 1 });
        stripe.paymentIntents.update('pi_1', { amount: 1 });
        prisma.booking.update({ where: { id: 1 } });
        prisma.booking.findFirst({ where: { id: 1 } });
        prisma.$transaction([]);
        map.set('a', 1);
        booking.update();
        update({ data: {} });
        prisma.booking.create(buildArgs());
      `),
    ).toEqual([]);
  });
});

describe('classifyDelegate', () => {
  it('matches delegates to the default booking and payment models', () => {
    expect(['booking', 'reservation', 'appointment', 'payment', 'transaction', 'charge', 'user'].map((d) => classifyDelegate(d))).toEqual([
      'booking',
      'booking',
      'booking',
      'payment',
      'payment',
      'payment',
      null,
    ]);
  });

  it('uses the options instead of the defaults', () => {
    expect(classifyDelegate('rental', { bookingModels: ['Rental'] })).toBe('booking');
    expect(classifyDelegate('booking', { bookingModels: ['Rental'] })).toBeNull();
    expect(classifyDelegate('stripePayment', { paymentModels: ['StripePayment'] })).toBe('payment');
  });
});

describe('isModelCall, dataRegions, getFileModelWrites', () => {
  it('tells database calls from others', () => {
    const out: boolean[] = [];
    probe(
      `prisma.booking.findFirst({ where: {} }); prisma.booking.delete({ where: {} }); res.json({}); prisma.$queryRaw('x');`,
      (context) => ({
        CallExpression(node: TSESTree.CallExpression) {
          out.push(isModelCall(node, context.sourceCode.getScope(node)));
        },
      }),
    );
    expect(out).toEqual([true, true, false, false]);
  });

  it('collects the data objects a write pulls in, and every write of the file in order', () => {
    let found: ModelWrite[] = [];
    let regionTexts: string[] = [];
    let contained = false;
    probe(
      `
      const base = { source: 'web' };
      const payload = { ...base, paymentIntentId: intent.id };
      async function f() {
        await prisma.payment.create({ data: { amount: 1 } });
        await prisma.booking.update({ where: { id: 1 }, data: { ...payload, status: 'paid' } });
      }
      `,
      (context) => ({
        'Program:exit'() {
          found = getFileModelWrites(context);
          const regions = dataRegions(found[1]!);
          regionTexts = regions.map((r) => context.sourceCode.getText(r.node));
          const idNode = context.sourceCode.ast.body[1]!;
          contained = regions.some((r) => containsNode(r.node, idNode));
        },
      }),
    );
    expect(found.map((w) => `${w.delegate}.${w.method}`)).toEqual(['payment.create', 'booking.update']);
    expect(regionTexts).toEqual([
      "{ ...payload, status: 'paid' }",
      '{ ...base, paymentIntentId: intent.id }',
      "{ source: 'web' }",
    ]);
    expect(contained).toBe(false); // the declaration statement is wider than the region
  });
});

describe('fileMayWriteModels', () => {
  const check = (code: string, models: string[]) => {
    let out: boolean | undefined;
    probe(code, (context) => {
      out = fileMayWriteModels(context.sourceCode, models);
      return {};
    });
    return out;
  };
  it('is true when the text names a delegate of the models, whatever the client', () => {
    expect(check('db.booking.update({ where, data })', ['Booking'])).toBe(true);
    expect(check('const { reservation } = prisma;', ['Booking', 'Reservation'])).toBe(true);
  });
  it('is false for files that never name one (ids and other words do not count)', () => {
    expect(check('repo.create({ bookingId: 1, rebooking: true })', ['Booking'])).toBe(false);
    expect(check('prisma.booking.update({})', [])).toBe(false);
  });
});

describe('isWriteCall', () => {
  it('is the cheap pre-check on the write method name (computed names left to getModelWrite)', () => {
    const seen: boolean[] = [];
    probe("a.create(); a.upsert(); a[m](); a.findMany(); a.createOrder(); create();", () => ({
      CallExpression(node: TSESTree.CallExpression) {
        seen.push(isWriteCall(node));
      },
    }));
    expect(seen).toEqual([true, true, true, false, false, false]);
  });
});
