// POST /api/stripe/webhook: Stripe tells us what happened to a payment.
import type Stripe from 'stripe';

import { prisma } from '../lib/db.js';
import { stripe } from '../lib/stripe.js';
import { confirmBooking, findBookingByPaymentIntent } from '../services/booking-service.js';

export async function POST(request: Request): Promise<Response> {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(
      await request.text(),
      request.headers.get('stripe-signature') ?? '',
      process.env.STRIPE_WEBHOOK_SECRET ?? '',
    );
  } catch {
    return new Response('invalid signature', { status: 400 });
  }

  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      const bookingId = session.metadata?.bookingId;
      if (bookingId && typeof session.payment_intent === 'string') {
        await prisma.booking.update({
          where: { id: bookingId },
          data: { status: 'CONFIRMED', paymentIntentId: session.payment_intent },
        });
      }
      break;
    }
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      const bookingId = intent.metadata.bookingId;
      if (bookingId) await confirmBooking(bookingId, intent.id);
      break;
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      if (typeof charge.payment_intent === 'string') {
        const booking = await findBookingByPaymentIntent(charge.payment_intent);
        if (booking) await prisma.booking.update({ where: { id: booking.id }, data: { status: 'CANCELLED' } });
      }
      break;
    }
    default:
      break;
  }
  return new Response(null, { status: 200 });
}
