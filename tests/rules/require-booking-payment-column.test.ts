import path from 'node:path';

import rule from '../../src/rules/require-booking-payment-column.js';
import { createRuleTester, fixturesDir } from '../rule-tester.js';

const ruleTester = createRuleTester();
// Relative file names: typescript-eslint's RuleTester then lints with ESLint's cwd = process.cwd() (for an
// absolute file name it would use the file system root), and messages show paths relative to that cwd.
const rel = (...p: string[]) => path.relative(process.cwd(), path.join(fixturesDir, 'prisma', ...p));
const fx = rel;

const PAYMENT = `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
export async function pay(booking: { id: string }) {
  return stripe.paymentIntents.create({ amount: 100, currency: 'eur', metadata: { bookingId: booking.id } });
}
`;

const prisma7Missing = (label: string, column: string) => ({
  messageId: 'missingColumn' as const,
  data: { model: 'Booking', file: rel('prisma7', 'db', 'schema.prisma'), line: 11, label, column },
});

const CHECKOUT = `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
export async function checkout(reservation: { id: string }) {
  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [], metadata: { reservationId: reservation.id } });
  return session.url;
}
`;

const PAYPAL_ORDER = `import { Client, OrdersController } from '@paypal/paypal-server-sdk';
const orders = new OrdersController(new Client({}));
export async function pay(booking: { id: string }) {
  return orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ customId: booking.id, amount: { currencyCode: 'EUR', value: '10.00' } }] } });
}
`;

/** A rental app: the thing paid for is an Order or a Location, taken from the code. */
const ORDER_PAYMENT = `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
export async function pay(order: { id: string; total: number }, user: { id: string }) {
  return stripe.paymentIntents.create({ amount: order.total, currency: 'eur', metadata: { orderId: order.id, userId: user.id } });
}
`;
const LOCATION_CHECKOUT = (metadata: string) => `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
export async function rent(prisma: any, location: { id: string }) {
  const session = await stripe.checkout.sessions.create({ mode: 'payment', line_items: []${metadata} });
  await prisma.location.update({ where: { id: location.id }, data: { stripeSessionId: session.id } });
  return session.url;
}
`;

