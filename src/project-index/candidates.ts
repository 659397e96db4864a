/**
 * The candidate columns: the names whose writes the project index looks for. The provider-id columns of
 * schema.prisma's booking/payment models when a schema is found (plus explicit `idColumns`), else the names
 * matching `idColumns`, else the provider-id column pattern of `config/vocabulary.ts`.
 */
import { delegateName, escapeRegExp, isProviderIdColumn, providerIdColumnMatcher } from '../config/vocabulary.js';
import { loadSchema } from '../schema/load.js';
import { analyzeBookingPaymentLink, type BookingModelLink } from '../schema/link.js';
import type { ProjectIndexOptions } from './index.js';
import { DEFAULT_MENTION, PATTERN_ENTRY } from './vocabulary.js';

export interface Candidates {
  /** Tells index states apart: the same key, the same columns. */
  key: string;
  /** Exact names (schema), or null when `matches` decides. */
  names: string[] | null;
  matches: (name: string) => boolean;
  /** Cheap necessary condition on a file's text. */
  mentions: (text: string) => boolean;
  /** The `idColumns` entries written as regular expressions (`/^psp_/`). */
  patterns: string[];
  /**
   * With a schema: per model (as its client delegate, `booking`), the provider-id columns a write of it
   * stores the id in — the booking models and the payment models linked to them. Null without a schema.
   */
  targets: Map<string, Set<string>> | null;
  /** With a schema: every model's delegate (a write of another model than the targets is no evidence). */
  schemaModels: Set<string> | null;
}

const IDENTIFIER = /[A-Za-z_$][\w$]*/g;

interface SchemaFacts {
  links: BookingModelLink[];
  models: string[];
}

function loadLinks(filename: string, options: ProjectIndexOptions): SchemaFacts | null {
  try {
    const loaded = loadSchema({ filename, cwd: options.cwd ?? process.cwd(), schema: options.schema });
    if (loaded.status !== 'ok') return null;
    const links = analyzeBookingPaymentLink(loaded.schema, {
      bookingModels: options.bookingModels ? [...options.bookingModels] : undefined,
      paymentModels: options.paymentModels ? [...options.paymentModels] : undefined,
      idColumns: options.idColumns ? [...options.idColumns] : undefined,
    });
    return { links, models: [...loaded.schema.models.keys()] };
  } catch {
    return null;
  }
}

/** The schema's booking models and their links, or null when there is no readable schema. */
function schemaLinks(filename: string, options: ProjectIndexOptions): BookingModelLink[] | null {
  return loadLinks(filename, options)?.links ?? null;
}

/** Per target delegate, its provider-id columns: the booking models' own, and each linked payment model's. */
function schemaTargets(links: readonly BookingModelLink[]): Map<string, Set<string>> {
  const targets = new Map<string, Set<string>>();
  const add = (model: string, column: string) => {
    const d = delegateName(model);
    let set = targets.get(d);
    if (!set) targets.set(d, (set = new Set()));
    set.add(column);
  };
  for (const link of links) {
    for (const field of link.providerIdColumns) add(link.model.name, field.name);
    if (link.viaPayment) add(link.viaPayment.model.name, link.viaPayment.providerIdColumn.name);
  }
  return targets;
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
  return {
    key: `schema:${names.join(',')}`,
    names,
    matches: (n) => set.has(n),
    mentions: (t) => re.test(t),
    patterns: [],
    targets: null,
    schemaModels: null,
  };
}

/** The names and patterns of `idColumns`: a text mentions one when it has an exact name or a matching word. */
function configuredCandidates(idColumns: readonly string[], explicit: string[]): Candidates {
  const matches = providerIdColumnMatcher(idColumns);
  const hasPattern = idColumns.some((c) => PATTERN_ENTRY.test(c));
  const exactRe = explicit.length > 0 ? anyWord(explicit) : null;
  return {
    patterns: idColumns.filter((c) => PATTERN_ENTRY.test(c)),
    targets: null,
    schemaModels: null,
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
  const facts = loadLinks(filename, options);
  const targets = facts ? schemaTargets(facts.links) : null;
  if (facts && targets && targets.size > 0) {
    const fromSchema = [...targets.values()].flatMap((set) => [...set]);
    const out = exactCandidates([...new Set([...fromSchema, ...explicit])].sort());
    // An explicit `idColumns` name counts on any booking/payment model the schema links.
    for (const set of targets.values()) for (const name of explicit) set.add(name);
    out.targets = targets;
    out.schemaModels = new Set(facts.models.map(delegateName));
    return out;
  }
  const idColumns = options.idColumns ?? [];
  if (idColumns.length === 0) {
    return {
      key: 'default',
      names: null,
      matches: (n) => isProviderIdColumn(n),
      mentions: (t) => DEFAULT_MENTION.test(t),
      patterns: [],
      targets: null,
      schemaModels: null,
    };
  }
  return configuredCandidates(idColumns, explicit);
}
