/**
 * Does the database hold the link from a booking to the provider's payment? A booking-like model is linked
 * when it has a provider-id column (`paymentIntentId`, `stripeSessionId` …), or when another model references
 * it (a relation or a `bookingId` foreign key) and has a provider-id column itself: cal.com's
 * `Payment { bookingId, externalId }`, or a table of the project's own naming (`PaymentIntent { stripeId,
 * reservationId }`). With the default vocabulary any model can be that table; a configured `paymentModels`
 * list restricts it to those.
 *
 * Columns belong to providers: `paypalOrderId` holds a PayPal order id and cannot hold a Stripe
 * PaymentIntent's; a generic name (`externalId`, `providerTxId`, `transactionId`) can hold anyone's. The
 * rules ask, per provider, which columns can hold its id (`columnsFor`).
 */
import {
  columnFitsProvider,
  columnHintOf,
  CREATION_SPECS,
  PROVIDERS,
  providerDisplayName,
} from '../providers/index.js';
import {
  DEFAULT_BOOKING_MODELS,
  DEFAULT_PAYMENT_MODELS,
  delegateName,
  isProviderIdColumn,
  providerIdColumnMatcher,
} from '../config/vocabulary.js';
import type { SchemaField, SchemaInfo, SchemaModel } from './model.js';

