// The project index of require-persisted-payment-id, all figures from this one run:
//  1. multi-app lint: a folder of 10 apps (each its own lockfile; ESLint's cwd above them) linted with the
//     parser alone and with the plugin's TypeScript rules, as one run in a fresh process (as `eslint .` is),
//     three runs per build, the builds alternating, the median ratio the figure; the plugin's share
//     of parser-only lint time (ESLint's stats), the index's reads and parses (each file read at most once,
//     parsed only when the text scan cannot settle it), and the read-ahead thread's reads and busy time
//     (not on ESLint's thread: printed apart, and added to the plugin's for its CPU on both threads);
//  2. editor replay on a 5,000-file project (a session): the first lint of a checkout (cold index), then keystrokes
//     (the linted text edited, 25 ms apart, TTL 100 ms so revalidations fall among them): per-keystroke p95
//     and max, fs calls per keystroke;
//  3. the index's memory on a generated 20,000-file tree;
//  4. the text fallback on a 975 KB JSX-in-.js file that does not parse (linear, not quadratic).
// BENCH_DIST=<folder>[,<folder>…] measures other builds (e.g. the code before a change, then dist) with
// the same bench, section by section, so that their rows are compared under one load (the multi-app lint
// in a fresh process per run, the other sections in this one).
import { spawnSync } from 'node:child_process';
import fs, { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import { checkoutFile, generateMultiApp, lintWithStats, median, ordinaryFile, webhookFile } from './corpus.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const distDirs = (process.env.BENCH_DIST ?? 'dist').split(',').map((d) => path.resolve(here, '..', d));
const load = (distDir, rel) => import(pathToFileURL(path.join(distDir, rel)).href);

const APPS = Number(process.env.BENCH_APPS ?? 10);
const FILES_PER_APP = Number(process.env.BENCH_APP_FILES ?? 500);
const EDITOR_FILES = Number(process.env.BENCH_INDEX_FILES ?? 5000);
const MEMORY_FILES = Number(process.env.BENCH_MEMORY_FILES ?? 20000);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 120);
/** Fresh processes per build for the multi-app lint (their median is the figure). */
const APP_RUNS = Number(process.env.BENCH_APP_RUNS ?? 3);
/** BENCH_SECTIONS=apps,editor,memory,fallback (default: all). */
const SECTIONS = process.env.BENCH_SECTIONS ? process.env.BENCH_SECTIONS.split(',') : null;
const TS_RULES = ['require-booking-id-metadata', 'require-persisted-payment-id', 'require-booking-payment-column'];

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const percentile = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

// ---------------------------------------------------------------------------------------------------------
// fs calls, counted by wrapping the sync functions the plugin uses (named ESM imports follow the wrap)

const counted = ['statSync', 'lstatSync', 'fstatSync', 'openSync', 'readSync', 'readFileSync', 'readdirSync', 'existsSync'];
const fsCalls = Object.fromEntries(counted.map((n) => [n, 0]));
const sourceOpens = { count: 0, files: new Map() };
for (const name of counted) {
  const real = fs[name];
  fs[name] = function (...args) {
    fsCalls[name]++;
    if (name === 'openSync' && typeof args[0] === 'string' && /\.[cm]?[jt]sx?$/.test(args[0])) {
      sourceOpens.count++;
      sourceOpens.files.set(args[0], (sourceOpens.files.get(args[0]) ?? 0) + 1);
    }
    return real.apply(this, args);
  };
}
syncBuiltinESMExports();
const totalFsCalls = () => counted.reduce((sum, n) => sum + fsCalls[n], 0);

// ---------------------------------------------------------------------------------------------------------

function pluginConfig(plugin) {
  return {
    files: ['**/*.ts'],
    plugins: { 'booking-payment': plugin },
    rules: Object.fromEntries(TS_RULES.map((r) => [`booking-payment/${r}`, 'error'])),
  };
}

const CHILD_FLAG = '--multi-app-child';
const CHILD_RESULT = 'multi-app-result ';

