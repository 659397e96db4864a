/**
 * The verdict on the two links, per provider, from the facts the audit collected. Pure: no I/O, so each
 * case has a unit test. A link counts as present only on evidence; what cannot be seen is `unverified`,
 * never `present`.
 */
import {
  columnFitsProvider,
  expectedReferenceOf,
  isRecognisedProvider,
  PROVIDERS,
  providerDisplayName,
} from '../providers/index.js';
import { describeWrite, paymentRowEvidence, storeEvidence, targetColumns, type StoreEvidence } from './evidence.js';
import type {
  BookingModelFact,
  CallSite,
  LinkVerdict,
  ProviderReport,
  SchemaFacts,
  SourceLocation,
} from './types.js';

export interface VerdictInput {
  provider: string;
  packageName: string;
  callSites: CallSite[];
  schema: SchemaFacts;
  filesLinted: number;
  /** The booking-id keys in force (the first one names the expected metadata key). */
  keys: readonly string[];
  /** The booking-like models in force (for the message when none is in the schema). */
  bookingModels: readonly string[];
}

const at = (loc: SourceLocation): string => `${loc.file}:${loc.line}`;

const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

function listPlaces(sites: readonly SourceLocation[], max = 3): string {
  const shown = sites.slice(0, max).map(at).join(', ');
  return sites.length > max ? `${shown} and ${sites.length - max} more` : shown;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The schema facts as they apply to one provider: other providers' columns left out. */
function schemaForProvider(schema: SchemaFacts, provider: string): SchemaFacts {
  if (schema.status !== 'ok') return schema;
  return {
    ...schema,
    bookingModels: schema.bookingModels.map((model) => {
      const fitting: BookingModelFact = {
        ...model,
        providerIdColumns: model.providerIdColumns.filter((c) => columnFitsProvider(c.name, provider)),
      };
      if (model.viaPayment && !columnFitsProvider(model.viaPayment.providerIdColumn.name, provider)) delete fitting.viaPayment;
      if (model.referencedBy && !columnFitsProvider(model.referencedBy.providerIdColumn.name, provider)) delete fitting.referencedBy;
      return fitting;
    }),
  };
}

/** booking → payment: the booking can find its payment at the provider. */
function bookingToPayment(input: VerdictInput, name: string): LinkVerdict {
  const { schema, callSites } = input;
  const dropping = callSites.filter((site) => site.stores.status === 'missing' && !site.stores.disabled);
  const droppingDetail = (): string =>
    `${plural(dropping.length, 'payment creation')} never store${dropping.length === 1 ? 's' : ''} the id: ${dropping
      .map((s) => `${at(s)} (${s.label})`)
      .slice(0, 3)
      .join(', ')}${dropping.length > 3 ? ` and ${dropping.length - 3} more` : ''}`;

  if (schema.status === 'error') {
    return {
      status: 'unverified',
      label: `booking -> ${name}`,
      detail: `${schema.file}:${schema.line} does not parse (${schema.message}), so the booking's column cannot be checked`,
      locations: [{ file: schema.file, line: schema.line, column: schema.column }],
    };
  }

  if (schema.status === 'missing') {
    const stored = callSites.filter((site) => site.stores.status === 'stored' && site.stores.where);
    if (stored.length > 0 && dropping.length === 0) {
      const where = stored[0]!.stores.where!;
      const unproven = unprovenStores(callSites, null);
      if (unproven.length > 0) return unprovenVerdict(`${where} -> ${name}`, unproven, '; no Prisma schema found to confirm the column');
      return {
        status: 'present',
        label: `${where} -> ${name}`,
        detail: `stored by the code at ${listPlaces(stored)}; no Prisma schema found to confirm the column`,
        locations: [],
      };
    }
    return {
      status: 'missing',
      label: `booking -> ${name}`,
      detail:
        dropping.length > 0
          ? droppingDetail()
          : `no Prisma schema found (searched ${schema.searched.join(', ') || 'nothing'}) and no write of the id seen`,
      locations: dropping.map(({ file, line, column }) => ({ file, line, column })),
    };
  }

  const models = schema.bookingModels;
  if (models.length === 0) {
    return {
      status: 'missing',
      label: `booking -> ${name}`,
      detail: `no booking-like model (${input.bookingModels.join(', ')}) in ${schema.location}; name yours in settings['booking-payment'].bookingModels`,
      locations: [],
    };
  }

  const lacking = models.filter((m) => m.providerIdColumns.length === 0 && !m.viaPayment);
  const first = models.find((m) => m.providerIdColumns.length > 0 || m.viaPayment);
  const label = first ? linkLabel(first, name) : `${lowerFirst(models[0]!.model)} -> ${name}`;
  if (lacking.length > 0) {
    return {
      status: 'missing',
      label,
      detail: lacking
        .map((m) => `model ${m.model} (${m.file}:${m.line}) has no column for the ${name} payment id`)
        .join('; '),
      locations: lacking.map((m) => ({ file: m.file, line: m.line, column: 1 })),
    };
  }
  if (dropping.length > 0) {
    return {
      status: 'missing',
      label,
      detail: droppingDetail(),
      locations: dropping.map(({ file, line, column }) => ({ file, line, column })),
    };
  }
  const columns = models.map((m) => columnOf(m));
  const columnsText = columns.map((c) => `${c.owner}.${c.column.name} (${c.column.file}:${c.column.line})`).join(', ');
  // Evidence only: every creation's id must be seen written into one of those columns.
  const unproven = unprovenStores(callSites, targetColumns(models));
  if (unproven.length > 0) return unprovenVerdict(label, unproven, '');
  const writes = [...new Set(callSites.map((site) => storeEvidence(site, targetColumns(models))).flatMap((e) => (e.proven ? [describeWrite(e.write)] : [])))];
  return {
    status: 'present',
    label,
    detail: columnsText + (writes.length > 0 ? `; written: ${writes.slice(0, 3).join(', ')}${writes.length > 3 ? ` and ${writes.length - 3} more` : ''}` : ''),
    locations: [],
  };
}

/** The creations whose stores fact proves nothing, with the reason. */
function unprovenStores(
  callSites: readonly CallSite[],
  targets: ReturnType<typeof targetColumns> | null,
): { site: CallSite; evidence: Extract<StoreEvidence, { proven: false }> }[] {
  return callSites
    .filter((site) => !site.stores.disabled)
    .map((site) => ({ site, evidence: storeEvidence(site, targets) }))
    .filter((x): x is { site: CallSite; evidence: Extract<StoreEvidence, { proven: false }> } => !x.evidence.proven);
}

function unprovenVerdict(label: string, unproven: ReturnType<typeof unprovenStores>, suffix: string): LinkVerdict {
  const shown = unproven
    .slice(0, 3)
    .map(({ site, evidence }) => `${at(site)} (${site.label}): ${evidence.why}`)
    .join('; ');
  return {
    status: 'unverified',
    label,
    detail:
      `no write of the id into the column is seen for ${plural(unproven.length, 'payment creation')}: ${shown}` +
      (unproven.length > 3 ? ` and ${unproven.length - 3} more` : '') +
      suffix,
    locations: unproven.map(({ site: { file, line, column } }) => ({ file, line, column })),
  };
}

function columnOf(model: BookingModelFact): { owner: string; column: NonNullable<BookingModelFact['providerIdColumns'][number]> } {
  const own = model.providerIdColumns[0];
  if (own) return { owner: model.model, column: own };
  const via = model.viaPayment!;
  return { owner: via.model, column: via.providerIdColumn };
}

function linkLabel(model: BookingModelFact, name: string): string {
  const own = model.providerIdColumns[0];
  if (own) return `${lowerFirst(model.model)}.${own.name} -> ${name}`;
  const via = model.viaPayment!;
  return `${lowerFirst(model.model)} -> ${lowerFirst(via.model)}.${via.providerIdColumn.name} -> ${name}`;
}

/** payment → booking: the payment (or a local payments row) names its booking. */
function paymentToBooking(input: VerdictInput, name: string, recognised: boolean): LinkVerdict {
  const { schema, callSites } = input;
  const expectedKey = expectedReferenceOf(input.provider, input.keys);
  const bookingModel = schema.status === 'ok' ? schema.bookingModels[0]?.model : undefined;
  const target = lowerFirst(bookingModel ?? 'booking');

  // A Payment model that references the booking, whether or not the booking also has a column of its own
  // (`viaPayment` alone is set only when the booking → payment link goes through that model).
  const referencing = schema.status === 'ok' ? schema.bookingModels.find((m) => m.referencedBy ?? m.viaPayment) : undefined;
  const viaTable = referencing?.referencedBy ?? referencing?.viaPayment;
  const exempt = callSites.filter((site) => site.carries.status === 'missing' && site.carries.disabled);
  const missing = callSites.filter((site) => site.carries.status === 'missing' && !site.carries.disabled);
  const present = callSites.filter((site) => site.carries.status === 'present');
  const unknown = callSites.filter((site) => site.carries.status === 'unknown');
  const exemptNote =
    exempt.length > 0 ? `; ${plural(exempt.length, 'payment creation')} exempted by eslint-disable (${listPlaces(exempt)})` : '';

  // A payment table that references the booking proves the link only for the creations whose row is seen
  // written with both the booking id and the provider id; a creation that sends no booking id is missing
  // (the rule reports it), whatever the table.
  const rows = viaTable && missing.length === 0 ? unknown.filter((site) => paymentRowEvidence(site, schema)) : [];
  if (viaTable && recognised && callSites.length > 0 && missing.length === 0 && rows.length === unknown.length && rows.length > 0) {
    const writes = [...new Set(rows.map((site) => describeWrite(paymentRowEvidence(site, schema)!)))];
    return {
      status: 'present',
      label: viaTable.foreignKey.includes('.')
        ? `${lowerFirst(viaTable.foreignKey)} <- ${lowerFirst(viaTable.model)}`
        : `${lowerFirst(viaTable.model)}.${viaTable.foreignKey} -> ${target}`,
      detail:
        `model ${viaTable.model} (${viaTable.file}:${viaTable.line}) references the booking by ${viaTable.foreignKey}; ` +
        `rows written with both ids: ${writes.slice(0, 3).join(', ')}${writes.length > 3 ? ` and ${writes.length - 3} more` : ''}` +
        (present.length > 0 ? `; ${present.length} of ${plural(callSites.length, 'payment creation')} carry the booking id` : ''),
      locations: [],
    };
  }
  const unseen = unknown.filter((site) => !rows.includes(site));
  if (!recognised) {
    return {
      status: 'unverified',
      label: `${name} ${expectedKey} -> ${target}`,
      detail: `the plugin recognises ${PROVIDERS.map((p) => p.name).join(', ')} payment creations; ${name} calls were not checked`,
      locations: [],
    };
  }
  if (callSites.length === 0) {
    return {
      status: 'missing',
      label: `${name} ${expectedKey} -> ${target}`,
      detail: `no ${name} payment creation found in ${plural(input.filesLinted, 'linted file')}`,
      locations: [],
    };
  }
  if (missing.length > 0) {
    return {
      status: 'missing',
      label: `${name} ${keysOf(present) ?? expectedKey} -> ${target}`,
      detail: `${missing.length} of ${plural(callSites.length, 'payment creation')} ${missing.length === 1 ? 'carries' : 'carry'} no booking id: ${missing
        .slice(0, 3)
        .map((s) => `${at(s)} (${s.label})`)
        .join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}`,
      locations: missing.map(({ file, line, column }) => ({ file, line, column })),
    };
  }
  if (present.length === 0) {
    return {
      status: 'unverified',
      label: `${name} ${expectedKey} -> ${target}`,
      detail:
        unknown.length > 0
          ? `the booking id cannot be seen statically at ${listPlaces(unknown)}${exemptNote}`
          : `every payment creation is exempted by eslint-disable (${listPlaces(exempt)})`,
      locations: unknown.map(({ file, line, column }) => ({ file, line, column })),
    };
  }
  if (unseen.length > 0) {
    // One visible booking id does not vouch for the calls where none can be seen.
    return {
      status: 'unverified',
      label: `${name} ${keysOf(present) ?? expectedKey} -> ${target}`,
      detail:
        `${present.length} of ${plural(callSites.length, 'payment creation')} ${present.length === 1 ? 'carries' : 'carry'} the booking id; ` +
        `not visible statically at ${listPlaces(unseen)}${exemptNote}`,
      locations: unseen.map(({ file, line, column }) => ({ file, line, column })),
    };
  }
  return {
    status: 'present',
    label: `${name} ${keysOf(present) ?? expectedKey} -> ${target}`,
    detail:
      `${present.length} of ${plural(callSites.length, 'payment creation')} ${present.length === 1 ? 'carries' : 'carry'} the booking id` +
      (rows.length > 0 ? `; a payment row with both ids at ${listPlaces(rows)}` : '') +
      exemptNote,
    locations: [],
  };
}

/** The distinct places the id travels in, e.g. `metadata.bookingId / payment_intent_data.metadata.bookingId`. */
function keysOf(sites: readonly CallSite[]): string | null {
  const wheres = [...new Set(sites.map((s) => s.carries.where).filter((w): w is string => typeof w === 'string'))];
  return wheres.length > 0 ? wheres.join(' / ') : null;
}

/** The report for one provider: call sites, both links, the summary line. */
export function buildProviderReport(input: VerdictInput): ProviderReport {
  const name = providerDisplayName(input.provider);
  const recognised = isRecognisedProvider(input.provider);
  const callSites = input.callSites.filter((site) => site.provider === input.provider);
  const scoped = { ...input, callSites, schema: schemaForProvider(input.schema, input.provider) };
  const b2p = bookingToPayment(scoped, name);
  const p2b = paymentToBooking(scoped, name, recognised);
  const links = [b2p, p2b];
  const present = links.filter((l) => l.status === 'present').length;
  const presentLabels = links.filter((l) => l.status === 'present').map((l) => l.label);
  const absent = links
    .filter((l) => l.status !== 'present')
    .map((l) => `${l.status === 'missing' ? 'missing' : 'unverified'}: ${l.label} (${l.detail})`);
  const summary =
    `${present} of 2 bidirectional links present` +
    (presentLabels.length > 0 ? `: ${presentLabels.join(', ')}` : '') +
    (absent.length > 0 ? `; ${absent.join('; ')}` : '');
  const report: ProviderReport = {
    provider: input.provider,
    name,
    packageName: input.packageName,
    callsRecognised: recognised,
    callSites,
    bookingToPayment: b2p,
    paymentToBooking: p2b,
    present,
    summary,
  };
  if (present === 2) {
    const where = input.schema.status === 'ok' ? ` in ${input.schema.location}` : '';
    const left = b2p.label.replace(new RegExp(` -> ${escapeRegExp(name)}$`), '');
    const right = p2b.label.replace(/ -> [^ ]+$/, '');
    report.linkLine = `Bidirectional link: ${left} <-> ${right}${where}`;
  }
  return report;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
