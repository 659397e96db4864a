/**
 * The shape of what the plugin knows about a payment provider. Each recognised provider is one module of
 * plain data (`stripe.ts`, `paypal.ts`, `square.ts`) that satisfies `ProviderSpec`; `index.ts` lists them
 * and derives every lookup the rules and the audit need. The union types below are read off that data, so
 * a new provider or kind needs no edit here.
 */
import type { paypal } from './paypal.js';
import type { square } from './square.js';
import type { stripe } from './stripe.js';
import type { OTHER_PROVIDERS } from './other.js';

/** One way a provider's SDK creates a payment: `client.<path…>.<method>(params)`. */
export interface CreationSpec {
  /** Member path from the client to the method's receiver (`['checkout', 'sessions']`; `[]`: any receiver). */
  readonly path: readonly string[];
  readonly method: string;
  /** What is created; several specs (SDK versions) may create the same kind. */
  readonly kind: string;
  /** How the object is called in messages: `PaymentIntent`, `Checkout Session`, `PayPal order` … */
  readonly label: string;
  /** Whether the path alone, on a client of unknown origin, is enough to call it a payment creation. */
  readonly distinctive: boolean;
  /** On a client of unknown origin, the params must be an object literal with one of these keys. */
  readonly paramsHint?: readonly string[];
  /** The property path from the call's (awaited) result to the provider's id: `['id']`, `['result', 'id']` … */
  readonly idPath: readonly string[];
  /** The column name a booking conventionally stores this id in. */
  readonly idColumn: string;
}

/** Where a kind whose booking reference is a fixed field keeps it (PayPal `customId`, Square `referenceId`). */
export interface ReferenceSpec {
  /** From the params to the object(s) that hold the field; `[]` = an array step. */
  readonly holderPath: readonly (string | readonly [])[];
  /** Fields that can carry the booking id; the first is the one a fix adds. */
  readonly fields: readonly string[];
  /** How the location is named in messages. */
  readonly location: string;
}

/** What is known of one kind of payment, whichever SDK call created it. */
export interface KindSpec {
  /** Words in a schema column name that fit this kind (`paymentIntentId` for a PaymentIntent). */
  readonly columnHint: RegExp;
  /** Where the booking id goes when it is a fixed field; absent: the provider's `metadata` (Stripe). */
  readonly reference?: ReferenceSpec;
}

/** A provider whose payment creations the plugin recognises in code. */
export interface ProviderSpec {
  /** The provider id used in reports, settings and package.json detection: `stripe`, `paypal` … */
  readonly id: string;
  /** The display name: `Stripe`, `PayPal`. */
  readonly name: string;
  /** Every server-side SDK package that shows a project takes this provider's payments. */
  readonly sdkPackages: readonly string[];
  /** The packages whose clients `creations` describe: a client made by one of them is certainly the SDK's. */
  readonly clientPackages: readonly string[];
  /** An import path that names the provider (`./lib/stripe`, `@/server/paypal-client`). */
  readonly importHint: RegExp;
  /** Words that mark a column as this provider's (`paypalOrderId`, `stripe_session_id`), lower case. */
  readonly columnWords: readonly string[];
  /** The calls that create a payment; the first one's `idColumn` is the provider's conventional column. */
  readonly creations: readonly CreationSpec[];
  /** Per kind of `creations`. */
  readonly kinds: Readonly<Record<string, KindSpec>>;
}

/** A provider whose server SDK is detected in package.json (for N/A decisions) but whose calls are not. */
export interface OtherProviderSpec {
  readonly id: string;
  readonly name: string;
  readonly sdkPackages: readonly string[];
  /** Words that mark a column as this provider's; empty when the id is no safe word (`checkout.com`). */
  readonly columnWords: readonly string[];
}

type Recognised = typeof stripe | typeof paypal | typeof square;

/** A provider whose payment creations are recognised in code: `stripe`, `paypal`, `square`. */
export type PaymentProvider = Recognised['id'];

/** What a recognised creation makes: `paymentIntent`, `checkoutSession`, `charge`, `paypalOrder` … */
export type PaymentKind = Recognised['creations'][number]['kind'];

/** Any provider whose server SDK package.json may list, recognised or not. */
export type SdkProvider = PaymentProvider | (typeof OTHER_PROVIDERS)[number]['id'];
