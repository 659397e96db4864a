import path from 'node:path';

import rule from '../../src/rules/require-persisted-payment-id.js';
import { createRuleTester, createTypedRuleTester, fixturesDir, TYPED_FILE } from '../rule-tester.js';

const ruleTester = createRuleTester();

/** A file of a project where no file stores a provider id (so "never stored" can fire). */
const NO_STORE = path.join(fixturesDir, 'projects/no-store/src/handler.ts');
/** A file of a project whose webhook stores the PaymentIntent id (so "never stored" stays silent). */
const WEBHOOK_STORES = path.join(fixturesDir, 'projects/webhook-stores/src/handler.ts');
/** A project whose schema.prisma names the booking's column `stripePaymentIntentId`. */
const WITH_SCHEMA = path.join(fixturesDir, 'projects/with-schema/src/handler.ts');

const PAYPAL = "import { Client, OrdersController } from '@paypal/paypal-server-sdk';\nimport { prisma } from './db';\nconst orders = new OrdersController(new Client({}));\n";
const SQUARE = "import { SquareClient } from 'square';\nimport { prisma } from './db';\nconst square = new SquareClient({ token: 't' });\n";
const IMPORT = "import Stripe from 'stripe';\nimport { prisma } from './db';\nconst stripe = new Stripe(process.env.STRIPE_KEY!);\n";