ruleTester.run('require-booking-payment-column', rule, {
  valid: [
    // Booking writes that are not payments are never reported, whatever the schema lacks: a status update,
    // a repository helper, a webhook that only updates the status, a seed.
    {
      code: `export async function book(prisma: any, roomId: string) {
  return prisma.booking.create({ data: { roomId, startsAt: new Date() } });
}`,
      filename: fx('prisma7', 'src', 'book.ts'),
    },
    {
      code: `export const confirm = (prisma: any, id: string) => prisma.booking.update({ where: { id }, data: { status: 'CONFIRMED' } });`,
      filename: fx('prisma7', 'src', 'confirm.ts'),
    },
    { code: `export const createBooking = (prisma: any, data: any) => prisma.booking.create({ data });`, filename: fx('prisma7', 'src', 'repository.ts') },
    {
      code: `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
export async function POST(req: Request, prisma: any) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, 'whsec');
  const pi = event.data.object as { metadata: { bookingId: string } };
  await prisma.booking.update({ where: { id: pi.metadata.bookingId }, data: { status: 'PAID' } });
}`,
      filename: fx('prisma7', 'src', 'webhook.ts'),
    },
    {
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
await prisma.booking.createMany({ data: [{ roomId: 'r1', startsAt: new Date() }] });`,
      filename: fx('prisma7', 'prisma', 'seed.ts'),
    },
    // A link without @unique is a link: no uniqueness report unless requireUnique.
    { code: PAYMENT, filename: fx('not-unique', 'src', 'pay.ts') },
    { code: PAYMENT, filename: fx('package-json-location', 'src', 'pay.ts') },
    // A payment that does everything right, with the provider id in a linked Payment whose booking key is the
    // unique one (`Payment { bookingId @unique, providerPaymentId String? }`).
    { code: PAYMENT, filename: fx('payment-unique-fk', 'src', 'pay.ts') },
    // requireUnique leaves alone a column the file fills with the same placeholder for every row.
    {
      code: `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
export async function book(prisma: any, roomId: string) {
  const booking = await prisma.booking.create({ data: { roomId, paymentIntentId: '' } });
  return stripe.paymentIntents.create({ amount: 100, currency: 'eur', metadata: { bookingId: booking.id } });
}`,
      filename: fx('not-unique', 'src', 'placeholder.ts'),
      options: [{ requireUnique: true }],
    },
    // Tables of the project's own naming hold the link: `PaymentIntent { stripeId @unique, reservationId }`.
    { code: CHECKOUT, filename: fx('own-naming', 'src', 'checkout.ts') },
    // A PayPal order in a project whose booking has only a PayPal column: linked.
    { code: PAYPAL_ORDER, filename: fx('paypal-column-only', 'src', 'paypal.ts') },
    // A rental app's Location, taken as the booking from the code, stores the Checkout Session id.
    { code: LOCATION_CHECKOUT(', metadata: { locationId: location.id }'), filename: fx('order-booking', 'src', 'rent.ts') },
    { code: LOCATION_CHECKOUT(''), filename: fx('order-booking', 'src', 'rent.ts') },
    // No model named like a booking, and the code names none (only who pays): nothing to judge.
    {
      code: `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
export const pay = (user: { id: string }) => stripe.paymentIntents.create({ amount: 1, currency: 'eur', metadata: { userId: user.id } });`,
      filename: fx('order-booking', 'src', 'user-pay.ts'),
    },
    { code: PAYMENT.replace('bookingId: booking.id', 'ref: booking.id'), filename: fx('order-booking', 'src', 'pay.ts') },
    // Two models named by the reference: the code does not say which is the booking.
    {
      code: ORDER_PAYMENT.replace('userId: user.id', 'locationId: order.locationId'),
      filename: fx('order-booking', 'src', 'two.ts'),
    },
    // Prisma 6: `paymentIntentId String? @unique` on the booking.
    { code: PAYMENT, filename: fx('prisma6', 'src', 'pay.ts') },
    // Multi-file folder: Payment (another file) references the booking and has `externalId @unique`.
    { code: PAYMENT, filename: fx('multi-file', 'src', 'pay.ts') },
    // cal.com's shape in one file: Payment { bookingId, booking @relation, externalId @unique }.
    { code: PAYMENT, filename: fx('calcom-style', 'src', 'pay.ts') },
    // No server-side payment SDK in package.json (only @stripe/stripe-js): not applicable.
    { code: PAYMENT, filename: fx('no-sdk', 'src', 'pay.ts') },
    // No schema anywhere: silent unless requireSchema.
    { code: PAYMENT, filename: fx('missing', 'src', 'pay.ts') },
    // No payment creation and no booking write: the schema is not even looked at.
    {
      code: `import Stripe from 'stripe';
const stripe = new Stripe('k');
export const get = (id: string) => stripe.paymentIntents.retrieve(id);
export const list = (prisma: any) => prisma.booking.findMany({ where: {} });
export const other = (calendar: any) => calendar.events.create({ summary: 'x' });`,
      filename: fx('prisma7', 'src', 'read.ts'),
    },
    // A shadowed `stripe` parameter of unknown origin creating a legacy charge: not a known payment creation.
    {
      code: `export function f(stripe: any) { return stripe.charges.create({ amount: 1 }); }`,
      filename: fx('prisma7', 'src', 'shadow.ts'),
    },
    // A write to another model is not a booking write.
    { code: `export const f = (prisma: any) => prisma.room.create({ data: { name: 'x' } });`, filename: fx('prisma7', 'src', 'room.ts') },
    // Options: the project's provider id is its primary key (idColumns), or its booking model is not in the schema.
    { code: PAYMENT, filename: fx('prisma7', 'src', 'pay.ts'), options: [{ idColumns: ['id'] }] },
    { code: PAYMENT, filename: fx('prisma7', 'src', 'pay.ts'), options: [{ bookingModels: ['Reservation'] }] },
    { code: PAYMENT, filename: fx('prisma7', 'src', 'pay.ts'), options: [{ idColumns: ['/^ID$/i'] }] },
    // The schema option (relative to cwd) and the setting point at a good schema.
    { code: PAYMENT, filename: fx('prisma7', 'src', 'pay.ts'), options: [{ schema: rel('prisma6', 'prisma', 'schema.prisma') }] },
    {
      code: PAYMENT,
      filename: fx('prisma7', 'src', 'pay.ts'),
      settings: { 'booking-payment': { schema: rel('multi-file', 'prisma', 'schema') } },
    },
    // A booking write is judged by the model it writes: the written Booking stores the provider's id, and
    // the schema's unpaid Appointment is not this file's concern.
    {
      code: `export async function book(prisma: any, roomId: string) {
  return prisma.booking.create({ data: { roomId } });
}`,
      filename: fx('two-booking-models', 'src', 'book.ts'),
    },
    // The same when the file creates the payment first and then stores its id on the Booking.
    {
      code: `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
export async function pay(prisma: any, booking: { id: string }) {
  const pi = await stripe.paymentIntents.create({ amount: 100, currency: 'eur', metadata: { bookingId: booking.id } });
  await prisma.booking.update({ where: { id: booking.id }, data: { paymentIntentId: pi.id } });
}`,
      filename: fx('two-booking-models', 'src', 'pay-and-store.ts'),
    },
    // CommonJS
    {
      code: `const stripe = require('stripe')(process.env.KEY);
module.exports = (booking) => stripe.paymentIntents.create({ amount: 1, metadata: { bookingId: booking.id } });`,
      filename: fx('prisma6', 'src', 'pay.js'),
    },
  ],
  invalid: [
    // Another provider's column cannot hold this provider's id: the Stripe column is asked for, not @unique on
    // the PayPal one.
    {
      code: PAYMENT,
      filename: fx('paypal-column-only', 'src', 'pay.ts'),
      options: [{ requireUnique: true }],
      errors: [
        {
          messageId: 'missingProviderColumn',
          data: {
            model: 'Booking',
            file: rel('paypal-column-only', 'prisma', 'schema.prisma'),
            line: 2,
            taken: '',
            label: 'PaymentIntent',
            present: " (only `paypalOrderId`, PayPal's)",
            column: 'paymentIntentId String? @unique',
          },
          line: 4,
          column: 10,
        },
      ],
    },
    // requireUnique: a loose provider column of a linked table of any name, also next to a unique one.
    {
      code: CHECKOUT,
      filename: fx('own-naming', 'src', 'checkout.ts'),
      options: [{ requireUnique: true }],
      errors: [
        {
          messageId: 'notUnique',
          data: { model: 'Payment', column: 'providerTxId', file: rel('own-naming', 'prisma', 'schema.prisma'), line: 15 },
          line: 4,
          column: 25,
        },
      ],
    },
    {
      code: PAYMENT,
      filename: fx('payment-unique-fk', 'src', 'pay.ts'),
      options: [{ requireUnique: true }],
      errors: [
        {
          messageId: 'notUnique',
          data: { model: 'Payment', column: 'providerPaymentId', file: rel('payment-unique-fk', 'prisma', 'schema.prisma'), line: 10 },
          line: 4,
          column: 10,
        },
      ],
    },
    // A column the file writes the provider's id into (not a placeholder) is asked to be unique.
    {
      code: `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
export async function book(prisma: any, roomId: string) {
  const booking = await prisma.booking.create({ data: { roomId } });
  const pi = await stripe.paymentIntents.create({ amount: 100, currency: 'eur', metadata: { bookingId: booking.id } });
  await prisma.booking.update({ where: { id: booking.id }, data: { paymentIntentId: pi.id } });
}`,
      filename: fx('not-unique', 'src', 'store.ts'),
      options: [{ requireUnique: true }],
      errors: [{ messageId: 'notUnique', line: 5, column: 20 }],
    },
    // No model named like a booking: the model whose id the payment carries is taken, and the message says so.
    {
      code: ORDER_PAYMENT,
      filename: fx('order-booking', 'src', 'pay.ts'),
      errors: [
        {
          messageId: 'missingProviderColumn',
          data: {
            model: 'Order',
            file: rel('order-booking', 'prisma', 'schema.prisma'),
            line: 6,
            taken: ", taken as the booking because the PaymentIntent's metadata `orderId` is `order.id`,",
            label: 'PaymentIntent',
            present: '',
            column: 'paymentIntentId String? @unique',
          },
          line: 4,
          column: 10,
        },
      ],
    },
    // … or the model the file writes the provider id into (seen by its loose column under requireUnique).
    {
      code: LOCATION_CHECKOUT(''),
      filename: fx('order-booking', 'src', 'rent.ts'),
      options: [{ requireUnique: true }],
      errors: [
        {
          messageId: 'notUnique',
          data: { model: 'Location', column: 'stripeSessionId', file: rel('order-booking', 'prisma', 'schema.prisma'), line: 15 },
          line: 4,
          column: 25,
        },
      ],
    },
    // A Stripe creation in a PayPal-only schema (configured booking model): the PayPal column does not count.
    {
      code: PAYMENT,
      filename: fx('paypal-column-only', 'src', 'pay.ts'),
      settings: { 'booking-payment': { bookingModels: ['Booking'] } },
      errors: [{ messageId: 'missingProviderColumn', line: 4, column: 10 }],
    },
    {
      code: PAYMENT,
      filename: fx('prisma7', 'src', 'pay.ts'),
      errors: [{ ...prisma7Missing('PaymentIntent', 'paymentIntentId String? @unique'), line: 4, column: 10 }],
    },
    // Reported once per file, at the first payment creation.
    {
      code: `${PAYMENT}export const again = () => stripe.paymentIntents.create({ amount: 1, currency: 'eur' });\n`,
      filename: fx('prisma7', 'src', 'twice.ts'),
      errors: [{ ...prisma7Missing('PaymentIntent', 'paymentIntentId String? @unique'), line: 4, column: 10 }],
    },
    // A Checkout Session names its own column; a renamed import and a member alias are still Stripe.
    {
      code: `import StripeSDK from 'stripe';
const client = new StripeSDK('k');
const sessions = client.checkout.sessions;
export const go = () => sessions.create({ mode: 'payment', line_items: [] });`,
      filename: fx('prisma7', 'src', 'checkout.ts'),
      errors: [{ ...prisma7Missing('Checkout Session', 'checkoutSessionId String? @unique'), line: 4, column: 25 }],
    },
    // Destructured client, `this.stripe`.
    {
      code: `import Stripe from 'stripe';
const stripe = new Stripe('k');
const { paymentIntents } = stripe;
export const go = () => paymentIntents.create({ amount: 1, currency: 'eur' });`,
      filename: fx('prisma7', 'src', 'destructured.ts'),
      errors: [{ ...prisma7Missing('PaymentIntent', 'paymentIntentId String? @unique'), line: 4, column: 25 }],
    },
    {
      code: `import Stripe from 'stripe';
export class Payments {
  constructor(private stripe: Stripe) {}
  pay() { return this.stripe.paymentIntents.create({ amount: 1, currency: 'eur' }); }
}`,
      filename: fx('prisma7', 'src', 'service.ts'),
      errors: [{ ...prisma7Missing('PaymentIntent', 'paymentIntentId String? @unique'), line: 4, column: 18 }],
    },
    // … while a file that pays for an Appointment it writes is judged by the Appointment (at the creation).
    {
      code: `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY!);
export async function book(prisma: any, doctor: string) {
  const appointment = await prisma.appointment.create({ data: { doctor, startsAt: new Date() } });
  return stripe.paymentIntents.create({ amount: 100, currency: 'eur', metadata: { appointmentId: appointment.id } });
}`,
      filename: fx('two-booking-models', 'src', 'appointment.ts'),
      errors: [
        {
          messageId: 'missingColumn',
          data: { model: 'Appointment', file: rel('two-booking-models', 'prisma', 'schema.prisma'), line: 8, label: 'PaymentIntent', column: 'paymentIntentId String? @unique' },
          line: 5,
          column: 10,
        },
      ],
    },
    // A payment creation does not say which model it pays for: every booking-like model is judged.
    {
      code: PAYMENT,
      filename: fx('two-booking-models', 'src', 'pay.ts'),
      errors: [
        {
          messageId: 'missingColumn',
          data: { model: 'Appointment', file: rel('two-booking-models', 'prisma', 'schema.prisma'), line: 8, label: 'PaymentIntent', column: 'paymentIntentId String? @unique' },
          line: 4,
          column: 10,
        },
      ],
    },
    // CommonJS, with the project's own column name suggested from idColumns.
    {
      code: `const stripe = require('stripe')(process.env.KEY);
module.exports = () => stripe.paymentIntents.create({ amount: 1, currency: 'eur' });`,
      filename: fx('prisma7', 'src', 'pay.js'),
      options: [{ idColumns: ['stripeRef', '/^ext/'] }],
      errors: [{ ...prisma7Missing('PaymentIntent', 'stripeRef String? @unique'), line: 2, column: 24 }],
    },
    // A Payment model related to the booking but without a provider-id column does not link it.
    {
      code: PAYMENT,
      filename: fx('payment-no-column', 'src', 'pay.ts'),
      errors: [
        {
          messageId: 'missingColumn',
          data: { model: 'Booking', file: rel('payment-no-column', 'prisma', 'schema.prisma'), line: 1, label: 'PaymentIntent', column: 'paymentIntentId String? @unique' },
          line: 4,
          column: 10,
        },
      ],
    },
    // The column exists but is not unique (reported under requireUnique only).
    {
      code: PAYMENT,
      filename: fx('not-unique', 'src', 'pay.ts'),
      options: [{ requireUnique: true }],
      errors: [
        {
          messageId: 'notUnique',
          data: { model: 'Booking', column: 'paymentIntentId', file: rel('not-unique', 'prisma', 'schema.prisma'), line: 9 },
          line: 4,
          column: 10,
        },
      ],
    },
    // package.json `prisma.schema` points at the same not-unique schema.
    {
      code: PAYMENT,
      filename: fx('package-json-location', 'src', 'pay.ts'),
      options: [{ requireUnique: true }],
      errors: [{ messageId: 'notUnique', line: 4, column: 10 }],
    },
    // A schema that does not parse: CI must not pass silently.
    {
      code: PAYMENT,
      filename: fx('broken', 'src', 'pay.ts'),
      errors: [
        {
          messageId: 'schemaUnparsable',
          data: { file: rel('broken', 'prisma', 'schema.prisma'), line: 9, message: 'Unexpected word in model `Booking`: expected an attribute (`@…`)' },
          line: 4,
          column: 10,
        },
      ],
    },
    // No schema, and the project asks for one.
    {
      code: PAYMENT,
      filename: fx('missing', 'src', 'pay.ts'),
      options: [{ requireSchema: true }],
      errors: [{ messageId: 'schemaMissing', line: 4, column: 10 }],
    },
    // The setting points at a schema that lacks the column (settings lose to the option, win over discovery).
    {
      code: PAYMENT,
      filename: fx('prisma6', 'src', 'pay.ts'),
      settings: { 'booking-payment': { schema: rel('prisma7', 'db', 'schema.prisma') } },
      errors: [{ ...prisma7Missing('PaymentIntent', 'paymentIntentId String? @unique'), line: 4, column: 10 }],
    },
    // A file whose only payment creation is a PayPal order: the schema needs a column for the order id too.
    {
      code: `import { Client, OrdersController } from '@paypal/paypal-server-sdk';
const orders = new OrdersController(new Client({}));
export async function pay(booking: { id: string }) {
  return orders.createOrder({ body: { intent: 'CAPTURE', purchaseUnits: [{ customId: booking.id, amount: { currencyCode: 'EUR', value: '10.00' } }] } });
}`,
      filename: fx('paypal', 'src', 'pay.ts'),
      errors: [
        {
          messageId: 'missingColumn',
          data: { model: 'Reservation', file: rel('paypal', 'prisma', 'schema.prisma'), line: 1, label: 'PayPal order', column: 'paypalOrderId String? @unique' },
          line: 4,
          column: 10,
        },
      ],
    },
    // A configured schema path that does not exist is "missing": reported with requireSchema.
    {
      code: PAYMENT,
      filename: fx('prisma6', 'src', 'pay.ts'),
      options: [{ schema: 'does/not/exist.prisma', requireSchema: true }],
      errors: [{ messageId: 'schemaMissing', data: { searched: 'does/not/exist.prisma' } }],
    },
  ],
});
