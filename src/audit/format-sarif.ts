/**
 * The audit report as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. A result per broken
 * link, under the id of the plugin rule that reports the same problem in the editor, plus one
 * `booking-payment-audit/bidirectional-link` result per provider that does not have both links.
 * On a pass (or N/A) there are no results; the summary lines are in `runs[0].properties`.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { docsUrl, REPO_URL } from '../config/create-rule.js';
import { labelWithProvider, providerIdColumn } from '../providers/index.js';
import type { AuditReport, SourceLocation } from './types.js';

type Level = 'error' | 'warning' | 'note';

interface RuleDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: Level };
}

const SARIF_RULES: readonly RuleDescriptor[] = [
  {
    id: 'booking-payment-audit/bidirectional-link',
    name: 'BidirectionalLink',
    shortDescription: { text: 'The booking stores the payment id and the payment carries the booking id (2 of 2 links).' },
    helpUri: `${REPO_URL}#audit`,
    defaultConfiguration: { level: 'error' },
  },
  {
    id: 'booking-payment/require-booking-id-metadata',
    name: 'RequireBookingIdMetadata',
    shortDescription: { text: 'A payment creation must carry the booking id in its metadata.' },
    helpUri: docsUrl('require-booking-id-metadata'),
    defaultConfiguration: { level: 'error' },
  },
  {
    id: 'booking-payment/require-persisted-payment-id',
    name: 'RequirePersistedPaymentId',
    shortDescription: { text: "The created payment's id must be stored on the booking (or a payment row)." },
    helpUri: docsUrl('require-persisted-payment-id'),
    defaultConfiguration: { level: 'error' },
  },
  {
    id: 'booking-payment/prisma-booking-payment-column',
    name: 'PrismaBookingPaymentColumn',
    shortDescription: { text: 'The booking model needs a unique column for the payment provider id.' },
    helpUri: docsUrl('prisma-booking-payment-column'),
    defaultConfiguration: { level: 'error' },
  },
];

interface SarifResult {
  partialFingerprints?: Record<string, string>;
  /** An eslint-disable comment exempts the result (code scanning shows it as suppressed). */
  suppressions?: { kind: 'inSource' }[];
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn: number };
    };
  }[];
}

/**
 * A SARIF artifact location for a report path: relative paths (the usual case) percent-encoded segment by
 * segment against `%SRCROOT%`, so `#`, `?`, `%` and `[id]` stay part of the path; an absolute path as a
 * `file:` URL.
 */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (path.isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function result(ruleId: string, level: Level, text: string, loc: SourceLocation, suppressed = false): SarifResult {
  return {
    ...(suppressed ? { suppressions: [{ kind: 'inSource' as const }] } : {}),
    ruleId,
    ruleIndex: SARIF_RULES.findIndex((r) => r.id === ruleId),
    level,
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(loc.file),
          region: { startLine: Math.max(1, loc.line), startColumn: Math.max(1, loc.column) },
        },
      },
    ],
  };
}

/** A package report's results, their paths made relative to the audited root (`apps/api/…`). */
function packageResults(pkg: AuditReport): SarifResult[] {
  const prefix = (pkg.packageDir ?? '').split('/').filter(Boolean).map(encodeURIComponent).join('/');
  return sarifResults(pkg).map((r) => ({
    ...r,
    message: { text: prefix ? `${pkg.packageDir}: ${r.message.text}` : r.message.text },
    locations: r.locations.map((l) => {
      const a = l.physicalLocation.artifactLocation;
      return a.uriBaseId && prefix
        ? { physicalLocation: { ...l.physicalLocation, artifactLocation: { ...a, uri: `${prefix}/${a.uri}` } } }
        : l;
    }),
  }));
}

