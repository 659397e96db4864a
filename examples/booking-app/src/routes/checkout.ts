// POST /api/checkout: book a room and pay with a PaymentIntent (card form on the page).
// This is the correct shape: the booking id travels to Stripe and the PaymentIntent id is stored.
import { prisma } from '../lib/db.js';
import { stripe } from '../lib/stripe.js';
import { createPendingBooking, type BookingRequest } from '../services/booking-service.js';

export async function POST(request: Request): Promise<Response> {
  const input = (await request.json()) as BookingRequest;
  const booking = await createPendingBooking(input);

  const intent = await stripe.paymentIntents.create({
    amount: booking.amount,
    currency: booking.currency,
    automatic_payment_methods: { enabled: true },
    metadata: { bookingId: booking.id }, // payment -> booking
  });

  await prisma.booking.update({
    where: { id: booking.id },
    data: { status: 'AWAITING_PAYMENT', paymentIntentId: intent.id }, // booking -> payment
  });

  return Response.json({ bookingId: booking.id, clientSecret: intent.client_secret });
}
