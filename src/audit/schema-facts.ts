/**
 * The schema side of the audit: where the Prisma schema is, its booking-like models and the columns that
 * link them to the provider — read through the plugin's own loader and link analysis, so the audit and
 * the schema rules agree.
 */
import path from 'node:path';

import { loadSchema, type PrismaField, type PrismaModel } from '../utils/prisma-schema.js';
import { analyzeBookingPaymentLink, isUniqueColumn } from '../utils/schema-link.js';
import type { BookingModelFact, ColumnFact, SchemaFacts } from './types.js';

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

function columnFact(dir: string, model: PrismaModel, field: PrismaField): ColumnFact {
  return { name: field.name, file: relativePath(dir, model.file), line: field.line, unique: isUniqueColumn(model, field.name) };
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
  const links = analyzeBookingPaymentLink(loaded.schema, {
    bookingModels: [...options.bookingModels],
    paymentModels: [...options.paymentModels],
    ...(options.idColumns && options.idColumns.length > 0 ? { idColumns: [...options.idColumns] } : {}),
  });
  const bookingModels: BookingModelFact[] = links.map((link) => {
    const fact: BookingModelFact = {
      model: link.model.name,
      file: relativePath(dir, link.model.file),
      line: link.model.line,
      providerIdColumns: link.providerIdColumns.map((field) => columnFact(dir, link.model, field)),
      ok: link.ok,
    };
    if (link.viaPayment) {
      fact.viaPayment = {
        model: link.viaPayment.model.name,
        file: relativePath(dir, link.viaPayment.model.file),
        line: link.viaPayment.model.line,
        foreignKey: link.viaPayment.foreignKey,
        providerIdColumn: columnFact(dir, link.viaPayment.model, link.viaPayment.providerIdColumn),
      };
    }
    return fact;
  });
  return {
    status: 'ok',
    location: relativePath(dir, loaded.location),
    files: loaded.schema.files.map((f) => relativePath(dir, f)),
    bookingModels,
  };
}
