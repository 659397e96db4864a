/**
 * Runs the audit: the plugin's analysis over a project through ESLint's Node API — so the project's own
 * config (its ignores and `settings['booking-payment']`) is honoured — with the fact-collecting rule as the
 * only rule that runs. Then the schema facts, and the verdict per payment SDK found in package.json.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { ESLint, type Linter } from 'eslint';

import { DEFAULT_BOOKING_ID_KEYS, DEFAULT_BOOKING_MODELS, DEFAULT_PAYMENT_MODELS } from '../config/vocabulary.js';
import { findNearestPackageJson, getPaymentSdks, loadPackageJson, type PaymentSdk } from '../project/package-json.js';
import { pickList } from '../config/settings.js';
import { COLLECTOR_NAMESPACE, COLLECTOR_RULE, createCollectorPlugin, createFactSink } from './collector.js';
import { collectSchemaFacts, relativePath } from './schema-facts.js';
import type { AuditReport } from './types.js';
import { workspacePackagesWithSdks } from './workspaces.js';
import { buildProviderReport } from './verdict.js';
import { isWebhookProvider } from '../detect/webhook.js';
import { describeWebhookLookup } from '../links/webhook-lookup.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };

export const AUDIT_TOOL = { name: 'booking-payment-audit', version: pkg.version } as const;

/** The files the audit reads: every JS/TS flavour. */
const SCRIPT_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];
const TS_FILES = ['**/*.{ts,mts,cts,tsx}'];
const JS_FILES = ['**/*.{js,mjs,cjs,jsx}'];

/** What is skipped when the project has no ESLint config of its own. */
const FALLBACK_IGNORES = [
  '**/node_modules/',
  '**/dist/',
  '**/build/',
  '**/out/',
  '**/.next/',
  '**/.nuxt/',
  '**/.svelte-kit/',
  '**/coverage/',
];

/** A problem with what the user asked for (exit code 2). */
export class AuditUsageError extends Error {
  override name = 'AuditUsageError';
}

/** The audit cannot give an answer (exit code 2): e.g. package.json does not parse. */
export class AuditError extends Error {
  override name = 'AuditError';
}

export interface AuditOptions {
  /** The project to audit (default: the current directory). */
  dir?: string;
  /** Called once per JS/TS file as it is linted (a progress line on a terminal). */
  onFile?: (relativeFile: string) => void;
  /** Called before a package's files are read, with how many JS/TS files the config lets through. */
  onStart?: (fileCount: number, packageDir: string) => void;
  /** Audit with the built-in defaults instead of the project's ESLint config (`--defaults`). */
  defaults?: boolean;
  /** Keep the project's type-aware parser options (`project`, `projectService`, `programs`); `--typed`. */
  typed?: boolean;
}

/** Finds `@typescript-eslint/parser`: the project's own first, then the one installed next to the plugin. */
async function loadTsParser(dir: string): Promise<Linter.Parser | null> {
  const candidates = [createRequire(path.join(dir, 'package.json')), createRequire(import.meta.url)];
  for (const req of candidates) {
    let resolved: string;
    try {
      resolved = req.resolve('@typescript-eslint/parser');
    } catch {
      continue;
    }
    const mod = (await import(pathToFileURL(resolved).href)) as { default?: Linter.Parser } & Linter.Parser;
    const parser = mod.default && 'parseForESLint' in mod.default ? mod.default : mod;
    if ('parseForESLint' in parser || 'parse' in parser) return parser;
  }
  return null;
}

function isMissingConfig(error: unknown): boolean {
  return (
    error instanceof Error &&
    ((error as Error & { messageTemplate?: string }).messageTemplate === 'config-file-missing' ||
      /Could not find config file/.test(error.message))
  );
}

/**
 * A package.json parse error without the file's text: JSON.parse quotes the source around the error, and
 * that text may hold a secret. Only the position (as line and column) is kept.
 */
function describeJsonError(file: string, message: string): string {
  if (message === 'not a JSON object') return message;
  const position = /\bposition (\d+)/.exec(message);
  if (position) {
    try {
      const before = readFileSync(file, 'utf8').slice(0, Number(position[1]));
      const lines = before.split('\n');
      return `not valid JSON (line ${lines.length}, column ${lines.at(-1)!.length + 1})`;
    } catch {
      // fall through
    }
  }
  return /end of (?:JSON )?input/i.test(message) ? 'not valid JSON (it ends too early)' : 'not valid JSON';
}

