import Stripe from 'stripe';

/** The one Stripe client of the app. */
export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');
