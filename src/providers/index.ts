/**
 * Every payment provider the plugin knows, and every lookup derived from them. Provider knowledge lives
 * only in the provider modules (`stripe.ts`, `paypal.ts`, `square.ts`, `razorpay.ts`, `mollie.ts`,
 * `adyen.ts`, `braintree.ts`, and `other.ts` for SDKs detected for N/A only); the detectors, links, rules
 * and the audit read it through the functions here.
 *
 * To add a provider: write its module (plain data satisfying `ProviderSpec`: SDK packages, client packages,
 * creation calls with their id path and conventional column, per kind where the booking reference goes,
 * webhook events), list it in `PROVIDERS` below and in `Recognised` in types.ts, and remove it from
 * other.ts if it was there. Every lookup below — the pre-check words, the receivers, the column words —
 * follows from the data.
 */
import { adyen } from './adyen.js';
import { braintree } from './braintree.js';
import { mollie } from './mollie.js';
import { OTHER_PROVIDERS } from './other.js';
import { paypal } from './paypal.js';
import { razorpay } from './razorpay.js';
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
  RequestObjectSpec,
  RestEndpointSpec,
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
  RequestObjectSpec,
  RestEndpointSpec,
  SdkProvider,
} from './types.js';

/** The providers whose payment creations are recognised in code, in the order their specs are tried. */
export const PROVIDERS: readonly (ProviderSpec & { id: PaymentProvider })[] = [
  stripe,
  paypal,
  square,
  razorpay,
  mollie,
  adyen,
  braintree,
];

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

/** A request-object spec with its provider. */
export interface ProviderRequestObjectSpec extends RequestObjectSpec {
  provider: PaymentProvider;
  kind: PaymentKind;
}

/** Every creation through a request object (PayPal's checkout-server-sdk). */
export const REQUEST_OBJECT_SPECS: readonly ProviderRequestObjectSpec[] = PROVIDERS.flatMap((p) =>
  (p.requestObjects ?? []).map((spec) => ({ ...spec, provider: p.id, kind: spec.kind as PaymentKind })),
);

/** A REST endpoint spec with its provider. */
export interface ProviderRestEndpointSpec extends RestEndpointSpec {
  provider: PaymentProvider;
  kind: PaymentKind;
}

/** Every creation by a direct REST call (`fetch`/axios to PayPal's `/v2/checkout/orders`). */
export const REST_ENDPOINT_SPECS: readonly ProviderRestEndpointSpec[] = PROVIDERS.flatMap((p) =>
  (p.restEndpoints ?? []).map((spec) => ({ ...spec, provider: p.id, kind: spec.kind as PaymentKind })),
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

/**
 * Where a kind's booking reference goes, in order of preference; empty when it is a `metadata` key
 * (Stripe, Mollie).
 */
export function referencesOf(kind: PaymentKind): readonly ReferenceSpec[] {
  return KINDS.get(kind)?.references ?? [];
}

/** The preferred place of a kind's booking reference, or undefined when it is a `metadata` key (Stripe). */
export function referenceOf(kind: PaymentKind): ReferenceSpec | undefined {
  return referencesOf(kind)[0];
}

/** How a reference is named in messages: `purchaseUnits[].customId`; a keyed bag with its key, `notes.bookingId`. */
export function referenceLocation(reference: ReferenceSpec, keys: readonly string[]): string {
  return reference.keyed ? `${reference.location}.${keys[0] ?? 'bookingId'}` : reference.location;
}

/**
 * Where a provider's payment carries the booking id, for naming a missing link: its preferred reference
 * (`purchaseUnits[].customId`, `referenceId`, `notes.bookingId`), else `metadata.<first key>`.
 */
export function expectedReferenceOf(provider: string, keys: readonly string[]): string {
  const kinds = BY_ID.get(provider)?.creations.map((c) => c.kind as PaymentKind) ?? [];
  const reference = kinds.map(referenceOf).find((r) => r !== undefined);
  return reference ? referenceLocation(reference, keys) : `metadata.${keys[0] ?? 'bookingId'}`;
}

/** The webhook events that tell the outcome of `provider`'s payments (empty for an unknown provider). */
/** The webhook outcome patterns of the providers that have them, in the providers' order. */
export const WEBHOOK_OUTCOMES: readonly { provider: PaymentProvider; pattern: RegExp; success: RegExp | null }[] = PROVIDERS.flatMap(
  (p) => {
    const outcomes = (p as ProviderSpec).webhookOutcomes;
    return outcomes ? [{ provider: p.id, pattern: outcomes.pattern, success: outcomes.success }] : [];
  },
);

export function webhookEventsOf(provider: string): readonly string[] {
  return BY_ID.get(provider)?.webhookEvents ?? [];
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

/** The method names that execute a request object (`client.execute(request)`). */
export const EXECUTE_METHODS: ReadonlySet<string> = new Set(REQUEST_OBJECT_SPECS.map((s) => s.executeMethod));

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Words every recognised payment creation has somewhere in its file: the last segment of its resource path
 * (written out at the call, in a member alias or in a destructuring pattern), or the method when the path
 * is empty; a request object's class name; a REST endpoint's path. A file without any of them creates no
 * payment that can be found.
 */
const RESOURCE_WORD_LIST: readonly string[] = [
  ...new Set([
    ...CREATION_SPECS.map((s) => s.textWord ?? s.path[s.path.length - 1] ?? s.method),
    ...REQUEST_OBJECT_SPECS.map((s) => s.className),
    // `v2/checkout/orders`: a path starts and ends with a word character, so it sits in the one group.
    ...REST_ENDPOINT_SPECS.map((s) => s.path.replace(/^\/+|\/+$/g, '')),
  ]),
];

export const RESOURCE_WORDS: RegExp = new RegExp(`\\b(?:${RESOURCE_WORD_LIST.map(escapeRegExp).join('|')})\\b`);

/**
 * A cheaper necessary condition for RESOURCE_WORDS, tried first on every linted file: each word without
 * its first letter (`ayments` for `payments` and `Payments`), minus those that hold another one. A text
 * with a resource word holds one of these; most files hold none, and the full test is not run.
 */
export const RESOURCE_HINT: RegExp = (() => {
  const tails = [...new Set(RESOURCE_WORD_LIST.map((w) => w.slice(1)))];
  const minimal = tails.filter((t) => !tails.some((other) => other !== t && t.includes(other)));
  return new RegExp(minimal.map(escapeRegExp).join('|'));
})();
