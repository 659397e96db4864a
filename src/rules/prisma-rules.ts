import prismaBookingPaymentColumn from './prisma-booking-payment-column.js';

/**
 * The rules that run on `.prisma` files (with the `booking-payment/prisma` language), by name.
 * The plugin merges them with the script rules of `./index.ts`.
 */
export const prismaRules = {
  'prisma-booking-payment-column': prismaBookingPaymentColumn,
};
