import { describe, expect, it } from 'vitest';

import { parsePrisma } from '../../src/languages/prisma/parser.js';
import { providerIdColumn } from '../../src/providers/index.js';
import { addToSchemaInfo, type PrismaSchemaInfo } from '../../src/schema/load.js';
import {
  analyzeBookingPaymentLink,
  isLinkUnique,
  isUniqueColumn,
  suggestedColumn,
} from '../../src/schema/link.js';

function schemaOf(...files: string[]): PrismaSchemaInfo {
  const info: PrismaSchemaInfo = { files: [], models: new Map(), views: new Map(), types: new Map(), enums: new Set() };
  files.forEach((text, i) => {
    const r = parsePrisma(text);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    addToSchemaInfo(info, r.ast, `/p/schema-${i}.prisma`);
  });
  return info;
}

const summary = (info: PrismaSchemaInfo, vocabulary = {}) =>
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