async function multiAppLint({ label, plugin, index }, dir) {
  index.clearProjectIndexCache();
  // `eslint .` in a terminal or CI is one run (project/run-mode.ts infers it from ESLint's command or CI=true);
  // this in-process lint says so, as that command would.
  index.setSingleRun?.(true);
  sourceOpens.count = 0;
  sourceOpens.files.clear();
  const { wall, results } = await lintWithStats(
    dir,
    [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, pluginConfig(plugin)],
    ['.'],
  );
  let total = 0;
  let pluginTime = 0;
  let problems = 0;
  const perRule = Object.fromEntries(TS_RULES.map((r) => [r, 0]));
  for (const r of results) {
    problems += r.messages.filter((m) => m.ruleId?.startsWith('booking-payment/')).length;
    for (const pass of r.stats?.times?.passes ?? []) {
      total += pass.total ?? 0;
      for (const rule of TS_RULES) {
        const t = pass.rules?.[`booking-payment/${rule}`]?.total ?? 0;
        pluginTime += t;
        perRule[rule] += t;
      }
    }
  }
  const parserOnly = total - pluginTime;
  const opensPerFile = Math.max(0, ...sourceOpens.files.values());
  let reads = sourceOpens.count;
  let parses = 'n/a';
  let lookupMs = null;
  let readAhead = null;
  if (index.projectIndexStats) {
    const stats = index.projectIndexStats();
    reads = stats.reads;
    parses = stats.parses;
    lookupMs = stats.lookupMs;
    readAhead = stats.readAhead ?? null;
  } else {
    // The earlier code has no counters: its snapshots tell the parses of each app's index.
    parses = 0;
    for (let a = 0; a < APPS; a++) parses += index.getProjectIndex(path.join(dir, `app${a}`, 'src/module0/file0.ts'), { cwd: dir }).parsedCount;
  }
  const pct = (t) => `${((t / parserOnly) * 100).toFixed(2)} %`;
  const summary = { label, pct: (pluginTime / parserOnly) * 100, pluginTime, parserOnly };
  console.log(
    `[${label}] multi-app lint: ${results.length} files in ${APPS} apps (each with its own lockfile), ${wall.toFixed(0)} ms wall; ` +
      `${index.setSingleRun ? 'one run; ' : ''}plugin rules ${pluginTime.toFixed(0)} ms vs parser-only lint ${parserOnly.toFixed(0)} ms = ${pct(pluginTime)} (budget 1 %) ` +
      `[${TS_RULES.map((r) => `${r} ${pct(perRule[r])}`).join(', ')}]; ${problems} reports`,
  );
  console.log(
    `[${label}]   index: ${reads} source-file reads for ${results.length} files (most opens of one file: ${opensPerFile}), ` +
      `${parses} parses` +
      (lookupMs === null ? '' : `; time inside the index's lookups ${lookupMs.toFixed(0)} ms = ${pct(lookupMs)} of parser-only lint`),
  );
  if (readAhead) {
    // The read-ahead thread's time is not on ESLint's thread: printed apart, and added for the CPU total.
    console.log(
      `[${label}]   read-ahead thread: ${readAhead.files} files read (${readAhead.taken} taken by the index), ` +
        `${readAhead.busyMs.toFixed(0)} ms busy on another thread; plugin CPU on both threads ${pct(pluginTime + readAhead.busyMs)}`,
    );
  }
  return summary;
}

/**
 * The multi-app lint of each build in fresh Node processes, as `eslint .` runs: the parser, ESLint and the
 * plugin all start cold. Within one process, the lint that runs second finds the parser warm (its
 * parser-only time measured 7-35 % lower) while the plugin's code is cold again, so the order of the
 * builds changed their ratios more than the builds did. The builds alternate; each run prints its rows,
 * and the median of each build's ratios is the figure.
 */
