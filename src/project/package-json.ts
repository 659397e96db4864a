/**
 * The nearest package.json and the server-side payment SDKs it depends on. A project that lists no
 * server-side payment SDK takes no payments on the server, so the schema rules have nothing to say there.
 * Reads are cached per process by path + mtime + size; each folder's SDKs for a second (`getPaymentSdks`).
 */
import fs from 'node:fs';
import path from 'node:path';

import { SERVER_PAYMENT_SDKS, type SdkProvider } from '../providers/index.js';
import { statOrUndefined } from '../util/fs.js';
import { isWorkspaceRoot } from './layout.js';
import { isSingleRun } from './run-mode.js';

export interface PaymentSdk {
  provider: SdkProvider;
  packageName: string;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

export type PackageJson = Record<string, unknown>;

/** A package.json as read: parsed, absent, or present but not a JSON object (with the parser's message). */
export type PackageJsonLoad =
  | { status: 'ok'; pkg: PackageJson }
  | { status: 'missing' }
  | { status: 'invalid'; message: string };

const readCache = new Map<string, { mtimeMs: number; size: number; loaded: PackageJsonLoad }>();

/**
 * Reads and parses the package.json at `file`. A leading UTF-8 byte order mark is dropped, as npm and Node
 * do (`JSON.parse` alone rejects it). Cached by mtime + size.
 */
export function loadPackageJson(file: string): PackageJsonLoad {
  const st = statOrUndefined(file);
  if (!st) return { status: 'missing' };
  const cached = readCache.get(file);
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.loaded;
  let loaded: PackageJsonLoad;
  try {
    const text = fs.readFileSync(file, 'utf8');
    const parsed: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    loaded =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? { status: 'ok', pkg: parsed as PackageJson }
        : { status: 'invalid', message: 'not a JSON object' };
  } catch (error) {
    loaded = { status: 'invalid', message: error instanceof Error ? error.message : String(error) };
  }
  readCache.set(file, { mtimeMs: st.mtimeMs, size: st.size, loaded });
  return loaded;
}

/** The parsed package.json at `file`, or null when it is missing or not valid JSON. Cached by mtime + size. */
export function readPackageJson(file: string): PackageJson | null {
  const loaded = loadPackageJson(file);
  return loaded.status === 'ok' ? loaded.pkg : null;
}

/**
 * Per folder, its nearest package.json and when that was looked up: trusted for a second (a package.json
 * added in between is seen after it), so that a lint per keystroke does not stat every folder up to it.
 */
const nearestCache = new Map<string, { at: number; found: string | undefined }>();

/** The path of the nearest package.json at or above `dir`, or undefined. */
export function findNearestPackageJson(dir: string): string | undefined {
  const key = path.resolve(dir);
  const now = Date.now();
  const cached = trustedNearest(key, now);
  if (cached) return cached.found;
  // Up from the folder; one whose answer is still trusted ends the walk. Every folder passed gets the
  // answer too: the next new folder below them costs one stat.
  const passed: string[] = [];
  let found: string | undefined;
  let current = key;
  for (;;) {
    const known = passed.length > 0 ? trustedNearest(current, now) : undefined;
    if (known) {
      found = known.found;
      break;
    }
    passed.push(current);
    const candidate = path.join(current, 'package.json');
    if (statOrUndefined(candidate)?.isFile()) {
      found = candidate;
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (nearestCache.size + passed.length > MAX_SDK_DIRS) nearestCache.clear();
  for (const d of passed) nearestCache.set(d, { at: now, found });
  return found;
}

/**
 * Takes in what a project walk saw at `at`: folders in walk order (each before the folders under it) and
 * whether each holds a package.json (null: unknown). The nearest package.json of each is then known without
 * a stat, for as long as any answer is trusted (past the cache's bound, the rest are left to the disk).
 * The folder above the walk's first is asked once.
 */
export function takeListedPackageJsons(folders: Iterable<{ dir: string; hasPackageJson: boolean | null }>, at: number): void {
  const known = new Map<string, string | undefined>();
  for (const { dir, hasPackageJson } of folders) {
    if (hasPackageJson === null) continue;
    const parent = path.dirname(dir);
    let found: string | undefined;
    if (hasPackageJson) found = path.join(dir, 'package.json');
    else if (known.has(parent)) found = known.get(parent);
    else if (parent !== dir) found = findNearestPackageJson(parent);
    known.set(dir, found);
    const cached = nearestCache.get(dir);
    if (cached ? cached.at >= at : nearestCache.size >= MAX_SDK_DIRS) continue;
    nearestCache.set(dir, { at, found });
  }
}

function trustedNearest(dir: string, now: number): { found: string | undefined } | undefined {
  const cached = nearestCache.get(dir);
  return cached && (now - cached.at < SDK_TTL_MS || isSingleRun()) ? cached : undefined;
}

function sdksOf(pkg: PackageJson | null): PaymentSdk[] {
  if (!pkg) return [];
  const found: PaymentSdk[] = [];
  const seen = new Set<string>();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = pkg[field];
    if (!deps || typeof deps !== 'object') continue;
    for (const name of Object.keys(deps)) {
      const provider = SERVER_PAYMENT_SDKS.get(name);
      if (provider && !seen.has(name)) {
        seen.add(name);
        found.push({ provider, packageName: name });
      }
    }
  }
  return found;
}

/**
 * The server-side payment SDKs the project at `dir` depends on: those of the nearest package.json, and —
 * in a monorepo, when that one lists none — those of the workspace root above it (dependencies hoisted
 * there). Empty when there is no package.json.
 */
export function getPaymentSdks(dir: string): PaymentSdk[] {
  const key = path.resolve(dir);
  const now = Date.now();
  const cached = sdkCache.get(key);
  if (cached && isSingleRun()) return cached.sdks;
  if (cached && now - cached.at < SDK_TTL_MS && cached.read.every(([file, stamp]) => stampOf(file) === stamp)) return cached.sdks;
  const read: [string, string][] = [];
  const sdks = lookUpPaymentSdks(key, (file) => {
    read.push([file, stampOf(file)]);
    return readPackageJson(file);
  });
  if (sdkCache.size >= MAX_SDK_DIRS) sdkCache.clear();
  sdkCache.set(key, { at: now, read, sdks });
  return sdks;
}

/**
 * Per folder, its payment SDKs, when they were looked up and the package.json files read (with their
 * mtime and size). An editor lints on every keystroke: within a second, the answer stands while those
 * files are unchanged (one stat each); after it, the folders are searched again (a package.json added).
 */
const sdkCache = new Map<string, { at: number; read: [string, string][]; sdks: PaymentSdk[] }>();
const SDK_TTL_MS = 1000;
const MAX_SDK_DIRS = 2000;

function stampOf(file: string): string {
  const st = statOrUndefined(file);
  return st ? `${st.mtimeMs}:${st.size}` : 'missing';
}

function lookUpPaymentSdks(dir: string, read: (file: string) => PackageJson | null): PaymentSdk[] {
  const nearest = findNearestPackageJson(dir);
  if (!nearest) return [];
  const pkg = read(nearest);
  const own = sdksOf(pkg);
  if (own.length > 0 || isWorkspaceRoot(path.dirname(nearest), pkg)) return own;
  // Walk up from the folder above each package.json; the file system root is the end (its parent is itself).
  let from = path.dirname(path.dirname(nearest));
  let above = from === path.dirname(nearest) ? null : findNearestPackageJson(from);
  while (above) {
    const abovePkg = read(above);
    if (isWorkspaceRoot(path.dirname(above), abovePkg)) return sdksOf(abovePkg);
    const next = path.dirname(path.dirname(above));
    if (next === from || next === path.dirname(above)) break;
    from = next;
    above = findNearestPackageJson(from);
  }
  return [];
}
