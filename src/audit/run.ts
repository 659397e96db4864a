/**
 * Runs the audit: the plugin's analysis over a project through ESLint's Node API — so the project's own
 * config (its ignores and `settings['booking-payment']`) is honoured — with the fact-collecting rule as the
 * only rule that runs. Then the schema facts, and the verdict per payment SDK found in package.json.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { ESLint, type Linter } from 'eslint';

import { DEFAULT_BOOKING_ID_KEYS, DEFAULT_BOOKING_MODELS, DEFAULT_PAYMENT_MODELS } from '../config/vocabulary.js';
import { findNearestPackageJson, getPaymentSdks, loadPackageJson } from '../project/package-json.js';
import { pickList } from '../config/settings.js';
import { COLLECTOR_NAMESPACE, COLLECTOR_RULE, createCollectorPlugin, createFactSink, resetFactSink } from './collector.js';
import { collectSchemaFacts, relativePath } from './schema-facts.js';
import type { AuditReport } from './types.js';
import { workspacePackagesWithSdks } from './workspaces.js';
import { buildProviderReport } from './verdict.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };

export const AUDIT_TOOL = { name: 'booking-payment-audit', version: pkg.version } as const;

/** The files the audit reads: every JS/TS flavour. */
const SCRIPT_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];
const TS_FILES = ['**/*.{ts,mts,cts,tsx}'];
const JS_FILES = ['**/*.{js,mjs,cjs,jsx}'];

/** What is skipped when the project has no ESLint config of its own. */
export const FALLBACK_IGNORES = [
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
 * Audits one project. Throws AuditUsageError for a bad directory or a workspace root, AuditError when the
 * nearest package.json does not parse; everything else ends up in the report.
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
    if (loaded.status === 'invalid') throw new AuditError(`${packageJson} could not be parsed: ${loaded.message}`);
  }
  const sdks = getPaymentSdks(dir);
  const notes: string[] = [];

  if (sdks.length === 0) {
    // A monorepo root with no SDK of its own: the apps inside it are what takes payments. Answering "N/A"
    // here would let CI pass over them, so name them instead.
    const members = packageJsonPath ? workspacePackagesWithSdks(path.dirname(packageJsonPath)) : [];
    if (members.length > 0) {
      const root = path.dirname(packageJsonPath!);
      const list = members
        .map((m) => `${relativePath(dir, path.join(root, m.dir))} (${m.sdks.map((s) => s.packageName).join(', ')})`)
        .join(', ');
      throw new AuditUsageError(
        `${packageJson} is a workspace root with no payment SDK of its own; audit each package that has one: ${list}`,
      );
    }
    return {
      tool: { ...AUDIT_TOOL },
      directory: dir,
      status: 'n/a',
      reason: packageJson ? `no payment SDK in ${packageJson}` : 'no payment SDK in package.json (no package.json found)',
      packageJson,
      filesLinted: 0,
      schema: { status: 'missing', searched: [] },
      providers: [],
      notes,
    };
  }

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

  let results: ESLint.LintResult[];
  try {
    results = await new ESLint(base).lintFiles(['.']);
  } catch (error) {
    if (!isMissingConfig(error)) {
      notes.push(
        `The project's ESLint config could not be used (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); ` +
          'linted with the audit defaults instead.',
      );
    } else {
      notes.push('No ESLint config found: linted with the audit defaults (node_modules, dist, build … ignored).');
    }
    resetFactSink(sink);
    filesLinted = 0;
    results = await new ESLint({ ...base, overrideConfigFile: true, ignorePatterns: FALLBACK_IGNORES }).lintFiles(['.']);
  }

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
  const providers = sdks.map((sdk) =>
    buildProviderReport({
      provider: sdk.provider,
      packageName: sdk.packageName,
      callSites,
      schema,
      filesLinted,
      keys,
      bookingModels,
    }),
  );
  return {
    tool: { ...AUDIT_TOOL },
    directory: dir,
    status: providers.every((p) => p.present === 2) ? 'pass' : 'fail',
    packageJson,
    filesLinted,
    schema,
    providers,
    notes,
  };
}