ruleTester.run('require-persisted-payment-id', rule, {
  valid: [
    // review regressions: a helper service that stores the id is a hand-over, not a lookup
    {
      filename: NO_STORE,
      code: `${IMPORT}export class CheckoutService {
        constructor(private stripe: any, private prisma: any, private paymentsService: any) {}
        async checkout(bookingId: string, amount: number) {
          const intent = await this.stripe.paymentIntents.create({ amount, currency: 'eur', metadata: { bookingId } });
          await this.paymentsService.create(bookingId, intent.id);
          await this.prisma.booking.update({ where: { id: bookingId }, data: { status: 'PENDING' } });
          return { clientSecret: intent.client_secret };
        }
      }`,
    },
    // a booking write on the failure path of the try that creates the payment cannot store it
    {
      filename: NO_STORE,
      options: [{ checkProject: false }],
      code: `${IMPORT}export async function checkout(bookingId: string, amount: number) {
        try {
          const intent = await stripe.paymentIntents.create({ amount, currency: 'eur', metadata: { bookingId } });
          return { clientSecret: intent.client_secret };
        } catch (e) {
          await prisma.booking.update({ where: { id: bookingId }, data: { status: 'PAYMENT_FAILED' } });
          throw e;
        }
      }`,
    },
    // `log` from the project's own module is not a log line: it may store the id (an audit trail)
    {
      filename: NO_STORE,
      code: `${IMPORT}import { log } from './audit-trail';
      export async function checkout(bookingId: string) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur', metadata: { bookingId } });
        await log({ bookingId, paymentIntentId: intent.id });
        await prisma.booking.update({ where: { id: bookingId }, data: { status: 'PENDING' } });
      }`,
    },
    // a setup-mode Checkout Session charges nothing
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function saveCard(bookingId: string) {
        const session = await stripe.checkout.sessions.create({ mode: 'setup', customer: 'cus_1' });
        await prisma.reservation.update({ where: { id: bookingId }, data: { status: 'CARD_PENDING' } });
        return session.url;
      }`,
    },
    // another provider id of the result (the charge) stored in a provider-id column
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(bookingId: string) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur', metadata: { bookingId } });
        await prisma.booking.update({ where: { id: bookingId }, data: { stripeChargeId: intent.latest_charge as string } });
      }`,
    },
    // the canonical fix: the booking update stores intent.id
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(bookingId: string) {
        const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'eur', metadata: { bookingId } });
        await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending', paymentIntentId: intent.id } });
        return { clientSecret: intent.client_secret };
      }`,
    },
    // whatever the column is called, and optional chaining
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(bookingId: string) {
        const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'eur' });
        await prisma.reservation.update({ where: { id: bookingId }, data: { stripeRef: intent?.id } });
      }`,
    },
    // destructuring: the variable holding the id, in a shorthand property
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(bookingId: string) {
        const { id: paymentIntentId, client_secret } = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        await prisma.booking.update({ where: { id: bookingId }, data: { paymentIntentId } });
        return client_secret;
      }`,
    },
    // a derived variable, a data object bound to a const, a spread of it
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(bookingId: string) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        const id = intent.id;
        const payment = { paymentIntentId: id };
        await prisma.booking.update({ where: { id: bookingId }, data: { ...payment, status: 'pending' } });
      }`,
    },
    // .then((pi) => …)
    {
      filename: NO_STORE,
      code: `${IMPORT}export function checkout(bookingId: string) {
        return stripe.paymentIntents.create({ amount: 1, currency: 'eur' }).then((pi) =>
          prisma.booking.update({ where: { id: bookingId }, data: { paymentIntentId: pi.id } }),
        );
      }`,
    },
    // inside prisma.$transaction(async (tx) => …)
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(bookingId: string) {
        await prisma.$transaction(async (tx) => {
          const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
          await tx.booking.update({ where: { id: bookingId }, data: { paymentIntentId: intent.id } });
        });
      }`,
    },
    // a Payment-like model holds it (createMany, upsert)
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(bookingId: string) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        await db.payment.createMany({ data: [{ bookingId, externalId: intent.id }] });
        await db.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
      }`,
    },
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(bookingId: string) {
        const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [] });
        await prisma.transaction.upsert({ where: { bookingId }, create: { bookingId, sessionId: session.id }, update: { sessionId: session.id } });
        await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
        return session.url;
      }`,
    },
    // the whole object (a JSON column)
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(bookingId: string) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        await prisma.booking.update({ where: { id: bookingId }, data: { payment: JSON.stringify(intent) } });
      }`,
    },
    // assigned onto an entity (other ORMs)
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(booking: { paymentIntentId?: string }, em: { flush(): Promise<void> }) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        booking.paymentIntentId = intent.id;
        await em.flush();
      }`,
    },
    // passed on: returned to the caller (judged there), or given to another function
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function createIntent(bookingId: string) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
        return intent;
      }`,
    },
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function createIntent(bookingId: string) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
        return { id: intent.id, clientSecret: intent.client_secret };
      }`,
    },
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function createIntent(bookingId: string) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
        await recordPayment(bookingId, intent.id);
      }`,
    },
    {
      filename: NO_STORE,
      code: `${IMPORT}export function createIntent() {
        return stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
      }`,
    },
    // the client under any name: this.prisma, ctx.prisma, a destructured delegate, a delegate alias
    {
      filename: NO_STORE,
      code: `${IMPORT}export class Checkout {
        constructor(private prisma: any, private stripe: Stripe) {}
        async run(bookingId: string) {
          const intent = await this.stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
          await this.prisma.booking.update({ where: { id: bookingId }, data: { paymentIntentId: intent.id } });
        }
      }`,
    },
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(ctx: { prisma: any }, bookingId: string) {
        const { booking } = ctx.prisma;
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        await booking.update({ where: { id: bookingId }, data: { paymentIntentId: intent.id } });
      }`,
    },
    // a value the analysis cannot follow is not reported: a member of an unknown object, Promise.all
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(cache: Record<string, unknown>) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        cache.current = intent;
      }`,
    },
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout() {
        const [intent] = await Promise.all([stripe.paymentIntents.create({ amount: 1, currency: 'eur' })]);
        await prisma.booking.update({ where: { id: 'b' }, data: { status: 'pending' } });
      }`,
    },
    // a reassigned variable is not trusted
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout() {
        let intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        intent = await load();
        await prisma.booking.update({ where: { id: 'b' }, data: { status: 'pending' } });
      }`,
    },
    // not payment creations
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function refresh(bookingId: string) {
        const intent = await stripe.paymentIntents.update('pi_1', { amount: 2 });
        await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
      }`,
    },
    // lookalike: an object literal with a paymentIntents.create
    {
      filename: NO_STORE,
      code: `const fake = { paymentIntents: { create: async (p: unknown) => ({ id: 'pi_1' }) } };
      export async function checkout(bookingId: string) {
        const intent = await fake.paymentIntents.create({ amount: 1 });
        await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
      }`,
    },
    // shadowed name: the inner `stripe` is a lookalike
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(bookingId: string) {
        const stripe = { paymentIntents: { create: async (p: unknown) => ({ id: 'pi_1' }) } };
        const intent = await stripe.paymentIntents.create({ amount: 1 });
        await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
      }`,
    },
    // a write of another model is not a booking write; the webhook of this project stores the id
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function checkout(userId: string, res: any) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        await prisma.user.update({ where: { id: userId }, data: { lastCheckoutAt: new Date() } });
        res.json({ clientSecret: intent.client_secret });
      }`,
    },
    // the booking written before the payment, the id stored by the project's webhook
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function checkout(res: any) {
        const booking = await prisma.booking.create({ data: { status: 'pending' } });
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur', metadata: { bookingId: booking.id } });
        return res.json({ clientSecret: intent.client_secret });
      }`,
    },
    // this very file stores it elsewhere (a webhook handler next to the checkout)
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(res: any) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        res.json({ clientSecret: intent.client_secret });
      }
      export async function webhook(event: any) {
        await prisma.booking.update({ where: { id: event.data.object.metadata.bookingId }, data: { paymentIntentId: event.data.object.id } });
      }`,
    },
    // PayPal and Square ids stored along their id paths
    {
      filename: NO_STORE,
      code: `${PAYPAL}export async function pay(bookingId: string) {
        const { result } = await orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [] } });
        await prisma.booking.update({ where: { id: bookingId }, data: { paypalOrderId: result.id } });
      }`,
    },
    {
      filename: NO_STORE,
      code: `${SQUARE}export async function pay(bookingId: string) {
        const response = await square.payments.create({ sourceId: 'cnon', idempotencyKey: 'k', amountMoney: { amount: 100n, currency: 'EUR' } });
        await prisma.booking.update({ where: { id: bookingId }, data: { externalRef: response.payment?.id } });
      }`,
    },
    // checkProject: false keeps only the in-function checks
    {
      filename: NO_STORE,
      options: [{ checkProject: false }],
      code: `${IMPORT}export async function checkout(res: any) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        res.json({ clientSecret: intent.client_secret });
      }`,
    },
    // bookingModels replaces the list: a booking write is then an ordinary write
    {
      filename: WEBHOOK_STORES,
      options: [{ bookingModels: ['Rental'] }],
      code: `${IMPORT}export async function checkout(bookingId: string) {
        const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
        await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
        return intent.client_secret;
      }`,
    },
  ],
  invalid: [
    // review regression: upsert({ create: data, update: data }) with one shared object threw "Fix objects must
    // not be overlapped"; the suggestion now adds the column once
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function f(bookingId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur', metadata: { bookingId } });
  const data = {};
  await prisma.booking.upsert({ where: { id: bookingId }, create: data, update: data });
  return intent.client_secret;
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          line: 7,
          suggestions: [
            {
              messageId: 'suggestAddId',
              data: { text: 'paymentIntentId: intent.id' },
              output: `${IMPORT}export async function f(bookingId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur', metadata: { bookingId } });
  const data = { paymentIntentId: intent.id };
  await prisma.booking.upsert({ where: { id: bookingId }, create: data, update: data });
  return intent.client_secret;
}`,
            },
          ],
        },
      ],
    },
    // PayPal: the order's id is at result.id; writing the booking without it is reported
    {
      filename: WEBHOOK_STORES,
      code: `${PAYPAL}export async function pay(bookingId: string) {
  const response = await orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [] } });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
  return response.result.status;
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          data: { delegate: 'booking', method: 'update', label: 'PayPal order', line: '5', column: 'paypalOrderId' },
          line: 6,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAddId',
              data: { text: 'paypalOrderId: response.result.id' },
              output: `${PAYPAL}export async function pay(bookingId: string) {
  const response = await orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [] } });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending', paypalOrderId: response.result.id } });
  return response.result.status;
}`,
            },
          ],
        },
      ],
    },
    // Square: `const { payment } = …` holds the object one step down the id path
    {
      filename: WEBHOOK_STORES,
      code: `${SQUARE}export async function pay(bookingId: string) {
  const { payment } = await square.payments.create({ sourceId: 'cnon', idempotencyKey: 'k', amountMoney: { amount: 100n, currency: 'EUR' }, referenceId: bookingId });
  await prisma.appointment.update({ where: { id: bookingId }, data: { status: payment?.status } });
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          line: 6,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAddId',
              data: { text: 'squarePaymentId: payment.id' },
              output: `${SQUARE}export async function pay(bookingId: string) {
  const { payment } = await square.payments.create({ sourceId: 'cnon', idempotencyKey: 'k', amountMoney: { amount: 100n, currency: 'EUR' }, referenceId: bookingId });
  await prisma.appointment.update({ where: { id: bookingId }, data: { status: payment?.status, squarePaymentId: payment.id } });
}`,
            },
          ],
        },
      ],
    },
    // the classic: the booking's status is updated, the id is not
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function checkout(bookingId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'eur', metadata: { bookingId } });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
  return { clientSecret: intent.client_secret };
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          data: { delegate: 'booking', method: 'update', label: 'PaymentIntent', line: '5', column: 'paymentIntentId' },
          line: 6,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAddId',
              data: { text: 'paymentIntentId: intent.id' },
              output: `${IMPORT}export async function checkout(bookingId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'eur', metadata: { bookingId } });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending', paymentIntentId: intent.id } });
  return { clientSecret: intent.client_secret };
}`,
            },
          ],
        },
      ],
    },
    // destructured id, never used: the suggestion writes the variable
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function checkout(bookingId: string) {
  const { id: paymentIntentId, client_secret } = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: bookingId }, data: {} });
  return client_secret;
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          line: 6,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAddId',
              output: `${IMPORT}export async function checkout(bookingId: string) {
  const { id: paymentIntentId, client_secret } = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: bookingId }, data: { paymentIntentId } });
  return client_secret;
}`,
            },
          ],
        },
      ],
    },
    // destructured without the id: the suggestion takes it out of the pattern too
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function checkout(bookingId: string) {
  const { client_secret } = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
  return client_secret;
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          line: 6,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAddId',
              data: { text: 'paymentIntentId' },
              output: `${IMPORT}export async function checkout(bookingId: string) {
  const { client_secret, id: paymentIntentId } = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending', paymentIntentId } });
  return client_secret;
}`,
            },
          ],
        },
      ],
    },
    // …but not when the name is taken
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function checkout(bookingId: string, paymentIntentId: string) {
  const { client_secret } = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
  return client_secret;
}`,
      errors: [{ messageId: 'bookingWriteWithoutId', line: 6, column: 9, suggestions: [] }],
    },
    // a Checkout Session echoed in the response: column checkoutSessionId, multi-line data
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function POST(bookingId: string) {
  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [] });
  await db.reservation.update({
    where: { id: bookingId },
    data: {
      status: 'awaiting_payment',
    },
  });
  return NextResponse.json({ url: session.url, id: session.id });
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          data: { delegate: 'reservation', method: 'update', label: 'Checkout Session', line: '5', column: 'checkoutSessionId' },
          line: 6,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAddId',
              output: `${IMPORT}export async function POST(bookingId: string) {
  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [] });
  await db.reservation.update({
    where: { id: bookingId },
    data: {
      status: 'awaiting_payment',
      checkoutSessionId: session.id,
    },
  });
  return NextResponse.json({ url: session.url, id: session.id });
}`,
            },
          ],
        },
      ],
    },
    // a legacy Charge, logged only: column chargeId
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function pay(bookingId: string) {
  const charge = await stripe.charges.create({ amount: 1, currency: 'eur', source: 'tok' });
  console.log('charged', charge.id);
  await prisma.appointment.update({ where: { id: bookingId }, data: { paid: true } });
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          data: { delegate: 'appointment', method: 'update', label: 'Charge', line: '5', column: 'chargeId' },
          line: 7,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAddId',
              output: `${IMPORT}export async function pay(bookingId: string) {
  const charge = await stripe.charges.create({ amount: 1, currency: 'eur', source: 'tok' });
  console.log('charged', charge.id);
  await prisma.appointment.update({ where: { id: bookingId }, data: { paid: true, chargeId: charge.id } });
}`,
            },
          ],
        },
      ],
    },
    // upsert: the suggestion writes both branches
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function pay(bookingId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.upsert({ where: { id: bookingId }, create: { id: bookingId }, update: { status: 'pending' } });
  return intent.client_secret;
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          line: 6,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAddId',
              output: `${IMPORT}export async function pay(bookingId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.upsert({ where: { id: bookingId }, create: { id: bookingId, paymentIntentId: intent.id }, update: { status: 'pending', paymentIntentId: intent.id } });
  return intent.client_secret;
}`,
            },
          ],
        },
      ],
    },
    // .then((pi) => …) writing the booking without the id
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export function pay(bookingId: string) {
  return stripe.paymentIntents.create({ amount: 1, currency: 'eur' }).then(async (pi) => {
    await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
    return pi.client_secret;
  });
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          line: 6,
          column: 11,
          suggestions: [
            {
              messageId: 'suggestAddId',
              output: `${IMPORT}export function pay(bookingId: string) {
  return stripe.paymentIntents.create({ amount: 1, currency: 'eur' }).then(async (pi) => {
    await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending', paymentIntentId: pi.id } });
    return pi.client_secret;
  });
}`,
            },
          ],
        },
      ],
    },
    // inside prisma.$transaction(async (tx) => …), optional chaining on the client
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function pay(bookingId: string) {
  return prisma.$transaction(async (tx) => {
    const intent = await stripe?.paymentIntents.create({ amount: 1, currency: 'eur' });
    await tx.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
    return intent.client_secret;
  });
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          line: 7,
          column: 11,
          suggestions: [
            {
              messageId: 'suggestAddId',
              output: `${IMPORT}export async function pay(bookingId: string) {
  return prisma.$transaction(async (tx) => {
    const intent = await stripe?.paymentIntents.create({ amount: 1, currency: 'eur' });
    await tx.booking.update({ where: { id: bookingId }, data: { status: 'pending', paymentIntentId: intent.id } });
    return intent.client_secret;
  });
}`,
            },
          ],
        },
      ],
    },
    // renamed import, this.client, a data object in a const declared after the create
    {
      filename: WEBHOOK_STORES,
      code: `import StripeSDK from 'stripe';
import { prisma as database } from './db';
export class Payments {
  client = new StripeSDK('sk_test');
  async pay(bookingId: string) {
    const intent = await this.client.paymentIntents.create({ amount: 1, currency: 'eur' });
    const data = { status: 'pending' };
    await database.booking.update({ where: { id: bookingId }, data });
    return intent.client_secret;
  }
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          line: 8,
          column: 11,
          suggestions: [
            {
              messageId: 'suggestAddId',
              output: `import StripeSDK from 'stripe';
import { prisma as database } from './db';
export class Payments {
  client = new StripeSDK('sk_test');
  async pay(bookingId: string) {
    const intent = await this.client.paymentIntents.create({ amount: 1, currency: 'eur' });
    const data = { status: 'pending', paymentIntentId: intent.id };
    await database.booking.update({ where: { id: bookingId }, data });
    return intent.client_secret;
  }
}`,
            },
          ],
        },
      ],
    },
    // destructured Stripe client; a data object declared before the create cannot see the id: no suggestion
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}const { paymentIntents } = stripe;
export async function pay(bookingId: string) {
  const data = { status: 'pending' };
  const intent = await paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: bookingId }, data });
  return intent.client_secret;
}`,
      errors: [{ messageId: 'bookingWriteWithoutId', line: 8, column: 9, suggestions: [] }],
    },
    // a discarded result in a function that writes the booking
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function pay(bookingId: string) {
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
  await stripe.paymentIntents.create({ amount: 1, currency: 'eur', metadata: { bookingId } });
}`,
      errors: [
        {
          messageId: 'discardedResult',
          data: { label: 'PaymentIntent', delegate: 'booking', writeLine: '5' },
          line: 6,
          column: 9,
        },
      ],
    },
    // never stored anywhere in the project: echoed to the browser only
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout(req: any, res: any) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  res.status(200).json({ clientSecret: intent.client_secret, paymentIntentId: intent.id });
}`,
      errors: [{ messageId: 'neverStored', data: { label: 'PaymentIntent' }, line: 5, column: 24 }],
    },
    // never stored: a discarded result with no booking write, logged elsewhere
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function checkout() {
  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [] });
  logger.info({ session: session.id });
  return Response.json({ url: session.url });
}`,
      errors: [{ messageId: 'neverStored', data: { label: 'Checkout Session' }, line: 5, column: 25 }],
    },
    // the schema's column name wins: writing another name elsewhere does not count, the fix uses the schema's
    {
      filename: WITH_SCHEMA,
      code: `${IMPORT}export async function checkout(bookingId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  return { clientSecret: intent.client_secret };
}`,
      errors: [{ messageId: 'neverStored', line: 5, column: 24 }],
    },
    {
      filename: WITH_SCHEMA,
      code: `${IMPORT}export async function checkout(bookingId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          data: { delegate: 'booking', method: 'update', label: 'PaymentIntent', line: '5', column: 'stripePaymentIntentId' },
          line: 6,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAddId',
              output: `${IMPORT}export async function checkout(bookingId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending', stripePaymentIntentId: intent.id } });
}`,
            },
          ],
        },
      ],
    },
    // options: bookingModels
    {
      filename: WEBHOOK_STORES,
      options: [{ bookingModels: ['Rental'] }],
      code: `${IMPORT}export async function rent(rentalId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.rental.update({ where: { id: rentalId }, data: { state: 'held' } });
  return intent.client_secret;
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          line: 6,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAddId',
              output: `${IMPORT}export async function rent(rentalId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.rental.update({ where: { id: rentalId }, data: { state: 'held', paymentIntentId: intent.id } });
  return intent.client_secret;
}`,
            },
          ],
        },
      ],
    },
    // the id used only in a lookup is not stored
    {
      filename: WEBHOOK_STORES,
      code: `${IMPORT}export async function pay(bookingId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  const existing = await prisma.booking.findFirst({ where: { paymentIntentId: intent.id } });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: existing ? 'dup' : 'pending' } });
}`,
      errors: [{ messageId: 'bookingWriteWithoutId', line: 7, column: 9, suggestions: [{ messageId: 'suggestAddId', output: `${IMPORT}export async function pay(bookingId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  const existing = await prisma.booking.findFirst({ where: { paymentIntentId: intent.id } });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: existing ? 'dup' : 'pending', paymentIntentId: intent.id } });
}` }] }],
    },
  ],
});

// CommonJS, in plain JavaScript
ruleTester.run('require-persisted-payment-id (CommonJS)', rule, {
  valid: [
    {
      filename: path.join(fixturesDir, 'projects/no-store/src/handler.js'),
      languageOptions: { parserOptions: { sourceType: 'script' } },
      code: `const stripe = require('stripe')(process.env.KEY);
