import { describe, expect, it } from 'vitest';

import { formatText } from '../../src/audit/format-text.js';
import { toSarif } from '../../src/audit/format-sarif.js';
import type { AuditReport, CallSite, SchemaFacts } from '../../src/audit/types.js';
import { buildProviderReport, type VerdictInput } from '../../src/audit/verdict.js';

const KEYS = ['bookingId', 'booking_id'];
const MODELS = ['Booking', 'Reservation', 'Appointment'];

function site(overrides: Partial<CallSite> = {}): CallSite {
  return {
    provider: 'stripe',
    kind: 'paymentIntent',
    label: 'PaymentIntent',
    file: 'src/checkout.ts',
    line: 10,
    column: 24,
    carries: { status: 'present', where: 'metadata.bookingId' },
    stores: { status: 'stored', where: 'booking.paymentIntentId' },
    ...overrides,
  };
}

const schemaWithColumn = (unique = true): SchemaFacts => ({
  status: 'ok',
  location: 'prisma/schema.prisma',
  files: ['prisma/schema.prisma'],
  bookingModels: [
    {
      model: 'Booking',
      file: 'prisma/schema.prisma',
      line: 12,
      providerIdColumns: [{ name: 'paymentIntentId', file: 'prisma/schema.prisma', line: 14, unique }],
      ok: unique,
    },
  ],
});

const schemaWithoutColumn: SchemaFacts = {
  status: 'ok',
  location: 'prisma/schema.prisma',
  files: ['prisma/schema.prisma'],
  bookingModels: [{ model: 'Booking', file: 'prisma/schema.prisma', line: 12, providerIdColumns: [], ok: false }],
};

function input(overrides: Partial<VerdictInput> = {}): VerdictInput {
  return {
    provider: 'stripe',
    packageName: 'stripe',
    callSites: [site()],
    schema: schemaWithColumn(),
    filesLinted: 4,
    keys: KEYS,
    bookingModels: MODELS,
    ...overrides,
  };
}

