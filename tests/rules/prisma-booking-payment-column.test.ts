import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { type Linter, RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';

import plugin from '../../src/index.js';
import rule from '../../src/rules/prisma-booking-payment-column.js';
import { fixturesDir } from '../rule-tester.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
(RuleTester as unknown as { afterAll?: unknown }).afterAll = afterAll;

const ruleTester = new RuleTester({
  plugins: { 'booking-payment': plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
  language: 'booking-payment/prisma',
});

const fx = (...p: string[]) => path.join(fixturesDir, 'prisma', ...p);
const read = (...p: string[]) => fs.readFileSync(fx(...p), 'utf8');

const PRISMA7 = read('prisma7', 'db', 'schema.prisma');
const OWN_NAMING = read('own-naming', 'prisma', 'schema.prisma');
const PAYMENT_UNIQUE_FK = read('payment-unique-fk', 'prisma', 'schema.prisma');
const NO_COLUMN = 'model Booking {\n  id String @id\n}\n';
const TWO_COLUMNS = 'model Booking {\n  id String @id\n  paymentIntentId String? @unique\n  stripeSessionId String?\n}\n';
const PLACEHOLDER = 'model Booking {\n  id String @id\n  paymentIntentId String @default("")\n}\n';

// A multi-file schema whose booking file is broken on disk (a half-saved edit) while the editor's buffer is
// valid; the Payment model that links the booking is in another file.
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-prisma-rule-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));
const BOOKING_WITH_PAYMENTS = 'model Booking {\n  id String @id\n  payments Payment[]\n}\n';
const LINKED_PAYMENT =
  'model Payment {\n  id String @id\n  bookingId String\n  booking Booking @relation(fields: [bookingId], references: [id])\n  externalId String @unique\n}\n';
for (const [rel, text] of Object.entries({
  'package.json': '{"dependencies":{"stripe":"*"}}',
  'prisma/schema/a_booking.prisma': 'model Booking {\n  id Str ing\n}\n',
  'prisma/schema/payment.prisma': LINKED_PAYMENT,
})) {
  fs.mkdirSync(path.dirname(path.join(tmpRoot, rel)), { recursive: true });
  fs.writeFileSync(path.join(tmpRoot, rel), text);
}
const brokenOnDisk = path.join(tmpRoot, 'prisma/schema/a_booking.prisma');

