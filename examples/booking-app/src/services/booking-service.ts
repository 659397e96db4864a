import { prisma } from '../lib/db.js';

export interface BookingRequest {
  customerId: string;
  roomId: string;
  checkIn: string;
  checkOut: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Creates the booking before any payment exists, so its id can travel in the payment's metadata. */
export async function createPendingBooking(input: BookingRequest) {
  const room = await prisma.room.findUniqueOrThrow({ where: { id: input.roomId } });
  const checkIn = new Date(input.checkIn);
  const checkOut = new Date(input.checkOut);
  const nights = Math.max(1, Math.round((checkOut.getTime() - checkIn.getTime()) / DAY_MS));
  return prisma.booking.create({
    data: {
      customerId: input.customerId,
      roomId: room.id,
      checkIn,
      checkOut,
      amount: nights * room.nightlyRate,
      status: 'PENDING',
    },
  });
}

/** Called by the webhook once Stripe says the money arrived. */
export async function confirmBooking(bookingId: string, paymentIntentId: string) {
  return prisma.booking.update({
    where: { id: bookingId },
    data: { status: 'CONFIRMED', paymentIntentId },
  });
}

export async function findBookingByPaymentIntent(paymentIntentId: string) {
  return prisma.booking.findFirst({ where: { paymentIntentId } });
}
