// The project index of require-persisted-payment-id on a generated 5,000-file monorepo: the cold build
// (budget 300 ms), a warm (cached) lookup, a revalidation after the TTL (files re-stat'ed, none changed),
// and the rule's share of lint time on one package of it (ESLint's `stats`), all measured in this one run.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import tsParser from '@typescript-eslint/parser';

import plugin from '../dist/index.js';
import { lintWithStats, median, ordinaryFile } from './corpus.mjs';
import {
  clearProjectIndexCache,
  getProjectIndex,
  setProjectIndexTtl,
} from '../dist/project-index/index.js';

const FILES = Number(process.env.BENCH_INDEX_FILES ?? 5000);
const PACKAGES = 10;
const BUDGET_MS = 300;
const RULE = 'booking-payment/require-persisted-payment-id';
// Linted alongside as a reference: the same CallExpression visitor, no project index.
const REFERENCE = 'booking-payment/require-booking-id-metadata';

// Every 40th file mentions an id column outside any write (a log line, a lookup): it passes the text
// filter and is parsed, but holds no write.
const mentionOf = (i) =>
  i % 40 === 0 ? `\n    logger.info({ orderId: input.name, sessionId: String(${i}) }, 'seen');` : '';

function webhookFile(i) {
  return `import { prisma } from '../../lib/prisma';

export async function onPaymentSucceeded${i}(event: { data: { object: { id: string; metadata: { bookingId: string } } } }) {
  const intent = event.data.object;
  await prisma.booking.update({
    where: { id: intent.metadata.bookingId },
    data: { status: 'confirmed', paymentIntentId: intent.id },
  });
}
`;
}

function checkoutFile(i) {
  // The id is only echoed: the rule needs the project index to know a webhook stores it.
  return `import Stripe from 'stripe';
import { prisma } from '../../lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function checkout${i}(bookingId: string) {
  const booking = await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
  const intent = await stripe.paymentIntents.create({ amount: booking.total, currency: 'eur', metadata: { bookingId } });
  return { clientSecret: intent.client_secret };
}
`;
}

/** A monorepo: root package.json with workspaces, a lockfile, PACKAGES packages; plus folders to skip. */
function generate(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-mono', private: true, workspaces: ['packages/*'] }));
  writeFileSync(path.join(dir, 'package-lock.json'), '{}');
  writeFileSync(path.join(dir, '.gitignore'), 'generated/\n*.log\n');
  const perPackage = Math.ceil(count / PACKAGES);
  let webhooks = 0;
  let checkouts = 0;
  for (let i = 0; i < count; i++) {
    const pkg = Math.floor(i / perPackage);
    const sub = path.join(dir, 'packages', `app${pkg}`, 'src', `module${Math.floor((i % perPackage) / 100)}`);
    mkdirSync(sub, { recursive: true });
    let text;
    if (i % 1000 === 999) {
      text = webhookFile(i);
      webhooks++;
    } else if (i % 100 === 50) {
      text = checkoutFile(i);
      checkouts++;
    } else {
      text = ordinaryFile(i, mentionOf(i));
    }
    writeFileSync(path.join(sub, `file${i}.ts`), text);
  }
  for (let p = 0; p < PACKAGES; p++) {
    writeFileSync(path.join(dir, 'packages', `app${p}`, 'package.json'), JSON.stringify({ name: `app${p}` }));
    // Build output and dependencies the index must skip (each with a provider-id write).
    for (const skipped of ['dist', 'node_modules/some-lib', 'generated']) {
      const d = path.join(dir, 'packages', `app${p}`, skipped);
      mkdirSync(d, { recursive: true });
      for (let k = 0; k < 20; k++) writeFileSync(path.join(d, `w${k}.js`), webhookFile(k));
    }
  }
  return { webhooks, checkouts };
}

function ms(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}


async function lint(cwd, target) {
  const { wall, results } = await lintWithStats(
    cwd,
    [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      { files: ['**/*.ts'], plugins: { 'booking-payment': plugin }, rules: { [REFERENCE]: 'error', [RULE]: 'error' } },
    ],
    [target],
  );
  let total = 0;
  let rule = 0;
  let problems = 0;
  let slowest = 0;
  let plainRule = 0;
  let plainFiles = 0;
  let reference = 0;
  let plainReference = 0;
  for (const r of results) {
    problems += r.messages.filter((m) => m.ruleId === RULE).length;
    let fileRule = 0;
    let fileReference = 0;
    for (const pass of r.stats?.times?.passes ?? []) {
      total += pass.total ?? 0;
      fileRule += pass.rules?.[RULE]?.total ?? 0;
      fileReference += pass.rules?.[REFERENCE]?.total ?? 0;
    }
    reference += fileReference;
    rule += fileRule;
    slowest = Math.max(slowest, fileRule);
    if (!/paymentIntents\.create/.test(r.source ?? readFileSync(r.filePath, 'utf8'))) {
      plainRule += fileRule;
      plainReference += fileReference;
      plainFiles++;
    }
  }
  return {
    wall,
    total,
    rule,
    problems,
    files: results.length,
    slowest,
    perPlainFile: plainFiles ? plainRule / plainFiles : 0,
    reference,
    referencePerPlainFile: plainFiles ? plainReference / plainFiles : 0,
  };
}