describe('buildProviderReport', () => {
  it('gives the seed check’s pass line when both links are present', () => {
    const report = buildProviderReport(input());
    expect(report.present).toBe(2);
    expect(report.summary).toBe(
      '2 of 2 bidirectional links present: booking.paymentIntentId -> Stripe, Stripe metadata.bookingId -> booking',
    );
    expect(report.linkLine).toBe(
      'Bidirectional link: booking.paymentIntentId <-> Stripe metadata.bookingId in prisma/schema.prisma',
    );
  });

  it('names the call site that carries no booking id', () => {
    const report = buildProviderReport(
      input({ callSites: [site(), site({ file: 'src/deposit.ts', line: 7, carries: { status: 'missing', where: 'metadata' } })] }),
    );
    expect(report.present).toBe(1);
    expect(report.paymentToBooking.status).toBe('missing');
    expect(report.paymentToBooking.locations).toEqual([{ file: 'src/deposit.ts', line: 7, column: 24 }]);
    expect(report.summary).toBe(
      '1 of 2 bidirectional links present: booking.paymentIntentId -> Stripe; missing: Stripe metadata.bookingId -> booking ' +
        '(1 of 2 payment creations carries no booking id: src/deposit.ts:7 (PaymentIntent))',
    );
    expect(report.linkLine).toBeUndefined();
  });

  it('reports the model line when the booking has no provider-id column', () => {
    const report = buildProviderReport(input({ schema: schemaWithoutColumn }));
    expect(report.bookingToPayment.status).toBe('missing');
    expect(report.summary).toBe(
      '1 of 2 bidirectional links present: Stripe metadata.bookingId -> booking; missing: booking -> Stripe ' +
        '(model Booking (prisma/schema.prisma:12) has no column for the Stripe payment id)',
    );
    expect(report.bookingToPayment.locations).toEqual([{ file: 'prisma/schema.prisma', line: 12, column: 1 }]);
  });

  it('counts a create whose id is never stored against booking -> payment even when the column exists', () => {
    const report = buildProviderReport(
      input({
        callSites: [
          site(),
          site({ file: 'src/upgrade.ts', line: 9, stores: { status: 'missing', where: 'the booking.update on line 15 does not store it' } }),
        ],
      }),
    );
    expect(report.bookingToPayment.status).toBe('missing');
    expect(report.bookingToPayment.label).toBe('booking.paymentIntentId -> Stripe');
    expect(report.bookingToPayment.detail).toBe('1 payment creation never stores the id: src/upgrade.ts:9 (PaymentIntent)');
    expect(report.present).toBe(1);
  });

  it('accepts a Payment table that references the booking as both links', () => {
    const schema: SchemaFacts = {
      status: 'ok',
      location: 'prisma/schema.prisma',
      files: ['prisma/schema.prisma'],
      bookingModels: [
        {
          model: 'Booking',
          file: 'prisma/schema.prisma',
          line: 3,
          providerIdColumns: [],
          viaPayment: {
            model: 'Payment',
            file: 'prisma/schema.prisma',
            line: 9,
            foreignKey: 'bookingId',
            providerIdColumn: { name: 'externalId', file: 'prisma/schema.prisma', line: 12, unique: true },
          },
          ok: true,
        },
      ],
    };
    // The evidence: a Payment row written with both the booking id and the provider id.
    const row = {
      status: 'stored',
      where: 'payment.externalId',
      write: { model: 'payment', column: 'externalId', withBookingRef: true, file: 'src/checkout.ts', line: 11, kind: 'local' },
    } as const;
    const report = buildProviderReport(input({ schema, callSites: [site({ carries: { status: 'unknown' }, stores: row })] }));
    expect(report.summary).toBe(
      '2 of 2 bidirectional links present: booking -> payment.externalId -> Stripe, payment.bookingId -> booking',
    );
    // The table alone, with a write that is not seen to set the booking id, proves no payment -> booking.
    const without = buildProviderReport(
      input({ schema, callSites: [site({ carries: { status: 'unknown' }, stores: { ...row, write: { ...row.write, withBookingRef: false } } })] }),
    );
    expect(without.paymentToBooking.status).toBe('unverified');
    expect(without.bookingToPayment.status).toBe('present');
  });

  it('counts a Payment model that references the booking as payment -> booking even when the booking has its own unique column', () => {
    const payment = {
      model: 'Payment',
      file: 'prisma/schema.prisma',
      line: 9,
      foreignKey: 'bookingId',
      providerIdColumn: { name: 'externalId', file: 'prisma/schema.prisma', line: 12, unique: true },
    };
    const own = schemaWithColumn(true);
    const schema: SchemaFacts = own.status === 'ok' ? { ...own, bookingModels: [{ ...own.bookingModels[0]!, referencedBy: payment }] } : own;
    const missing = site({ carries: { status: 'missing', where: 'metadata' } });
    // Issue 11: the table does not vouch for payment calls that send no booking id (the rule reports them).
    const report = buildProviderReport(input({ schema, callSites: [missing] }));
    expect(report.summary).toBe(
      '1 of 2 bidirectional links present: booking.paymentIntentId -> Stripe; missing: Stripe metadata.bookingId -> booking ' +
        '(1 of 1 payment creation carries no booking id: src/checkout.ts:10 (PaymentIntent))',
    );
    const two = buildProviderReport(input({ schema, callSites: [missing, { ...missing, line: 20 }] }));
    expect(two.paymentToBooking.detail).toMatch(/^2 of 2 payment creations carry no booking id: /);
    // A payment model whose column holds another provider's id does not count for this one.
    const paypalOnly: SchemaFacts =
      own.status === 'ok'
        ? {
            ...own,
            bookingModels: [
              { ...own.bookingModels[0]!, referencedBy: { ...payment, providerIdColumn: { ...payment.providerIdColumn, name: 'paypalOrderId' } } },
            ],
          }
        : own;
    expect(buildProviderReport(input({ schema: paypalOnly, callSites: [missing] })).paymentToBooking.status).toBe('missing');
  });

  it('does not count a booking id it cannot see as present', () => {
    const report = buildProviderReport(input({ callSites: [site({ carries: { status: 'unknown' } })] }));
    expect(report.paymentToBooking.status).toBe('unverified');
    expect(report.summary).toMatch(/^1 of 2 bidirectional links present: booking\.paymentIntentId -> Stripe; unverified: /);
  });

  it('says so when no payment creation was found', () => {
    const report = buildProviderReport(input({ callSites: [] }));
    expect(report.paymentToBooking).toMatchObject({ status: 'missing', detail: 'no Stripe payment creation found in 4 linted files' });
  });

  it('does not claim to have checked a provider whose calls it cannot recognise', () => {
    const report = buildProviderReport(input({ provider: 'paddle', packageName: '@paddle/paddle-node-sdk' }));
    expect(report.name).toBe('Paddle');
    expect(report.callSites).toEqual([]);
    expect(report.paymentToBooking).toMatchObject({
      status: 'unverified',
      detail:
        'the plugin recognises Stripe, PayPal, Square, Razorpay, Mollie, Adyen, Braintree payment creations; Paddle calls were not checked',
    });
    expect(report.bookingToPayment).toMatchObject({ status: 'present', label: 'booking.paymentIntentId -> Paddle' });
  });

  it('names PayPal’s own booking reference field when a PayPal order lacks it', () => {
    const report = buildProviderReport(
      input({
        provider: 'paypal',
        packageName: '@paypal/paypal-server-sdk',
        callSites: [site({ provider: 'paypal', kind: 'paypalOrder', label: 'PayPal order', carries: { status: 'missing' } })],
      }),
    );
    expect(report.paymentToBooking.label).toBe('PayPal purchaseUnits[].customId -> booking');
    expect(report.paymentToBooking.status).toBe('missing');
  });

  it("does not count another provider's column (paypalOrderId) for Stripe", () => {
    const schema: SchemaFacts = {
      status: 'ok',
      location: 'prisma/schema.prisma',
      files: ['prisma/schema.prisma'],
      bookingModels: [
        {
          model: 'Booking',
          file: 'prisma/schema.prisma',
          line: 1,
          providerIdColumns: [{ name: 'paypalOrderId', file: 'prisma/schema.prisma', line: 3, unique: true }],
          ok: true,
        },
      ],
    };
    expect(buildProviderReport(input({ schema })).bookingToPayment).toMatchObject({
      status: 'missing',
      detail: 'model Booking (prisma/schema.prisma:1) has no column for the Stripe payment id',
    });
    expect(
      buildProviderReport(input({ schema, provider: 'paypal', packageName: '@paypal/paypal-server-sdk' })).bookingToPayment,
    ).toMatchObject({ status: 'present', label: 'booking.paypalOrderId -> PayPal' });
  });

  it('treats an unparsable schema as unverified, with its position', () => {
    const report = buildProviderReport(
      input({ schema: { status: 'error', file: 'prisma/schema.prisma', line: 7, column: 3, message: 'Unexpected token' } }),
    );
    expect(report.bookingToPayment).toMatchObject({
      status: 'unverified',
      locations: [{ file: 'prisma/schema.prisma', line: 7, column: 3 }],
    });
  });

  it('evidence only: a write elsewhere counts only when it writes the booking’s provider-id column', () => {
    const elsewhere = (write: Partial<NonNullable<CallSite['stores']['write']>> | undefined) =>
      site({
        stores: {
          status: 'stored-elsewhere',
          where: 'src/calendar.ts:12',
          ...(write ? { write: { model: 'booking', column: 'paymentIntentId', file: 'src/webhook.ts', line: 12, kind: 'model-write' as const, ...write } } : {}),
        },
      });
    // A webhook that writes booking.paymentIntentId: present, and the evidence cites the write.
    const webhook = buildProviderReport(input({ callSites: [elsewhere({})] }));
    expect(webhook.bookingToPayment.status).toBe('present');
    expect(webhook.bookingToPayment.detail).toContain('written: booking.paymentIntentId at src/webhook.ts:12');
    // An unrelated calendar's externalId, a column of another model, or no model at all: unverified.
    for (const write of [{ model: 'calendarEvent', column: 'externalId' }, { model: 'user', column: 'paymentIntentId' }, undefined]) {
      const report = buildProviderReport(input({ callSites: [elsewhere(write)] }));
      expect(report.bookingToPayment.status).toBe('unverified');
      expect(report.present).toBeLessThan(2);
    }
    // A PayPal column written elsewhere is not a Stripe column.
    const paypal = buildProviderReport(input({ callSites: [elsewhere({ column: 'paypalOrderId' })] }));
    expect(paypal.bookingToPayment.status).toBe('unverified');
  });

  it('evidence only: an id passed on (returned to the client) proves no write, even when the column exists', () => {
    const report = buildProviderReport(input({ callSites: [site({ stores: { status: 'passed-on', where: 'returned to the caller' } })] }));
    expect(report.bookingToPayment.status).toBe('unverified');
    expect(report.bookingToPayment.detail).toContain('the id is only passed on (returned to the caller); no write of it seen');
    expect(report.present).toBe(1);
  });

  it('evidence only: a write into a JSON column is not a column', () => {
    const json = site({
      stores: { status: 'stored', where: 'payment.data', write: { model: 'payment', column: 'data', nested: true, file: 'src/pay.ts', line: 30, kind: 'local' } },
    });
    const report = buildProviderReport(input({ callSites: [json] }));
    expect(report.bookingToPayment).toMatchObject({ status: 'unverified' });
    expect(report.bookingToPayment.detail).toContain('(a JSON column is not a column)');
    expect(buildProviderReport(input({ callSites: [json], schema: { status: 'missing', searched: [] } })).bookingToPayment.status).toBe('unverified');
  });

  it('one visible booking id does not make the unseen ones present', () => {
    const report = buildProviderReport(input({ callSites: [site(), site({ line: 30, carries: { status: 'unknown' } })] }));
    expect(report.paymentToBooking.status).toBe('unverified');
    expect(report.paymentToBooking.detail).toBe('1 of 2 payment creations carries the booking id; not visible statically at src/checkout.ts:30');
  });

  it('accepts the stored column seen in code when there is no schema', () => {
    const report = buildProviderReport(input({ schema: { status: 'missing', searched: ['prisma/schema.prisma'] } }));
    expect(report.bookingToPayment).toMatchObject({ status: 'present', label: 'booking.paymentIntentId -> Stripe' });
    const none = buildProviderReport(
      input({ schema: { status: 'missing', searched: ['prisma/schema.prisma'] }, callSites: [site({ stores: { status: 'passed-on' } })] }),
    );
    expect(none.bookingToPayment.status).toBe('missing');
  });
});

