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
    { code: 'model Appointment {\n  paypalOrderId String @id\n}\n', filename: fx('prisma7', 'db', 'schema.prisma') },
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
  ],
  invalid: [
    {
      code: PRISMA7,
      filename: fx('prisma7', 'db', 'schema.prisma'),
      errors: [
        {
          messageId: 'missingColumn',
          data: { model: 'Booking', column: 'paymentIntentId String? @unique', paymentModels: 'Payment/Transaction/Charge' },
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
          data: { model: 'Reservation', column: 'paypalOrderId String? @unique', paymentModels: 'Payment/Transaction/Charge' },
          suggestions: [{ messageId: 'addColumn', output: 'model Reservation {\n  id String @id\n  paypalOrderId String? @unique\n}\n' }],
        },
      ],
    },
    // The column is there, not unique: reported on the field, suggestion adds @unique.
    {
      code: read('not-unique', 'prisma', 'schema.prisma'),
      filename: fx('not-unique', 'prisma', 'schema.prisma'),
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
      errors: [{ messageId: 'notUnique', line: 3, suggestions: [{ messageId: 'addUnique', output: 'model Booking {\n  id String @id\n  paymentIntentId String? @unique\n  @@unique([id, paymentIntentId])\n}\n' }] }],
    },
    // Multi-file: the sibling Payment holds the link, but its provider id is not unique.
    {
      code: read('multi-file-loose', 'prisma', 'schema', 'booking.prisma'),
      filename: fx('multi-file-loose', 'prisma', 'schema', 'booking.prisma'),
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
          data: { model: 'Booking', column: 'paymentIntentId String? @unique', paymentModels: 'Transaction' },
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
          data: { model: 'Rental', column: 'paymentIntentId String? @unique', paymentModels: 'Payment/Transaction/Charge' },
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
