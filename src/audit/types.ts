/**
 * The audit's data: what the fact-collecting pass saw in the code, what the schema loader found, and the
 * per-provider verdict on the two links (booking → payment, payment → booking).
 * Every path in these objects is relative to the audited directory, with `/` separators.
 */

/** A place in a file (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** Whether a payment creation carries the booking id (the payment → booking link at this call). */
export interface CarriesFact {
  status: 'present' | 'missing' | 'unknown';
  /**
   * Where the id travels, e.g. `metadata.bookingId`, `payment_intent_data.metadata.bookingId`; when
   * missing, where it belongs (`metadata`, `payment_intent_data.metadata`).
   */
  where?: string;
  /** A Checkout Session whose booking id is only on the Session: PaymentIntent events cannot see it. */
  sessionOnly?: boolean;
  /** `missing`, but an eslint-disable comment for require-booking-id-metadata exempts this call. */
  disabled?: boolean;
}

/** Whether the id of a created payment is stored (the booking → payment link at this call). */
export interface StoresFact {
  status: 'stored' | 'passed-on' | 'stored-elsewhere' | 'missing' | 'unknown';
  /** Where it is stored, e.g. `booking.paymentIntentId`. */
  where?: string;
  /** An eslint-disable comment for require-persisted-payment-id exempts this call (from the rule and the audit's evidence). */
  disabled?: boolean;
  /**
   * The storing write, as evidence: the model (delegate) and column written, and where. Set for `stored`
   * (this file) and `stored-elsewhere` (the project index). Without it the write cannot count as proof.
   */
  write?: StoringWrite;
}

/** A write that stores a provider id: what it writes into and where it is. */
export interface StoringWrite {
  /** The model or object written (`booking`, `payment`), as the code names it. */
  model: string;
  /** The top-level column written (`paymentIntentId`). For `data: { data: { paymentIntent } }` that is `data`. */
  column: string;
  /** The id lands inside a nested object of that column (a JSON column), not in the column itself. */
  nested?: boolean;
  /** The same write also sets the booking reference (`bookingId`, `booking: { connect }`): a payment row with both ids. */
  withBookingRef?: boolean;
  file: string;
  line: number;
  /** How the write was recognised: `local` (the value followed from the creation), or the index's kind. */
  kind: 'local' | 'model-write' | 'orm-write' | 'assignment';
}

/** One payment creation the plugin recognised in the code. */
export interface CallSite extends SourceLocation {
  provider: string;
  /** `paymentIntent`, `checkoutSession`, `charge`. */
  kind: string;
  /** `PaymentIntent`, `Checkout Session`, `Charge`. */
  label: string;
  carries: CarriesFact;
  stores: StoresFact;
}

export interface ColumnFact {
  name: string;
  file: string;
  line: number;
  unique: boolean;
}

/** A Payment-like model tied to a booking model, and the column in it that holds the provider id. */
export interface PaymentModelFact {
  model: string;
  file: string;
  line: number;
  /** `bookingId` (on the payment model), or `Booking.paymentId` (on the booking model). */
  foreignKey: string;
  providerIdColumn: ColumnFact;
}

/** A booking-like model of the schema and how it reaches the provider's id. */
export interface BookingModelFact {
  model: string;
  file: string;
  line: number;
  /** Columns of the booking model itself that hold a provider id. */
  providerIdColumns: ColumnFact[];
  /**
   * The Payment-like model the booking → payment link goes through: set when the booking has no
   * provider-id column of its own, or only a non-unique one and the payment model's column is unique.
   */
  viaPayment?: PaymentModelFact;
  /**
   * A Payment-like model that references this booking (relation or foreign key) and holds a provider id:
   * the payment → booking link in the database. Set whatever the booking's own columns are.
   */
  referencedBy?: PaymentModelFact;
  /** The schema rules' verdict: a provider-id column exists and is unique. */
  ok: boolean;
}

export type SchemaFacts =
  | { status: 'ok'; location: string; files: string[]; bookingModels: BookingModelFact[] }
  | { status: 'missing'; searched: string[] }
  | { status: 'error'; file: string; line: number; column: number; message: string };

export type LinkStatus = 'present' | 'missing' | 'unverified';

/** One direction of the booking ↔ payment link. */
export interface LinkVerdict {
  status: LinkStatus;
  /** How the link is named in the summary line, e.g. `booking.paymentIntentId -> Stripe`. */
  label: string;
  /** Why it is present (evidence) or why not (the reason), in one sentence. */
  detail: string;
  /** The places that break the link (call sites, the schema model). */
  locations: SourceLocation[];
}

export interface ProviderReport {
  /** `stripe`, `paypal`, `square` … */
  provider: string;
  /** `Stripe`, `PayPal`, `Square` … */
  name: string;
  /** The package that made it count, from package.json. */
  packageName: string;
  /** Whether the plugin can recognise this provider's payment creations in code. */
  callsRecognised: boolean;
  callSites: CallSite[];
  bookingToPayment: LinkVerdict;
  paymentToBooking: LinkVerdict;
  /** How many of the two links are present. */
  present: number;
  /** `2 of 2 bidirectional links present: …` */
  summary: string;
  /** On a pass: `Bidirectional link: booking.paymentIntentId <-> Stripe metadata.bookingId in prisma/schema.prisma`. */
  linkLine?: string;
  /**
   * How the webhook finds the booking back: `webhook: maps back by metadata.bookingId (src/…/route.ts:41)`, or
   * what is missing. Information beside the seed check's two links: it never changes the verdict.
   */
  webhook?: string;
}

export interface AuditReport {
  tool: { name: string; version: string };
  /**
   * A workspace root (or a folder with apps below it): one report per package with a payment SDK, and the
   * overall status over them. The top-level providers are empty then.
   */
  packages?: AuditReport[];
  /** For a package report inside `packages`: its folder relative to the audited directory. */
  packageDir?: string;
  /** The audited directory, absolute. */
  directory: string;
  /** `pass`: every provider has both links; `fail`: a link is missing; `n/a`: no payment SDK in package.json. */
  status: 'pass' | 'fail' | 'n/a';
  /** Why the check does not apply (status `n/a`). */
  reason?: string;
  packageJson: string | null;
  filesLinted: number;
  schema: SchemaFacts;
  providers: ProviderReport[];
  /** Things the reader should know about how the audit ran (config fallback, parser missing …). */
  notes: string[];
  /** How the project's ESLint config was used: its own, none found (defaults), or `--defaults`. */
  config?: 'project' | 'none' | 'defaults';
}