async function multiAppLintFresh(builds, dir) {
  const ratios = new Map(builds.map((b) => [b.label, []]));
  for (let run = 0; run < APP_RUNS; run++) {
    for (const build of builds) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), CHILD_FLAG, build.distDir, dir], {
        encoding: 'utf8',
        env: process.env,
        maxBuffer: 16 * 1024 * 1024,
      });
      if (child.status !== 0) throw new Error(`multi-app lint of ${build.label} failed: ${child.stderr}`);
      for (const line of child.stdout.split('\n')) {
        if (line.startsWith(CHILD_RESULT)) ratios.get(build.label).push(JSON.parse(line.slice(CHILD_RESULT.length)).pct);
        else if (line !== '') console.log(`run ${run + 1}: ${line}`);
      }
    }
  }
  for (const [label, values] of ratios) {
    console.log(
      `[${label}] multi-app lint, median of ${values.length} fresh processes: plugin rules = ${median(values).toFixed(2)} % of parser-only lint ` +
        `(budget 1 %; runs: ${values.map((v) => `${v.toFixed(2)} %`).join(', ')})`,
    );
  }
}

function editorProject(dir, count) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'editor-app', private: true, dependencies: { stripe: '*' } }));
  writeFileSync(path.join(dir, 'package-lock.json'), '{}');
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, 'src', `module${Math.floor(i / 100)}`);
    mkdirSync(sub, { recursive: true });
    const text = i === count - 1 ? webhookFile(i) : i % 100 === 50 ? checkoutFile(i) : ordinaryFile(i, i % 40 === 0 ? `\n    logger.info({ orderId: input.name }, 'seen');` : '');
    writeFileSync(path.join(sub, `file${i}.ts`), text);
  }
  return path.join(dir, 'src', 'module0', 'file50.ts');
}

/**
 * The editor replay, every build at once: each keystroke is linted by the parser alone, then by each build in
 * turn, so that their figures are taken under the same load.
 */
async function editorReplay(builds, dir, file) {
  const parserOnly = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }];
  const base = fs.readFileSync(file, 'utf8');
  const runs = builds.map((build) => ({
    build,
    linter: new Linter({ cwd: dir }),
    config: [...parserOnly, pluginConfig(build.plugin)],
    times: [],
    calls: [],
  }));
  const plain = new Linter({ cwd: dir });
  const plainTimes = [];
  for (const run of runs) {
    run.build.index.clearProjectIndexCache();
    // An editor's ESLint server is a session: files are checked again after the TTL.
    run.build.index.setSingleRun?.(false);
    run.build.index.setProjectIndexTtl(100);
    // Parser warm (as an editor's ESLint server is), index cold.
    run.linter.verify('const a = 1;', run.config, { filename: path.join(dir, 'src/warm.ts') });
    run.build.index.clearProjectIndexCache();
    const start = process.hrtime.bigint();
    const first = run.linter.verify(base, run.config, { filename: file });
    run.firstMs = ms(start);
    run.reports = first.filter((m) => m.ruleId?.startsWith('booking-payment/')).length;
  }
  for (let k = 0; k < KEYSTROKES; k++) {
    const text = base.replace("currency: 'eur'", `currency: 'eur', description: 'k${k}'`);
    await new Promise((r) => setTimeout(r, 25));
    let start = process.hrtime.bigint();
    plain.verify(text, parserOnly, { filename: file });
    plainTimes.push(ms(start));
    for (const run of runs) {
      const before = totalFsCalls();
      start = process.hrtime.bigint();
      run.linter.verify(text, run.config, { filename: file });
      run.times.push(ms(start));
      run.calls.push(totalFsCalls() - before);
    }
  }
  console.log(
    `editor replay (${EDITOR_FILES}-file project, webhook in the last folder; ${KEYSTROKES} keystrokes 25 ms apart, TTL 100 ms, ` +
      `each linted by the parser alone then by each build): parser alone p50 ${median(plainTimes).toFixed(1)} ms, p95 ${percentile(plainTimes, 95).toFixed(1)} ms`,
  );
  for (const run of runs) {
    run.build.index.setProjectIndexTtl(2000);
    const { times, calls } = run;
    console.log(
      `[${run.build.label}] first lint of a checkout ${run.firstMs.toFixed(0)} ms (${run.reports} reports); keystrokes: ` +
        `p50 ${median(times).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; ` +
        `fs calls per keystroke: median ${median(calls)}, p95 ${percentile(calls, 95)}, max ${Math.max(...calls)}`,
    );
  }
}

