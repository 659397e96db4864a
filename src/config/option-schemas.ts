/**
 * JSON-schema pieces for the options several rules share (`bookingModels`, `paymentModels`, `idColumns`,
 * `schema`), so the same option means and validates the same everywhere.
 */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** A non-empty list of distinct, non-empty strings. */
export const stringList = (description: string): JSONSchema4 => ({
  type: 'array',
  items: { type: 'string', minLength: 1 },
  minItems: 1,
  uniqueItems: true,
  description,
});

/** The model vocabulary: which models are bookings and payments, and which columns hold a provider's id. */
export const MODEL_OPTIONS: Readonly<Record<'bookingModels' | 'paymentModels' | 'idColumns', JSONSchema4>> = {
  bookingModels: stringList(
    "Booking-like models; replaces the default list (Booking, Reservation, Appointment). Falls back to settings['booking-payment'].bookingModels.",
  ),
  paymentModels: stringList(
    "Payment-like models that may hold the link (a relation to the booking and a provider-id column); replaces the default list (Payment, Transaction, Charge). Falls back to settings['booking-payment'].paymentModels.",
  ),
  idColumns: stringList(
    "Column names, or /regex/flags sources, that hold a provider's id; replaces the default name pattern (paymentIntentId, stripeSessionId, externalId …). Falls back to settings['booking-payment'].idColumns.",
  ),
};

/** The `schema` option: where the Prisma schema is, when it is not found by the usual search. */
export const SCHEMA_OPTION: JSONSchema4 = {
  type: 'string',
  minLength: 1,
  description:
    "The Prisma schema file or folder, relative to ESLint's cwd. Falls back to settings['booking-payment'].schema, then package.json prisma.schema, prisma.config.ts, prisma/schema.prisma, prisma/schema/, schema.prisma.",
};