const { prisma } = require('./db');
module.exports = async function checkout(req, res) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: req.body.bookingId }, data: { paymentIntentId: intent.id } });
  res.json({ clientSecret: intent.client_secret });
};`,
    },
  ],
  invalid: [
    {
      filename: path.join(fixturesDir, 'projects/no-store/src/handler.js'),
      languageOptions: { parserOptions: { sourceType: 'script' } },
      code: `const stripe = require('stripe')(process.env.KEY);
const { prisma } = require('./db');
module.exports = async function checkout(req, res) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: req.body.bookingId }, data: { status: 'pending' } });
  res.json({ clientSecret: intent.client_secret });
};`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          line: 5,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAddId',
              output: `const stripe = require('stripe')(process.env.KEY);
const { prisma } = require('./db');
module.exports = async function checkout(req, res) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: req.body.bookingId }, data: { status: 'pending', paymentIntentId: intent.id } });
  res.json({ clientSecret: intent.client_secret });
};`,
            },
          ],
        },
      ],
    },
    {
      filename: path.join(fixturesDir, 'projects/no-store/src/handler.js'),
      languageOptions: { parserOptions: { sourceType: 'script' } },
      code: `const Stripe = require('stripe');
const stripe = new Stripe(process.env.KEY);
exports.checkout = async (req, res) => {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  res.send({ clientSecret: intent.client_secret });
};`,
      errors: [{ messageId: 'neverStored', line: 4, column: 24 }],
    },
  ],
});

// With type information (the real `stripe` package's types)
createTypedRuleTester().run('require-persisted-payment-id (typed)', rule, {
  valid: [
    {
      // a client whose type is not Stripe's is not a payment provider
      filename: TYPED_FILE,
      code: `interface Other { paymentIntents: { create(p: object): Promise<{ id: string }> } }
