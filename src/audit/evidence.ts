/**
 * Evidence for the two links, per payment creation. A link is present only when every creation the audit
 * judges has proof: a write of the provider's id into the booking's provider-id column or a linked payment
 * table's column (booking → payment); the booking reference on the creation, or a payment-table row
 * written with both the booking id and the provider id (payment → booking). Reads of a column, writes of
 * other models or columns, JSON columns and ids only passed on are not proof: they leave a link
 * `unverified`. Pure: no I/O.
 */
import type { BookingModelFact, CallSite, SchemaFacts, StoringWrite } from './types.js';

/** The columns a write may land in to prove booking → payment: model (lower-case) → provider-id columns. */
export type TargetColumns = Map<string, { model: string; columns: Set<string>; paymentTable: boolean }>;

const norm = (name: string): string => name.toLowerCase().replace(/_/g, '');

/** The booking models' own provider-id columns and the linked payment tables' columns, as write targets. */
export function targetColumns(models: readonly BookingModelFact[]): TargetColumns {
  const targets: TargetColumns = new Map();
  const add = (model: string, column: string, paymentTable: boolean): void => {
    const key = norm(model);
    const entry = targets.get(key) ?? { model, columns: new Set<string>(), paymentTable };
    entry.columns.add(column);
    targets.set(key, entry);
  };
  for (const m of models) {
    for (const c of m.providerIdColumns) add(m.model, c.name, false);
    for (const table of [m.viaPayment, m.referencedBy]) if (table) add(table.model, table.providerIdColumn.name, true);
  }
  return targets;
}

/** The write a stores fact rests on; for a unit-level `stored` fact without one, `model.column` of `where`. */
function writeOf(site: CallSite): StoringWrite | undefined {
  if (site.stores.write) return site.stores.write;
  if (site.stores.status !== 'stored' || !site.stores.where) return undefined;
  const match = /^(?:[\w$]+\.)*([\w$]+)\.([\w$]+)$/.exec(site.stores.where);
  return match ? { model: match[1]!, column: match[2]!, file: site.file, line: site.line, kind: 'local' } : undefined;
}

/** A model name as code writes it (`booking`, `bookings`, `tx.booking`) matched to a schema model. */
function targetFor(targets: TargetColumns, model: string): ReturnType<TargetColumns['get']> {
  const key = norm(model);
  return targets.get(key) ?? (key.endsWith('s') ? targets.get(key.slice(0, -1)) : undefined);
}

export type StoreEvidence =
  | { proven: true; write: StoringWrite; target: string }
  | { proven: false; why: string };

const cite = (w: StoringWrite): string => `${w.model}.${w.column} at ${w.file}:${w.line}`;

/** Whether a creation's stores fact proves booking → payment against the schema's columns (null: no schema). */
export function storeEvidence(site: CallSite, targets: TargetColumns | null): StoreEvidence {
  const { status } = site.stores;
  if (status === 'passed-on') {
    return { proven: false, why: `the id is only passed on${site.stores.where ? ` (${site.stores.where})` : ''}; no write of it seen` };
  }
  if (status === 'unknown') return { proven: false, why: 'where the id goes cannot be seen' };
  if (status === 'missing') return { proven: false, why: 'never stored' };
  const write = writeOf(site);
  if (!write) {
    return { proven: false, why: status === 'stored-elsewhere' ? `a write of a provider id elsewhere (${site.stores.where ?? 'unknown place'}) that names no model` : 'a write that names no column' };
  }
  if (write.nested) return { proven: false, why: `the id is written inside ${write.model}.${write.column} (a JSON column is not a column), at ${write.file}:${write.line}` };
  if (targets === null) return { proven: true, write, target: `${write.model}.${write.column}` };
  const target = targetFor(targets, write.model);
  if (!target || !target.columns.has(write.column)) {
    const wanted = [...targets.values()].flatMap((t) => [...t.columns].map((c) => `${t.model}.${c}`)).join(', ');
    return { proven: false, why: `the write cited (${cite(write)}) is not ${wanted ? `one of ${wanted}` : "the booking's provider-id column"}` };
  }
  return { proven: true, write, target: `${target.model}.${write.column}` };
}

/** Whether a creation whose booking id is not visible on the call is linked by a payment-table row with both ids. */
export function paymentRowEvidence(site: CallSite, schema: SchemaFacts): StoringWrite | undefined {
  if (schema.status !== 'ok') return undefined;
  const write = writeOf(site);
  if (!write?.withBookingRef || write.nested) return undefined;
  const tables = schema.bookingModels.flatMap((m) => [m.referencedBy, m.viaPayment]).filter((t) => t !== undefined);
  return tables.some((t) => norm(t.model) === norm(write.model) && t.providerIdColumn.name === write.column) ? write : undefined;
}

export function describeWrite(write: StoringWrite): string {
  return `${write.model}.${write.column} at ${write.file}:${write.line}`;
}
