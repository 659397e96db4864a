/**
 * The audit's fact-collecting rule. It is registered under a private plugin namespace
 * (`booking-payment-audit`) only inside the audit's own ESLint run — it is not part of the public plugin
 * and never reports: for each payment creation it records, through the same utilities the rules use,
 * whether the booking id travels with the payment and whether the payment's id is stored.
 */
import path from 'node:path';

import { ESLintUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { evaluateBookingIdLink } from '../links/booking-reference.js';
import { judgeCreation } from '../detect/booking-context.js';
import { DEFAULT_BOOKING_ID_KEYS, DEFAULT_BOOKING_MODELS, DEFAULT_PAYMENT_MODELS } from '../config/vocabulary.js';
import { fileMayCreatePayments, getPaymentCreation } from '../detect/payment-creation.js';
import { evaluatePersistence, type PersistenceResult } from '../links/persistence.js';
import { getPluginSettings, pickList, type PluginSettings } from '../config/settings.js';
import { rulesDisabledAt } from './disable-directives.js';
import type { CallSite, CarriesFact, StoresFact } from './types.js';
import { storingWrite } from './write-evidence.js';
import { collectWebhookLookups, type WebhookLookupFact } from '../links/webhook-lookup.js';

export const COLLECTOR_NAMESPACE = 'booking-payment-audit';
export const COLLECTOR_RULE = 'collect-payment-facts';

/** Where the collector puts what it sees. One sink per audit run. */
export interface FactSink {
  /** Called once per linted JS/TS file, before its facts (drives the progress line). */
  onFile?(filename: string): void;
  callSites: CallSite[];
  /**
   * `settings['booking-payment']` as the project's config gives it. A config may scope them with `files`,
   * so they are taken from a file that creates a payment and has them, else from any file that has them
   * (never just from the first file linted, which is often eslint.config.js).
   */
  settings: PluginSettings | null;
  /** The file `settings` came from and how good a source it is (see SETTINGS_RANK). */
  settingsFrom: { file: string; rank: number } | null;
  /** Two files that create payments but see different settings: the one used and the first other one. */
  settingsConflict?: { used: string; other: string };
  /** Facts that could not be collected (a utility threw on a file): file and message. */
  failures: { file: string; message: string }[];
  /** How each webhook branch for a payment outcome finds its booking (the audit's `webhook:` line). */
  webhookLookups: (WebhookLookupFact & { file: string })[];
}

export function createFactSink(onFile?: (filename: string) => void): FactSink {
  return { callSites: [], settings: null, settingsFrom: null, failures: [], webhookLookups: [], ...(onFile ? { onFile } : {}) };
}

/** How good a source of settings a file is: none set, set, set on a file that creates a payment. */
const SETTINGS_RANK = { unset: 0, set: 1, withPayments: 2 } as const;

const sameSettings = (a: PluginSettings, b: PluginSettings): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Keeps the best-ranked settings seen; the first of equal rank wins. */
function offerSettings(sink: FactSink, settings: PluginSettings, file: string, rank: number): void {
  const current = sink.settingsFrom;
  if (current && sink.settings && rank === SETTINGS_RANK.withPayments && current.rank === rank && !sameSettings(sink.settings, settings)) {
    sink.settingsConflict ??= { used: current.file, other: file };
  }
  if (current && current.rank >= rank) return;
  sink.settings = settings;
  sink.settingsFrom = { file, rank };
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

/**
 * `prisma.booking.update data.paymentIntentId` → `booking.paymentIntentId`; other descriptions as they are.
 * No longer used by the collector (it reads the persistence result's place); kept for its test.
 */
export function storedColumn(where: string): string {
  const match = /([A-Za-z_$][\w$]*)\.(?:create|update|upsert|updateMany|createMany)\b.*?\b(?:data|create|update)\.([A-Za-z_$][\w$]*)/.exec(where);
  return match ? `${match[1]}.${match[2]}` : where;
}

function storesOf(result: PersistenceResult, dir: string): StoresFact {
  const { status, place } = result;
  if (status === 'stored' && place?.kind === 'model-write' && place.column !== null) {
    return { status, where: `${place.model}.${place.column}` };
  }
  // Another file's write: keep its path relative to the audited directory.
  if (place?.kind === 'elsewhere') {
    const file = path.isAbsolute(place.file) ? toPosix(path.relative(dir, place.file)) : place.file;
    return { status, where: `${file}:${place.line}` };
  }
  return result.where ? { status, where: result.where } : { status };
}

/** The private plugin carrying the collector rule, bound to one sink and one audited directory. */
export function createCollectorPlugin(sink: FactSink, dir: string): TSESLint.FlatConfig.Plugin {
  const rule = ESLintUtils.RuleCreator.withoutDocs({
    meta: {
      type: 'problem',
      docs: { description: 'Collects payment-creation facts for booking-payment-audit (never reports).' },
      messages: {},
      schema: [],
    },
    defaultOptions: [],
    create(context) {
      const filename = context.filename;
      sink.onFile?.(filename);
      const settings = getPluginSettings(context);
      const hasSettings = Object.keys(settings).length > 0;
      const file = toPosix(path.relative(dir, filename));
      offerSettings(sink, settings, file, hasSettings ? SETTINGS_RANK.set : SETTINGS_RANK.unset);
      let offeredWithPayments = false;
      const keys = pickList(DEFAULT_BOOKING_ID_KEYS, settings.keys);
      const bookingModels = pickList(DEFAULT_BOOKING_MODELS, settings.bookingModels);
      const paymentModels = pickList(DEFAULT_PAYMENT_MODELS, settings.paymentModels);
      // How this file's webhook branches find the booking (gated by the webhook rules' own text check).
      const webhooks = {
        'Program:exit'(): void {
          try {
            for (const fact of collectWebhookLookups(context, { keys, bookingModels, paymentModels, idColumns: settings.idColumns })) {
              sink.webhookLookups.push({ ...fact, file });
            }
          } catch (error) {
            sink.failures.push({ file, message: error instanceof Error ? error.message : String(error) });
          }
        },
      };
      // The rules' per-file pre-check: a file that names no payment resource creates no payment we can find.
      if (!fileMayCreatePayments(context.sourceCode, context.settings)) return webhooks;
      return {
        ...webhooks,
        CallExpression(node: TSESTree.CallExpression): void {
          try {
            const creation = getPaymentCreation(context, node);
            if (!creation) return;
            const link = evaluateBookingIdLink(context, creation, { keys, requirePaymentIntentMetadata: false });
            if (link.status === 'not-applicable') return;
            // Not a booking payment (a plan, a team subscription …): the rules do not judge it, nor does the audit.
            if (!judgeCreation(context, creation, { keys, bookingModels, paymentModels }).judged) return;
            if (hasSettings && !offeredWithPayments) {
              offeredWithPayments = true;
              offerSettings(sink, settings, file, SETTINGS_RANK.withPayments);
            }
            let carries: CarriesFact;
            if (link.status === 'present') {
              carries = { status: 'present', where: link.where };
              if (creation.kind === 'checkoutSession') {
                const strict = evaluateBookingIdLink(context, creation, { keys, requirePaymentIntentMetadata: true });
                if (strict.status === 'missing' && strict.messageId === 'sessionMetadataOnly') carries.sessionOnly = true;
              }
            } else if (link.status === 'missing') {
              carries = { status: 'missing', where: link.location };
            } else {
              carries = { status: 'unknown' };
            }
            const persistence = evaluatePersistence(context, creation, {
              bookingModels,
              paymentModels,
              idColumns: settings.idColumns,
              schema: settings.schema,
            });
            // As the rule judges it: a booking write after the create that does not store the id breaks
            // the link at this call, whatever other files do.
            const laterWrite =
              persistence.local.status === 'missing'
                ? persistence.local.bookingWrites.find((w) => w.call.range[0] > node.range[1])
                : undefined;
            const stores: StoresFact = laterWrite
              ? {
                  status: 'missing',
                  where: `the ${laterWrite.delegate}.${laterWrite.method} on line ${laterWrite.call.loc.start.line} does not store it`,
                }
              : storesOf(persistence, dir);
            // Evidence for the verdict: the storing write's model, column and place (see write-evidence.ts).
            const write = laterWrite ? undefined : storingWrite(persistence, file, { dir, keys, bookingModels });
            if (write) stores.write = write;
            // An eslint-disable comment for the rule that reports the problem exempts this call.
            const carriesRule = 'booking-payment/require-booking-id-metadata';
            const storesRule = 'booking-payment/require-persisted-payment-id';
            const sourceCode = context.sourceCode;
            const atCall = rulesDisabledAt(sourceCode, node.range[0], node.loc.start.line, node.loc.end.line, [
              carriesRule,
              storesRule,
            ]);
            if (carries.status === 'missing' && atCall.has(carriesRule)) carries.disabled = true;
            if (stores.status === 'missing') {
              const atWrite = laterWrite
                ? rulesDisabledAt(sourceCode, laterWrite.call.range[0], laterWrite.call.loc.start.line, laterWrite.call.loc.end.line, [
                    storesRule,
                  ])
                : new Set<string>();
              if (atCall.has(storesRule) || atWrite.has(storesRule)) stores.disabled = true;
            } else if (atCall.has(storesRule)) {
              stores.disabled = true; // exempt from the evidence the audit asks for, too
            }
            sink.callSites.push({
              provider: creation.provider,
              kind: creation.kind,
              label: creation.label,
              file,
              line: node.loc.start.line,
              column: node.loc.start.column + 1,
              carries,
              stores,
            });
          } catch (error) {
            sink.failures.push({ file, message: error instanceof Error ? error.message : String(error) });
          }
        },
      };
    },
  });
  return {
    meta: { name: COLLECTOR_NAMESPACE },
    rules: { [COLLECTOR_RULE]: rule } as unknown as TSESLint.FlatConfig.Plugin['rules'],
  };
}
