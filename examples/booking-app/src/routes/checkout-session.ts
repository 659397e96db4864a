// POST /api/checkout/hosted: book a room and send the guest to Stripe's hosted Checkout page.
import { stripe } from '../lib/stripe.js';
import { createPendingBooking, type BookingRequest } from '../services/booking-service.js';

export async function POST(request: Request): Promise<Response> {
  const input = (await request.json()) as BookingRequest;
  const booking = await createPendingBooking(input);

  // Mistake (reported by `configs.strict`): the booking id is only in the Session's own metadata.
  // Session metadata never reaches the PaymentIntent, so `charge.refunded` and
  // `charge.dispute.created` events can't find the booking. Put it in `payment_intent_data.metadata`.
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [
      {
        price_data: { currency: booking.currency, unit_amount: booking.amount, product_data: { name: 'Room booking' } },
        quantity: 1,
      },
    ],
    metadata: { bookingId: booking.id },
    success_url: `${process.env.APP_URL}/bookings/${booking.id}?paid=1`,
    cancel_url: `${process.env.APP_URL}/bookings/${booking.id}`,
  });

  // The PaymentIntent id is stored by the webhook on `checkout.session.completed`.
  return Response.json({ url: session.url });
}
