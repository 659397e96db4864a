/**
 * `settings['booking-payment'].providers`: the project's own payment functions ("wrappers"), declared so the
 * rules judge every call site of the wrapper as a payment creation. A wrapper is a function a project module
 * (or a workspace package) exports, which creates the payment at the real provider:
 *
 *   // src/lib/payments.ts
 *   export async function createPayment(booking: Booking, amount: number) {
 *     return stripe.paymentIntents.create({ amount, currency: 'eur', metadata: { bookingId: booking.id } });
 *   }
 *
 *   settings: { 'booking-payment': { providers: [{
 *     module: 'src/lib/payments.ts', export: 'createPayment', provider: 'stripe',
 *     reference: { argument: 0 }, idPath: ['id'], column: 'paymentIntentId',
 *   }] } }
 *
 * The wrapper's own body is an ordinary SDK call in its file, checked there once like any other.
 * Malformed entries are dropped, never thrown.
 */
import type { TSESLint } from '@typescript-eslint/utils';

import { isRecognisedProvider, type PaymentProvider } from '../providers/index.js';

/** One declared wrapper, as written in the settings. */
export interface WrapperSetting {
  /**
   * The module that exports the wrapper: a project file relative to ESLint's cwd (`src/lib/payments.ts`; the
   * extension and a trailing `/index` may be left out), or an import specifier matched as written (a
   * package name `@acme/payments`, or a path alias `@/lib/payments`).
   */
  module: string;
  /** The export's name; `default` for the default export. */
  export: string;
  /** The provider the wrapper pays through (its labels and conventional column); default `stripe`. */
  provider?: string;
  /**
   * Where the booking reference is among the wrapper's parameters: the argument's index (0-based) and,
   * when that argument is an object, the property path to the reference in it (`['bookingId']`). Without
   * a path the argument itself is the booking id (or the booking).
   */
  reference: { argument: number; path?: string[] };
  /** The property path from the wrapper's (awaited) result to the provider's id; default `['id']`. */
  idPath?: string[];
  /** The column a booking stores the id in; default the provider's conventional column. */
  column?: string;
  /** How the payment is called in messages; default `payment (createPayment)`. */
  label?: string;
}

/** A wrapper declaration, checked and with its defaults filled in. */
export interface Wrapper {
  module: string;
  exportName: string;
  provider: PaymentProvider;
  argument: number;
  path: readonly string[];
  idPath: readonly string[];
  column: string | undefined;
  label: string;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

/** One entry, checked; null when it is malformed. */
export function parseWrapper(raw: unknown): Wrapper | null {
  if (raw === null || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  if (!isString(o.module) || !isString(o.export)) return null;
  const provider = o.provider === undefined ? 'stripe' : o.provider;
  if (!isString(provider) || !isRecognisedProvider(provider)) return null;
  const reference = o.reference as Record<string, unknown> | null | undefined;
  if (reference === null || typeof reference !== 'object') return null;
  const argument = reference.argument;
  if (typeof argument !== 'number' || !Number.isInteger(argument) || argument < 0) return null;
  if (reference.path !== undefined && !isStringList(reference.path)) return null;
  if (o.idPath !== undefined && (!isStringList(o.idPath) || o.idPath.length === 0)) return null;
  if (o.column !== undefined && !isString(o.column)) return null;
  if (o.label !== undefined && !isString(o.label)) return null;
  return {
    module: o.module,
    exportName: o.export,
    provider,
    argument,
    path: (reference.path as string[] | undefined) ?? [],
    idPath: (o.idPath as string[] | undefined) ?? ['id'],
    column: o.column as string | undefined,
    label: (o.label as string | undefined) ?? `payment (${o.export})`,
  };
}

const cache = new WeakMap<object, readonly Wrapper[]>();
const NONE: readonly Wrapper[] = [];

/** The declared wrappers of `settings['booking-payment'].providers` (cached per settings object). */
export function getWrappers(settings: TSESLint.SharedConfigurationSettings | undefined): readonly Wrapper[] {
  const raw: unknown = settings?.['booking-payment'];
  if (raw === null || typeof raw !== 'object') return NONE;
  const cached = cache.get(raw);
  if (cached) return cached;
  const list = (raw as Record<string, unknown>).providers;
  const wrappers = Array.isArray(list) ? list.map(parseWrapper).filter((w): w is Wrapper => w !== null) : NONE;
  cache.set(raw, wrappers);
  return wrappers;
}

const WORD = /^[A-Za-z_$][\w$]*$/;

const wordsCache = new WeakMap<readonly Wrapper[], RegExp | null>();

/**
 * The export names the per-file pre-check looks for (a file that names none of them calls no wrapper).
 * One regular expression per wrapper list (the list is cached per settings object).
 */
export function wrapperWords(wrappers: readonly Wrapper[]): RegExp | null {
  if (wordsCache.has(wrappers)) return wordsCache.get(wrappers)!;
  const words = buildWrapperWords(wrappers);
  wordsCache.set(wrappers, words);
  return words;
}

function buildWrapperWords(wrappers: readonly Wrapper[]): RegExp | null {
  const words = [...new Set(wrappers.map((w) => w.exportName).filter((name) => WORD.test(name) && name !== 'default'))];
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A default export is called under any local name: the module's own last segment stands in for it.
  const parts = [
    ...words.map((w) => `\\b${escape(w)}\\b`),
    ...wrappers
      .filter((w) => w.exportName === 'default')
      .map((w) => escape(w.module.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '').split('/').pop() ?? w.module)),
  ];
  return parts.length > 0 ? new RegExp(parts.join('|')) : null;
}
