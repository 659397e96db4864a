// The plugin's cost on a 2,000-file project: lint once with the parser alone and once with the plugin's
// recommended config, in this one process; report the plugin rules' share of lint time (ESLint's stats)
// and the wall-clock ratio. Each configuration runs twice; the second (warm) run is the one compared.
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import tsParser from '@typescript-eslint/parser';

import plugin from '../dist/index.js';
import { generateCorpus, lintWithStats, median } from './corpus.mjs';

const FILES = Number(process.env.BENCH_FILES ?? 2000);

async function lint(cwd, withPlugin) {
  const { wall, results } = await lintWithStats(
    cwd,
    [...(withPlugin ? plugin.configs.recommended : []), { files: ['**/*.ts'], languageOptions: { parser: tsParser } }],
    ['src'],
  );
  let total = 0;
  let pluginRules = 0;
  let paymentFileRules = 0;
  let otherFileRules = 0;
  let otherFiles = 0;
  let problems = 0;
  /** Per plugin rule, its time on files with no payment call (the per-file gate's cost). */
  const otherByRule = {};
  for (const r of results) {
    problems += r.messages.length;
    const passes = r.stats?.times?.passes ?? [];
    let fileRules = 0;
    for (const pass of passes) {
      total += pass.total ?? 0;
      for (const [id, t] of Object.entries(pass.rules ?? {})) {
        if (!id.startsWith('booking-payment/')) continue;
        fileRules += t.total;
        if (!paymentLike(r.filePath)) otherByRule[id] = (otherByRule[id] ?? 0) + t.total;
      }
    }
    pluginRules += fileRules;
    if (paymentLike(r.filePath)) {
      paymentFileRules += fileRules;
    } else {
      otherFileRules += fileRules;
      otherFiles++;
    }
  }
  return { wall, total, pluginRules, problems, files: results.length, otherFileRules, otherFiles, paymentFileRules, otherByRule };
}

const EVERY = 100;
function paymentLike(file) {
  const i = Number(/file(\d+)\.ts$/.exec(file)?.[1] ?? -1);
  return i % EVERY === EVERY - 1;
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export default async function run() {
  const dir = path.join(os.tmpdir(), `booking-payment-bench-lint-${process.pid}`);
  const payments = generateCorpus(dir, FILES, 1 / EVERY);
  console.log(`corpus: ${FILES} TypeScript files, ${payments} with Stripe payment creations (${dir})`);
  // Warm-up, then ROUNDS interleaved pairs; medians are compared (the machine is shared and noisy).
  await lint(dir, false);
  await lint(dir, true);
  const bases = [];
  const withs = [];
  for (let i = 0; i < ROUNDS; i++) {
    bases.push(await lint(dir, false));
    withs.push(await lint(dir, true));
  }
  const baseWall = median(bases.map((r) => r.wall));
  const withWall = median(withs.map((r) => r.wall));
  const shares = withs.map((r) => r.pluginRules / r.total);
  const share = median(shares);
  const last = withs[withs.length - 1];
  console.log(`parser only:       ${baseWall.toFixed(0)} ms wall (median of ${ROUNDS}), ${bases[0].problems} problems`);
  console.log(`with the plugin:   ${withWall.toFixed(0)} ms wall (median of ${ROUNDS}), ${last.problems} problems`);
  console.log(`wall ratio (plugin / parser only): ${(withWall / baseWall).toFixed(3)}`);
  console.log(
    `plugin rules' share of lint time (ESLint stats): ${(share * 100).toFixed(2)} % median ` +
      `(rounds: ${shares.map((x) => (x * 100).toFixed(2)).join(', ')} %; target <= 1 %)`,
  );
  const perOther = median(withs.map((r) => (r.otherFiles ? r.otherFileRules / r.otherFiles : 0)));
  const perPayment = median(withs.map((r) => (payments ? r.paymentFileRules / payments : 0)));
  console.log(
    `plugin rules per file: ${(perOther * 1000).toFixed(1)} µs on a file with no payment call, ` +
      `${(perPayment * 1000).toFixed(1)} µs on a file with one`,
  );
  const ids = Object.keys(last.otherByRule).sort();
  console.log(
    `per rule, on a file with no payment call or webhook: ${ids
      .map((id) => `${id.slice('booking-payment/'.length)} ${((median(withs.map((r) => r.otherByRule[id] ?? 0)) / Math.max(1, last.otherFiles)) * 1000).toFixed(1)} µs`)
      .join(', ')}`,
  );
  rmSync(dir, { recursive: true, force: true });
}