function sarifResults(report: AuditReport): SarifResult[] {
  const results: SarifResult[] = [];
  for (const provider of report.providers) {
    for (const site of provider.callSites) {
      if (site.carries.status === 'missing') {
        results.push(
          result(
            'booking-payment/require-booking-id-metadata',
            'error',
            `This ${labelWithProvider(provider.name, site.label)} carries no booking id, so a failed webhook leaves a charge no program can map back to its booking.`,
            site,
            site.carries.disabled === true,
          ),
        );
      }
      if (site.stores.status === 'missing') {
        results.push(
          result(
            'booking-payment/require-persisted-payment-id',
            'error',
            `The id of this ${labelWithProvider(provider.name, site.label)} is never stored, so refunds and disputes cannot be traced from the booking.`,
            site,
            site.stores.disabled === true,
          ),
        );
      }
    }
  }
  if (report.schema.status === 'ok') {
    for (const model of report.schema.bookingModels) {
      if (model.providerIdColumns.length === 0 && !model.viaPayment) {
        results.push(
          result(
            'booking-payment/prisma-booking-payment-column',
            'error',
            `model ${model.model} has no column for the payment provider's id; add \`${providerIdColumn(report.providers[0]?.provider)} String? @unique\`.`,
            { file: model.file, line: model.line, column: 1 },
          ),
        );
      }
      // The column the link uses, as the link analysis and the rule pick it: the Payment model's when the link
      // goes through it, else a unique own column, else the first own one.
      const used = model.viaPayment
        ? { owner: model.viaPayment.model, column: model.viaPayment.providerIdColumn }
        : { owner: model.model, column: model.providerIdColumns.find((c) => c.unique) ?? model.providerIdColumns[0] };
      if (used.column && !used.column.unique) {
        results.push(
          result(
            'booking-payment/prisma-booking-payment-column',
            'warning',
            `${used.owner}.${used.column.name} is not @unique: a webhook's lookup by provider id can match two bookings.`,
            { file: used.column.file, line: used.column.line, column: 1 },
          ),
        );
      }
    }
  }
  for (const provider of report.providers) {
    if (provider.present === 2) continue;
    const broken = [provider.bookingToPayment, provider.paymentToBooking].find((l) => l.status !== 'present');
    const where: SourceLocation | undefined =
      broken?.locations[0] ??
      (report.schema.status === 'ok' && report.schema.bookingModels[0]
        ? { file: report.schema.bookingModels[0].file, line: report.schema.bookingModels[0].line, column: 1 }
        : report.packageJson
          ? { file: report.packageJson, line: 1, column: 1 }
          : undefined);
    results.push(
      result('booking-payment-audit/bidirectional-link', 'error', `${provider.name}: ${provider.summary}`, where ?? { file: 'package.json', line: 1, column: 1 }),
    );
  }
  return results;
}

/**
 * A fingerprint per result that survives edits above it: the rule, the file, the message and the
 * occurrence of that triple in the file — not the line. Code scanning keeps one alert per fingerprint.
 */
function withFingerprints(results: SarifResult[]): SarifResult[] {
  const seen = new Map<string, number>();
  return results.map((r) => {
    // Line numbers in the message (`src/checkout.ts:7`) would move the fingerprint with the code.
    const text = r.message.text.replace(/:\d+\b/g, '').replace(/\bon line \d+/g, 'on line');
    const key = `${r.ruleId}\u0000${r.locations[0]?.physicalLocation.artifactLocation.uri ?? ''}\u0000${text}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return { ...r, partialFingerprints: { 'bookingPaymentAudit/v1': `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${n}` } };
  });
}

export function toSarif(report: AuditReport): object {
  const results = withFingerprints(report.packages ? report.packages.flatMap(packageResults) : sarifResults(report));
  const summaries = (report.packages ?? [report]).flatMap((pkg) =>
    pkg.providers.map((p) => ({
      ...(pkg.packageDir ? { package: pkg.packageDir } : {}),
      provider: p.provider,
      present: p.present,
      summary: p.summary,
    })),
  );
  const base = pathToFileURL(report.directory).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            informationUri: REPO_URL,
            rules: SARIF_RULES,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: base.endsWith('/') ? base : `${base}/` } },
        invocations: [{ executionSuccessful: true }],
        results,
        properties: {
          status: report.status,
          ...(report.reason ? { reason: report.reason } : {}),
          summaries,
        },
      },
    ],
  };
}

export function formatSarif(report: AuditReport): string {
  return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}
