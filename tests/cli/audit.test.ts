/**
 * `booking-payment-audit` on small projects written to a temporary directory: the real ESLint run, the
 * real schema loader, the three formats, progress and exit codes.
 */
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { lastLine, projectWriter, runAuditCli } from './audit-helpers.js';

const project = projectWriter('booking-payment-audit-');
const audit = (args: string[], tty = false) => runAuditCli(args, { tty });

const PACKAGE_JSON = JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { stripe: '^23.1.0' } });

const SCHEMA = (column: string): string => `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Booking {
  id     String @id @default(cuid())
  status String${column}
}
`;
const WITH_COLUMN = SCHEMA('\n  paymentIntentId String? @unique');

const checkout = (metadata: string): string => `import Stripe from 'stripe';
import { prisma } from './db';

const stripe = new Stripe(process.env.STRIPE_KEY ?? '');

export async function checkout(booking: { id: string; amount: number }) {
  const intent = await stripe.paymentIntents.create({ amount: booking.amount, currency: 'eur'${metadata} });
  await prisma.booking.update({ where: { id: booking.id }, data: { paymentIntentId: intent.id } });
  return intent.client_secret;
}
`;

const DB = `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`;

describe('booking-payment-audit', () => {
  const both = project({
    'package.json': PACKAGE_JSON,
    'prisma/schema.prisma': WITH_COLUMN,
    'src/db.ts': DB,
    'src/checkout.ts': checkout(', metadata: { bookingId: booking.id }'),
  });

  it('both links: the seed check’s pass line, exit 0', async () => {
    const result = await audit([both]);
    expect(result.code).toBe(0);
    expect(lastLine(result.stdout)).toBe(
      '2 of 2 bidirectional links present: booking.paymentIntentId -> Stripe, Stripe metadata.bookingId -> booking',
    );
    expect(result.stdout).toContain(
      'Bidirectional link: booking.paymentIntentId <-> Stripe metadata.bookingId in prisma/schema.prisma',
    );
    expect(result.stdout).toContain('model Booking (prisma/schema.prisma:6)');
    expect(result.stdout).toMatch(
      /src\/checkout\.ts:7 +PaymentIntent +carries metadata\.bookingId +stores it in booking\.paymentIntentId/,
    );
    expect(result.stderr).toBe('');
  });

  it('one link missing: names it and where, exit 1', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': WITH_COLUMN,
      'src/db.ts': DB,
      'src/checkout.ts': checkout(''),
    });
    const result = await audit([dir]);
    expect(result.code).toBe(1);
    expect(lastLine(result.stdout)).toBe(
      '1 of 2 bidirectional links present: booking.paymentIntentId -> Stripe; missing: Stripe metadata.bookingId -> booking ' +
        '(1 of 1 payment creation carries no booking id: src/checkout.ts:7 (PaymentIntent))',
    );
  });

  it('no provider-id column: points at the model line, exit 1', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': SCHEMA(''),
      'src/db.ts': DB,
      'src/checkout.ts': checkout(', metadata: { bookingId: booking.id }'),
    });
    const result = await audit([dir]);
    expect(result.code).toBe(1);
    expect(lastLine(result.stdout)).toBe(
      '1 of 2 bidirectional links present: Stripe metadata.bookingId -> booking; missing: booking -> Stripe ' +
        '(model Booking (prisma/schema.prisma:6) has no column for the Stripe payment id)',
    );
  });

  it('N/A when package.json has no payment SDK, exit 0', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'site', dependencies: { '@stripe/stripe-js': '^7.0.0' } }),
      'src/index.ts': 'export const x = 1;\n',
    });
    const result = await audit([dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('N/A: no payment SDK in package.json');
    const json = JSON.parse((await audit([dir, '--format', 'json'])).stdout) as { status: string };
    expect(json.status).toBe('n/a');
  });

  it('--format json: the facts, machine-readable', async () => {
    const result = await audit([both, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      status: string;
      filesLinted: number;
      schema: { status: string; location: string };
      providers: { provider: string; present: number; callSites: unknown[] }[];
    };
    expect(report.status).toBe('pass');
    expect(report.filesLinted).toBe(2);
    expect(report.schema).toMatchObject({ status: 'ok', location: 'prisma/schema.prisma' });
    expect(report.providers[0]).toMatchObject({ provider: 'stripe', present: 2 });
    expect(report.providers[0]!.callSites).toEqual([
      {
        provider: 'stripe',
        kind: 'paymentIntent',
        label: 'PaymentIntent',
        file: 'src/checkout.ts',
        line: 7,
        column: 24,
        carries: { status: 'present', where: 'metadata.bookingId' },
        stores: {
          status: 'stored',
          where: 'booking.paymentIntentId',
          write: { model: 'booking', column: 'paymentIntentId', file: 'src/checkout.ts', line: 8, kind: 'local' },
        },
      },
    ]);
  });

  it('--format sarif: SARIF 2.1.0 with rule ids and locations', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': WITH_COLUMN,
      'src/db.ts': DB,
      'src/checkout.ts': checkout(''),
    });
    const result = await audit(['--format=sarif', dir]);
    expect(result.code).toBe(1);
    const sarif = JSON.parse(result.stdout) as {
      version: string;
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(
      sarif.runs[0]!.results.map(
        (r) => `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`,
      ),
    ).toEqual([
      'booking-payment/require-booking-id-metadata src/checkout.ts:7',
      'booking-payment-audit/bidirectional-link src/checkout.ts:7',
    ]);
  });

  it("honours the project's ESLint config: its ignores and settings['booking-payment']", async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'eslint.config.js': `export default [
  { ignores: ['legacy/'] },
  { settings: { 'booking-payment': { keys: ['rentalId'], schema: 'db/schema.prisma' } } },
];
`,
      'db/schema.prisma': WITH_COLUMN,
      'src/db.ts': DB,
      'src/checkout.ts': checkout(', metadata: { rentalId: booking.id }'),
      'legacy/old.js': `import Stripe from 'stripe';\nconst stripe = new Stripe('k');\nexport const pay = () => stripe.paymentIntents.create({ amount: 1, currency: 'eur' });\n`,
    });
    const result = await audit([dir]);
    expect(result.stdout).not.toContain('legacy/old.js');
    expect(lastLine(result.stdout)).toBe(
      '2 of 2 bidirectional links present: booking.paymentIntentId -> Stripe, Stripe metadata.rentalId -> booking',
    );
    expect(result.stdout).toContain('schema: db/schema.prisma');
    expect(result.code).toBe(0);
  });

  it('without an ESLint config it still skips node_modules and build output, and says so', async () => {
    const bad = `import Stripe from 'stripe';\nconst stripe = new Stripe('k');\nexport const pay = () => stripe.paymentIntents.create({ amount: 1, currency: 'eur' });\n`;
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': WITH_COLUMN,
      'src/db.ts': DB,
      'src/checkout.ts': checkout(', metadata: { bookingId: booking.id }'),
      'dist/checkout.js': bad,
      'node_modules/some-lib/index.js': bad,
    });
    const result = await audit([dir]);
    expect(result.stdout).toContain('note: No ESLint config found');
    expect(result.stdout).not.toMatch(/dist\/checkout\.js|some-lib/);
    expect(result.code).toBe(0);
  });

  it('reads CommonJS .js files', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'cjs-app', dependencies: { stripe: '^23.1.0' } }),
      'prisma/schema.prisma': WITH_COLUMN,
      'lib/pay.js': `const stripe = require('stripe')(process.env.STRIPE_KEY);
async function pay(booking) {
  const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'eur' });
  return intent.id;
}
module.exports = { pay };
`,
    });
    const result = await audit([dir, '-f', 'json']);
    const report = JSON.parse(result.stdout) as { providers: { callSites: { file: string; line: number; carries: { status: string } }[] }[] };
    expect(report.providers[0]!.callSites).toMatchObject([{ file: 'lib/pay.js', line: 3, carries: { status: 'missing' } }]);
    expect(result.code).toBe(1);
  });

  it('honours eslint-disable comments for the rule that reports the problem', async () => {
    const giftCard = `import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_KEY ?? '');

export async function sellGiftCard(amount: number) {
  // eslint-disable-next-line booking-payment/require-booking-id-metadata, booking-payment/require-persisted-payment-id -- a gift card belongs to no booking
  const intent = await stripe.paymentIntents.create({ amount, currency: 'eur' });
  return intent.id;
}

export async function tip(amount: number) {
  /* eslint-disable booking-payment/require-persisted-payment-id -- only the other rule is off here */
  const intent = await stripe.paymentIntents.create({ amount, currency: 'eur' });
  /* eslint-enable booking-payment/require-persisted-payment-id */
  return intent.id;
}
`;
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': WITH_COLUMN,
      'src/db.ts': DB,
      'src/checkout.ts': checkout(', metadata: { bookingId: booking.id }'),
      'src/gift-card.ts': giftCard,
    });
    const text = await audit([dir]);
    expect(text.stdout).toMatch(/src\/gift-card\.ts:7 +PaymentIntent +carries NO booking id \(exempted by eslint-disable\)/);
    expect(text.stdout).toMatch(/src\/gift-card\.ts:13 +PaymentIntent +carries NO booking id +/);
    expect(lastLine(text.stdout)).toMatch(
      /^1 of 2 bidirectional links present: booking\.paymentIntentId -> Stripe; missing: Stripe metadata\.bookingId -> booking \(1 of 3 payment creations carries no booking id: src\/gift-card\.ts:13 \(PaymentIntent\)\)$/,
    );
    expect(text.code).toBe(1);

    const sarif = JSON.parse((await audit([dir, '--format', 'sarif'])).stdout) as {
      runs: { results: { ruleId: string; suppressions?: { kind: string }[]; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
    };
    const metadataResults = sarif.runs[0]!.results.filter((r) => r.ruleId === 'booking-payment/require-booking-id-metadata');
    expect(metadataResults.map((r) => [r.locations[0]!.physicalLocation.region.startLine, r.suppressions ?? null])).toEqual([
      [7, [{ kind: 'inSource' }]],
      [13, null],
    ]);
  });

  it('audits PayPal orders too (booking id in purchaseUnits[].customId, order id in paypalOrderId)', async () => {
    const order = (customId: string) => `await orders.createOrder({
    body: { intent: 'CAPTURE', purchaseUnits: [{ ${customId}amount: { currencyCode: 'EUR', value: booking.amount } }] },
  })`;
    const dir = project({
      'package.json': JSON.stringify({ name: 'pp', dependencies: { '@paypal/paypal-server-sdk': '^1.0.0' } }),
      'prisma/schema.prisma': SCHEMA('\n  paypalOrderId String? @unique'),
      'src/db.ts': DB,
      'src/checkout.ts': `import { Client, OrdersController } from '@paypal/paypal-server-sdk';
import { prisma } from './db';

const orders = new OrdersController(new Client({}));

export async function checkout(booking: { id: string; amount: string }) {
  const response = ${order('customId: booking.id, ')};
  await prisma.booking.update({ where: { id: booking.id }, data: { paypalOrderId: response.result.id } });
  return response.result.id;
}

export async function deposit(booking: { id: string; amount: string }) {
  const response = ${order('')};
  await prisma.booking.update({ where: { id: booking.id }, data: { paypalOrderId: response.result.id } });
  return response.result.id;
}
`,
    });
    const result = await audit([dir]);
    expect(result.stdout).toMatch(/src\/checkout\.ts:7 +PayPal order +carries purchaseUnits\[\]\.customId +stores it in booking\.paypalOrderId/);
    expect(lastLine(result.stdout)).toBe(
      '1 of 2 bidirectional links present: booking.paypalOrderId -> PayPal; missing: PayPal purchaseUnits[].customId -> booking ' +
        '(1 of 2 payment creations carries no booking id: src/checkout.ts:15 (PayPal order))',
    );
    expect(result.code).toBe(1);
  });

  it('shows progress on stderr only when stderr is a terminal', async () => {
    const quiet = await audit([both]);
    expect(quiet.stderr).toBe('');
    const tty = await audit([both], true);
    expect(tty.stderr).toContain('files read');
    expect(tty.stdout).toBe(quiet.stdout);
  });
});

