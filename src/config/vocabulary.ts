/**
 * The project's vocabulary: which metadata keys carry a booking id, which models are bookings or
 * payments, and which column names hold a payment provider's id. Every rule reads these from here so
 * that the defaults (and the options that replace them) mean the same thing everywhere.
 */
import { PROVIDERS } from '../providers/index.js';

/** Metadata keys that carry the booking id to the payment provider (option `keys`). */
export const DEFAULT_BOOKING_ID_KEYS: readonly string[] = [
  'bookingId',
  'booking_id',
  'reservationId',
  'reservation_id',
  'appointmentId',
  'appointment_id',
];

/** Booking-like Prisma models (option `bookingModels`). */
export const DEFAULT_BOOKING_MODELS: readonly string[] = ['Booking', 'Reservation', 'Appointment'];

/** Payment-like Prisma models (option `paymentModels`). */
export const DEFAULT_PAYMENT_MODELS: readonly string[] = ['Payment', 'Transaction', 'Charge'];

/**
 * Column names that hold a payment provider's id: `paymentIntentId`, `stripePaymentIntentId`,
 * `stripeSessionId`, `checkoutSessionId`, `paypalOrderId`, `squarePaymentId`, `paymentId`,
 * `intent_id`, `sessionId`, `stripeId`, `externalId`, `providerId`, `chargeId`, `orderId` …
 * A pattern, not a list: an optional prefix (a recognised provider's column word, or a generic one), an
 * optional object word, and an id suffix. Case-insensitive, camelCase or snake_case.
 */
export const DEFAULT_PROVIDER_ID_COLUMN_PATTERN = new RegExp(
  `^(?:(?:${[...PROVIDERS.flatMap((p) => p.columnWords), 'provider', 'external', 'checkout', 'payment'].join('|')})_?)*` +
    '(?:(?:payment_?intent|intent|checkout_?session|session|charge|order|payment|transaction|txn|external|provider|stripe)_?)id$',
  'i',
);

/** True when `name` looks like a column that stores a payment provider's id. */
export function isProviderIdColumn(name: string, pattern: RegExp = DEFAULT_PROVIDER_ID_COLUMN_PATTERN): boolean {
  return pattern.test(name);
}

/** Builds the column pattern from the `idColumns` option (a list of names or regular-expression sources). */
export function providerIdColumnMatcher(idColumns: readonly string[] | undefined): (name: string) => boolean {
  if (!idColumns || idColumns.length === 0) return (name) => isProviderIdColumn(name);
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const entry of idColumns) {
    if (/^\/.+\/[a-z]*$/.test(entry)) {
      const last = entry.lastIndexOf('/');
      try {
        patterns.push(new RegExp(entry.slice(1, last), entry.slice(last + 1)));
      } catch {
        exact.add(entry);
      }
    } else {
      exact.add(entry);
    }
  }
  return (name) => exact.has(name) || patterns.some((p) => p.test(name));
}

/** `Booking` → `booking`: the Prisma client delegate name of a model. */
export function delegateName(model: string): string {
  return model.charAt(0).toLowerCase() + model.slice(1);
}

/** `bookingId` → `booking`, `reservation_id` → `reservation`: the entity a booking-id key names. */
export function keyBaseName(key: string): string {
  return key.replace(/_?id$/i, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `a.b` → `a\\.b`: a name made safe to put in a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
