import { describe, expect, it } from 'vitest';

import { PROVIDERS, providerIdColumn } from '../../src/providers/index.js';
import { addToSchemaInfo, emptySchemaInfo, readSchemaModels, type SchemaInfo } from '../../src/schema/model.js';
import {
  analyzeBookingPaymentLink,
  columnHoldsProvider,
  columnProviderName,
  columnsFor,
  describeOtherColumns,
  hasPlaceholderDefault,
  isLinkUnique,
  isUniqueColumn,
  suggestedColumn,
} from '../../src/schema/link.js';

function schemaOf(...files: string[]): SchemaInfo {
  const info = emptySchemaInfo();
  files.forEach((text, i) => {
    const file = `/p/schema-${i}.prisma`;
    const r = readSchemaModels(text, file);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    addToSchemaInfo(info, file, r);
  });
  return info;
}

const summary = (info: SchemaInfo, vocabulary = {}) =>
  analyzeBookingPaymentLink(info, vocabulary).map((l) => ({
    model: l.model.name,
    ok: l.ok,
    unique: isLinkUnique(l),
    columns: l.providerIdColumns.map((c) => c.name),
    via: l.viaPayment && `${l.viaPayment.model.name}.${l.viaPayment.providerIdColumn.name} by ${l.viaPayment.foreignKey}`,
  }));

describe('analyzeBookingPaymentLink', () => {
  it.each([
    'paymentIntentId',
    'stripePaymentIntentId',
    'stripeSessionId',
    'checkoutSessionId',
    'stripeCheckoutSessionId',
    'paypalOrderId',
    'squarePaymentId',
    'paymentId',
    'intent_id',
    'sessionId',
    'stripeId',
  ])('a booking with a `%s String? @unique` column passes', (column) => {
    expect(summary(schemaOf(`model Booking {\n  id String @id\n  ${column} String? @unique\n}\n`))).toEqual([
      { model: 'Booking', ok: true, unique: true, columns: [column], via: undefined },
    ]);
  });

  it('a booking without a provider-id column fails; other columns ending in Id do not count', () => {
    expect(summary(schemaOf('model Booking {\n  id String @id\n  roomId String\n  userId String\n  guestId String\n}\n'))).toEqual([
      { model: 'Booking', ok: false, unique: false, columns: [], via: undefined },
    ]);
  });

  it('checks every booking-like model present (Booking, Reservation, Appointment) and only those', () => {
    const info = schemaOf('model Reservation {\n  id String @id\n}\nmodel Appointment {\n  paymentIntentId String @unique\n}\nmodel Room {\n  id String @id\n}\n');
    expect(summary(info).map((l) => [l.model, l.ok])).toEqual([
      ['Reservation', false],
      ['Appointment', true],
    ]);
    expect(summary(info, { bookingModels: ['Room'] }).map((l) => [l.model, l.ok])).toEqual([['Room', false]]);
  });

  it("cal.com's shape: Payment { bookingId, booking @relation, externalId @unique } in another file", () => {
    const info = schemaOf(
      'model Booking {\n  id Int @id\n  payment Payment[]\n}\n',
      'model Payment {\n  id Int @id\n  bookingId Int?\n  booking Booking? @relation(fields: [bookingId], references: [id])\n  externalId String @unique\n}\n',
    );
    expect(summary(info)).toEqual([
      { model: 'Booking', ok: true, unique: true, columns: [], via: 'Payment.externalId by bookingId' },
    ]);
  });

  it('a bare foreign key (no relation) counts, as does a relation held on the booking side', () => {
    expect(
      summary(schemaOf('model Booking {\n  id Int @id\n}\nmodel Transaction {\n  booking_id Int\n  providerId String @unique\n}\n')),
    ).toEqual([{ model: 'Booking', ok: true, unique: true, columns: [], via: 'Transaction.providerId by booking_id' }]);
    expect(
      summary(
        schemaOf(
          'model Booking {\n  id Int @id\n  chargeRef Int @unique\n  charge Charge @relation(fields: [chargeRef], references: [id])\n}\nmodel Charge {\n  id Int @id\n  stripeChargeId String @unique\n}\n',
        ),
      ),
    ).toEqual([{ model: 'Booking', ok: true, unique: true, columns: [], via: 'Charge.stripeChargeId by Booking.chargeRef' }]);
  });

  it('a payment model without a link to the booking, or without a provider-id column, does not count', () => {
    expect(summary(schemaOf('model Booking {\n  id Int @id\n}\nmodel Payment {\n  id Int @id\n  externalId String @unique\n}\n'))[0]?.ok).toBe(false);
    expect(
      summary(schemaOf('model Booking {\n  id Int @id\n}\nmodel Payment {\n  bookingId Int\n  amount Int\n}\n'))[0]?.ok,
    ).toBe(false);
    expect(
      summary(schemaOf('model Booking {\n  id Int @id\n}\nmodel Payment {\n  bookingId Int\n  externalId String @unique\n}\n'), {
        paymentModels: ['Transaction'],
      })[0]?.ok,
    ).toBe(false);
  });

  it('a foreign key named like a provider id (`paymentId` → Payment.id) is not the provider id', () => {
    const info = schemaOf(
      'model Booking {\n  id Int @id\n  paymentId Int? @unique\n  payment Payment? @relation(fields: [paymentId], references: [id])\n}\nmodel Payment {\n  id Int @id\n  stripePaymentIntentId String?\n}\n',
    );
    expect(summary(info)).toEqual([
      { model: 'Booking', ok: true, unique: false, columns: [], via: 'Payment.stripePaymentIntentId by Booking.paymentId' },
    ]);
  });

  it('not unique: the column exists without @unique; a unique payment link wins over a loose own column', () => {
    expect(summary(schemaOf('model Booking {\n  id Int @id\n  paymentIntentId String?\n}\n'))).toEqual([
      { model: 'Booking', ok: true, unique: false, columns: ['paymentIntentId'], via: undefined },
    ]);
    expect(
      summary(
        schemaOf('model Booking {\n  id Int @id\n  paymentIntentId String?\n}\nmodel Payment {\n  bookingId Int\n  externalId String @unique\n}\n'),
      )[0],
    ).toMatchObject({ ok: true, unique: true, via: 'Payment.externalId by bookingId' });
  });

  it('idColumns replaces the pattern: names and /regex/ sources', () => {
    const info = schemaOf('model Booking {\n  id Int @id\n  gatewayRef String @unique\n  paymentIntentId String?\n}\n');
    expect(summary(info, { idColumns: ['gatewayRef'] })[0]).toMatchObject({ ok: true, unique: true, columns: ['gatewayRef'] });
    expect(summary(info, { idColumns: ['/^gateway/'] })[0]).toMatchObject({ columns: ['gatewayRef'] });
    expect(summary(info, { idColumns: ['other'] })[0]).toMatchObject({ ok: false });
  });

  it('relation fields and lists are never provider-id columns', () => {
    const info = schemaOf('model Booking {\n  id Int @id\n  sessionId String[]\n}\n');
    expect(summary(info)[0]).toMatchObject({ ok: false, columns: [] });
  });
});