describe('package.json as npm reads it', () => {
  it('a UTF-8 byte order mark does not hide the SDK (exit 0 on a pass, not N/A)', async () => {
    const dir = project({
      'package.json': `\uFEFF${PACKAGE_JSON}`,
      'prisma/schema.prisma': WITH_COLUMN,
      'src/db.ts': DB,
      'src/checkout.ts': checkout(', metadata: { bookingId: booking.id }'),
    });
    const result = await audit([dir]);
    expect(result.stdout).not.toContain('N/A');
    expect(lastLine(result.stdout)).toMatch(/^2 of 2 bidirectional links present/);
    expect(result.code).toBe(0);
  });

  it('a package.json that does not parse is an error (exit 2), not N/A', async () => {
    const dir = project({ 'package.json': '{"dependencies":', 'src/index.ts': 'export const x = 1;\n' });
    const result = await audit([dir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^booking-payment-audit: package\.json could not be parsed: .*JSON/);
    expect(result.stderr).not.toContain('Usage:');
    expect((await audit([dir, '--format', 'json'])).code).toBe(2);
  });

  it('names the package.json above the audited folder when that is the one that does not parse', async () => {
    const dir = project({ 'package.json': '[1, 2', 'src/index.ts': 'export const x = 1;\n' });
    const result = await audit([path.join(dir, 'src')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('../package.json could not be parsed: ');
  });
});

describe("settings['booking-payment'] scoped to some files", () => {
  it('takes them from the files they apply to, not from the first file linted (eslint.config.js)', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'eslint.config.js': `export default [
  { files: ['src/**/*.ts'], settings: { 'booking-payment': { keys: ['rentalId'], bookingModels: ['Rental'] } } },
];
`,
      'prisma/schema.prisma': WITH_COLUMN.replace('model Booking', 'model Rental'),
      'src/db.ts': DB,
      'src/checkout.ts': checkout(', metadata: { rentalId: booking.id }').replace('prisma.booking.update', 'prisma.rental.update'),
    });
    const result = await audit([dir]);
    expect(lastLine(result.stdout)).toBe(
      '2 of 2 bidirectional links present: rental.paymentIntentId -> Stripe, Stripe metadata.rentalId -> rental',
    );
    expect(result.code).toBe(0);
  });

  it('prefers the settings of the files that create payments over other scoped settings', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'eslint.config.js': `export default [
  { files: ['scripts/**/*.ts'], settings: { 'booking-payment': { keys: ['jobId'], bookingModels: ['Job'] } } },
  { files: ['src/**/*.ts'], settings: { 'booking-payment': { keys: ['rentalId'], bookingModels: ['Rental'] } } },
];
`,
      'prisma/schema.prisma': `${WITH_COLUMN.replace('model Booking', 'model Rental')}\nmodel Job {\n  id String @id\n}\n`,
      'scripts/a-seed.ts': 'export const seed = 1;\n',
      'src/db.ts': DB,
      'src/checkout.ts': checkout(', metadata: { rentalId: booking.id }').replace('prisma.booking.update', 'prisma.rental.update'),
    });
    const result = await audit([dir]);
    expect(lastLine(result.stdout)).toBe(
      '2 of 2 bidirectional links present: rental.paymentIntentId -> Stripe, Stripe metadata.rentalId -> rental',
    );
    expect(result.code).toBe(0);
  });
});