export default async function run() {
  const dir = path.join(os.tmpdir(), `booking-payment-bench-index-${process.pid}`);
  const { webhooks, checkouts } = generate(dir, FILES);
  console.log(
    `monorepo: ${FILES} TypeScript files in ${PACKAGES} packages (${webhooks} webhooks storing the id, ` +
      `${checkouts} checkouts that only echo it), plus dist/node_modules/.gitignore'd folders to skip (${dir})`,
  );
  const probeFile = path.join(dir, 'packages/app0/src/module0/file50.ts');
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  // An ESLint process linting TypeScript has already loaded the parser; do the same before timing.
  createRequire(import.meta.url)('@typescript-eslint/typescript-estree').parse('const a = 1;');

  const colds = [];
  let index;
  for (let k = 0; k < 5; k++) {
    clearProjectIndexCache();
    const start = process.hrtime.bigint();
    index = getProjectIndex(probeFile, { cwd: dir });
    colds.push(ms(start));
  }
  const cold = median(colds);
  console.log(
    `cold index build: ${cold.toFixed(1)} ms (median of 5; min ${Math.min(...colds).toFixed(1)}, max ${Math.max(...colds).toFixed(1)}) — ` +
      `${index.fileCount} files listed, ${index.scannedCount} mention a candidate column, ${index.parsedCount} parsed, ` +
      `${index.providerIdWrites.length} provider-id writes found; ` +
      `budget ${BUDGET_MS} ms, ratio ${(cold / BUDGET_MS).toFixed(2)} of budget`,
  );

  const N = 10_000;
  let start = process.hrtime.bigint();
  for (let k = 0; k < N; k++) getProjectIndex(probeFile, { cwd: dir });
  const warm = ms(start) / N;
  console.log(`warm lookup (cached, within the TTL): ${(warm * 1000).toFixed(1)} µs — cold / warm = ${(cold / warm).toFixed(0)}×`);

  setProjectIndexTtl(0);
  const revalidations = [];
  for (let k = 0; k < 5; k++) {
    start = process.hrtime.bigint();
    getProjectIndex(probeFile, { cwd: dir });
    revalidations.push(ms(start));
  }
  setProjectIndexTtl(2000);
  const revalidate = median(revalidations);
  console.log(
    `revalidation after the TTL (re-list + re-stat, nothing changed): ${revalidate.toFixed(1)} ms (median of 5) — ` +
      `${((revalidate / cold) * 100).toFixed(0)} % of a cold build`,
  );

  // The rule's share of lint time on one package (500 files, 5 of them checkouts), first with a cold index
  // (the first checkout pays the build), then again in the same process (index cached).
  clearProjectIndexCache();
  const target = 'packages/app0';
  const first = await lint(dir, target);
  const second = await lint(dir, target);
  for (const [label, r] of [
    ['first lint (cold index)', first],
    ['second lint (warm index)', second],
  ]) {
    console.log(
      `${label}: ${r.files} files, ${r.wall.toFixed(0)} ms wall; rule ${r.rule.toFixed(1)} ms of ${r.total.toFixed(0)} ms ` +
        `lint time = ${((r.rule / r.total) * 100).toFixed(2)} % (slowest file ${r.slowest.toFixed(1)} ms; ` +
        `${(r.perPlainFile * 1000).toFixed(0)} µs on a file with no payment creation), ${r.problems} reports; ` +
        `reference rule require-booking-id-metadata: ${((r.reference / r.total) * 100).toFixed(2)} %, ` +
        `${(r.referencePerPlainFile * 1000).toFixed(0)} µs on a file with no payment creation`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}
