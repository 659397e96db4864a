#!/usr/bin/env node
// Lints public booking apps with eslint-plugin-booking-payment's configs.recommended, as a new user would,
// and runs the plugin's audit on each.
//
// Usage: node lint-apps.mjs <plugin dist dir> [apps dir] [--json out.json] [--only name,name] [--no-audit]
//   <plugin dist dir>  e.g. ./dist after `npm run build` (index.js and cli/audit.js are taken from it)
//   [apps dir]         defaults to the directory of this script; every sub-directory with a package.json
//                      (or a .prisma file) is one app
// ESLint and @typescript-eslint/parser are resolved from the plugin's package (its node_modules), so the
// apps need no dependencies installed. The apps' own ESLint configs are NOT used (overrideConfigFile: true).
// Output: a human list per app on stderr, and a JSON document on stdout (or in --json <file>):
//   { plugin, apps: [{ app, dir, commit, filesLinted, reports: [{ file, line, column, rule, message }],
//                      fatal: [...], audit: { exitCode, json } }] }
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const noAudit = args.includes('--no-audit');
if (noAudit) args.splice(args.indexOf('--no-audit'), 1);
const jsonOut = flag('--json');
const only = flag('--only')?.split(',');
const distDir = path.resolve(args[0] ?? '');
if (!args[0] || !existsSync(path.join(distDir, 'index.js'))) {
  console.error('usage: node lint-apps.mjs <plugin dist dir> [apps dir] [--json out.json] [--only a,b] [--no-audit]');
  process.exit(2);
}
const appsDir = path.resolve(args[1] ?? path.dirname(fileURLToPath(import.meta.url)));

const requireFromPlugin = createRequire(path.join(distDir, '..', 'package.json'));
const { ESLint } = await import(pathToFileURL(requireFromPlugin.resolve('eslint')).href);
const tsParser = (await import(pathToFileURL(requireFromPlugin.resolve('@typescript-eslint/parser')).href))
  .default;
const plugin = (await import(pathToFileURL(path.join(distDir, 'index.js')).href)).default;

const IGNORES = [
  '**/node_modules/**', '**/.next/**', '**/dist/**', '**/build/**', '**/out/**', '**/coverage/**',
  '**/.git/**', '**/*.min.js', '**/public/**', '**/generated/**', 'eslint.config.mjs', '**/*.upstream',
];

