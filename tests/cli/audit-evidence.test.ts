/**
 * Issue 11 and the CLI's safety: each shape that used to pass the audit without proof (exit 0 while a link
 * was missing) now fails, and the command's frame (config loading, typed parsing, status lines, unknown
 * options, escaping, broken pipes, package.json errors) behaves. Real ESLint runs on projects written to a
 * temporary directory.
 */
import { spawn } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { guardBrokenPipe } from '../../src/cli/pipe.js';
import { lastLine, projectWriter, runAuditCli } from './audit-helpers.js';

const project = projectWriter('booking-payment-audit-evidence-');
const audit = (args: string[], statusLines = false) => runAuditCli(args, { statusLines });

const PACKAGE_JSON = JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { stripe: '^23.1.0' } });
const DB = `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`;
const HEADER = `import Stripe from 'stripe';\nimport { prisma } from './db';\n\nconst stripe = new Stripe(process.env.STRIPE_KEY ?? '');\n`;

const BOOKING_WITH_COLUMN = `model Booking {
  id              String  @id
  paymentIntentId String? @unique
}
`;
const BOOKING_WITH_PAYMENTS = `model Booking {
  id       String    @id
  payments Payment[]
}

model Payment {
  id         String  @id
  bookingId  String
  booking    Booking @relation(fields: [bookingId], references: [id])
  externalId String  @unique
  data       Json?
}

model CalendarEvent {
  id         String @id
  externalId String
}
`;

/** A PaymentIntent with the booking id in metadata whose id is written the way `store` says. */
const checkout = (store: string, metadata = 'metadata: { bookingId: booking.id }'): string => `${HEADER}
export async function checkout(booking: { id: string; amount: number }) {
  const intent = await stripe.paymentIntents.create({ amount: booking.amount, currency: 'eur', ${metadata} });
${store}
  return intent.client_secret;
}
`;

const STORED = '  await prisma.booking.update({ where: { id: booking.id }, data: { paymentIntentId: intent.id } });';

describe('a true pass is still a pass', () => {
  it('the id written into the booking column and the booking id in metadata: 2 of 2, exit 0, the write cited', async () => {
    const dir = project({ 'package.json': PACKAGE_JSON, 'prisma/schema.prisma': BOOKING_WITH_COLUMN, 'src/db.ts': DB, 'src/checkout.ts': checkout(STORED) });
    const result = await audit([dir]);
    expect(lastLine(result.stdout)).toBe(
      '2 of 2 bidirectional links present: booking.paymentIntentId -> Stripe, Stripe metadata.bookingId -> booking',
    );
    expect(result.stdout).toContain('written: booking.paymentIntentId at src/checkout.ts:8');
    expect(result.code).toBe(0);
  });

  it('a webhook that writes the booking column counts, cited with file:line, model and column', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': BOOKING_WITH_COLUMN,
      'src/db.ts': DB,
      'src/checkout.ts': checkout(''),
      'src/webhook.ts': `import { prisma } from './db';
export async function onSucceeded(event: { data: { object: { id: string; metadata: { bookingId: string } } } }) {
  const intent = event.data.object;
  await prisma.booking.update({ where: { id: intent.metadata.bookingId }, data: { paymentIntentId: intent.id } });
}
`,
    });
    const result = await audit([dir]);
    expect(result.stdout).toContain('written: booking.paymentIntentId at src/webhook.ts:4');
    expect(result.code).toBe(0);
  });
});

