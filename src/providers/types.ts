/**
 * The shape of what the plugin knows about a payment provider. Each recognised provider is one module of
 * plain data (`stripe.ts`, `paypal.ts`, `square.ts`) that satisfies `ProviderSpec`; `index.ts` lists them
 * and derives every lookup the rules and the audit need. The union types below are read off that data, so
 * a new provider or kind needs no edit here.
 */
import type { adyen } from './adyen.js';
import type { braintree } from './braintree.js';
import type { mollie } from './mollie.js';
import type { OTHER_PROVIDERS } from './other.js';
import type { paypal } from './paypal.js';
import type { razorpay } from './razorpay.js';
import type { square } from './square.js';
import type { stripe } from './stripe.js';

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
  /**
   * The word the per-file pre-check looks for, when the resource's own word is common in files that create
   * no payment (`transaction` is also Prisma's `$transaction`): then the method (`sale`) is used.
   */
  readonly textWord?: string;
}

/**
 * Where a kind keeps its booking reference: a fixed field (PayPal `customId`, Square `referenceId`, Braintree
 * `orderId`), or — `keyed` — a key-value bag whose keys are the project's booking-id keys (Razorpay `notes`,
 * Adyen `metadata`), judged like Stripe's `metadata`.
 */
export interface ReferenceSpec {
  /** From the params to the object(s) that hold the field; `[]` = an array step. For `keyed`: the bag itself. */
  readonly holderPath: readonly (string | readonly [])[];
  /** Fields that can carry the booking id; the first is the one a fix adds. Empty for `keyed`. */
  readonly fields: readonly string[];
  /** How the location is named in messages (`purchaseUnits[].customId`; for `keyed`, the bag: `notes`). */
  readonly location: string;
  /** The holder is a bag keyed by the project's booking-id keys (`notes: { bookingId }`). */
  readonly keyed?: boolean;
}

/**
 * A creation made in two steps through a request object (PayPal's `@paypal/checkout-server-sdk`):
 * `const request = new <ns>.<className>(); request.<bodyMethod>(params); await client.<executeMethod>(request)`.
 * The execute call is the creation; the params are the body call's argument.
 */
export interface RequestObjectSpec {
  /** The request class, `new`-ed from the SDK namespace (`paypal.orders.OrdersCreateRequest`). */
  readonly className: string;
  readonly bodyMethod: string;
  readonly executeMethod: string;
  readonly kind: string;
  readonly label: string;
  readonly idPath: readonly string[];
  readonly idColumn: string;
}

/**
 * A creation made by calling the provider's REST API directly: `fetch(url, { method: 'POST', body:
 * JSON.stringify(params) })` or `axios.post(url, params)`, where the URL (literal or template) ends in `path`.
 */
export interface RestEndpointSpec {
  /** The URL's path, matched at its end (`/v2/checkout/orders`; a query string may follow). */
  readonly path: string;
  readonly kind: string;
  readonly label: string;
  /** From `fetch`'s response: `json()` is a call whose awaited result goes on (`['json()', 'id']`). */
  readonly fetchIdPath: readonly string[];
  /** From axios's response (`['data', 'id']`). */
  readonly axiosIdPath: readonly string[];
  readonly idColumn: string;
}

/** What is known of one kind of payment, whichever SDK call created it. */
export interface KindSpec {
  /** Words in a schema column name that fit this kind (`paymentIntentId` for a PaymentIntent). */
  readonly columnHint: RegExp;
  /**
   * Where the booking id goes, in order of preference (the first names a missing link); the link is made
   * when any of them carries it. Absent: the provider's `metadata`, keyed by the project's keys (Stripe,
   * Mollie).
   */
  readonly references?: readonly ReferenceSpec[];
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
  /** Creations through a request object (`new OrdersCreateRequest()` … `client.execute(request)`). */
  readonly requestObjects?: readonly RequestObjectSpec[];
  /** Creations by a direct call of the provider's REST API (`fetch`, `axios`). */
  readonly restEndpoints?: readonly RestEndpointSpec[];
  /** Per kind of `creations`, `requestObjects` and `restEndpoints`. */
  readonly kinds: Readonly<Record<string, KindSpec>>;
  /**
   * The webhook events that tell the outcome of this provider's payments (`payment_intent.succeeded`,
   * `PAYMENT.CAPTURE.COMPLETED`), for rules that check the webhook side.
   */
  readonly webhookEvents: readonly string[];
  /**
   * For the webhook rules: which event names are payment outcomes a booking must follow (`pattern`), and which
   * of them confirm a payment (`success`; null when the status is inside the event, as Square's). Providers
   * without it have no recognised webhook dispatch yet.
   */
  readonly webhookOutcomes?: { readonly pattern: RegExp; readonly success: RegExp | null };
}

/** A provider whose server SDK is detected in package.json (for N/A decisions) but whose calls are not. */
export interface OtherProviderSpec {
  readonly id: string;
  readonly name: string;
  readonly sdkPackages: readonly string[];
  /** Words that mark a column as this provider's; empty when the id is no safe word (`checkout.com`). */
  readonly columnWords: readonly string[];
}

type Recognised =
  | typeof stripe
  | typeof paypal
  | typeof square
  | typeof razorpay
  | typeof mollie
  | typeof adyen
  | typeof braintree;

/** A provider whose payment creations are recognised in code: `stripe`, `paypal`, `square`, `razorpay` … */
export type PaymentProvider = Recognised['id'];

type KindsOf<P> = P extends { kinds: infer K } ? keyof K & string : never;

/** What a recognised creation makes: `paymentIntent`, `checkoutSession`, `charge`, `paypalOrder` … */
export type PaymentKind = KindsOf<Recognised>;

/** Any provider whose server SDK package.json may list, recognised or not. */
export type SdkProvider = PaymentProvider | (typeof OTHER_PROVIDERS)[number]['id'];
