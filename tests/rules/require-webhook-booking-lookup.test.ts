import rule from '../../src/rules/require-webhook-booking-lookup.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

const HEAD = `import Stripe from 'stripe';
import { prisma } from './db';
const stripe = new Stripe(process.env.STRIPE_KEY!);
`;

/** A Next.js route handler with a verified event and `body` as its switch. */
const route = (body: string) => `${HEAD}export async function POST(request: Request) {
  const event = stripe.webhooks.constructEvent(await request.text(), request.headers.get('stripe-signature')!, 'whsec');
  switch (event.type) {
${body}
  }
  return new Response(null, { status: 200 });
}`;

const stripeData = (event: string, via: string) => ({
  event,
  provider: 'Stripe',
  reference: '`metadata.bookingId` (or `client_reference_id`)',
  column: 'paymentIntentId',
  via,
});

ruleTester.run('require-webhook-booking-lookup', rule, {
  valid: [
    // by metadata.bookingId, through a const
    route(`    case 'checkout.session.completed': {
      const session = event.data.object;
      const bookingId = session.metadata?.bookingId;
      await prisma.booking.update({ where: { id: bookingId }, data: { status: 'CONFIRMED' } });
      break;
    }`),
    // inline, with String() and a destructuring
    route(`    case 'payment_intent.succeeded': {
      const { bookingId } = event.data.object.metadata;
      await prisma.booking.update({ where: { id: String(bookingId) }, data: { status: 'PAID' } });
      break;
    }`),
    // by client_reference_id
    route(`    case 'checkout.session.completed':
      await prisma.booking.update({ where: { id: event.data.object.client_reference_id! }, data: { status: 'PAID' } });
      break;`),
    // by the stored provider id
    route(`    case 'charge.refunded': {
      const charge = event.data.object;
      await prisma.booking.update({ where: { paymentIntentId: charge.payment_intent as string }, data: { status: 'REFUNDED' } });
      break;
    }`),
    // found through a payment row looked up by provider id
    route(`    case 'charge.dispute.created': {
      const dispute = event.data.object;
      const payment = await prisma.payment.findUnique({ where: { stripeChargeId: dispute.charge as string } });
      await prisma.booking.update({ where: { id: payment!.bookingId }, data: { status: 'DISPUTED' } });
      break;
    }`),
    // the booking found first, then updated by its id
    route(`    case 'payment_intent.payment_failed': {
      const pi = event.data.object;
      const booking = await prisma.booking.findFirst({ where: { paymentIntentId: pi.id } });
      if (booking) await prisma.booking.update({ where: { id: booking.id }, data: { status: 'FAILED' } });
      break;
    }`),
    // unrelated events are ignored, even when they guess
    route(`    case 'customer.created':
      await prisma.booking.updateMany({ where: { email: event.data.object.email! }, data: { vip: true } });
      break;`),
    // a helper in another module: not visible, not reported
    `${HEAD}import { confirmBooking } from './booking-service';
export async function POST(request: Request) {
  const event = stripe.webhooks.constructEvent(await request.text(), 'sig', 'whsec');
  switch (event.type) {
    case 'payment_intent.succeeded':
      await confirmBooking(event.data.object);
      break;
  }
}`,
    // a helper in this file that maps by metadata
    `${HEAD}async function onCompleted(session: Stripe.Checkout.Session) {
  await prisma.booking.update({ where: { id: session.metadata!.bookingId }, data: { status: 'PAID' } });
}
export async function POST(request: Request) {
  const event = stripe.webhooks.constructEvent(await request.text(), 'sig', 'whsec');
  if (event.type === 'checkout.session.completed') await onCompleted(event.data.object);
}`,
    // the where is a parameter of an unfollowed function: unknown
    `${HEAD}export async function handle(event: Stripe.Event, where: any) {
  switch (event.type) {
    case 'payment_intent.succeeded':
      await prisma.booking.update({ where, data: { status: 'PAID' } });
      break;
  }
}`,
    // a success that only logs, next to one that confirms the booking (Stripe's sample shape)
    route(`    case 'payment_intent.succeeded':
      console.log('PaymentIntent succeeded');
      break;
    case 'checkout.session.completed':
      await prisma.booking.update({ where: { id: event.data.object.metadata!.bookingId }, data: { status: 'PAID' } });
      break;`),
    // a failure that only logs is not a missed confirmation
    route(`    case 'payment_intent.payment_failed':
      console.log('failed', event.data.object.id);
      break;`),
    // a payment row that names the booking reaches it
    route(`    case 'payment_intent.succeeded': {
      const pi = event.data.object;
      await prisma.payment.create({ data: { stripePaymentIntentId: pi.id, bookingId: pi.metadata.bookingId, amount: pi.amount } });
      break;
    }`),
    // an empty branch (explicitly ignored) is not reported
    route(`    case 'payment_intent.succeeded':
      break;`),
    // PayPal: by custom_id; Square: by reference_id
    `import { prisma } from './db';
export async function POST(request: Request) {
  const event = await verifyPaypal(request);
  if (event.event_type === 'PAYMENT.CAPTURE.COMPLETED') {
    await prisma.booking.update({ where: { id: event.resource.custom_id }, data: { status: 'PAID' } });
  }
}`,
    `import { prisma } from './db';
export async function handle(event: any) {
  if (event.type !== 'payment.updated') return;
  const payment = event.data.object.payment;
  await prisma.booking.update({ where: { id: payment.reference_id }, data: { status: payment.status } });
}`,
    // a value the rule cannot see in the where (an imported function's result)
    route(`    case 'checkout.session.completed': {
      const id = await lookupBooking(event.data.object);
      await prisma.booking.update({ where: { id }, data: { status: 'PAID' } });
      break;
    }`),
    // a switch on something that is not an event type
    `${HEAD}export async function f(order: { status: string; email: string }) {
  switch (order.status) {
    case 'payment_intent.succeeded':
      await prisma.booking.updateMany({ where: { email: order.email }, data: { paid: true } });
  }
}`,
    // the custom key from settings
    {
      code: route(`    case 'checkout.session.completed':
      await prisma.booking.update({ where: { id: event.data.object.metadata!.rentalId }, data: { status: 'PAID' } });
      break;`),
      settings: { 'booking-payment': { keys: ['rentalId'] } },
    },
    // a Prisma operator around the reference, and Number()
    route(`    case 'checkout.session.async_payment_succeeded':
      await prisma.booking.update({ where: { id: { equals: Number(event.data.object.metadata!.bookingId) } }, data: { status: 'PAID' } });
      break;`),
    // CommonJS, a destructured event, a transaction
    `const { prisma } = require('./db');
module.exports = async function handle(event) {
  const { type, data } = event;
  if (type === 'payment_intent.succeeded') {
    await prisma.$transaction(async (tx) => {
      await tx.booking.update({ where: { paymentIntentId: data.object.id }, data: { status: 'PAID' } });
    });
  }
};`,
    // a lookalike: a model that is not a booking
    route(`    case 'checkout.session.completed':
      await prisma.user.updateMany({ where: { email: event.data.object.customer_email! }, data: { paid: true } });
      break;`),
  ],
  invalid: [
    // by email
    {
      code: route(`    case 'checkout.session.completed': {
      const session = event.data.object;
      await prisma.booking.updateMany({
        where: { email: session.customer_details!.email! },
        data: { status: 'CONFIRMED' },
      });
      break;
    }`),
      errors: [{ messageId: 'guessedBooking', line: 10, column: 9, data: stripeData('checkout.session.completed', '`email`') }],
    },
    // the latest pending booking
    {
      code: route(`    case 'payment_intent.succeeded': {
      const booking = await prisma.booking.findFirst({ where: { status: 'PENDING' }, orderBy: { createdAt: 'desc' } });
      await prisma.booking.update({ where: { id: booking!.id }, data: { status: 'PAID' } });
      break;
    }`),
      errors: [{ messageId: 'guessedBooking', line: 8, column: 56, data: stripeData('payment_intent.succeeded', '`status`') }],
    },
    // the latest booking, no filter at all
    {
      code: route(`    case 'payment_intent.succeeded': {
      const booking = await prisma.booking.findFirst({ orderBy: { createdAt: 'desc' } });
      await prisma.booking.update({ where: { id: booking!.id }, data: { status: 'PAID' } });
      break;
    }`),
      errors: [
        {
          messageId: 'guessedBooking',
          line: 8,
          column: 29,
          data: stripeData('payment_intent.succeeded', 'order alone (the latest booking)'),
        },
      ],
    },
    // metadata, but not a booking key; and a Prisma enum status
    {
      code: `import { BookingStatus } from '@prisma/client';\n${route(`    case 'checkout.session.completed':
      await prisma.booking.updateMany({
        where: { userId: event.data.object.metadata!.userId, status: BookingStatus.PENDING },
        data: { status: BookingStatus.CONFIRMED },
      });
      break;`)}`,
      errors: [
        { messageId: 'guessedBooking', line: 10, column: 9, data: stripeData('checkout.session.completed', '`userId`, `status`') },
      ],
    },
    // only logs a success
    {
      code: route(`    case 'payment_intent.succeeded':
      console.log('paid', event.data.object.id);
      break;`),
      errors: [
        {
          messageId: 'noBooking',
          line: 7,
          column: 10,
          data: { event: 'payment_intent.succeeded', provider: 'Stripe', reference: '`metadata.bookingId` (or `client_reference_id`)' },
        },
      ],
    },
    // creates a payment row with no booking
    {
      code: route(`    case 'checkout.session.completed': {
      const session = event.data.object;
      await prisma.payment.create({ data: { sessionId: session.id, amount: session.amount_total } });
      break;
    }`),
      errors: [{ messageId: 'noBooking', line: 7, column: 10 }],
    },
    // a helper in the same file, called with the event object (if chain), guessing by email
    {
      code: `${HEAD}async function fulfil(session: Stripe.Checkout.Session) {
  const email = session.customer_email;
  await prisma.booking.updateMany({ where: { customerEmail: email }, data: { status: 'PAID' } });
}
export async function POST(request: Request) {
  const event = stripe.webhooks.constructEvent(await request.text(), 'sig', 'whsec');
  if (event.type === 'customer.created') {
    return;
  } else if (event.type === 'checkout.session.completed' || event.type === 'checkout.session.async_payment_succeeded') {
    await fulfil(event.data.object);
  }
}`,
      errors: [{ messageId: 'guessedBooking', line: 6, column: 37, data: stripeData('checkout.session.completed', '`customerEmail`') }],
    },
    // Express, an early return on !==, `let event` assigned in a try
    {
      code: `const stripe = require('stripe')(process.env.KEY);
const { prisma } = require('./db');
app.post('/webhook', express.raw({ type: 'application/json' }), async (req, res) => {
  let event;
  try {
    event = stripe.webhooks.constructEvent(req.body, req.headers['stripe-signature'], secret);
  } catch (err) {
    return res.status(400).send('bad');
  }
  if (event.type !== 'payment_intent.succeeded') return res.json({ received: true });
  const intent = event.data.object;
  await prisma.booking.update({ where: { email: intent.receipt_email }, data: { status: 'PAID' } });
  res.json({ received: true });
});`,
      errors: [{ messageId: 'guessedBooking', line: 12, column: 33, data: stripeData('payment_intent.succeeded', '`email`') }],
    },
    // NestJS: a class method dispatching to another method
    {
      code: `import { Controller, Post, Req } from '@nestjs/common';
import Stripe from 'stripe';
@Controller('webhooks')
export class StripeWebhookController {
  constructor(private readonly prisma: any, private readonly stripe: Stripe) {}
  @Post('stripe')
  async handle(@Req() req: any) {
    const event = this.stripe.webhooks.constructEvent(req.rawBody, req.headers['stripe-signature'], 'whsec');
    switch (event.type) {
      case 'checkout.session.completed':
        await this.onPaid(event.data.object as Stripe.Checkout.Session);
        break;
    }
  }
  private async onPaid(session: Stripe.Checkout.Session) {
    this.logger.log('paid');
    await this.prisma.reservation.updateMany({ where: { guestEmail: session.customer_email }, data: { paid: true } });
  }
}`,
      errors: [{ messageId: 'guessedBooking', line: 17, column: 48, data: stripeData('checkout.session.completed', '`guestEmail`') }],
    },
    // PayPal: a capture completed that only logs
    {
      code: `export async function POST(request: Request) {
  const event = await verifyPaypal(request);
  switch (event.event_type) {
    case 'PAYMENT.CAPTURE.COMPLETED':
      console.info('captured', event.resource.id);
      break;
  }
}`,
      errors: [
        {
          messageId: 'noBooking',
          line: 4,
          column: 10,
          data: { event: 'PAYMENT.CAPTURE.COMPLETED', provider: 'PayPal', reference: "the purchase unit's `custom_id`" },
        },
      ],
    },
    // inside a transaction, with a custom booking model
    {
      code: `${HEAD}export async function handle(event: Stripe.Event) {
  switch (event.type) {
    case 'checkout.session.completed':
      await prisma.$transaction(async (tx) => {
        await tx.rental.updateMany({ where: { renterEmail: event.data.object.customer_email! }, data: { paid: true } });
      });
      break;
  }
}`,
      options: [{ bookingModels: ['Rental'] }],
      errors: [{ messageId: 'guessedBooking', line: 8, column: 38, data: stripeData('checkout.session.completed', '`renterEmail`') }],
    },
    // an event name held in a const, and a list in includes()
    {
      code: `${HEAD}const COMPLETED = 'checkout.session.completed';
export async function handle(event: Stripe.Event) {
  if ([COMPLETED, 'checkout.session.async_payment_succeeded'].includes(event.type)) {
    await prisma.booking.updateMany({ where: { status: 'PENDING' }, data: { status: 'PAID' } });
  }
}`,
      errors: [{ messageId: 'guessedBooking', line: 7, column: 39, data: stripeData('checkout.session.completed', '`status`') }],
    },
  ],
});
