/**
 * The candidate columns: the names whose writes the project index looks for. The provider-id columns of
 * schema.prisma's booking/payment models when a schema is found (plus explicit `idColumns`), else the names
 * matching `idColumns`, else the provider-id column pattern of `config/vocabulary.ts`.
 */
import { delegateName, escapeRegExp, isProviderIdColumn, providerIdColumnMatcher } from '../config/vocabulary.js';
import { loadSchema } from '../schema/load.js';
import { analyzeBookingPaymentLink, type BookingModelLink } from '../schema/link.js';
import type { ProjectIndexOptions } from './index.js';

export interface Candidates {
  /** Tells index states apart: the same key, the same columns. */
  key: string;
  /** Exact names (schema), or null when `matches` decides. */
  names: string[] | null;
  matches: (name: string) => boolean;
  /** Cheap necessary condition on a file's text. */
  mentions: (text: string) => boolean;
}

const DEFAULT_MENTION = /(?:intent|session|charge|order|payment|transaction|txn|external|provider|stripe)_?id\b/i;
const IDENTIFIER = /[A-Za-z_$][\w$]*/g;
/** An `idColumns` entry written as a regular expression (`/^psp_/`). */
const PATTERN_ENTRY = /^\/.+\/[a-z]*$/;

/** The schema's booking models and their links, or null when there is no readable schema. */
function schemaLinks(filename: string, options: ProjectIndexOptions): BookingModelLink[] | null {
  try {
    const loaded = loadSchema({ filename, cwd: options.cwd ?? process.cwd(), schema: options.schema });
    if (loaded.status !== 'ok') return null;
    return analyzeBookingPaymentLink(loaded.schema, {
      bookingModels: options.bookingModels ? [...options.bookingModels] : undefined,
      paymentModels: options.paymentModels ? [...options.paymentModels] : undefined,
      idColumns: options.idColumns ? [...options.idColumns] : undefined,
    });
  } catch {
    return null;
  }
}

function schemaColumns(filename: string, options: ProjectIndexOptions): string[] | null {
  const names = new Set<string>();
  for (const link of schemaLinks(filename, options) ?? []) {
    for (const field of link.providerIdColumns) names.add(field.name);
    if (link.viaPayment) names.add(link.viaPayment.providerIdColumn.name);
  }
  return names.size > 0 ? [...names].sort() : null;
}

/** The provider-id columns the schema gives each booking/payment delegate (for a fix's column name). */
export function schemaColumnsByDelegate(filename: string, options: ProjectIndexOptions): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const link of schemaLinks(filename, options) ?? []) {
    out.set(
      delegateName(link.model.name),
      link.providerIdColumns.map((f) => f.name),
    );
  }
  return out;
}

/** A regular expression that finds any of `names` as a whole word. */
function anyWord(names: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${names.map(escapeRegExp).join('|')})\\b`);
}

/** The schema's columns and the explicit names of `idColumns`, exactly. */
function exactCandidates(names: string[]): Candidates {
  const set = new Set(names);
  const re = anyWord(names);
  return { key: `schema:${names.join(',')}`, names, matches: (n) => set.has(n), mentions: (t) => re.test(t) };
}

/** The names and patterns of `idColumns`: a text mentions one when it has an exact name or a matching word. */
function configuredCandidates(idColumns: readonly string[], explicit: string[]): Candidates {
  const matches = providerIdColumnMatcher(idColumns);
  const hasPattern = idColumns.some((c) => PATTERN_ENTRY.test(c));
  const exactRe = explicit.length > 0 ? anyWord(explicit) : null;
  return {
    key: `columns:${idColumns.join(',')}`,
    names: null,
    matches,
    mentions: (t) => {
      if (exactRe?.test(t)) return true;
      if (!hasPattern) return false;
      IDENTIFIER.lastIndex = 0;
      for (let m = IDENTIFIER.exec(t); m; m = IDENTIFIER.exec(t)) if (matches(m[0])) return true;
      return false;
    },
  };
}

/** The candidate columns for a file (the schema is searched from there). */
export function buildCandidates(filename: string, options: ProjectIndexOptions): Candidates {
  const explicit = (options.idColumns ?? []).filter((c) => !PATTERN_ENTRY.test(c));
  const fromSchema = schemaColumns(filename, options);
  if (fromSchema) return exactCandidates([...new Set([...fromSchema, ...explicit])].sort());
  const idColumns = options.idColumns ?? [];
  if (idColumns.length === 0) {
    return { key: 'default', names: null, matches: (n) => isProviderIdColumn(n), mentions: (t) => DEFAULT_MENTION.test(t) };
  }
  return configuredCandidates(idColumns, explicit);
}
