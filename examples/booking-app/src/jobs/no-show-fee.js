// Nightly job (plain JavaScript): charge the no-show fee to the card saved at booking time.
import Stripe from 'stripe';

import { prisma } from '../lib/db.js';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');
const NO_SHOW_FEE = 5000;

export async function chargeNoShowFees(now = new Date()) {
  const missed = await prisma.booking.findMany({
    where: { status: 'CONFIRMED', checkIn: { lt: now } },
    include: { customer: true },
  });
  const charged = [];
  for (const booking of missed) {
    // Mistake: the fee's PaymentIntent carries no booking id.
    const intent = await stripe.paymentIntents.create({
      amount: NO_SHOW_FEE,
      currency: booking.currency,
      customer: booking.customer.stripeCustomerId,
      confirm: true,
      off_session: true,
    });
    charged.push({ bookingId: booking.id, paymentIntentId: intent.id });
  }
  return charged;
}