/**
 * Audits a project. Throws AuditUsageError for a bad directory, AuditError when the nearest package.json does
 * not parse or the project's ESLint config cannot be loaded; everything else ends up in the report. At a
 * workspace root (or a folder with no package.json of its own) every package below it with a payment SDK is
 * audited, one report each in `packages`.
 */
export async function runAudit(options: AuditOptions = {}): Promise<AuditReport> {
  const dir = path.resolve(options.dir ?? '.');
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new AuditUsageError(`not a directory: ${options.dir ?? dir}`);

  const packageJsonPath = findNearestPackageJson(dir);
  const packageJson = packageJsonPath ? relativePath(dir, packageJsonPath) : null;
  if (packageJsonPath) {
    // Unreadable is not "no SDK": answering N/A (exit 0) here would let CI pass a project it never checked.
    const loaded = loadPackageJson(packageJsonPath);
    if (loaded.status === 'invalid') {
      throw new AuditError(`${packageJson} could not be parsed: ${describeJsonError(packageJsonPath, loaded.message)}`);
    }
  }
  const sdks = getPaymentSdks(dir);
  if (sdks.length > 0) return auditPackage(dir, packageJson, sdks, options);

  // A monorepo root with no SDK of its own, or a repository whose app lives in a folder (`server/`): the
  // packages inside are what takes payments. Answering "N/A" here would let CI pass over them.
  const ownPackageJson = existsSync(path.join(dir, 'package.json'));
  const members = ownPackageJson ? workspacePackagesWithSdks(dir) : [];
  const nested = members.length > 0 ? null : findNestedPackages(dir);
  const found = members.length > 0 ? members : (nested?.withSdks ?? []);
  if (found.length > 0) {
    const how =
      members.length > 0
        ? `${packageJson} is a workspace root with no payment SDK of its own`
        : ownPackageJson
          ? `${packageJson} lists no payment SDK`
          : 'no package.json in this folder';
    const list = found.map((m) => `${m.dir} (${m.sdks.map((x) => x.packageName).join(', ')})`).join(', ');
    const packages: AuditReport[] = [];
    for (const member of found) {
      const memberDir = path.join(dir, member.dir);
      const memberReport = await auditPackage(memberDir, 'package.json', member.sdks, options);
      packages.push({ ...memberReport, packageDir: member.dir });
    }
    return {
      tool: { ...AUDIT_TOOL },
      directory: dir,
      status: packages.some((p) => p.status === 'fail') ? 'fail' : packages.every((p) => p.status === 'n/a') ? 'n/a' : 'pass',
      packageJson: ownPackageJson ? packageJson : null,
      filesLinted: packages.reduce((n, p) => n + p.filesLinted, 0),
      schema: { status: 'missing', searched: [] },
      providers: [],
      notes: [`${how}; audited ${found.length === 1 ? 'the package' : `each of the ${found.length} packages`} with one: ${list}.`],
      packages,
    };
  }
  const reason = ownPackageJson || packageJson
    ? `no payment SDK in ${packageJson}`
    : 'no payment SDK in package.json (no package.json found)';
  const seen = nested && nested.without.length > 0 ? `; package.json files found below it list none either: ${listNames(nested.without)}` : '';
  return {
    tool: { ...AUDIT_TOOL },
    directory: dir,
    status: 'n/a',
    reason: nested && !ownPackageJson ? `${reason}${seen || '; no package.json found below it either (node_modules, dist and vendored folders skipped)'}` : reason,
    packageJson,
    filesLinted: 0,
    schema: { status: 'missing', searched: [] },
    providers: [],
    notes: [],
  };
}

function listNames(names: readonly string[], max = 5): string {
  return names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');
}

/** Folders never searched for nested apps: dependencies, build output, vendored code. */
const NESTED_SKIP = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'vendor', 'vendors', 'third_party', 'third-party', 'bower_components', 'jspm_packages']);
const NESTED_DEPTH = 4;
const NESTED_MAX_DIRS = 5_000;