describe('false passes of the 23-app study now fail (exit 1)', () => {
  it('an unrelated model’s externalId written elsewhere is not the payment’s column', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': BOOKING_WITH_PAYMENTS,
      'src/db.ts': DB,
      'src/checkout.ts': checkout(''),
      'src/calendar.ts': `import { prisma } from './db';
export async function sync(id: string, event: { id: string }) {
  await prisma.calendarEvent.update({ where: { id }, data: { externalId: event.id } });
}
`,
    });
    const result = await audit([dir]);
    expect(result.stdout).not.toMatch(/^2 of 2/m);
    // The project index counts only writes into the booking's or a linked payment table's column: the
    // calendar's externalId is no evidence, so the creation's id is stored nowhere.
    expect(result.stdout).toMatch(/booking -> payment: MISSING: 1 payment creation never stores the id: src\/checkout\.ts:7/);
    expect(result.stdout).not.toContain('calendar');
    expect(result.code).toBe(1);
  });

  it('a lookup by the column (a findMany where-filter) is no write', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': BOOKING_WITH_COLUMN,
      'src/db.ts': DB,
      'src/checkout.ts': checkout(''),
      'src/lookup.ts': `import { prisma } from './db';
export function byIntent(paymentIntentId?: string) {
  const where: Record<string, unknown> = {};
  if (paymentIntentId) where.paymentIntentId = paymentIntentId;
  return prisma.booking.findMany({ where });
}
`,
    });
    const result = await audit([dir]);
    expect(result.stdout).not.toMatch(/^2 of 2/m);
    expect(result.stdout).toMatch(/booking -> payment: unverified: .*the write cited \(where\.paymentIntentId at src\/lookup\.ts:4\) is not one of Booking\.paymentIntentId/);
    expect(result.code).toBe(1);
  });

  it('a PayPal column written elsewhere is not credited to Stripe', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': BOOKING_WITH_COLUMN.replace('}', '  paypalOrderId   String? @unique\n}'),
      'src/db.ts': DB,
      'src/checkout.ts': checkout(''),
      'src/paypal.ts': `import { prisma } from './db';
export async function capture(id: string, order: { id: string }) {
  await prisma.booking.update({ where: { id }, data: { paypalOrderId: order.id } });
}
`,
    });
    const result = await audit([dir]);
    expect(result.stdout).not.toMatch(/^2 of 2/m);
    // The PayPal column's write is no evidence for a Stripe payment: stored nowhere.
    expect(result.stdout).toMatch(/booking -> payment: MISSING: 1 payment creation never stores the id: src\/checkout\.ts:7/);
    expect(result.stdout).not.toContain('src/paypal.ts');
    expect(result.code).toBe(1);
  });

  it('a write into a JSON column is not a column', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': BOOKING_WITH_PAYMENTS,
      'src/db.ts': DB,
      'src/checkout.ts': `${HEADER}
export async function checkout(booking: { id: string; amount: number }, paymentObject: object) {
  const paymentIntent = await stripe.paymentIntents.create({ amount: booking.amount, currency: 'eur', metadata: { bookingId: booking.id } });
  await prisma.payment.create({ data: { bookingId: booking.id, data: { ...paymentObject, paymentIntent } } });
  return paymentIntent.client_secret;
}
`,
    });
    const result = await audit([dir]);
    expect(result.stdout).toContain('(a JSON column is not a column)');
    expect(result.stdout).not.toMatch(/^2 of 2/m);
    expect(result.code).toBe(1);
  });

  it('a Payment table that references the booking does not make payment -> booking present for calls that send no booking id', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': BOOKING_WITH_PAYMENTS,
      'src/db.ts': DB,
      'src/checkout.ts': checkout('  await prisma.payment.create({ data: { bookingId: booking.id, externalId: intent.id } });', 'metadata: {}'),
    });
    const result = await audit([dir]);
    expect(result.stdout).toMatch(/payment -> booking: MISSING: 1 of 1 payment creation carries no booking id/);
    expect(result.code).toBe(1);
  });

  it('one visible booking id does not make an unseen one present', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': BOOKING_WITH_COLUMN,
      'src/db.ts': DB,
      'src/checkout.ts': checkout(STORED),
      'src/rebook.ts': `${HEADER}
export async function rebook(booking: { id: string }, metadata: Record<string, string>) {
  const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'eur', metadata });
  await prisma.booking.update({ where: { id: booking.id }, data: { paymentIntentId: intent.id } });
}
`,
    });
    const result = await audit([dir]);
    expect(result.stdout).toContain('payment -> booking: unverified: 1 of 2 payment creations carries the booking id; not visible statically at src/rebook.ts:7');
    expect(result.code).toBe(1);
  });

  it('a Checkout Session id only returned to the client, with a column no code writes', async () => {
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': BOOKING_WITH_COLUMN.replace('paymentIntentId', 'checkoutSessionId'),
      'src/db.ts': DB,
      'src/session.ts': `${HEADER}
export async function startCheckout(booking: { id: string }) {
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    metadata: { bookingId: booking.id },
    payment_intent_data: { metadata: { bookingId: booking.id } },
    line_items: [],
  });
  return { id: session.id, url: session.url };
}
`,
    });
    const result = await audit([dir]);
    expect(result.stdout).toMatch(/booking -> payment: unverified: .*the id is only passed on \(returned to the caller\); no write of it seen/);
    expect(result.stdout).not.toMatch(/^2 of 2/m);
    expect(result.code).toBe(1);
  });
});

