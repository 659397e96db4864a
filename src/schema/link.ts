/**
 * Does the database hold the link from a booking to the provider's payment? A booking-like model passes
 * when it has a provider-id column (`paymentIntentId`, `stripeSessionId` …), or when a payment-like model
 * references it (relation or foreign key) and has a provider-id column itself (cal.com's
 * `Payment { bookingId, externalId @unique }`). The column should be unique: a webhook looks the booking up
 * by the provider's id, and a non-unique column can match two bookings.
 */
import { DEFAULT_BOOKING_MODELS, DEFAULT_PAYMENT_MODELS, delegateName, providerIdColumnMatcher } from '../config/vocabulary.js';
import type { SchemaField, SchemaInfo, SchemaModel } from './model.js';

export interface LinkVocabulary {
  bookingModels?: readonly string[] | undefined;
  paymentModels?: readonly string[] | undefined;
  /** Names or `/regex/flags` sources of provider-id columns (replaces the default pattern). */
  idColumns?: readonly string[] | undefined;
}

export interface PaymentModelLink {
  model: SchemaModel;
  /** The field that ties the payment to the booking: `bookingId` (payment side) or `Booking.paymentId`. */
  foreignKey: string;
  providerIdColumn: SchemaField;
  unique: boolean;
}

export interface BookingModelLink {
  model: SchemaModel;
  /** Provider-id columns on the booking model itself. */
  providerIdColumns: SchemaField[];
  /** Whether one of `providerIdColumns` is unique (`@unique`, `@id`, or first in `@@unique`/`@@index`/`@@id`). */
  unique: boolean;
  /** The payment-like model that holds the link, when the booking has no column of its own. */
  viaPayment?: PaymentModelLink;
  /** True when the link exists (unique or not). */
  ok: boolean;
}

/** Scalar fields used as foreign keys by the model's own relations (`@relation(fields: [...])`). */
function foreignKeyFields(model: SchemaModel): Set<string> {
  const out = new Set<string>();
  for (const f of model.fields) for (const k of f.relationFields ?? []) out.add(k);
  return out;
}

/** True when lookups by `column` are unique (or at least indexed first): the definition. */
export function isUniqueColumn(model: SchemaModel, column: string): boolean {
  const field = model.fields.find((f) => f.name === column);
  if (field && (field.attributes.includes('unique') || field.attributes.includes('id'))) return true;
  return model.blockAttributes.some(
    (a) => (a.name === 'unique' || a.name === 'index' || a.name === 'id') && a.fields[0] === column,
  );
}

function providerIdColumnsOf(model: SchemaModel, isIdColumn: (name: string) => boolean, schema: SchemaInfo): SchemaField[] {
  const fks = foreignKeyFields(model);
  return model.fields.filter(
    (f) =>
      !f.list &&
      !f.relationFields &&
      !fks.has(f.name) &&
      !schema.models.has(f.type) &&
      !schema.types.has(f.type) &&
      isIdColumn(f.name),
  );
}

function pickColumn(model: SchemaModel, columns: SchemaField[]): { column: SchemaField; unique: boolean } | undefined {
  const first = columns[0];
  if (!first) return undefined;
  const unique = columns.find((c) => isUniqueColumn(model, c.name));
  return unique ? { column: unique, unique: true } : { column: first, unique: false };
}

/** Links from payment-like models to `booking`, best first (one with a unique provider-id column wins). */
function paymentLinks(
  booking: SchemaModel,
  schema: SchemaInfo,
  paymentModels: readonly string[],
  isIdColumn: (name: string) => boolean,
): PaymentModelLink[] {
  const links: PaymentModelLink[] = [];
  const bookingKeyNames = new Set([`${delegateName(booking.name)}Id`, `${booking.name.toLowerCase()}_id`]);
  for (const name of paymentModels) {
    const payment = schema.models.get(name);
    if (!payment || payment === booking) continue;
    let foreignKey: string | undefined;
    // Payment side: `booking Booking @relation(fields: [bookingId], …)`, or a bare `bookingId` column.
    const relation = payment.fields.find((f) => f.type === booking.name && f.relationFields && f.relationFields.length > 0);
    if (relation) foreignKey = relation.relationFields?.[0];
    foreignKey ??= payment.fields.find((f) => bookingKeyNames.has(f.name))?.name;
    // Booking side: `payment Payment? @relation(fields: [paymentId], …)` on the booking.
    if (!foreignKey) {
      const back = booking.fields.find((f) => f.type === payment.name && f.relationFields && f.relationFields.length > 0);
      if (back) foreignKey = `${booking.name}.${back.relationFields?.[0] ?? back.name}`;
    }
    if (!foreignKey) continue;
    const picked = pickColumn(payment, providerIdColumnsOf(payment, isIdColumn, schema));
    if (!picked) continue;
    links.push({ model: payment, foreignKey, providerIdColumn: picked.column, unique: picked.unique });
  }
  return links.sort((a, b) => Number(b.unique) - Number(a.unique));
}

/** One entry per booking-like model the schema has (none when it has none). */
export function analyzeBookingPaymentLink(schema: SchemaInfo, vocabulary: LinkVocabulary = {}): BookingModelLink[] {
  const bookingModels = vocabulary.bookingModels?.length ? vocabulary.bookingModels : DEFAULT_BOOKING_MODELS;
  const paymentModels = vocabulary.paymentModels?.length ? vocabulary.paymentModels : DEFAULT_PAYMENT_MODELS;
  const isIdColumn = providerIdColumnMatcher(vocabulary.idColumns);
  const out: BookingModelLink[] = [];
  for (const name of bookingModels) {
    const model = schema.models.get(name);
    if (!model) continue;
    const providerIdColumns = providerIdColumnsOf(model, isIdColumn, schema);
    const own = pickColumn(model, providerIdColumns);
    const link: BookingModelLink = { model, providerIdColumns, unique: own?.unique ?? false, ok: own !== undefined };
    if (!own?.unique) {
      const via = paymentLinks(model, schema, paymentModels, isIdColumn)[0];
      // A payment model's link is used when the booking has no column, or when it is unique and the booking's is not.
      if (via && (!own || via.unique)) {
        link.viaPayment = via;
        link.ok = true;
      }
    }
    out.push(link);
  }
  return out;
}

/** Whether the link (own column or via payment) is unique; meaningful when `link.ok`. */
export function isLinkUnique(link: BookingModelLink): boolean {
  return link.viaPayment ? link.viaPayment.unique : link.unique;
}

/**
 * The column to suggest: the first plain name of the `idColumns` option when there is one (the project's
 * own naming), else `defaultName`. Returned with its Prisma line: `paymentIntentId String? @unique`.
 */
export function suggestedColumn(defaultName: string, idColumns?: readonly string[]): { name: string; line: string } {
  const own = idColumns?.find((c) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(c));
  const name = own ?? defaultName;
  return { name, line: `${name} String? @unique` };
}