export interface LinkVocabulary {
  bookingModels?: readonly string[] | undefined;
  /**
   * The models that may hold the link; absent, empty or the default list (Payment, Transaction, Charge):
   * any model that references the booking (those named first).
   */
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

/** One column that links a booking to a provider's payment: on the booking itself or on a linked table. */
export interface LinkColumn {
  model: SchemaModel;
  field: SchemaField;
  unique: boolean;
  /** For a column of a linked table: the field that ties that table to the booking. */
  foreignKey?: string;
}

export interface BookingModelLink {
  model: SchemaModel;
  /** Provider-id columns on the booking model itself. */
  providerIdColumns: SchemaField[];
  /** Whether one of `providerIdColumns` is unique (`@unique`, `@id`, or first in `@@unique`/`@@index`/`@@id`). */
  unique: boolean;
  /** The payment-like model that holds the link, when the booking has no column of its own. */
  viaPayment?: PaymentModelLink;
  /** True when the link exists (unique or not), for any provider. */
  ok: boolean;
  /** Every column that links the booking: its own, then those of every table that references it. */
  columns: LinkColumn[];
}

/**
 * Generic names of a provider's reference beyond the default pattern: `providerTxId`, `providerRef`,
 * `paymentRef`, `gatewayReference`, `pspTxnId`.
 */
const GENERIC_REFERENCE_COLUMN = /^(?:provider|payment|external|gateway|psp)_?(?:tx|txn|ref|reference)(?:_?id)?$/i;

/** The column-name test of a vocabulary: its `idColumns`, else the default pattern and the generic names. */
function idColumnTest(idColumns: readonly string[] | undefined): (name: string) => boolean {
  if (idColumns && idColumns.length > 0) return providerIdColumnMatcher(idColumns);
  return (name) => isProviderIdColumn(name) || GENERIC_REFERENCE_COLUMN.test(name);
}

/** Per recognised provider, the column words of its kinds (`/intent/i`, `/session/i` for Stripe). */
const KIND_HINTS: ReadonlyMap<string, readonly RegExp[]> = (() => {
  const out = new Map<string, RegExp[]>();
  for (const spec of CREATION_SPECS) {
    const hint = columnHintOf(spec.kind);
    const list = out.get(spec.provider) ?? [];
    if (hint && !list.includes(hint)) list.push(hint);
    out.set(spec.provider, list);
  }
  return out;
})();

/**
 * Whether `column` can hold `provider`'s id: not when it names another provider (`paypalOrderId` for
 * Stripe), nor when it has another provider's kind word and none of this one's (`paymentIntentId`,
 * `checkoutSessionId` are Stripe's; `orderId` is PayPal's). A generic name (`paymentId`, `externalId`,
 * `providerTxId`) holds any provider's id.
 */
export function columnHoldsProvider(column: string, provider: string): boolean {
  if (!columnFitsProvider(column, provider)) return false;
  if ((KIND_HINTS.get(provider) ?? []).some((hint) => hint.test(column))) return true;
  for (const [other, hints] of KIND_HINTS) if (other !== provider && hints.some((hint) => hint.test(column))) return false;
  return true;
}

/** The provider a column is specific to (`PayPal` for `paypalOrderId`, `Stripe` for `paymentIntentId`), if one. */
export function columnProviderName(column: string): string | undefined {
  const holders = PROVIDERS.filter((p) => columnHoldsProvider(column, p.id));
  return holders.length === 1 ? providerDisplayName(holders[0]!.id) : undefined;
}

/** The columns of `link` that can hold `provider`'s id (every column when no provider is given). */
export function columnsFor(link: BookingModelLink, provider?: string): LinkColumn[] {
  return provider === undefined ? link.columns : link.columns.filter((c) => columnHoldsProvider(c.field.name, provider));
}

/**
 * The columns a provider's id cannot go in, for a message: `` `paypalOrderId`, PayPal's `` (a linked table's
 * as `` `Payment.orderRef` ``); at most three.
 */
export function describeOtherColumns(columns: readonly LinkColumn[]): string {
  return columns
    .slice(0, 3)
    .map((c) => {
      const name = c.foreignKey ? `${c.model.name}.${c.field.name}` : c.field.name;
      const provider = columnProviderName(c.field.name);
      return `\`${name}\`, ${provider ? `${provider}'s` : "another provider's"}`;
    })
    .join('; ');
}

/**
 * A column filled with a default (`String @default("")`) holds the same placeholder for every row until the
 * payment exists: `@unique` there would break the second insert, so it is never asked for.
 */
export function hasPlaceholderDefault(field: SchemaField): boolean {
  return field.attributes.includes('default');
}

/** Scalar fields used as foreign keys by the model's own relations (`@relation(fields: [...])`). */
function foreignKeyFields(model: SchemaModel): Set<string> {
  const out = new Set<string>();
  for (const f of model.fields) for (const k of f.relationFields ?? []) out.add(k);
  return out;
}

/** True when lookups by `column` are unique (or at least indexed first): the issue's definition. */
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

/** The field that ties `payment` to `booking`, or undefined when there is none. */
function foreignKeyTo(booking: SchemaModel, payment: SchemaModel): string | undefined {
  const bookingKeyNames = new Set([`${delegateName(booking.name)}Id`, `${booking.name.toLowerCase()}_id`]);
  // Payment side: `booking Booking @relation(fields: [bookingId], …)`, or a bare `bookingId` column.
  const relation = payment.fields.find((f) => f.type === booking.name && f.relationFields && f.relationFields.length > 0);
  if (relation?.relationFields?.[0]) return relation.relationFields[0];
  const bare = payment.fields.find((f) => bookingKeyNames.has(f.name) && !payment.fields.some((r) => r.relationFields?.includes(f.name)));
  if (bare) return bare.name;
  // Booking side: `payment Payment? @relation(fields: [paymentId], …)` on the booking.
  const back = booking.fields.find((f) => f.type === payment.name && f.relationFields && f.relationFields.length > 0);
  return back ? `${booking.name}.${back.relationFields?.[0] ?? back.name}` : undefined;
}

/** Whether a configured list of payment models restricts the linked tables (the default list does not). */
function restrictsPaymentModels(paymentModels: readonly string[] | undefined): paymentModels is readonly string[] {
  if (!paymentModels || paymentModels.length === 0) return false;
  return !(paymentModels.length === DEFAULT_PAYMENT_MODELS.length && paymentModels.every((m, i) => m === DEFAULT_PAYMENT_MODELS[i]));
}

/** The models that may hold the link: the configured ones, or every model (the default names first). */
function candidateTables(schema: SchemaInfo, paymentModels: readonly string[] | undefined): SchemaModel[] {
  const named = (restrictsPaymentModels(paymentModels) ? paymentModels : DEFAULT_PAYMENT_MODELS)
    .map((name) => schema.models.get(name))
    .filter((m): m is SchemaModel => m !== undefined);
  if (restrictsPaymentModels(paymentModels)) return named;
  return [...named, ...[...schema.models.values()].filter((m) => !named.includes(m))];
}

/** Links from the tables that reference `booking` and hold a provider id, best first (unique wins). */
function paymentLinks(
  booking: SchemaModel,
  schema: SchemaInfo,
  tables: readonly SchemaModel[],
  bookingModels: ReadonlySet<string>,
  isIdColumn: (name: string) => boolean,
): { best: PaymentModelLink[]; columns: LinkColumn[] } {
  const best: PaymentModelLink[] = [];
  const columns: LinkColumn[] = [];
  for (const payment of tables) {
    // Another booking-like model is judged on its own.
    if (payment === booking || bookingModels.has(payment.name)) continue;
    const foreignKey = foreignKeyTo(booking, payment);
    if (!foreignKey) continue;
    const own = providerIdColumnsOf(payment, isIdColumn, schema);
    const picked = pickColumn(payment, own);
    if (!picked) continue;
    best.push({ model: payment, foreignKey, providerIdColumn: picked.column, unique: picked.unique });
    for (const field of own) columns.push({ model: payment, field, unique: isUniqueColumn(payment, field.name), foreignKey });
  }
  return { best: best.sort((a, b) => Number(b.unique) - Number(a.unique)), columns };
}

/** One entry per booking-like model the schema has (none when it has none). */
export function analyzeBookingPaymentLink(schema: SchemaInfo, vocabulary: LinkVocabulary = {}): BookingModelLink[] {
  const bookingModels = vocabulary.bookingModels?.length ? vocabulary.bookingModels : DEFAULT_BOOKING_MODELS;
  const tables = candidateTables(schema, vocabulary.paymentModels);
  const isIdColumn = idColumnTest(vocabulary.idColumns);
  const bookingNames = new Set(bookingModels);
  const out: BookingModelLink[] = [];
  for (const name of bookingModels) {
    const model = schema.models.get(name);
    if (!model) continue;
    const providerIdColumns = providerIdColumnsOf(model, isIdColumn, schema);
    const own = pickColumn(model, providerIdColumns);
    const linked = paymentLinks(model, schema, tables, bookingNames, isIdColumn);
    const link: BookingModelLink = {
      model,
      providerIdColumns,
      unique: own?.unique ?? false,
      ok: own !== undefined,
      columns: [
        ...providerIdColumns.map((field) => ({ model, field, unique: isUniqueColumn(model, field.name) })),
        ...linked.columns,
      ],
    };
    if (!own?.unique) {
      const via = linked.best[0];
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

