/**
 * Every payment provider the plugin knows, and every lookup derived from them. Provider knowledge lives
 * only in the provider modules (`stripe.ts`, `paypal.ts`, `square.ts`, and `other.ts` for SDKs detected
 * for N/A only); the detectors, links, rules and the audit read it through the functions here.
 */
import { OTHER_PROVIDERS } from './other.js';
import { paypal } from './paypal.js';
import { square } from './square.js';
import { stripe } from './stripe.js';
import type {
  CreationSpec,
  KindSpec,
  OtherProviderSpec,
  PaymentKind,
  PaymentProvider,
  ProviderSpec,
  ReferenceSpec,
  SdkProvider,
} from './types.js';

export type {
  CreationSpec,
  KindSpec,
  OtherProviderSpec,
  PaymentKind,
  PaymentProvider,
  ProviderSpec,
  ReferenceSpec,
  SdkProvider,
} from './types.js';

/** The providers whose payment creations are recognised in code, in the order their specs are tried. */
export const PROVIDERS: readonly (ProviderSpec & { id: PaymentProvider })[] = [stripe, paypal, square];

/** Every provider with a server SDK, recognised or detected for N/A only. */
const ALL_PROVIDERS: readonly (OtherProviderSpec & { id: SdkProvider })[] = [...PROVIDERS, ...OTHER_PROVIDERS];

/** A creation spec with its provider and its kind's facts. */
export interface ProviderCreationSpec extends CreationSpec {
  provider: PaymentProvider;
  kind: PaymentKind;
}

/** Every creation spec of every recognised provider, in order. */
export const CREATION_SPECS: readonly ProviderCreationSpec[] = PROVIDERS.flatMap((p) =>
  p.creations.map((spec) => ({ ...spec, provider: p.id, kind: spec.kind as PaymentKind })),
);

const BY_ID = new Map<string, ProviderSpec & { id: PaymentProvider }>(PROVIDERS.map((p) => [p.id, p]));

/** Whether the plugin recognises `provider`'s payment creations in code. */
export function isRecognisedProvider(provider: string): provider is PaymentProvider {
  return BY_ID.has(provider);
}

/** The packages whose clients `provider`'s creation specs describe. */
export function clientPackagesOf(provider: PaymentProvider): readonly string[] {
  return BY_ID.get(provider)!.clientPackages;
}

/** An import path in the file that names the provider (`stripe`, `./lib/stripe`). */
export function importHintOf(provider: PaymentProvider): RegExp {
  return BY_ID.get(provider)!.importHint;
}

/** Server-side payment SDKs by package name, for every provider (recognised or not). */
export const SERVER_PAYMENT_SDKS: ReadonlyMap<string, SdkProvider> = new Map(
  ALL_PROVIDERS.flatMap((p) => p.sdkPackages.map((name) => [name, p.id] as const)),
);

const NAMES = new Map<string, string>(ALL_PROVIDERS.map((p) => [p.id, p.name]));

/** `Stripe`, `PayPal`, `Lemon Squeezy`; an unknown id capitalised. */
export function providerDisplayName(provider: string): string {
  return NAMES.get(provider) ?? provider.charAt(0).toUpperCase() + provider.slice(1);
}

/** `Stripe PaymentIntent`, but `PayPal order` (a label that already names its provider stays as it is). */
export function labelWithProvider(providerName: string, label: string): string {
  return label.startsWith(providerName) ? label : `${providerName} ${label}`;
}

/**
 * The column a booking conventionally stores a provider's id in, for a project whose only signal is its
 * payment SDK: the provider's first creation's column (`paymentIntentId`, `paypalOrderId`,
 * `squarePaymentId`); `paymentId` for other providers. No provider: Stripe's.
 */
export function providerIdColumn(provider: string | undefined): string {
  return BY_ID.get(provider ?? stripe.id)?.creations[0]?.idColumn ?? 'paymentId';
}

const KINDS = new Map<string, KindSpec>(PROVIDERS.flatMap((p) => Object.entries(p.kinds)));

/** Words in a schema column name that fit this kind of payment (`/intent/i` for a PaymentIntent). */
export function columnHintOf(kind: PaymentKind): RegExp | undefined {
  return KINDS.get(kind)?.columnHint;
}

/** The fixed field a kind's booking reference goes in, or undefined when it is a `metadata` key (Stripe). */
export function referenceOf(kind: PaymentKind): ReferenceSpec | undefined {
  return KINDS.get(kind)?.reference;
}

/**
 * Where a provider's payment carries the booking id, for naming a missing link: its fixed reference field
 * (`purchaseUnits[].customId`, `referenceId`), else `metadata.<first key>`.
 */
export function expectedReferenceOf(provider: string, keys: readonly string[]): string {
  const kinds = BY_ID.get(provider)?.creations.map((c) => c.kind as PaymentKind) ?? [];
  const reference = kinds.map(referenceOf).find((r) => r !== undefined);
  return reference?.location ?? `metadata.${keys[0] ?? 'bookingId'}`;
}

/**
 * Whether a provider-id column can hold `provider`'s id: a generic name (`paymentId`, `externalId`) fits
 * every provider, a name with another provider's word in it (`paypalOrderId` for Stripe) does not.
 */
export function columnFitsProvider(column: string, provider: string): boolean {
  const bare = column.toLowerCase().replace(/_/g, '');
  return !ALL_PROVIDERS.some((p) => p.id !== provider && p.columnWords.some((word) => bare.includes(word)));
}

/** Per method name, the receiver property names that may precede it (null: any receiver). */
export const RECEIVERS: ReadonlyMap<string, ReadonlySet<string> | null> = (() => {
  const receivers = new Map<string, Set<string> | null>();
  for (const spec of CREATION_SPECS) {
    const last = spec.path[spec.path.length - 1];
    const current = receivers.get(spec.method);
    if (last === undefined || current === null) receivers.set(spec.method, null);
    else receivers.set(spec.method, new Set([...(current ?? []), last]));
  }
  return receivers;
})();

/**
 * Words every recognised payment creation has somewhere in its file: the last segment of its resource path
 * (written out at the call, in a member alias or in a destructuring pattern), or the method when the path
 * is empty. A file without any of them creates no payment that can be found.
 */
export const RESOURCE_WORDS: RegExp = new RegExp(
  `\\b(?:${[...new Set(CREATION_SPECS.map((s) => s.path[s.path.length - 1] ?? s.method))].join('|')})\\b`,
);