describe('isUniqueColumn', () => {
  const model = (body: string) => schemaOf(`model Booking {\n${body}\n}\n`).models.get('Booking')!;
  it.each([
    ['  x String @unique', true],
    ['  x String @id', true],
    ['  x String\n  @@unique([x])', true],
    ['  x String\n  @@unique(fields: [x], name: "ux")', true],
    ['  x String\n  @@index([x])', true],
    ['  x String\n  @@id([x])', true],
    ['  x String\n  y String\n  @@unique([y, x])', false],
    ['  x String\n  @@index([y])', false],
    ['  x String @default("")', false],
  ])('%s → %s', (body, expected) => {
    expect(isUniqueColumn(model(body), 'x')).toBe(expected);
  });
});

describe('suggestedColumn', () => {
  it('names the column after what is created, or the provider, or the project option', () => {
    expect(suggestedColumn('paymentIntentId')).toEqual({ name: 'paymentIntentId', line: 'paymentIntentId String? @unique' });
    expect(providerIdColumn('stripe')).toBe('paymentIntentId');
    expect(providerIdColumn(undefined)).toBe('paymentIntentId');
    expect(providerIdColumn('paypal')).toBe('paypalOrderId');
    expect(providerIdColumn('square')).toBe('squarePaymentId');
    expect(providerIdColumn('paddle')).toBe('paymentId');
    expect(suggestedColumn('paymentIntentId', ['/^x/', 'gatewayRef']).name).toBe('gatewayRef');
  });
});

