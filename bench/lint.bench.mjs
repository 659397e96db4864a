// The plugin's cost on a 2,000-file project: lint once with the parser alone and once with the plugin's
// recommended config, in this one process; report the plugin rules' share of lint time (ESLint's stats)
// and the wall-clock ratio. Each configuration runs twice; the second (warm) run is the one compared.
import os from 'node:os';
import path from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';

import plugin from '../dist/index.js';
import { generateCorpus } from './corpus.mjs';

const FILES = Number(process.env.BENCH_FILES ?? 2000);

async function lint(cwd, withPlugin) {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    stats: true,
    cache: false,
    overrideConfig: [
      ...(withPlugin ? plugin.configs.recommended : []),
      { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
    ],
  });
  const start = process.hrtime.bigint();
  const results = await eslint.lintFiles(['src']);
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  let total = 0;
  let pluginRules = 0;
  let paymentFileRules = 0;
  let otherFileRules = 0;
  let otherFiles = 0;
  let problems = 0;
  for (const r of results) {
    problems += r.messages.length;
    const passes = r.stats?.times?.passes ?? [];
    let fileRules = 0;
    for (const pass of passes) {
      total += pass.total ?? 0;
      for (const [id, t] of Object.entries(pass.rules ?? {})) {
        if (id.startsWith('booking-payment/')) fileRules += t.total;
      }
    }
    pluginRules += fileRules;
    if (/stripe/.test(r.source ?? '') || r.messages.length > 0 || /file(\d+)\.ts$/.test(r.filePath) && paymentLike(r.filePath)) {
      paymentFileRules += fileRules;
    } else {
      otherFileRules += fileRules;
      otherFiles++;
    }
  }
  return { wall, total, pluginRules, problems, files: results.length, otherFileRules, otherFiles, paymentFileRules };
}

const EVERY = 100;
function paymentLike(file) {
  const i = Number(/file(\d+)\.ts$/.exec(file)?.[1] ?? -1);
  return i % EVERY === EVERY - 1;
}

export default async function run() {
  const dir = path.join(os.tmpdir(), `booking-payment-bench-lint-${process.pid}`);
  const payments = generateCorpus(dir, FILES, 1 / EVERY);
  console.log(`corpus: ${FILES} TypeScript files, ${payments} with Stripe payment creations (${dir})`);
  await lint(dir, false);
  await lint(dir, true);
  const base = await lint(dir, false);
  const withPlugin = await lint(dir, true);
  const share = withPlugin.pluginRules / withPlugin.total;
  console.log(`parser only:       ${base.wall.toFixed(0)} ms wall, ${base.problems} problems`);
  console.log(`with the plugin:   ${withPlugin.wall.toFixed(0)} ms wall, ${withPlugin.problems} problems`);
  console.log(`wall ratio (plugin / parser only): ${(withPlugin.wall / base.wall).toFixed(3)}`);
  console.log(
    `plugin rules' share of lint time (ESLint stats): ${(share * 100).toFixed(2)} % ` +
      `(${withPlugin.pluginRules.toFixed(1)} ms of ${withPlugin.total.toFixed(0)} ms; target <= 1 %)`,
  );
  const perOther = withPlugin.otherFiles ? withPlugin.otherFileRules / withPlugin.otherFiles : 0;
  const perPayment = payments ? withPlugin.paymentFileRules / payments : 0;
  console.log(
    `plugin rules per file: ${(perOther * 1000).toFixed(1)} µs on a file with no payment call, ` +
      `${(perPayment * 1000).toFixed(1)} µs on a file with one`,
  );
}
