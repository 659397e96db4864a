import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getPaymentCreation } from '../../src/detect/payment-creation.js';
import {
  describePlace,
  evaluateLocalPersistence,
  evaluatePersistence,
  hostFunction,
  isEchoCall,
  type PersistenceOptions,
  type Place,
} from '../../src/links/persistence.js';
import { fixturesDir } from '../rule-tester.js';
import { probe } from '../lint-probe.js';

const SDK = "import Stripe from 'stripe';\nconst stripe = new Stripe('sk');\n";

function local(code: string, options: PersistenceOptions = {}): { status: string; where?: string; echoed: boolean; discarded: boolean; bookingWrites: number } {
  let out: ReturnType<typeof local> | null = null;
  probe(SDK + code, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      const creation = getPaymentCreation(context, node);
      if (!creation || out) return;
      const r = evaluateLocalPersistence(context, creation, options);
      out = { status: r.status, echoed: r.echoed, discarded: r.discarded, bookingWrites: r.bookingWrites.length };
      if (r.where !== undefined) out.where = r.where;
    },
  }));
  if (!out) throw new Error('no creation');
  return out;
}

describe('evaluateLocalPersistence', () => {
  it('stored: in the data of a booking- or payment-like write, whatever the column', () => {
    expect(
      local(`async function f() {
        const intent = await stripe.paymentIntents.create({});
        await prisma.booking.update({ where: { id: 1 }, data: { anyName: intent.id } });
      }`),
    ).toEqual({ status: 'stored', where: 'prisma.booking.update data.anyName', echoed: false, discarded: false, bookingWrites: 1 });
    expect(
      local(`async function f() {
        const { id } = await stripe.paymentIntents.create({});
        await db.payment.create({ data: { booking: { connect: { id: 'b' } }, externalId: id } });
      }`).where,
    ).toBe('db.payment.create data.externalId');
  });

  it('stored: a provider-id column of another model; an entity assignment', () => {
    expect(
      local(`async function f() {
        const intent = await stripe.paymentIntents.create({});
        await prisma.order.update({ where: { id: 1 }, data: { stripePaymentIntentId: intent.id } });
      }`).status,
    ).toBe('stored');
    expect(
      local(`async function f(reservation) {
        const intent = await stripe.paymentIntents.create({});
        reservation.stripeRef = intent.id;
      }`),
    ).toMatchObject({ status: 'stored', where: 'reservation.stripeRef' });
  });

  it('not stored: another field written, or the id written to an unrelated column (unknown)', () => {
    expect(
      local(`async function f() {
        const intent = await stripe.paymentIntents.create({});
        await prisma.booking.update({ where: { id: 1 }, data: { secret: intent.client_secret } });
      }`).status,
    ).toBe('missing');
    expect(
      local(`async function f() {
        const intent = await stripe.paymentIntents.create({});
        await prisma.auditLog.create({ data: { note: intent.id } });
      }`).status,
    ).toBe('unknown');
  });

  it('passed on: returned, or given to another function', () => {
    expect(
      local(`async function f() {
        const intent = await stripe.paymentIntents.create({});
        return { id: intent.id };
      }`),
    ).toMatchObject({ status: 'passed-on', where: 'returned to the caller' });
    expect(
      local(`async function f() {
        const intent = await stripe.paymentIntents.create({});
        await bookings.attachPayment(intent);
      }`),
    ).toMatchObject({ status: 'passed-on', where: 'passed to bookings.attachPayment' });
  });

  it('neither: echoed in a response or a log, only client_secret/url returned, used in a lookup', () => {
    for (const use of [
      'res.json({ id: intent.id })',
      'res.status(201).send(intent)',
      'return NextResponse.json({ id: intent.id })',
      'return Response.json({ id: intent.id })',
      'return new Response(JSON.stringify({ id: intent.id }))',
      'console.log(intent.id)',
      'this.logger.info({ intent })',
      'return { clientSecret: intent.client_secret, url: intent.url }',
      'await prisma.booking.findFirst({ where: { paymentIntentId: intent.id } })',
    ]) {
      expect(
        local(`async function f(res) {
          const intent = await stripe.paymentIntents.create({});
          ${use};
        }`).status,
        use,
      ).toBe('missing');
    }
    expect(
      local(`async function f(res) {
        const intent = await stripe.paymentIntents.create({});
        res.json({ id: intent.id });
      }`).echoed,
    ).toBe(true);
  });

  it('stored wins over passed on; unknown only when nothing else is known', () => {
    expect(
      local(`async function f() {
        const intent = await stripe.paymentIntents.create({});
        await prisma.booking.update({ where: { id: 1 }, data: { paymentIntentId: intent.id } });
        return intent;
      }`).status,
    ).toBe('stored');
    expect(
      local(`async function f(cache) {
        const intent = await stripe.paymentIntents.create({});
        cache.last = intent;
        return intent;
      }`).status,
    ).toBe('passed-on');
  });

  it('counts the booking writes of the host function, through $transaction callbacks', () => {
    expect(
      local(`async function f() {
        await prisma.$transaction(async (tx) => {
          await stripe.paymentIntents.create({});
          await tx.booking.update({ where: { id: 1 }, data: { status: 'x' } });
        });
        await prisma.user.update({ where: { id: 1 }, data: {} });
      }
      async function g() { await prisma.booking.update({ where: { id: 1 }, data: {} }); }`),
    ).toEqual({ status: 'missing', echoed: false, discarded: true, bookingWrites: 1 });
  });

  it('uses the bookingModels option', () => {
    expect(
      local(
        `async function f() {
          const intent = await stripe.paymentIntents.create({});
          await prisma.rental.update({ where: { id: 1 }, data: { ref: intent.id } });
        }`,
        { bookingModels: ['Rental'] },
      ).status,
    ).toBe('stored');
  });
});