/** package.json files below `dir` (not `dir` itself), with and without a payment SDK; nearest first. */
function findNestedPackages(dir: string): { withSdks: { dir: string; sdks: PaymentSdk[] }[]; without: string[] } {
  const withSdks: { dir: string; sdks: PaymentSdk[] }[] = [];
  const without: string[] = [];
  let visited = 0;
  const queue: { abs: string; depth: number }[] = [{ abs: dir, depth: 0 }];
  while (queue.length > 0 && visited < NESTED_MAX_DIRS) {
    const { abs, depth } = queue.shift()!;
    visited += 1;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      continue;
    }
    if (abs !== dir && entries.some((e) => e.isFile() && e.name === 'package.json')) {
      const rel = relativePath(dir, abs);
      const sdks = getPaymentSdks(abs);
      if (sdks.length > 0) withSdks.push({ dir: rel, sdks });
      else without.push(`${rel}/package.json`);
      // An app's own subfolders belong to it: do not audit them as apps of their own.
      if (sdks.length > 0) continue;
    }
    if (depth >= NESTED_DEPTH) continue;
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || NESTED_SKIP.has(entry.name)) continue;
      queue.push({ abs: path.join(abs, entry.name), depth: depth + 1 });
    }
  }
  withSdks.sort((a, b) => a.dir.localeCompare(b.dir));
  return { withSdks, without };
}

/** ESLint's legacy config files: ESLint 9 and 10 do not read them. */
const LEGACY_CONFIGS = ['.eslintrc.js', '.eslintrc.cjs', '.eslintrc.yaml', '.eslintrc.yml', '.eslintrc.json', '.eslintrc'];

/** The nearest legacy `.eslintrc*` at or above `dir`, up to the repository or filesystem root. */
function findLegacyConfig(dir: string): string | undefined {
  let current = dir;
  for (;;) {
    const hit = LEGACY_CONFIGS.find((name) => existsSync(path.join(current, name)));
    if (hit) return path.join(current, hit);
    if (existsSync(path.join(current, '.git'))) return undefined;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Type-aware parser options, dropped unless `--typed`: the audit needs no types, and a program costs ~10×. */
const UNTYPED: Linter.Config = {
  files: SCRIPT_FILES,
  languageOptions: { parserOptions: { project: null, projectService: false, programs: null } },
};

/** Counts the JS/TS files the config lets through (for the start line). */
async function countFiles(eslint: ESLint, dir: string): Promise<number> {
  let count = 0;
  const stack = [dir];
  const script = /\.(?:[cm]?[jt]s|[jt]sx)$/;
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const abs = path.join(current, entry.name);
      if (entry.isDirectory()) {
        // Directories are walked by name (a directory matches no config's `files`); each file asks the config.
        if (entry.name !== 'node_modules' && entry.name !== '.git') stack.push(abs);
      } else if (script.test(entry.name) && !(await eslint.isPathIgnored(abs))) {
        count += 1;
      }
    }
  }
  return count;
}