function auditReport(providerInput: VerdictInput): AuditReport {
  const provider = buildProviderReport(providerInput);
  return {
    tool: { name: 'booking-payment-audit', version: '0.0.0' },
    directory: '/project',
    status: provider.present === 2 ? 'pass' : 'fail',
    packageJson: 'package.json',
    filesLinted: providerInput.filesLinted,
    schema: providerInput.schema,
    providers: [provider],
    notes: [],
  };
}

describe('formats', () => {
  it('text: ends with the summary line and lists each call site', () => {
    const text = formatText(
      auditReport(input({ callSites: [site(), site({ file: 'src/deposit.ts', line: 7, carries: { status: 'missing' } })] })),
    );
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^1 of 2 bidirectional links present: booking\.paymentIntentId -> Stripe; missing: /);
    expect(text).toContain('model Booking (prisma/schema.prisma:12)');
    expect(text).toMatch(/src\/checkout\.ts:10 +PaymentIntent +carries metadata\.bookingId +stores it in booking\.paymentIntentId/);
    expect(text).toMatch(/src\/deposit\.ts:7 +PaymentIntent +carries NO booking id/);
  });

  it('text: flags a provider-id column that is not unique', () => {
    const text = formatText(auditReport(input({ schema: schemaWithColumn(false) })));
    expect(text).toContain('Booking.paymentIntentId (prisma/schema.prisma:14, not @unique');
  });

  it('sarif: one result per broken link, under the plugin rule ids, with locations', () => {
    const sarif = toSarif(
      auditReport(input({ callSites: [site(), site({ file: 'src/deposit.ts', line: 7, column: 3, carries: { status: 'missing' } })] })),
    ) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    const ids = run!.results.map((r) => r.ruleId);
    expect(ids).toEqual(['booking-payment/require-booking-id-metadata', 'booking-payment-audit/bidirectional-link']);
    for (const r of run!.results) expect(run!.tool.driver.rules[r.ruleIndex]!.id).toBe(r.ruleId);
    expect(run!.results[0]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/deposit.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: 3 },
    });
  });

  it('sarif: file URIs are percent-encoded per segment (#, ?, %, spaces, brackets)', () => {
    const file = 'src/app/[id]/#pay?now 100%.ts';
    const sarif = toSarif(
      auditReport(input({ callSites: [site({ file, carries: { status: 'missing' } })] })),
    ) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uri = sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
    expect(uri).toBe('src/app/%5Bid%5D/%23pay%3Fnow%20100%25.ts');
    expect(new URL(uri, 'file:///project/').pathname).toBe('/project/src/app/%5Bid%5D/%23pay%3Fnow%20100%25.ts');
    expect(decodeURIComponent(new URL(uri, 'file:///project/').pathname)).toBe(`/project/${file}`);
  });

  it('sarif: a schema result only for the column the link uses, and only when that one is not unique', () => {
    type Sarif = { runs: { results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const schemaResults = (schema: SchemaFacts): string[] =>
      (toSarif(auditReport(input({ schema }))) as Sarif).runs[0]!.results
        .filter((r) => r.ruleId === 'booking-payment/prisma-booking-payment-column')
        .map((r) => `${r.level} ${r.locations[0]!.physicalLocation.region.startLine} ${r.message.text}`);
    const booking = (fact: Partial<Extract<SchemaFacts, { status: 'ok' }>['bookingModels'][number]>): SchemaFacts => ({
      status: 'ok',
      location: 'prisma/schema.prisma',
      files: ['prisma/schema.prisma'],
      bookingModels: [{ model: 'Booking', file: 'prisma/schema.prisma', line: 1, providerIdColumns: [], ok: true, ...fact }],
    });
    const col = (name: string, line: number, unique: boolean) => ({ name, file: 'prisma/schema.prisma', line, unique });
    const via = (unique: boolean) => ({ model: 'Payment', file: 'prisma/schema.prisma', line: 8, foreignKey: 'bookingId', providerIdColumn: col('externalId', 11, unique) });
    // The booking's column is not unique, but the link goes through Payment.externalId, which is.
    expect(schemaResults(booking({ providerIdColumns: [col('paymentIntentId', 3, false)], viaPayment: via(true) }))).toEqual([]);
    // One of two own columns is unique: the link is unique.
    expect(schemaResults(booking({ providerIdColumns: [col('stripeSessionId', 3, false), col('paymentIntentId', 4, true)] }))).toEqual([]);
    // Only a Payment model holds the id, and its column is not unique.
    expect(schemaResults(booking({ viaPayment: via(false) }))).toEqual([
      "warning 11 Payment.externalId is not @unique: a webhook's lookup by provider id can match two bookings.",
    ]);
    // Own columns, none unique: the first one, as the rule reports it.
    expect(schemaResults(booking({ providerIdColumns: [col('stripeSessionId', 3, false), col('paymentIntentId', 4, false)] }))).toEqual([
      "warning 3 Booking.stripeSessionId is not @unique: a webhook's lookup by provider id can match two bookings.",
    ]);
  });

  it('sarif: no results on a pass', () => {
    const sarif = toSarif(auditReport(input())) as { runs: { results: unknown[]; properties: { status: string } }[] };
    expect(sarif.runs[0]!.results).toEqual([]);
    expect(sarif.runs[0]!.properties.status).toBe('pass');
  });
});