describe('the place of a result', () => {
  function placeOf(code: string): Place | undefined {
    let place: Place | undefined;
    probe(SDK + code, (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        const creation = getPaymentCreation(context, node);
        if (creation && !place) place = evaluateLocalPersistence(context, creation).place;
      },
    }));
    return place;
  }

  it('names the model, the column and the line of the storing write; the kind of hand-over', () => {
    expect(
      placeOf(`async function f() {
        const intent = await stripe.paymentIntents.create({});
        await this.prisma.booking.upsert({
          where: { id: 1 },
          create: { payment: { create: { externalId: intent.id } } },
          update: {},
        });
      }`),
    ).toEqual({
      kind: 'model-write',
      model: 'booking',
      method: 'upsert',
      client: 'this.prisma',
      path: ['payment', 'create', 'externalId'],
      column: 'payment',
      file: 'file.ts',
      line: 5,
    });
    expect(placeOf(`async function f() { const intent = await stripe.paymentIntents.create({}); return intent; }`)).toEqual({
      kind: 'returned',
      file: 'file.ts',
      line: 3,
    });
    expect(
      placeOf(`async function f(b) {
        const { id } = await stripe.paymentIntents.create({});
        b.stripeRef = id;
      }`),
    ).toMatchObject({ kind: 'member-assignment', object: 'b', column: 'stripeRef', line: 5 });
  });

  it('renders as the where text', () => {
    const at = { file: '/p/src/webhook.ts', line: 9 };
    expect(
      describePlace({ kind: 'model-write', model: 'booking', method: 'update', client: 'prisma', path: ['paymentIntentId'], column: 'paymentIntentId', ...at }),
    ).toBe('prisma.booking.update data.paymentIntentId');
    expect(
      describePlace({ kind: 'model-write', model: 'booking', method: 'update', client: 'this.services.database.primaryClient', path: [], column: null, ...at }),
    ).toBe('….booking.update data');
    expect(describePlace({ kind: 'argument', callee: 'bookings.attach', ...at })).toBe('passed to bookings.attach');
    expect(describePlace({ kind: 'elsewhere', model: 'booking', column: 'paymentIntentId', writeKind: 'model-write', ...at })).toBe('/p/src/webhook.ts:9');
    expect(describePlace({ kind: 'no-index' })).toBe('the project index could not be built');
  });
});

describe('isEchoCall and hostFunction', () => {
  it('knows responses and logs from other calls', () => {
    const out: Record<string, boolean> = {};
    probe(
      'res.json(x); reply.send(x); c.json(x); new NextResponse(x); console.error(x); req.log.warn(x); debug(x); queue.send(x); save(x); new Booking(x);',
      (context) => ({
        'CallExpression, NewExpression'(node: TSESTree.CallExpression | TSESTree.NewExpression) {
          out[context.sourceCode.getText(node.callee)] = isEchoCall(node);
        },
      }),
    );
    expect(out).toEqual({
      'res.json': true,
      'reply.send': true,
      'c.json': true,
      NextResponse: true,
      'console.error': true,
      'req.log.warn': true,
      debug: true,
      'queue.send': false,
      save: false,
      Booking: false,
    });
  });

  it('climbs out of $transaction and .then callbacks only', () => {
    const hosts: string[] = [];
    probe(
      `async function outer() { await prisma.$transaction(async (tx) => { mark(1); }); }
       app.post('/x', async (req, res) => { mark(2); });
       p.then(() => { mark(3); });`,
      (context) => ({
        CallExpression(node: TSESTree.CallExpression) {
          if (node.callee.type !== 'Identifier' || node.callee.name !== 'mark') return;
          const host = hostFunction(node);
          hosts.push(host.type === 'Program' ? 'Program' : context.sourceCode.getText(host).slice(0, 20));
        },
      }),
    );
    expect(hosts).toEqual(['async function outer', 'async (req, res) => ', 'Program']);
  });
});

describe('evaluatePersistence (with the project index)', () => {
  function full(filename: string): string {
    let status = '';
    probe(
      `${SDK}export async function f(res) {
        const intent = await stripe.paymentIntents.create({});
        res.json({ clientSecret: intent.client_secret });
      }`,
      (context) => ({
        CallExpression(node: TSESTree.CallExpression) {
          const creation = getPaymentCreation(context, node);
          if (creation) status = evaluatePersistence(context, creation).status;
        },
      }),
      filename,
    );
    return status;
  }

  it('is stored-elsewhere when another file of the project writes a provider id, missing when none does', () => {
    expect(full(path.join(fixturesDir, 'projects/webhook-stores/src/x.ts'))).toBe('stored-elsewhere');
    expect(full(path.join(fixturesDir, 'projects/no-store/src/x.ts'))).toBe('missing');
  });
});