describe('a Payment model that references the booking', () => {
  const schema = (own: string): string => `model Booking {
  id              String    @id
  paymentIntentId String?${own}
  payments        Payment[]
}

model Payment {
  id         String  @id
  bookingId  String
  booking    Booking @relation(fields: [bookingId], references: [id])
  externalId String  @unique
}
`;
  const files = (own: string): Record<string, string> => ({
    'package.json': PACKAGE_JSON,
    'prisma/schema.prisma': schema(own),
    'src/db.ts': DB,
    'src/checkout.ts': checkout(''),
  });

  // Issue 11: the table alone used to make payment -> booking present whatever the payment calls send.
  it.each([
    ['not unique', ''],
    ['@unique', ' @unique'],
  ])('a Payment table does not vouch for a call that sends no booking id (own column %s): exit 1', async (_, own) => {
    const result = await audit([project(files(own))]);
    expect(lastLine(result.stdout)).toBe(
      '1 of 2 bidirectional links present: booking.paymentIntentId -> Stripe; missing: Stripe metadata.bookingId -> booking ' +
        '(1 of 1 payment creation carries no booking id: src/checkout.ts:7 (PaymentIntent))',
    );
    expect(result.stdout).toContain('payment -> booking key: Payment.bookingId (prisma/schema.prisma:7)');
    expect(result.code).toBe(1);
  });

  it('a Payment row created with both the booking id and the provider id proves both links', async () => {
    const pay = `import Stripe from 'stripe';
import { prisma } from './db';

const stripe = new Stripe(process.env.STRIPE_KEY ?? '');

export async function checkout(booking: { id: string; amount: number }, meta: Record<string, string>) {
  const intent = await stripe.paymentIntents.create({ amount: booking.amount, currency: 'eur', metadata: meta });
  await prisma.payment.create({ data: { bookingId: booking.id, externalId: intent.id } });
  return intent.client_secret;
}
`;
    const dir = project({ ...files(''), 'src/checkout.ts': pay, 'prisma/schema.prisma': schema('').replace('  paymentIntentId String?\n', '') });
    const result = await audit([dir]);
    expect(lastLine(result.stdout)).toBe(
      '2 of 2 bidirectional links present: booking -> payment.externalId -> Stripe, payment.bookingId -> booking',
    );
    expect(result.stdout).toContain('rows written with both ids: payment.externalId at src/checkout.ts:8');
    expect(result.code).toBe(0);
    // The same row without the booking id proves booking -> payment only.
    const bare = project({
      ...files(''),
      'src/checkout.ts': pay.replace('bookingId: booking.id, ', ''),
      'prisma/schema.prisma': schema('').replace('  paymentIntentId String?\n', ''),
    });
    const without = await audit([bare]);
    expect(lastLine(without.stdout)).toMatch(/^1 of 2 bidirectional links present: booking -> payment\.externalId -> Stripe; unverified: /);
    expect(without.code).toBe(1);
  });

  it('sarif: a schema warning only for the column the link uses, when that column is not unique', async () => {
    const schemaResults = async (text: string): Promise<string[]> => {
      const dir = project({ ...files(''), 'prisma/schema.prisma': text });
      const sarif = JSON.parse((await audit([dir, '--format', 'sarif'])).stdout) as {
        runs: { results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
      };
      return sarif.runs[0]!.results
        .filter((r) => r.ruleId === 'booking-payment/prisma-booking-payment-column')
        .map((r) => `${r.level} ${r.locations[0]!.physicalLocation.region.startLine} ${r.message.text.split(' ')[0]!}`);
    };
    // The link goes through the unique Payment.externalId: the rule reports nothing, and neither does SARIF.
    expect(await schemaResults(schema(''))).toEqual([]);
    // Neither column is unique: the link uses Booking.paymentIntentId, as the rule reports it.
    expect(await schemaResults(schema('').replace('externalId String  @unique', 'externalId String'))).toEqual([
      'warning 3 Booking.paymentIntentId',
    ]);
    // No own column, and the Payment's column is not unique: that column is the one to fix.
    expect(
      await schemaResults(schema('').replace('  paymentIntentId String?\n', '').replace('externalId String  @unique', 'externalId String')),
    ).toEqual(['warning 10 Payment.externalId']);
  });
});

describe('monorepos', () => {
  // Issue 11: a workspace root used to stop with "audit each package" (exit 2) instead of auditing them.
  it('at a workspace root without an SDK, audits every package that has one: a section each, an overall line', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/**'] }),
      'apps/api/package.json': JSON.stringify({ name: 'api', dependencies: { stripe: '^23.1.0' } }),
      'apps/api/prisma/schema.prisma': WITH_COLUMN,
      'apps/api/src/db.ts': DB,
      'apps/api/src/checkout.ts': checkout(', metadata: { bookingId: booking.id }'),
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { '@stripe/stripe-js': '^7.0.0' } }),
      'packages/billing/core/package.json': JSON.stringify({ name: 'billing', dependencies: { '@paypal/paypal-server-sdk': '^1.0.0' } }),
    });
    const root = await audit([dir]);
    expect(root.code).toBe(1);
    expect(root.stdout).toContain(
      'note: package.json is a workspace root with no payment SDK of its own; audited each of the 2 packages with one: apps/api (stripe), packages/billing/core (@paypal/paypal-server-sdk).',
    );
    expect(root.stdout).toContain('\n== apps/api ==\n');
    expect(root.stdout).toContain('\n== packages/billing/core ==\n');
    expect(root.stdout).not.toContain('== apps/web ==');
    expect(lastLine(root.stdout)).toBe(
      'overall: 1 of 2 packages with both links (apps/api: 2 of 2 (Stripe); packages/billing/core: 0 of 2 (PayPal))',
    );
    const json = JSON.parse((await audit([dir, '-f', 'json'])).stdout) as { status: string; packages: { packageDir: string; status: string }[] };
    expect(json.status).toBe('fail');
    expect(json.packages.map((p) => `${p.packageDir} ${p.status}`)).toEqual(['apps/api pass', 'packages/billing/core fail']);
    const sarif = JSON.parse((await audit([dir, '-f', 'sarif'])).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['packages/billing/core/package.json']);
    const api = await audit([path.join(dir, 'apps/api')]);
    expect(api.code).toBe(0);
    expect(lastLine(api.stdout)).toMatch(/^2 of 2 bidirectional links present/);
  });

  it('reads pnpm-workspace.yaml too; every package passing is exit 0', async () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'mono', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - 'services/*'\n  - '!services/legacy'\n",
      'services/pay/package.json': JSON.stringify({ name: 'pay', dependencies: { stripe: '^23.1.0' } }),
      'services/pay/prisma/schema.prisma': WITH_COLUMN,
      'services/pay/src/db.ts': DB,
      'services/pay/src/checkout.ts': checkout(', metadata: { bookingId: booking.id }'),
      'services/legacy/package.json': JSON.stringify({ name: 'legacy', dependencies: { stripe: '^8.0.0' } }),
    });
    const result = await audit([dir]);
    expect(result.stdout).toContain('audited the package with one: services/pay (stripe).');
    expect(result.stdout).not.toContain('services/legacy');
    expect(lastLine(result.stdout)).toBe('overall: 1 of 1 package with both links (services/pay: 2 of 2 (Stripe))');
    expect(result.code).toBe(0);
  });
});

describe('no package.json at the root', () => {
  // Issue 11: the app in server/ used to make the root "N/A", exit 0.
  it('audits the nested app (skipping node_modules, dist and vendored folders) instead of answering N/A', async () => {
    const bad = `import Stripe from 'stripe';\nconst stripe = new Stripe('k');\nexport const pay = () => stripe.paymentIntents.create({ amount: 1, currency: 'eur' });\n`;
    const dir = project({
      'server/package.json': PACKAGE_JSON,
      'server/prisma/schema.prisma': WITH_COLUMN,
      'server/src/db.ts': DB,
      'server/src/checkout.ts': checkout(''),
      'client/package.json': JSON.stringify({ name: 'client', dependencies: { react: '^19.0.0' } }),
      'node_modules/lib/package.json': PACKAGE_JSON,
      'node_modules/lib/index.js': bad,
      'vendor/sdk/package.json': PACKAGE_JSON,
      'dist/package.json': PACKAGE_JSON,
    });
    const result = await audit([dir]);
    expect(result.stdout).toContain('note: no package.json in this folder; audited the package with one: server (stripe).');
    expect(result.stdout).toContain('\n== server ==\n');
    expect(result.stdout).not.toMatch(/== (?:node_modules|vendor|dist)/);
    expect(lastLine(result.stdout)).toBe('overall: 0 of 1 package with both links (server: 1 of 2 (Stripe))');
    expect(result.code).toBe(1);
  });

  it('N/A only after looking, and names the package.json files it found', async () => {
    const dir = project({
      'client/package.json': JSON.stringify({ name: 'client', dependencies: { react: '^19.0.0' } }),
      'node_modules/stripe-lib/package.json': PACKAGE_JSON,
      'client/src/index.ts': 'export const x = 1;\n',
    });
    const result = await audit([dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'N/A: no payment SDK in package.json (no package.json found); package.json files found below it list none either: client/package.json',
    );
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['--format', 'xml'], 'unknown format "xml"'],
    [['a', 'b'], 'one directory at a time'],
    [['--nope'], 'unknown option --nope'],
    [[path.join(project({}), 'does-not-exist')], 'not a directory'],
  ])('%j', async (args, message) => {
    const result = await audit(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: booking-payment-audit');
    expect(result.stdout).toBe('');
  });

  it('--help prints the usage on stdout and exits 0', async () => {
    const result = await audit(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--format <name>');
  });
});