describe('storedColumn', () => {
  it('turns a Prisma write description into model.column', async () => {
    const { storedColumn } = await import('../../src/audit/collector.js');
    expect(storedColumn('prisma.booking.update data.paymentIntentId')).toBe('booking.paymentIntentId');
    expect(storedColumn('tx.payment.create data.externalId')).toBe('payment.externalId');
    expect(storedColumn('this.prisma.reservation.upsert update.stripeSessionId')).toBe('reservation.stripeSessionId');
    expect(storedColumn('booking.paymentIntentId = intent.id')).toBe('booking.paymentIntentId = intent.id');
  });
});

describe('formatText, N/A', () => {
  it('prints the seed check’s skip line', () => {
    const text = formatText({
      tool: { name: 'booking-payment-audit', version: '0.0.0' },
      directory: '/project',
      status: 'n/a',
      reason: 'no payment SDK in package.json',
      packageJson: 'package.json',
      filesLinted: 0,
      schema: { status: 'missing', searched: [] },
      providers: [],
      notes: [],
    });
    expect(text.trimEnd().split('\n').at(-1)).toBe('N/A: no payment SDK in package.json');
  });
});

describe('rulesDisabledAt', () => {
  const RULE = 'booking-payment/require-booking-id-metadata';
  const OTHER = 'booking-payment/require-persisted-payment-id';
  // A fake source: each directive is a comment on one line; offsets are line * 100.
  const directive = (type: string, line: number, value = '') => ({
    type,
    value,
    node: { range: [line * 100, line * 100 + 50] as [number, number], loc: { start: { line }, end: { line } } },
  });
  const source = (...directives: ReturnType<typeof directive>[]) => ({ getDisableDirectives: () => ({ directives }) });
  const at = async (src: unknown, line: number, toLine = line) => {
    const { rulesDisabledAt } = await import('../../src/audit/disable-directives.js');
    return [...rulesDisabledAt(src, line * 100 + 60, line, toLine, [RULE, OTHER])].sort();
  };

  it('-next-line and -line cover their line only, for the rules they name (or all)', async () => {
    expect(await at(source(directive('disable-next-line', 4, RULE)), 5)).toEqual([RULE]);
    expect(await at(source(directive('disable-next-line', 4, RULE)), 6)).toEqual([]);
    expect(await at(source(directive('disable-line', 5)), 5)).toEqual([OTHER, RULE].sort());
    // A report on a later line of a multi-line call (the metadata property) is covered too.
    expect(await at(source(directive('disable-line', 8, RULE)), 5, 9)).toEqual([RULE]);
  });

  it('a disable block lasts until the matching enable', async () => {
    const src = source(directive('disable', 2, `${RULE}, ${OTHER}`), directive('enable', 6, OTHER), directive('enable', 9));
    expect(await at(src, 4)).toEqual([OTHER, RULE].sort());
    expect(await at(src, 7)).toEqual([RULE]);
    expect(await at(src, 10)).toEqual([]);
  });

  it('no directives API, or one that throws: nothing is disabled', async () => {
    expect(await at({}, 3)).toEqual([]);
    expect(
      await at(
        {
          getDisableDirectives: () => {
            throw new Error('boom');
          },
        },
        3,
      ),
    ).toEqual([]);
  });
});
