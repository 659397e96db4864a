import type { TSESLint } from '@typescript-eslint/utils';

import type { WrapperSetting } from './wrappers.js';

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
  /** The project's own payment functions, judged at every call site like an SDK call (see config/wrappers.ts). */
  providers?: WrapperSetting[];
}

export const SETTINGS_KEY = 'booking-payment';

const stringArray = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? [...(value as string[])] : undefined;

/** Reads `settings['booking-payment']`, keeping only well-formed values (bad settings are ignored, never thrown). */
export function getPluginSettings(context: { settings?: TSESLint.SharedConfigurationSettings }): PluginSettings {
  const raw: unknown = context.settings?.[SETTINGS_KEY];
  if (raw === null || typeof raw !== 'object') return {};
  const obj = raw as Record<string, unknown>;
  const out: PluginSettings = {};
  if (typeof obj.schema === 'string' && obj.schema.length > 0) out.schema = obj.schema;
  const keys = stringArray(obj.keys);
  if (keys) out.keys = keys;
  const bookingModels = stringArray(obj.bookingModels);
  if (bookingModels) out.bookingModels = bookingModels;
  const paymentModels = stringArray(obj.paymentModels);
  if (paymentModels) out.paymentModels = paymentModels;
  const idColumns = stringArray(obj.idColumns);
  if (idColumns) out.idColumns = idColumns;
  return out;
}

/** The first of the values that is a non-empty list, else the default. */
export function pickList(
  defaults: readonly string[],
  ...candidates: (readonly string[] | undefined)[]
): readonly string[] {
  for (const c of candidates) if (c && c.length > 0) return c;
  return defaults;
}