describe('provider-aware columns', () => {
  it('a generic column holds every recognised provider’s id (a new provider’s kind hints must not claim it)', () => {
    for (const provider of PROVIDERS) {
      for (const column of ['paymentId', 'transactionId', 'externalId', 'providerId', 'providerPaymentId', 'providerTxId']) {
        expect(columnHoldsProvider(column, provider.id), `${column} / ${provider.id}`).toBe(true);
      }
    }
  });

  it.each([
    ['paymentIntentId', 'stripe', true],
    ['stripeSessionId', 'stripe', true],
    ['checkoutSessionId', 'stripe', true],
    ['stripeId', 'stripe', true],
    ['paypalOrderId', 'stripe', false],
    ['paypalOrderId', 'paypal', true],
    ['paymentIntentId', 'paypal', false],
    ['checkoutSessionId', 'square', false],
    ['squarePaymentId', 'square', true],
    ['squarePaymentId', 'stripe', false],
    ['externalId', 'stripe', true],
    ['externalId', 'paypal', true],
    ['providerTxId', 'square', true],
    ['transactionId', 'paypal', true],
    ['paymentId', 'braintree', true],
    ['paymentIntentId', 'braintree', false],
    ['braintreeTxId', 'stripe', false],
  ])('%s holds a %s id: %s', (column, provider, expected) => {
    expect(columnHoldsProvider(column, provider)).toBe(expected);
  });

  it('names the provider a column is specific to, none for a generic one', () => {
    expect(columnProviderName('paypalOrderId')).toBe('PayPal');
    expect(columnProviderName('paymentIntentId')).toBe('Stripe');
    expect(columnProviderName('externalId')).toBeUndefined();
  });

  it("columnsFor keeps the columns that can hold the provider's id, own and linked", () => {
    const [link] = analyzeBookingPaymentLink(
      schemaOf(
        'model Booking {\n  id Int @id\n  paypalOrderId String? @unique\n}\nmodel Payment {\n  bookingId Int\n  stripePaymentIntentId String?\n}\n',
      ),
    );
    expect(link!.columns.map((c) => `${c.model.name}.${c.field.name}:${c.unique}:${c.foreignKey ?? ''}`)).toEqual([
      'Booking.paypalOrderId:true:',
      'Payment.stripePaymentIntentId:false:bookingId',
    ]);
    expect(columnsFor(link!, 'stripe').map((c) => c.field.name)).toEqual(['stripePaymentIntentId']);
    expect(columnsFor(link!, 'paypal').map((c) => c.field.name)).toEqual(['paypalOrderId']);
    expect(columnsFor(link!, 'square')).toEqual([]);
    expect(columnsFor(link!).length).toBe(2);
    expect(describeOtherColumns(link!.columns)).toBe("`paypalOrderId`, PayPal's; `Payment.stripePaymentIntentId`, Stripe's");
  });

  it('generic reference names count: providerTxId, providerRef, paymentRef', () => {
    for (const column of ['providerTxId', 'providerRef', 'paymentRef', 'gatewayReference']) {
      expect(summary(schemaOf(`model Booking {\n  id Int @id\n  ${column} String?\n}\n`))[0]).toMatchObject({ ok: true, columns: [column] });
    }
    expect(summary(schemaOf('model Booking {\n  id Int @id\n  roomRef String?\n}\n'))[0]).toMatchObject({ ok: false });
  });

  it('a column with a default is a placeholder', () => {
    const model = schemaOf('model Booking {\n  a String @default("")\n  b String?\n}\n').models.get('Booking')!;
    expect(model.fields.map(hasPlaceholderDefault)).toEqual([true, false]);
  });
});

describe('linked tables of any name', () => {
  const OWN = [
    'model Reservation {\n  id String @id\n}\n',
    'model PaymentIntent {\n  id String @id\n  stripeId String @unique\n  reservationId String @unique\n}\n',
    'model Payment {\n  id String @id\n  reservationId String\n  providerTxId String\n}\n',
  ].join('');

  it('a model that references the booking and holds a provider id links it, whatever its name', () => {
    const [link] = analyzeBookingPaymentLink(schemaOf(OWN));
    expect(link).toMatchObject({ ok: true });
    expect(link!.viaPayment).toMatchObject({ foreignKey: 'reservationId', unique: true });
    expect(link!.viaPayment!.model.name).toBe('PaymentIntent');
    expect(link!.columns.map((c) => `${c.model.name}.${c.field.name}`).sort()).toEqual(['Payment.providerTxId', 'PaymentIntent.stripeId']);
  });

  it('the default list of payment models does not restrict; a configured one does', () => {
    expect(analyzeBookingPaymentLink(schemaOf(OWN), { paymentModels: ['Payment', 'Transaction', 'Charge'] })[0]!.columns).toHaveLength(2);
    const restricted = analyzeBookingPaymentLink(schemaOf(OWN), { paymentModels: ['Payment'] })[0]!;
    expect(restricted.columns.map((c) => c.model.name)).toEqual(['Payment']);
    expect(analyzeBookingPaymentLink(schemaOf(OWN), { paymentModels: ['Charge'] })[0]!.ok).toBe(false);
  });

  it('another booking-like model is not a linked table, nor is a model without a key to the booking', () => {
    const info = schemaOf(
      'model Booking {\n  id Int @id\n}\nmodel Appointment {\n  bookingId Int\n  paymentIntentId String @unique\n}\nmodel Invoice {\n  externalId String @unique\n}\n',
    );
    expect(summary(info).map((l) => [l.model, l.ok])).toEqual([
      ['Booking', false],
      ['Appointment', true],
    ]);
  });
});