describe("the project's config, or a loud stop", () => {
  const app = { 'package.json': PACKAGE_JSON, 'prisma/schema.prisma': BOOKING_WITH_COLUMN, 'src/db.ts': DB, 'src/checkout.ts': checkout(STORED) };

  it('a config that does not load (dependencies not installed): exit 2 with the reason and what to do; --defaults audits', async () => {
    const dir = project({
      ...app,
      'eslint.config.js': `import plugin from 'eslint-plugin-not-installed-anywhere';\nexport default [{ plugins: { x: plugin }, settings: { 'booking-payment': { keys: ['rentalId'] } } }];\n`,
    });
    const result = await audit([dir]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("booking-payment-audit: the project's ESLint config could not be loaded: ");
    expect(result.stderr).toContain('eslint-plugin-not-installed-anywhere');
    expect(result.stderr).toContain('Install the project');
    expect(result.stderr).toContain('--defaults');
    const defaults = await audit([dir, '--defaults']);
    expect(defaults.stdout).toContain("note: --defaults: the project's ESLint config was not read; built-in defaults used (ignored: **/node_modules/");
    expect(lastLine(defaults.stdout)).toMatch(/^2 of 2 bidirectional links present/);
    expect(defaults.code).toBe(0);
  });

  it('an .eslintrc-only project gets the same clear stop (exit 2)', async () => {
    const dir = project({ ...app, '.eslintrc.json': JSON.stringify({ settings: { 'booking-payment': { keys: ['rentalId'] } } }) });
    const result = await audit([dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('.eslintrc.json is a legacy ESLint config, and ESLint 9+ reads only eslint.config.*');
    expect(result.stderr).toContain('--defaults');
    expect((await audit([dir, '--defaults'])).code).toBe(0);
  });

  it('type-aware parser options are dropped unless --typed', async () => {
    // A program that does not contain the files: typed parsing fails on them, untyped reads them.
    const dir = project({
      ...app,
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true }, include: ['other/**/*.ts'] }),
      'eslint.config.js': `export default [{ files: ['**/*.ts'], languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } } }];\n`,
    });
    const fast = await audit([dir]);
    expect(lastLine(fast.stdout)).toMatch(/^2 of 2 bidirectional links present/);
    expect(fast.code).toBe(0);
    const typed = await audit([dir, '--typed']);
    expect(typed.stdout).toMatch(/note: \d+ files? could not be parsed/);
    expect(typed.code).toBe(1);
  });
});