/** The audit of one package: its ESLint run, its schema, a verdict per payment SDK. */
async function auditPackage(dir: string, packageJson: string | null, sdks: PaymentSdk[], options: AuditOptions): Promise<AuditReport> {
  const notes: string[] = [];

  let filesLinted = 0;
  const sink = createFactSink((file) => {
    filesLinted += 1;
    options.onFile?.(relativePath(dir, file));
  });
  const collector = createCollectorPlugin(sink, dir);
  const parser = await loadTsParser(dir);
  if (!parser) notes.push('TypeScript files were not read: @typescript-eslint/parser is not installed.');

  const ruleId = `${COLLECTOR_NAMESPACE}/${COLLECTOR_RULE}`;
  const overrideConfig: Linter.Config[] = [
    ...(parser ? [{ files: TS_FILES, languageOptions: { parser } }] : []),
    ...(options.typed ? [] : [UNTYPED]),
    {
      files: parser ? SCRIPT_FILES : JS_FILES,
      plugins: { [COLLECTOR_NAMESPACE]: collector as unknown as ESLint.Plugin },
      rules: { [ruleId]: 'error' },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
    },
  ];
  const base = {
    cwd: dir,
    overrideConfig,
    ruleFilter: ({ ruleId: id }: { ruleId: string }) => id === ruleId,
    errorOnUnmatchedPattern: false,
  };

  const defaultsConfig = { ...base, overrideConfigFile: true as const, ignorePatterns: FALLBACK_IGNORES };
  const where = packageJson && packageJson !== 'package.json' ? ` (${path.dirname(packageJson)})` : '';
  let config: NonNullable<AuditReport['config']> = options.defaults ? 'defaults' : 'project';
  let eslint = new ESLint(options.defaults ? defaultsConfig : base);
  if (options.defaults) {
    notes.push(
      `--defaults: the project's ESLint config was not read; built-in defaults used (ignored: ${FALLBACK_IGNORES.join(', ')}; ` +
        "no settings['booking-payment']: default booking-id keys, models and schema path).",
    );
  }
  try {
    // Loads the config (or fails to) before any file is read.
    await eslint.calculateConfigForFile(path.join(dir, 'package.json'));
  } catch (error) {
    if (!isMissingConfig(error)) {
      // Falling back to defaults would silently drop settings['booking-payment']: stop instead.
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      throw new AuditError(
        `the project's ESLint config could not be loaded${where}: ${reason.slice(0, 300)}\n` +
          'Install the project\'s dependencies (npm install) so that its eslint.config.* loads, ' +
          'or run with --defaults to audit with the built-in defaults (the report says so).',
      );
    }
    const legacy = findLegacyConfig(dir);
    if (legacy) {
      throw new AuditError(
        `${relativePath(dir, legacy)} is a legacy ESLint config, and ESLint 9+ reads only eslint.config.*: its ignores and ` +
          "settings['booking-payment'] would be dropped.\n" +
          'Migrate it (npx @eslint/migrate-config ' +
          `${relativePath(dir, legacy)}), or run with --defaults to audit with the built-in defaults (the report says so).`,
      );
    }
    notes.push('No ESLint config found: linted with the audit defaults (node_modules, dist, build … ignored).');
    config = 'none';
    eslint = new ESLint(defaultsConfig);
  }
  if (options.onStart) options.onStart(await countFiles(eslint, dir), dir);
  const results = await eslint.lintFiles(['.']);

  const unparsed = results.filter((r) => r.messages.some((m) => m.fatal));
  if (unparsed.length > 0) {
    const first = unparsed[0]!;
    const message = first.messages.find((m) => m.fatal)!;
    notes.push(
      `${unparsed.length} file${unparsed.length === 1 ? '' : 's'} could not be parsed and were not checked ` +
        `(first: ${relativePath(dir, first.filePath)}:${message.line ?? 1} ${message.message}).`,
    );
  }
  for (const failure of sink.failures.slice(0, 5)) {
    notes.push(`Facts could not be collected in ${failure.file}: ${failure.message}`);
  }

  const settings = sink.settings ?? {};
  if (sink.settingsConflict) {
    notes.push(
      `settings['booking-payment'] differ between files that create payments; used those of ${sink.settingsConflict.used} ` +
        `(not those of ${sink.settingsConflict.other}).`,
    );
  }
  const keys = pickList(DEFAULT_BOOKING_ID_KEYS, settings.keys);
  const bookingModels = pickList(DEFAULT_BOOKING_MODELS, settings.bookingModels);
  const paymentModels = pickList(DEFAULT_PAYMENT_MODELS, settings.paymentModels);
  const schema = collectSchemaFacts({
    dir,
    ...(settings.schema ? { schema: settings.schema } : {}),
    bookingModels,
    paymentModels,
    ...(settings.idColumns ? { idColumns: settings.idColumns } : {}),
  });

  const callSites = [...sink.callSites].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const providers = sdks.map((sdk) => {
    const report = buildProviderReport({
      provider: sdk.provider,
      packageName: sdk.packageName,
      callSites,
      schema,
      filesLinted,
      keys,
      bookingModels,
    });
    if (isWebhookProvider(sdk.provider)) report.webhook = describeWebhookLookup(sdk.provider, sink.webhookLookups);
    return report;
  });
  return {
    tool: { ...AUDIT_TOOL },
    directory: dir,
    status: providers.every((p) => p.present === 2) ? 'pass' : 'fail',
    packageJson,
    filesLinted,
    schema,
    providers,
    notes,
    config,
  };
}
