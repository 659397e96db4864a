/**
 * The schema side of the audit: where the Prisma schema is, its booking-like models and the columns that
 * link them to the provider — read through the plugin's own loader and link analysis, so the audit and
 * the schema rules agree.
 */
import path from 'node:path';

import { loadSchema } from '../schema/load.js';
import type { SchemaField, SchemaInfo, SchemaModel } from '../schema/model.js';
import { analyzeBookingPaymentLink, isUniqueColumn, type BookingModelLink, type LinkVocabulary, type PaymentModelLink } from '../schema/link.js';
import type { BookingModelFact, ColumnFact, PaymentModelFact, SchemaFacts } from './types.js';

export interface SchemaFactOptions {
  /** The audited directory (absolute). */
  dir: string;
  /** `settings['booking-payment'].schema`, if set. */
  schema?: string;
  bookingModels: readonly string[];
  paymentModels: readonly string[];
  idColumns?: readonly string[];
}

/** `dir`-relative, `/`-separated. */
export function relativePath(dir: string, file: string): string {
  const rel = path.relative(dir, path.resolve(dir, file));
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

function columnFact(dir: string, model: SchemaModel, field: SchemaField): ColumnFact {
  return { name: field.name, file: relativePath(dir, model.file), line: field.line, unique: isUniqueColumn(model, field.name) };
}

function paymentModelFact(dir: string, link: PaymentModelLink): PaymentModelFact {
  return {
    model: link.model.name,
    file: relativePath(dir, link.model.file),
    line: link.model.line,
    foreignKey: link.foreignKey,
    providerIdColumn: columnFact(dir, link.model, link.providerIdColumn),
  };
}

/**
 * The payment-like model that references `link`'s booking and holds a provider id, whatever the booking's
 * own columns are. The link analysis names one only when the booking's link goes through it (no unique own
 * column); for the payment → booking direction the reference counts either way. So ask the same analysis
 * about the booking model without its own provider-id columns: one definition of "references the booking".
 */
function paymentReferencing(schema: SchemaInfo, link: BookingModelLink, vocabulary: LinkVocabulary): PaymentModelLink | undefined {
  if (link.viaPayment || link.providerIdColumns.length === 0) return link.viaPayment;
  const own = new Set(link.providerIdColumns);
  const bare: SchemaModel = { ...link.model, fields: link.model.fields.filter((f) => !own.has(f)) };
  const models = new Map(schema.models);
  models.set(bare.name, bare);
  const [view] = analyzeBookingPaymentLink({ ...schema, models }, { ...vocabulary, bookingModels: [bare.name] });
  return view?.viaPayment;
}

/** Loads the schema the way the rules do and describes its booking ↔ payment columns. Never throws. */
export function collectSchemaFacts(options: SchemaFactOptions): SchemaFacts {
  const { dir } = options;
  let loaded: ReturnType<typeof loadSchema>;
  try {
    loaded = loadSchema({
      filename: path.join(dir, 'package.json'),
      cwd: dir,
      ...(options.schema ? { schema: options.schema } : {}),
    });
  } catch (error) {
    return { status: 'error', file: options.schema ?? 'prisma/schema.prisma', line: 1, column: 1, message: String(error) };
  }
  if (loaded.status === 'missing') {
    return { status: 'missing', searched: loaded.searched.map((p) => relativePath(dir, p)) };
  }
  if (loaded.status === 'error') {
    return {
      status: 'error',
      file: relativePath(dir, loaded.file),
      line: loaded.line,
      column: loaded.column,
      message: loaded.message,
    };
  }
  const vocabulary: LinkVocabulary = {
    bookingModels: [...options.bookingModels],
    paymentModels: [...options.paymentModels],
    ...(options.idColumns && options.idColumns.length > 0 ? { idColumns: [...options.idColumns] } : {}),
  };
  const links = analyzeBookingPaymentLink(loaded.schema, vocabulary);
  const bookingModels: BookingModelFact[] = links.map((link) => {
    const fact: BookingModelFact = {
      model: link.model.name,
      file: relativePath(dir, link.model.file),
      line: link.model.line,
      providerIdColumns: link.providerIdColumns.map((field) => columnFact(dir, link.model, field)),
      ok: link.ok,
    };
    if (link.viaPayment) fact.viaPayment = paymentModelFact(dir, link.viaPayment);
    const referencing = paymentReferencing(loaded.schema, link, vocabulary);
    if (referencing) fact.referencedBy = paymentModelFact(dir, referencing);
    return fact;
  });
  return {
    status: 'ok',
    location: relativePath(dir, loaded.location),
    files: loaded.schema.files.map((f) => relativePath(dir, f)),
    bookingModels,
  };
}