ruleTester.run('prisma-booking-payment-column', rule as unknown as Parameters<RuleTester['run']>[1], {
  valid: [
    // Prisma 6 fixture: `paymentIntentId String? @unique`.
    { code: read('prisma6', 'prisma', 'schema.prisma'), filename: fx('prisma6', 'prisma', 'schema.prisma') },
    // Multi-file: the Payment model that holds the link is in a sibling file.
    { code: read('multi-file', 'prisma', 'schema', 'booking.prisma'), filename: fx('multi-file', 'prisma', 'schema', 'booking.prisma') },
    // The linted file is broken on disk but valid in the editor: the other files are still read, and the
    // Payment model there links the booking.
    { code: BOOKING_WITH_PAYMENTS, filename: brokenOnDisk },
    // The sibling file with the payment model: no booking model here, nothing to check.
    {
      code: read('multi-file', 'prisma', 'schema', 'billing', 'payment.prisma'),
      filename: fx('multi-file', 'prisma', 'schema', 'billing', 'payment.prisma'),
    },
    // No server-side payment SDK (only @stripe/stripe-js): not applicable.
    { code: PRISMA7, filename: fx('no-sdk', 'prisma', 'schema.prisma') },
    // The link through a Payment model in the same file (cal.com's shape), with @@unique on the provider id.
    {
      code: `model Booking {
  id       Int       @id
  payments Payment[]
}

model Payment {
  id         Int     @id
  bookingId  Int
  booking    Booking @relation(fields: [bookingId], references: [id])
  externalId String

  @@unique([externalId])
}
`,
      filename: fx('prisma7', 'db', 'schema.prisma'),
    },
    // Other provider-id names, snake_case, @@index, an @id.
    { code: 'model Booking {\n  id String @id\n  stripe_session_id String?\n  @@index([stripe_session_id])\n}\n', filename: fx('prisma7', 'db', 'schema.prisma') },
    // (A PayPal column counts in a PayPal project; in a Stripe project it is reported, see the invalid cases.)
    { code: 'model Appointment {\n  paypalOrderId String @id\n}\n', filename: fx('paypal', 'prisma', 'schema.prisma') },
    // Options: a booking model the project does not use, its own column names.
    { code: PRISMA7, filename: fx('prisma7', 'db', 'schema.prisma'), options: [{ bookingModels: ['Rental'] }] },
    { code: 'model Booking {\n  id String @id\n  ref String @unique\n}\n', filename: fx('prisma7', 'db', 'schema.prisma'), options: [{ idColumns: ['ref'] }] },
    // A view or a composite type named Booking stores nothing; an enum is not a model.
    { code: 'view Booking {\n  id String @unique\n}\ntype Reservation {\n  a String\n}\n', filename: fx('prisma7', 'db', 'schema.prisma') },
    // A disable comment (RuleTester registers the rule as `rule-to-test/…`; the plugin's own name is tested
    // with ESLint's Linter in tests/languages/prisma-language.test.ts).
    {
      code: PRISMA7.replace('model Booking {', '// eslint-disable-next-line rule-to-test/prisma-booking-payment-column -- paid at the desk\nmodel Booking {'),
      filename: fx('prisma7', 'db', 'schema.prisma'),
    },
    // Only the schema Prisma reads is linted: a draft next to it, a `prisma/schema.prisma` when package.json
    // names another file, a file outside the schema folder.
    { code: NO_COLUMN, filename: fx('prisma6', 'prisma', 'schema_roles_extended.prisma') },
    { code: NO_COLUMN, filename: fx('package-json-location', 'prisma', 'schema.prisma') },
    { code: NO_COLUMN, filename: fx('multi-file', 'prisma', 'old-schema.prisma') },
    { code: NO_COLUMN, filename: fx('prisma7', 'prisma', 'schema.prisma') },
    // Tables of the project's own naming hold the link: `PaymentIntent { stripeId, reservationId }`,
    // `Payment { reservationId, providerTxId }`.
    { code: OWN_NAMING, filename: fx('own-naming', 'prisma', 'schema.prisma') },
    // Uniqueness is asked for only under requireUnique: a loose column is a link.
    { code: read('not-unique', 'prisma', 'schema.prisma'), filename: fx('not-unique', 'prisma', 'schema.prisma') },
    { code: read('multi-file-loose', 'prisma', 'schema', 'booking.prisma'), filename: fx('multi-file-loose', 'prisma', 'schema', 'booking.prisma') },
    { code: PAYMENT_UNIQUE_FK, filename: fx('payment-unique-fk', 'prisma', 'schema.prisma') },
    { code: TWO_COLUMNS, filename: fx('prisma7', 'db', 'schema.prisma') },
    // A column with a default holds the same placeholder in every row: `@unique` is never asked for it.
    { code: PLACEHOLDER, filename: fx('prisma7', 'db', 'schema.prisma'), options: [{ requireUnique: true }] },
    // A generic column holds any provider's id: a Stripe and PayPal project with `externalId` is linked.
    { code: 'model Booking {\n  id String @id\n  externalId String? @unique\n}\n', filename: fx('paypal-column-only', 'prisma', 'schema.prisma') },
    { code: read('paypal-column-only', 'prisma', 'schema.prisma'), filename: fx('paypal', 'prisma', 'schema.prisma') },
    // A model named like no booking (a rental app's `Location`) is not judged here: the schema cannot say it is
    // the booking (the TS rule can, from the code).
    { code: 'model Location {\n  id String @id\n}\n', filename: fx('prisma7', 'db', 'schema.prisma') },
  ],
  invalid: [
    // The located schema itself is linted (package.json's prisma.schema, the folder's files).
    {
      code: NO_COLUMN,
      filename: fx('package-json-location', 'database', 'main.prisma'),
      errors: [{ messageId: 'missingColumn', line: 1, suggestions: [{ messageId: 'addColumn', output: NO_COLUMN.replace('@id\n', '@id\n  paymentIntentId String? @unique\n') }] }],
    },
    {
      code: NO_COLUMN,
      filename: fx('multi-file', 'prisma', 'schema', 'other.prisma'),
      options: [{ paymentModels: ['Transaction'] }],
      errors: [{ messageId: 'missingColumn', line: 1, suggestions: [{ messageId: 'addColumn', output: NO_COLUMN.replace('@id\n', '@id\n  paymentIntentId String? @unique\n') }] }],
    },
    // Another provider's column does not hold this provider's id: the Stripe column is asked for, and the
    // message says what the model has.
    {
      code: read('paypal-column-only', 'prisma', 'schema.prisma'),
      filename: fx('paypal-column-only', 'prisma', 'schema.prisma'),
      errors: [
        {
          messageId: 'missingColumn',
          data: { model: 'Booking', column: 'paymentIntentId String? @unique', provider: 'Stripe', present: " (only `paypalOrderId`, PayPal's)", linked: 'model' },
          line: 2,
          suggestions: [
            {
              messageId: 'addColumn',
              output: read('paypal-column-only', 'prisma', 'schema.prisma').replace('@unique\n', '@unique\n  paymentIntentId String? @unique\n'),
            },
          ],
        },
      ],
    },
    {
      code: 'model Appointment {\n  paypalOrderId String @id\n}\n',
      filename: fx('prisma7', 'db', 'schema.prisma'),
      errors: [{ messageId: 'missingColumn', data: { model: 'Appointment', column: 'paymentIntentId String? @unique', provider: 'Stripe', present: " (only `paypalOrderId`, PayPal's)", linked: 'model' },
          suggestions: [{ messageId: 'addColumn', output: 'model Appointment {\n  paypalOrderId String @id\n  paymentIntentId String? @unique\n}\n' }],
        },
      ],
    },
    // A Stripe and PayPal project: a Stripe-only column leaves the PayPal order id nowhere.
    {
      code: 'model Booking {\n  id String @id\n  paymentIntentId String? @unique\n}\n',
      filename: fx('paypal-column-only', 'prisma', 'schema.prisma'),
      errors: [{ messageId: 'missingColumn', data: { model: 'Booking', column: 'paypalOrderId String? @unique', provider: 'PayPal', present: " (only `paymentIntentId`, Stripe's)", linked: 'model' },
          suggestions: [{ messageId: 'addColumn', output: 'model Booking {\n  id String @id\n  paymentIntentId String? @unique\n  paypalOrderId String? @unique\n}\n' }],
        },
      ],
    },
    // Neither: one report on the model, one suggestion per provider's column.
    {
      code: NO_COLUMN,
      filename: fx('paypal-column-only', 'prisma', 'schema.prisma'),
      errors: [
        {
          messageId: 'missingColumn',
          data: { model: 'Booking', column: 'paymentIntentId String? @unique` and `paypalOrderId String? @unique', provider: 'Stripe or the PayPal', present: '', linked: 'model' },
          suggestions: [
            { messageId: 'addColumn', output: 'model Booking {\n  id String @id\n  paymentIntentId String? @unique\n}\n' },
            { messageId: 'addColumn', output: 'model Booking {\n  id String @id\n  paypalOrderId String? @unique\n}\n' },
          ],
        },
      ],
    },
    // requireUnique: every loose provider column, also next to a unique one, and in a linked table of any name.
    {
      code: TWO_COLUMNS,
      filename: fx('prisma7', 'db', 'schema.prisma'),
      options: [{ requireUnique: true }],
      errors: [{ messageId: 'notUnique', data: { model: 'Booking', column: 'stripeSessionId' }, line: 4, suggestions: [{ messageId: 'addUnique', output: TWO_COLUMNS.replace('stripeSessionId String?', 'stripeSessionId String? @unique') }] }],
    },
    {
      code: OWN_NAMING,
      filename: fx('own-naming', 'prisma', 'schema.prisma'),
      options: [{ requireUnique: true }],
      errors: [
        {
          messageId: 'notUnique',
          data: { model: 'Payment', column: 'providerTxId' },
          line: 15,
          suggestions: [{ messageId: 'addUnique', output: OWN_NAMING.replace('providerTxId  String', 'providerTxId  String @unique') }],
        },
      ],
    },
    // A payment table linked to two booking models: its loose column is one problem, reported once.
    {
      code: 'model Booking {\n  id String @id\n}\nmodel Appointment {\n  id String @id\n}\nmodel Payment {\n  bookingId String\n  appointmentId String\n  externalId String\n}\n',
      filename: fx('prisma7', 'db', 'schema.prisma'),
      options: [{ requireUnique: true }],
      errors: [
        {
          messageId: 'notUnique',
          data: { model: 'Payment', column: 'externalId' },
          line: 10,
          suggestions: [
            {
              messageId: 'addUnique',
              output: 'model Booking {\n  id String @id\n}\nmodel Appointment {\n  id String @id\n}\nmodel Payment {\n  bookingId String\n  appointmentId String\n  externalId String @unique\n}\n',
            },
          ],
        },
      ],
    },
    {
      code: PAYMENT_UNIQUE_FK,
      filename: fx('payment-unique-fk', 'prisma', 'schema.prisma'),
      options: [{ requireUnique: true }],
      errors: [
        {
          messageId: 'notUnique',
          data: { model: 'Payment', column: 'providerPaymentId' },
          line: 10,
          suggestions: [{ messageId: 'addUnique', output: PAYMENT_UNIQUE_FK.replace('providerPaymentId String?', 'providerPaymentId String? @unique') }],
        },
      ],
    },
    {
      code: PRISMA7,
      filename: fx('prisma7', 'db', 'schema.prisma'),
      errors: [
        {
          messageId: 'missingColumn',
          data: { model: 'Booking', column: 'paymentIntentId String? @unique', provider: 'Stripe', present: '', linked: 'model' },
          line: 11,
          column: 1,
          endLine: 11,
          endColumn: 14,
          suggestions: [
            {
              messageId: 'addColumn',
              data: { column: 'paymentIntentId String? @unique', model: 'Booking' },
              output: PRISMA7.replace(
                '  createdAt DateTime @default(now())\n',
                '  createdAt DateTime @default(now())\n  paymentIntentId String? @unique\n',
              ),
            },
          ],
        },
      ],
    },
    // The insertion goes after the last field, before the block attributes, with the model's indentation.
    {
      code: 'model Reservation {\n    id    String @id\n    email String // contact\n\n    @@index([email])\n}\n',
      filename: fx('prisma7', 'db', 'schema.prisma'),
      errors: [
        {
          messageId: 'missingColumn',
          line: 1,
          suggestions: [
            {
              messageId: 'addColumn',
              output: 'model Reservation {\n    id    String @id\n    email String // contact\n    paymentIntentId String? @unique\n\n    @@index([email])\n}\n',
            },
          ],
        },
      ],
    },
    // An empty model; CRLF line ends are kept.
    {
      code: 'model Booking {\r\n}\r\n',
      filename: fx('prisma7', 'db', 'schema.prisma'),
      errors: [{ messageId: 'missingColumn', suggestions: [{ messageId: 'addColumn', output: 'model Booking {\r\n  paymentIntentId String? @unique\n}\r\n' }] }],
    },
    {
      code: 'model Booking {\r\n  id String @id\r\n}\r\n',
      filename: fx('prisma7', 'db', 'schema.prisma'),
      errors: [{ messageId: 'missingColumn', suggestions: [{ messageId: 'addColumn', output: 'model Booking {\r\n  id String @id\r\n  paymentIntentId String? @unique\r\n}\r\n' }] }],
    },
    // Old Mac line ends (a lone `\r`) are line ends for Prisma: parsed, and kept by the suggestion.
    {
      code: '// bookings\rmodel Booking {\r  id String @id\r}\r',
      filename: fx('prisma7', 'db', 'schema.prisma'),
      errors: [
        {
          messageId: 'missingColumn',
          line: 2,
          column: 1,
          suggestions: [{ messageId: 'addColumn', output: '// bookings\rmodel Booking {\r  id String @id\r  paymentIntentId String? @unique\r}\r' }],
        },
      ],
    },
    // A PayPal-only project is told the PayPal column.
    {
      code: read('paypal', 'prisma', 'schema.prisma'),
      filename: fx('paypal', 'prisma', 'schema.prisma'),
      errors: [
        {
          messageId: 'missingColumn',
          data: { model: 'Reservation', column: 'paypalOrderId String? @unique', provider: 'PayPal', present: '', linked: 'model' },
          suggestions: [{ messageId: 'addColumn', output: 'model Reservation {\n  id String @id\n  paypalOrderId String? @unique\n}\n' }],
        },
      ],
    },
    // The column is there, not unique: reported on the field, suggestion adds @unique.
    {
      code: read('not-unique', 'prisma', 'schema.prisma'),
      filename: fx('not-unique', 'prisma', 'schema.prisma'),
      options: [{ requireUnique: true }],
      errors: [
        {
          messageId: 'notUnique',
          data: { model: 'Booking', column: 'paymentIntentId' },
          line: 9,
          column: 3,
          endLine: 9,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'addUnique',
              output: read('not-unique', 'prisma', 'schema.prisma').replace('paymentIntentId String?', 'paymentIntentId String? @unique'),
            },
          ],
        },
      ],
    },
    // A composite @@unique does not make the provider id unique on its own.
    {
      code: 'model Booking {\n  id String @id\n  paymentIntentId String?\n  @@unique([id, paymentIntentId])\n}\n',
      filename: fx('prisma7', 'db', 'schema.prisma'),
      options: [{ requireUnique: true }],
      errors: [{ messageId: 'notUnique', line: 3, suggestions: [{ messageId: 'addUnique', output: 'model Booking {\n  id String @id\n  paymentIntentId String? @unique\n  @@unique([id, paymentIntentId])\n}\n' }] }],
    },
    // Multi-file: the sibling Payment holds the link, but its provider id is not unique.
    {
      code: read('multi-file-loose', 'prisma', 'schema', 'booking.prisma'),
      filename: fx('multi-file-loose', 'prisma', 'schema', 'booking.prisma'),
      options: [{ requireUnique: true }],
      errors: [
        {
          messageId: 'notUniqueElsewhere',
          data: {
            model: 'Booking',
            owner: 'Payment',
            column: 'externalId',
            file: path.relative(process.cwd(), fx('multi-file-loose', 'prisma', 'schema', 'payment.prisma')),
            line: '5',
          },
          line: 1,
          column: 1,
        },
      ],
    },
    // Multi-file, with the Payment model not counted (paymentModels): the booking has no link.
    {
      code: read('multi-file', 'prisma', 'schema', 'booking.prisma'),
      filename: fx('multi-file', 'prisma', 'schema', 'booking.prisma'),
      options: [{ paymentModels: ['Transaction'] }],
      errors: [
        {
          messageId: 'missingColumn',
          data: { model: 'Booking', column: 'paymentIntentId String? @unique', provider: 'Stripe', present: '', linked: 'Transaction model' },
          suggestions: [
            {
              messageId: 'addColumn',
              output: read('multi-file', 'prisma', 'schema', 'booking.prisma').replace('Payment[]\n', 'Payment[]\n  paymentIntentId String? @unique\n'),
            },
          ],
        },
      ],
    },
    // Settings name the booking models.
    {
      code: 'model Rental {\n  id String @id\n}\n',
      filename: fx('prisma7', 'db', 'schema.prisma'),
      settings: { 'booking-payment': { bookingModels: ['Rental'] } },
      errors: [
        {
          messageId: 'missingColumn',
          data: { model: 'Rental', column: 'paymentIntentId String? @unique', provider: 'Stripe', present: '', linked: 'model' },
          suggestions: [{ messageId: 'addColumn', output: 'model Rental {\n  id String @id\n  paymentIntentId String? @unique\n}\n' }],
        },
      ],
    },
    // A model whose relation field is named like an id is not a provider-id column (`paymentId` is a foreign key here).
    {
      code: 'model Booking {\n  id String @id\n  paymentId String?\n  payment Payment? @relation(fields: [paymentId], references: [id])\n}\nmodel Payment {\n  id String @id\n}\n',
      filename: fx('prisma7', 'db', 'schema.prisma'),
      errors: [
        {
          messageId: 'missingColumn',
          line: 1,
          suggestions: [
            {
              messageId: 'addColumn',
              output:
                'model Booking {\n  id String @id\n  paymentId String?\n  payment Payment? @relation(fields: [paymentId], references: [id])\n  paymentIntentId String? @unique\n}\nmodel Payment {\n  id String @id\n}\n',
            },
          ],
        },
      ],
    },
  ],
});