function memory({ label, index }, dir, file) {
  index.clearProjectIndexCache();
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const built = index.getProjectIndex(file, { cwd: dir });
  const buildMs = ms(start);
  globalThis.gc?.();
  const after = process.memoryUsage().heapUsed;
  console.log(
    `[${label}] memory: full index of a ${MEMORY_FILES}-file tree (${built.fileCount} files, ${built.scannedCount} read closely, ` +
      `${built.providerIdWrites.length} writes) built in ${buildMs.toFixed(0)} ms holds ${((after - before) / 1024 / 1024).toFixed(1)} MB of heap` +
      `${globalThis.gc ? '' : ' (run node with --expose-gc for an exact figure)'}`,
  );
  index.clearProjectIndexCache();
}

function textFallbackProject() {
  const dir = path.join(os.tmpdir(), `booking-payment-bench-jsx-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'package-lock.json'), '{}');
  let text = 'import React from "react";\n';
  for (let i = 0; text.length < 975_000; i++) {
    text += `export function Row${i}({ order }) {\n  const orderId = order.id;\n  return <div data-order={orderId}>Don't pay {order.total} <span>{orderId}</span></div>;\n}\n`;
  }
  // Cut mid-component: the file does not parse (not as JavaScript, not as JSX).
  writeFileSync(path.join(dir, 'src/big.js'), text.slice(0, 975_000));
  return dir;
}

function textFallback({ label, index }, dir) {
  index.clearProjectIndexCache();
  const start = process.hrtime.bigint();
  const built = index.getProjectIndex(path.join(dir, 'src/a.ts'), { cwd: dir });
  console.log(
    `[${label}] text fallback: a 975 KB JSX-in-.js file that does not parse, indexed in ${ms(start).toFixed(0)} ms ` +
      `(${built.providerIdWrites.length} "writes" recorded, ${built.providerIdWrites.filter((w) => w.uncertain).length} marked uncertain)`,
  );
  index.clearProjectIndexCache();
}

async function loadBuild(distDir) {
  return {
    label: path.relative(path.resolve(here, '..'), distDir),
    distDir,
    plugin: (await load(distDir, 'index.js')).default,
    index: await load(distDir, 'project-index/index.js'),
  };
}

export default async function run() {
  const builds = [];
  for (const distDir of distDirs) builds.push(await loadBuild(distDir));
  console.log(`builds measured: ${builds.map((b) => b.label).join(', ')}; machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  createRequire(import.meta.url)('@typescript-eslint/typescript-estree').parse('const a = 1;');
  const tmp = (name) => path.join(os.tmpdir(), `booking-payment-bench-${name}-${process.pid}`);

  const on = (section) => SECTIONS === null || SECTIONS.includes(section);

  if (on('apps')) {
    const apps = tmp('apps');
    generateMultiApp(apps, APPS, FILES_PER_APP);
    await multiAppLintFresh(builds, apps);
    rmSync(apps, { recursive: true, force: true });
  }
  if (on('editor')) {
    const editor = tmp('editor');
    const editorFile = editorProject(editor, EDITOR_FILES);
    await editorReplay(builds, editor, editorFile);
    rmSync(editor, { recursive: true, force: true });
  }
  if (on('memory')) {
    const big = tmp('memory');
    const bigFile = editorProject(big, MEMORY_FILES);
    for (const build of builds) memory(build, big, bigFile);
    rmSync(big, { recursive: true, force: true });
  }
  if (on('fallback')) {
    const jsx = textFallbackProject();
    for (const build of builds) textFallback(build, jsx);
    rmSync(jsx, { recursive: true, force: true });
  }
}

// A child of multiAppLintFresh: one build's multi-app lint, then its ratio on a line of its own.
if (process.argv[2] === CHILD_FLAG && process.argv[1] === fileURLToPath(import.meta.url)) {
  const summary = await multiAppLint(await loadBuild(process.argv[3]), process.argv[4]);
  console.log(CHILD_RESULT + JSON.stringify(summary));
  process.exit(0);
}
