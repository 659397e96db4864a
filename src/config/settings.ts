import type { TSESLint } from '@typescript-eslint/utils';

import { PluginConfigurationError } from './errors.js';
import { parseWrapper, type WrapperSetting } from './wrappers.js';

/** `settings['booking-payment']`: project-wide facts every rule may read (rule options win over these). */
export interface PluginSettings {
  /** The Prisma schema file or folder, relative to ESLint's cwd. */
  schema?: string;
  /** Metadata keys that carry the booking id. */
  keys?: string[];
  /** Booking-like Prisma models. */
  bookingModels?: string[];
  /** Payment-like Prisma models. */
  paymentModels?: string[];
  /** Column names (or `/regex/flags` sources) that hold a provider's id. */
  idColumns?: string[];
  /** The project's own functions that verify a webhook's signature (`verifyStripeEvent`, `lib.verify`). */
  webhookVerifiers?: string[];
  /** The project's own payment functions, judged at every call site like an SDK call (see config/wrappers.ts). */
  providers?: WrapperSetting[];
}

const SETTINGS_KEY = 'booking-payment';

/**
 * The schema of `settings['booking-payment']`: each key with the kind of value it takes. Settings are
 * validated against it the first time a rule reads them, as ESLint validates a rule's options.
 */
export const SETTINGS_SCHEMA: Readonly<Record<keyof PluginSettings, { type: 'string' | 'string[]' | 'wrappers'; description: string }>> = {
  schema: { type: 'string', description: "the Prisma schema file or folder, relative to ESLint's cwd" },
  keys: { type: 'string[]', description: 'metadata keys that carry the booking id' },
  bookingModels: { type: 'string[]', description: 'booking-like Prisma models' },
  paymentModels: { type: 'string[]', description: 'payment-like Prisma models' },
  idColumns: { type: 'string[]', description: "column names, or /regex/flags sources, that hold a provider's id" },
  webhookVerifiers: { type: 'string[]', description: "the project's own functions that verify a webhook's signature" },
  providers: {
    type: 'wrappers',
    description:
      "the project's own payment functions: { module, export, reference: { argument, path? }, provider?, idPath?, column?, label? } (docs/wrappers.md)",
  },
};

const VALID_KEYS = Object.keys(SETTINGS_SCHEMA) as (keyof PluginSettings)[];

/** A configuration mistake in `settings['booking-payment']`: thrown, so ESLint stops as for an invalid rule option. */
export class InvalidSettingsError extends PluginConfigurationError {
  override name = 'InvalidSettingsError';
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  return `a ${typeof value}`;
}

/** The problems of one settings object, in key order; empty when it is valid. */
export function validatePluginSettings(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return [`settings['${SETTINGS_KEY}'] must be an object with the keys ${VALID_KEYS.join(', ')} (got ${describeValue(raw)})`];
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const spec = SETTINGS_SCHEMA[key as keyof PluginSettings] as (typeof SETTINGS_SCHEMA)[keyof PluginSettings] | undefined;
    if (!spec || !Object.hasOwn(SETTINGS_SCHEMA, key)) {
      problems.push(`unknown key "${key}" in settings['${SETTINGS_KEY}']; the valid keys are ${VALID_KEYS.join(', ')}`);
    } else if (value === undefined) {
      continue;
    } else if (spec.type === 'string' && (typeof value !== 'string' || value.length === 0)) {
      problems.push(`settings['${SETTINGS_KEY}'].${key} must be a non-empty string, ${spec.description} (got ${describeValue(value)})`);
    } else if (spec.type === 'wrappers') {
      if (!Array.isArray(value)) {
        problems.push(`settings['${SETTINGS_KEY}'].${key} must be a list of ${spec.description} (got ${describeValue(value)})`);
      } else {
        value.forEach((entry: unknown, i) => {
          if (parseWrapper(entry) === null) {
            problems.push(`settings['${SETTINGS_KEY}'].${key}[${i}] is not a valid declaration of ${spec.description}`);
          }
        });
      }
    } else if (
      spec.type === 'string[]' &&
      !(Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0))
    ) {
      const bad = Array.isArray(value) ? value.find((v) => typeof v !== 'string' || v.length === 0) : value;
      problems.push(
        `settings['${SETTINGS_KEY}'].${key} must be a list of non-empty strings, ${spec.description} (got ${
          Array.isArray(value) ? `an array containing ${describeValue(bad)}` : describeValue(value)
        })`,
      );
    }
  }
  return problems;
}

/** Validated settings by the settings object ESLint hands every rule of a config (one check per config). */
const validated = new WeakMap<object, PluginSettings | InvalidSettingsError>();

function readValid(raw: Record<string, unknown>): PluginSettings {
  const out: PluginSettings = {};
  if (typeof raw.schema === 'string') out.schema = raw.schema;
  for (const key of ['keys', 'bookingModels', 'paymentModels', 'idColumns', 'webhookVerifiers'] as const) {
    const value = raw[key];
    if (Array.isArray(value)) out[key] = [...(value as string[])];
  }
  if (Array.isArray(raw.providers)) out.providers = [...(raw.providers as WrapperSetting[])];
  return out;
}

/**
 * Reads `settings['booking-payment']`, validated against {@link SETTINGS_SCHEMA} at first use. An unknown
 * key or a wrong type throws an {@link InvalidSettingsError} naming the key and the valid ones: a typo would
 * otherwise silently lint with the defaults, and ESLint shows the error as it shows an invalid rule option
 * (the run stops with exit code 2 and the message), rather than as a lint report in every file.
 */
export function getPluginSettings(context: { settings?: TSESLint.SharedConfigurationSettings }): PluginSettings {
  const raw: unknown = context.settings?.[SETTINGS_KEY];
  if (raw === undefined || raw === null) return {};
  const cached = typeof raw === 'object' ? validated.get(raw) : undefined;
  if (cached instanceof InvalidSettingsError) throw cached;
  if (cached) return cached;
  const problems = validatePluginSettings(raw);
  const result =
    problems.length > 0
      ? new InvalidSettingsError(`Invalid configuration of eslint-plugin-booking-payment: ${problems.join('; ')}.`)
      : readValid(raw as Record<string, unknown>);
  if (typeof raw === 'object') validated.set(raw, result);
  if (result instanceof InvalidSettingsError) throw result;
  return result;
}

/** The first of the values that is a non-empty list, else the default. */
export function pickList(
  defaults: readonly string[],
  ...candidates: (readonly string[] | undefined)[]
): readonly string[] {
  for (const c of candidates) if (c && c.length > 0) return c;
  return defaults;
}
