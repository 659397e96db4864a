// POST /api/bookings/:id/deposit: charge a 20 % deposit on an existing booking.
import { prisma } from '../lib/db.js';
import { stripe } from '../lib/stripe.js';

export async function POST(_request: Request, { params }: { params: { id: string } }): Promise<Response> {
  const booking = await prisma.booking.findUniqueOrThrow({ where: { id: params.id } });

  // Mistake: no `metadata.bookingId`. If the webhook for this payment fails, nothing on Stripe's
  // side says which booking the deposit was for.
  const intent = await stripe.paymentIntents.create({
    amount: Math.round(booking.amount * 0.2),
    currency: booking.currency,
    description: `Deposit for booking ${booking.id}`,
  });

  await prisma.booking.update({
    where: { id: booking.id },
    data: { status: 'AWAITING_PAYMENT', paymentIntentId: intent.id },
  });

  return Response.json({ clientSecret: intent.client_secret });
}