declare const prisma: any;
export async function f(other: Other, bookingId: string) {
  const intent = await other.paymentIntents.create({ amount: 1 });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
}`,
    },
    {
      filename: TYPED_FILE,
      code: `import Stripe from 'stripe';
declare const prisma: any;
export async function f(stripe: Stripe, bookingId: string) {
  const intent: Stripe.PaymentIntent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: bookingId }, data: { paymentIntentId: intent.id } });
}`,
    },
  ],
  invalid: [
    {
      filename: TYPED_FILE,
      code: `import Stripe from 'stripe';
declare const prisma: any;
export async function f(payments: Stripe, bookingId: string) {
  const intent = await payments.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending' } });
  return intent.client_secret;
}`,
      errors: [
        {
          messageId: 'bookingWriteWithoutId',
          line: 5,
          column: 9,
          suggestions: [
            {
              messageId: 'suggestAddId',
              output: `import Stripe from 'stripe';
declare const prisma: any;
export async function f(payments: Stripe, bookingId: string) {
  const intent = await payments.paymentIntents.create({ amount: 1, currency: 'eur' });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'pending', paymentIntentId: intent.id } });
  return intent.client_secret;
}`,
            },
          ],
        },
      ],
    },
  ],
});

// The gate shared with require-booking-id-metadata and the audit: a payment for something else is not judged.
ruleTester.run('require-persisted-payment-id (not a booking payment)', rule, {
  valid: [
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function subscribeTeam(teamId: string) {
  const session = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [], metadata: { teamId } });
  return Response.json({ url: session.url });
}`,
    },
    {
      filename: NO_STORE,
      code: `${IMPORT}export async function buyUsername(userId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 500, currency: 'usd', description: 'Premium username' });
  return { clientSecret: intent.client_secret };
}`,
    },
  ],
  invalid: [
    {
      // the same evidence with a booking in the function: judged
      filename: NO_STORE,
      code: `${IMPORT}export async function subscribe(teamId: string, bookingId: string) {
  const session = await stripe.checkout.sessions.create({ mode: 'subscription', line_items: [], metadata: { teamId, bookingId } });
  return Response.json({ url: session.url });
}`,
      errors: [{ messageId: 'neverStored', line: 5, column: 25 }],
    },
  ],
});
