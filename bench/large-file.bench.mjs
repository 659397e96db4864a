// One large generated file: many functions, each creating a payment and writing its booking a few times.
// The plugin's cost per file must grow with the file, not with creations × writes: the file is linted with
// the parser alone and with the plugin's recommended config (warm runs compared), and the ratio printed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import tsParser from '@typescript-eslint/parser';

import plugin from '../dist/index.js';
import { lintWithStats, median } from './corpus.mjs';

const LINES = Number(process.env.BENCH_LARGE_LINES ?? 16_000);
const WRITES = 4;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** Functions of 16 lines: one PaymentIntent, a lookup, four booking writes (in every other one, one stores the id). */
export function largeFileSource(lines = LINES) {
  const out = [
    "import Stripe from 'stripe';",
    "import { PrismaClient } from '@prisma/client';",
    "const stripe = new Stripe(process.env.STRIPE_KEY ?? '');",
    'const prisma = new PrismaClient();',
    '',
  ];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `export async function payBooking${i}(bookingId: string, amount: number) {`,
      `  const booking = await prisma.booking.findUnique({ where: { id: bookingId } });`,
      `  if (!booking) throw new Error('no booking ${i}');`,
      `  const intent = await stripe.paymentIntents.create({`,
      `    amount,`,
      `    currency: 'eur',`,
      `    metadata: { bookingId: booking.id },`,
      `  });`,
    );
    for (let w = 0; w < WRITES; w++) {
      out.push(
        w === WRITES - 1 && i % 2 === 0
          ? `  await prisma.booking.update({ where: { id: booking.id }, data: { paymentIntentId: intent.id } });`
          : `  await prisma.booking.update({ where: { id: booking.id }, data: { step: ${w} } });`,
      );
    }
    out.push(`  console.log('paid', ${i});`, `  return { clientSecret: intent.client_secret };`, '}', '');
  }
  return out.join('\n');
}

async function lint(cwd, withPlugin) {
  const { wall, results } = await lintWithStats(
    cwd,
    [...(withPlugin ? plugin.configs.recommended : []), { files: ['**/*.ts'], languageOptions: { parser: tsParser } }],
    ['src'],
  );
  return { wall, problems: results.reduce((n, r) => n + r.messages.length, 0) };
}

export default async function run() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-large-file-'));
  try {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { stripe: '*', '@prisma/client': '*' } }));
    mkdirSync(path.join(dir, 'prisma'));
    writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), 'model Booking {\n  id String @id\n  step Int?\n  paymentIntentId String? @unique\n}\n');
    mkdirSync(path.join(dir, 'src'));
    const text = largeFileSource();
    writeFileSync(path.join(dir, 'src', 'large.ts'), text);
    // A first (cold) round of each, then ROUNDS warm rounds alternating which goes first; medians compared.
    await lint(dir, false);
    await lint(dir, true);
    const parserWalls = [];
    const pluginWalls = [];
    let problems = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const order = i % 2 === 0 ? [false, true] : [true, false];
      for (const withPlugin of order) {
        const r = await lint(dir, withPlugin);
        (withPlugin ? pluginWalls : parserWalls).push(r.wall);
        if (withPlugin) problems = r.problems;
      }
    }
    const parser = { wall: median(parserWalls) };
    const withPlugin = { wall: median(pluginWalls), problems };
    const lines = text.split('\n').length;
    console.log(`large file: ${lines} lines, ${(text.match(/paymentIntents\.create/g) ?? []).length} creations, ${(text.match(/booking\.update/g) ?? []).length} booking writes`);
    console.log(`  parser only ${parser.wall.toFixed(0)} ms, recommended ${withPlugin.wall.toFixed(0)} ms (${withPlugin.problems} problems)`);
    console.log(`  ratio recommended / parser only: ${(withPlugin.wall / parser.wall).toFixed(2)}× (target ≤ 2×)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