/** The config a new user writes: the TS parser for TS files, then configs.recommended. */
function config() {
  return [
    { ignores: IGNORES },
    {
      files: ['**/*.{ts,mts,cts,tsx}'],
      languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    { files: ['**/*.{js,jsx,mjs,cjs}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    ...plugin.configs.recommended,
    ...plugin.configs.prisma,
    { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  ];
}

function commitOf(dir) {
  const name = path.basename(dir);
  // Where the repositories were fetched as bare git directories (BOOKING_APPS_MIRROR/<owner>+<name>/repo).
  const mirror = path.join(process.env.BOOKING_APPS_MIRROR ?? "", name, "repo");
  try {
    return execFileSync('git', ['--git-dir', mirror, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

const MARK = '// written by lint-apps.mjs';
function writeAuditConfig(dir) {
  const mine = path.join(dir, 'eslint.config.mjs');
  for (const f of ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts']) {
    const p = path.join(dir, f);
    if (existsSync(p) && !readFileSync(p, 'utf8').startsWith(MARK)) renameSync(p, `${p}.upstream`);
  }
  const parserUrl = pathToFileURL(requireFromPlugin.resolve('@typescript-eslint/parser')).href;
  const pluginUrl = pathToFileURL(path.join(distDir, 'index.js')).href;
  writeFileSync(
    mine,
    `${MARK}\nimport tsParser from '${parserUrl}';\nimport bookingPayment from '${pluginUrl}';\n\n` +
      `export default [\n  { ignores: ${JSON.stringify(IGNORES)} },\n` +
      `  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser } },\n` +
      `  ...bookingPayment.configs.recommended,\n  ...bookingPayment.configs.prisma,\n];\n`,
  );
}

const apps = readdirSync(appsDir)
  .filter((name) => statSync(path.join(appsDir, name)).isDirectory())
  .filter((name) => !only || only.includes(name))
  .filter((name) => existsSync(path.join(appsDir, name, 'package.json')) || name.includes('+'))
  .sort();

const result = { plugin: distDir, apps: [] };
for (const name of apps) {
  const dir = path.join(appsDir, name);
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: config(),
    errorOnUnmatchedPattern: false,
    warnIgnored: false,
  });
  const results = await eslint.lintFiles(['.']);
  const reports = [];
  const fatal = [];
  const other = [];
  for (const r of results) {
    const file = path.relative(dir, r.filePath);
    for (const m of r.messages) {
      const entry = { file, line: m.line, column: m.column, rule: m.ruleId, message: m.message };
      if (m.suggestions?.length) {
        entry.suggestions = m.suggestions.map((sg) => ({ desc: sg.desc, text: sg.fix?.text }));
      }
      if (m.fatal || !m.ruleId) fatal.push(entry);
      else if (m.ruleId.startsWith('booking-payment/')) reports.push(entry);
      else other.push(entry); // e.g. an eslint-disable comment naming a rule of a plugin not loaded here

    }
  }
  const app = { app: name, dir, commit: commitOf(dir), filesLinted: results.length, files: results.map((r) => path.relative(dir, r.filePath)), reports, fatal, otherMessages: other.length };
  if (!noAudit) {
    // The audit uses the project's own eslint.config.*. The apps' configs import packages that are not
    // installed here, so (as a new user adding the plugin would end up with) the app gets a config with
    // the TS parser and configs.recommended; an upstream config is renamed to <name>.upstream first.
    writeAuditConfig(dir);
    const audit = spawnSync(process.execPath, [path.join(distDir, 'cli', 'audit.js'), dir, '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    let json = null;
    let usedDefaults = false;
    try {
      json = JSON.parse(audit.stdout);
    } catch {
      json = { raw: audit.stdout.slice(0, 4000), stderr: audit.stderr.slice(0, 4000) };
    }
    if (audit.status === 2) {
      const again = spawnSync(process.execPath, [path.join(distDir, 'cli', 'audit.js'), dir, '--format', 'json', '--defaults'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      usedDefaults = true;
      try { json = JSON.parse(again.stdout); } catch { json = { raw: again.stdout.slice(0, 4000), stderr: again.stderr.slice(0, 4000), firstStderr: audit.stderr.slice(0, 2000) }; }
      app.audit = { exitCode: again.status, json, usedDefaults, firstExit: audit.status, firstStderr: audit.stderr.slice(0, 2000) };
    } else app.audit = { exitCode: audit.status, json, usedDefaults };
  }
  result.apps.push(app);
  console.error(`\n== ${name} (${app.commit ?? 'no commit'}) files linted: ${app.filesLinted}`);
  for (const r of reports) {
    console.error(`  ${r.file}:${r.line}:${r.column}  ${r.rule}  ${r.message}`);
    for (const sg of r.suggestions ?? []) console.error(`      suggestion: ${sg.desc} -> ${JSON.stringify(sg.text)}`);
  }
  for (const r of fatal) console.error(`  FATAL ${r.file}:${r.line}:${r.column}  ${r.message}`);
  if (app.audit) {
    const j = app.audit.json;
    console.error(`  audit exit ${app.audit.exitCode}: ${j?.status ?? ''} ${j?.providers?.map((p) => p.summary ?? p.linkLine).join(' | ') ?? j?.reason ?? JSON.stringify(j).slice(0, 300)}`);
  }
}
const text = JSON.stringify(result, null, 2);
if (jsonOut) writeFileSync(jsonOut, text);
else process.stdout.write(`${text}\n`);
