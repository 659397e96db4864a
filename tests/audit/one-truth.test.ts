/**
 * One truth with the rules: whenever `configs.recommended` reports a missing link in a project, the audit
 * cannot say 2 of 2. ESLint with the plugin's recommended config and the audit run over the same projects:
 * the example app and fixture projects of several shapes (true pass, payment table, webhook, JSON column,
 * passed-on ids, disable comments, CommonJS, PayPal).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { runAudit } from '../../src/audit/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'booking-payment-one-truth-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const STRIPE = JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { stripe: '^23.1.0' } });
const DB = `import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n`;
const HEADER = `import Stripe from 'stripe';\nimport { prisma } from './db';\nconst stripe = new Stripe(process.env.STRIPE_KEY ?? '');\n`;
const OWN = `model Booking {\n  id              String  @id\n  paymentIntentId String? @unique\n}\n`;
const TABLE = `model Booking {
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
`;
const create = (metadata: string) =>
  `const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'eur'${metadata} });`;
const fn = (body: string) => `${HEADER}\nexport async function pay(booking: { id: string }, meta: Record<string, string>) {\n  ${body}\n}\n`;
const STORE = `await prisma.booking.update({ where: { id: booking.id }, data: { paymentIntentId: intent.id } });`;

const SHAPES: Record<string, Record<string, string>> = {
  'true-pass': { 'src/pay.ts': fn(`${create(', metadata: { bookingId: booking.id }')}\n  ${STORE}`) },
  'no-metadata': { 'src/pay.ts': fn(`${create('')}\n  ${STORE}`) },
  'never-stored': { 'src/pay.ts': fn(`${create(', metadata: { bookingId: booking.id }')}\n  return intent.client_secret;`) },
  'write-without-id': {
    'src/pay.ts': fn(`${create(', metadata: { bookingId: booking.id }')}\n  await prisma.booking.update({ where: { id: booking.id }, data: { status: 'paid' } });`),
  },
  'payment-table-no-metadata': {
    'prisma/schema.prisma': TABLE,
    'src/pay.ts': fn(`${create('')}\n  await prisma.payment.create({ data: { bookingId: booking.id, externalId: intent.id } });`),
  },
  'payment-table-row': {
    'prisma/schema.prisma': TABLE,
    'src/pay.ts': fn(`${create(', metadata: meta')}\n  await prisma.payment.create({ data: { bookingId: booking.id, externalId: intent.id } });`),
  },
  'json-column': {
    'prisma/schema.prisma': TABLE,
    'src/pay.ts': fn(`${create(', metadata: { bookingId: booking.id }')}\n  await prisma.payment.create({ data: { bookingId: booking.id, data: { intent } } });`),
  },
  'passed-on': { 'src/pay.ts': fn(`${create(', metadata: { bookingId: booking.id }')}\n  return intent.id;`) },
  'unseen-metadata': { 'src/pay.ts': fn(`${create(', metadata: meta')}\n  ${STORE}`) },
  'disabled-gift-card': {
    'src/pay.ts': `${fn(`${create(', metadata: { bookingId: booking.id }')}\n  ${STORE}`)}
export async function gift() {
  // eslint-disable-next-line booking-payment/require-booking-id-metadata -- no booking
  const intent = await stripe.paymentIntents.create({ amount: 5, currency: 'eur' });
  return intent.id;
}
`,
  },
  'commonjs': {
    'package.json': JSON.stringify({ name: 'cjs', dependencies: { stripe: '^23.1.0' } }),
    'lib/pay.js': `const stripe = require('stripe')(process.env.STRIPE_KEY);
async function pay(booking) {
  const intent = await stripe.paymentIntents.create({ amount: 100, currency: 'eur' });
  return intent.id;
}
module.exports = { pay };
`,
  },
  'no-column': { 'prisma/schema.prisma': 'model Booking {\n  id String @id\n}\n', 'src/pay.ts': fn(`${create(', metadata: { bookingId: booking.id }')}\n  ${STORE}`) },
};

const projects: [string, string][] = [
  ['examples/booking-app', path.join(root, 'examples/booking-app')],
  ...Object.entries(SHAPES).map(([name, files]): [string, string] => [
    name,
    project(name, { 'package.json': STRIPE, 'prisma/schema.prisma': OWN, 'src/db.ts': DB, ...files }),
  ]),
];

/** The rules that report a missing link (one direction or the column behind it). */
const LINK_RULES = new Set(Object.keys(plugin.rules).map((name) => `booking-payment/${name}`));

async function ruleReports(dir: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    ignorePatterns: ['**/node_modules/', '**/dist/'],
    overrideConfig: [
      { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser as unknown as Linter.Parser } },
      ...(plugin.configs.recommended as unknown as Linter.Config[]),
    ],
  });
  const results = await eslint.lintFiles(['.']);
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId !== null && LINK_RULES.has(m.ruleId) && m.severity === 2)
      .map((m) => `${path.relative(dir, r.filePath)}:${m.line} ${m.ruleId}`),
  );
}

describe('the audit and configs.recommended tell one truth', () => {
  it.each(projects)('%s: a missing-link report from the rules means the audit does not say 2 of 2', async (_, dir) => {
    const reports = await ruleReports(dir);
    // The example's eslint.config.js imports the plugin by name, which is not installed there: --defaults.
    const report = await runAudit({ dir, defaults: true });
    const twoOfTwo = report.status === 'pass' && report.providers.every((p) => p.present === 2);
    if (reports.length > 0) expect({ reports, twoOfTwo }).toEqual({ reports, twoOfTwo: false });
    expect(report.status).not.toBe('n/a');
  });

  it('is not vacuous: the rules report on some shapes and stay quiet on the true pass, where the audit says 2 of 2', async () => {
    const counts = await Promise.all(projects.map(async ([name, dir]) => [name, (await ruleReports(dir)).length] as const));
    const reported = counts.filter(([, n]) => n > 0).map(([name]) => name);
    expect(reported).toEqual(
      expect.arrayContaining(['examples/booking-app', 'no-metadata', 'never-stored', 'write-without-id', 'payment-table-no-metadata', 'commonjs', 'no-column']),
    );
    const truePass = projects.find(([name]) => name === 'true-pass')![1];
    expect(counts.find(([name]) => name === 'true-pass')![1]).toBe(0);
    expect((await runAudit({ dir: truePass, defaults: true })).status).toBe('pass');
  });
});