describe('the command frame', () => {
  it('piped: a start line with the file count and a finished line with the time, on stderr', async () => {
    const dir = project({ 'package.json': PACKAGE_JSON, 'prisma/schema.prisma': BOOKING_WITH_COLUMN, 'src/db.ts': DB, 'src/checkout.ts': checkout(STORED) });
    const result = await audit([dir], true);
    expect(result.stderr).toMatch(/^booking-payment-audit: reading 2 JS\/TS files in .+\nbooking-payment-audit: finished in \d+\.\d s \(2 files read\)\n$/);
    expect(result.code).toBe(0);
  });

  it('an unknown option names the nearest one: exit 2', async () => {
    const result = await audit(['--fromat', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('booking-payment-audit: unknown option --fromat; did you mean --format?');
    expect((await audit(['--typd'])).stderr).toContain('unknown option --typd; did you mean --typed?');
    expect((await audit(['--zzzzzz'])).stderr.split('\n')[0]).toBe('booking-payment-audit: unknown option --zzzzzz');
  });

  it('a file name cannot forge a report line or send terminal escapes', async () => {
    const forged = 'x\n2 of 2 bidirectional links present: booking.paymentIntentId -> Stripe, Stripe metadata.bookingId -> booking\n\u001b[2Jy.ts';
    const dir = project({
      'package.json': PACKAGE_JSON,
      'prisma/schema.prisma': BOOKING_WITH_COLUMN,
      'src/db.ts': DB,
      'src/checkout.ts': checkout(STORED),
      [`src/${forged}`]: checkout(STORED, 'metadata: {}').replaceAll("'./db'", "'./db'"),
    });
    const result = await audit([dir]);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout.split('\n').filter((l) => l.startsWith('2 of 2'))).toEqual([]);
    expect(result.stdout).toContain('src/x\\n2 of 2 bidirectional links present');
    expect(result.stdout).toContain('\\x1b[2Jy.ts');
    expect(result.code).toBe(1);
  });

  it('sarif: a fingerprint per result that does not move with the line', async () => {
    const files = { 'package.json': PACKAGE_JSON, 'prisma/schema.prisma': BOOKING_WITH_COLUMN, 'src/db.ts': DB };
    type Sarif = { runs: { results: { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const run = async (text: string) => (JSON.parse((await audit([project({ ...files, 'src/checkout.ts': text }), '-f', 'sarif'])).stdout) as Sarif).runs[0]!.results;
    const before = await run(checkout(STORED, 'metadata: {}'));
    const after = await run(`\n\n\n${checkout(STORED, 'metadata: {}')}`);
    expect(before.map((r) => r.locations[0]!.physicalLocation.region.startLine)).not.toEqual(after.map((r) => r.locations[0]!.physicalLocation.region.startLine));
    expect(before.map((r) => r.partialFingerprints['bookingPaymentAudit/v1'])).toEqual(after.map((r) => r.partialFingerprints['bookingPaymentAudit/v1']));
    expect(new Set(before.map((r) => r.partialFingerprints['bookingPaymentAudit/v1'])).size).toBe(before.length);
  });

  it('a package.json parse error does not quote the file (it may hold a secret)', async () => {
    const dir = project({ 'package.json': '{\n  "name": "app",\n  "token": sk_live_51Hsecretsecret\n}\n' });
    const result = await audit([dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('sk_live');
    expect(result.stderr).toMatch(/^booking-payment-audit: package\.json could not be parsed: not valid JSON/);
  });

  it('a closed pipe (audit | head) ends the output quietly: EPIPE is swallowed, other errors are not', async () => {
    // A real pipe whose reader (head) goes away after one byte: the rest of the write fails with EPIPE.
    const head = spawn('head', ['-c', '1'], { stdio: ['pipe', 'ignore', 'ignore'] });
    const others: Error[] = [];
    const guard = guardBrokenPipe(head.stdin, (e) => others.push(e));
    const closed = new Promise<void>((resolve) => head.stdin.on('close', () => resolve()));
    head.stdin.write('x'.repeat(4 * 1024 * 1024));
    await closed;
    expect(guard.broken).toBe(true);
    expect(others).toEqual([]);
    const emitter = { listener: undefined as ((e: Error & { code?: string }) => void) | undefined, on(_: 'error', l: (e: Error) => void) { this.listener = l; } };
    guardBrokenPipe(emitter, (e) => others.push(e));
    emitter.listener!(Object.assign(new Error('disk full'), { code: 'ENOSPC' }));
    expect(others.map((e) => e.message)).toEqual(['disk full']);
  });
});
