/**
 * The project index: does any file of the project store a payment provider's id?
 *
 * One index per project root (`root.ts`). Its files (`walk.ts`) are each read at most once
 * (`read.ts`: regular files only, bounded in size) and scanned once (`scan-file.ts`): every write of a
 * provider-id-like column is recorded with its model, column, key path and place, whatever the lookup —
 * the candidate columns, the booking models and the provider are parameters of the lookup, not of the
 * index. Only files whose text mentions such a column are read closely: by the quick scan of their text
 * (`quick-scan/`) when it settles them, else by the program scan of their AST (`program-scan.ts`).
 *
 * `findStoredProviderId` asks the yes/no question of a rule: it searches the linted file's own package
 * first, then the rest of the project, and stops at the first file that stores the id; files already
 * scanned answer from memory. After a short TTL the listing is refreshed (unchanged folders reused), the
 * file that gave the last answer is re-stat'ed first, new files are read, and the other files are
 * re-stat'ed a bounded number per lookup — no single lookup pays for revalidating the whole tree.
 *
 * `getProjectIndex` gives every write at once (the audit, tests). Neither ever throws.
 */
import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { providerIdColumnMatcher } from '../config/vocabulary.js';
import { columnFitsProvider } from '../providers/index.js';
import { findNearestPackageJson, getPaymentSdks } from '../project/package-json.js';
import { isSingleRun } from '../project/run-mode.js';
import { buildCandidates, type Candidates } from './candidates.js';
import { scanProgram } from './program-scan.js';
import { readFileEntry, unpackEntries, type FileEntry } from './entry.js';
import { drainReadAhead, readAheadEnabled, readAheadStats, stopReadAhead, submitReadAhead, type ReadAheadBatch } from './read-ahead.js';
import { statRegular, type SkipReason } from './read.js';
import { clearRootCache, findProjectRoot, packageDirOf, setRootTrust, takeListedFolders } from './root.js';
import { Vocabulary } from './vocabulary.js';
import { listedFolders, MAX_SOURCE_FILES, walkProject, type DirEntry } from './walk.js';
import { storedModel, type ProviderIdWrite } from './writes.js';

export type { ProviderIdWrite } from './writes.js';
/**
 * For tools and the bench, which load the build: whether the read-ahead thread is done; the run mode.
 * @public
 */
export { readAheadIdle } from './read-ahead.js';
/** @public */
export { setSingleRun } from '../project/run-mode.js';
export { storedModel } from './writes.js';
export { schemaColumnsByDelegate } from './candidates.js';

/** A file the index could not read closely, and why. */
export interface SkippedFile {
  file: string;
  reason: SkipReason;
  /** Bytes (0 when not a regular file). */
  size: number;
}

export interface ProjectIndex {
  status: 'ok' | 'error';
  root: string;
  /** The writes of a candidate column, in file and line order (`uncertain` ones included). */
  providerIdWrites: ProviderIdWrite[];
  /** Source files seen; those whose text mentions a provider-id-like column; those of them that had to be parsed. */
  fileCount: number;
  scannedCount: number;
  parsedCount: number;
  /** The candidate columns from the schema, or null when the column pattern is used. */
  candidateColumns: string[] | null;
  /** Files not read closely that may hold a write (too large, unreadable); and those that cannot (not regular). */
  skippedFiles: SkippedFile[];
  error?: string;
  /** Scans an already parsed file (the one being linted, as it is in the editor) with the same columns. */
  scanSource(ast: TSESTree.Program, file: string): ProviderIdWrite[];
}

export interface ProjectIndexOptions {
  /** ESLint's cwd: the root when no ancestor is a project root and no package.json holds the file. */
  cwd?: string | undefined;
  idColumns?: readonly string[] | undefined;
  bookingModels?: readonly string[] | undefined;
  paymentModels?: readonly string[] | undefined;
  /** The Prisma schema path (settings), relative to cwd. */
  schema?: string | undefined;
}

/** What a lookup asks besides the columns: whose id, and which file not to read from disk. */
export interface StoredIdQuery {
  /** The provider whose id is looked for (`stripe`): a column named for another provider does not count. */
  provider?: string | undefined;
  /** A file to leave out (the linted file, whose live text the caller scans itself). */
  exclude?: string | undefined;
}

export type StoredIdAnswer =
  | { status: 'stored'; write: ProviderIdWrite }
  | { status: 'not-found' }
  | { status: 'unknown'; reason: string; skippedFiles: SkippedFile[] };

let maxFiles = MAX_SOURCE_FILES;
let ttlMs = 2000;

/**
 * A relisting re-stats the project's folders; it may take at most this share of wall-clock time, so a
 * large project waits longer than the TTL between relistings.
 */
const MAX_REVALIDATION_SHARE = 0.01;
/** Files whose stat is older than the interval that one lookup re-stats (the rest answer as last seen). */
const RESTAT_PER_LOOKUP = 256;
/** A lookup that reads files itself takes in the read-ahead thread's entries after every this many reads. */
const DRAIN_EVERY = 16;
/** The most lookups whose answering file an index remembers. */
const MAX_ANSWERS = 10_000;

/**
 * The shortest time a file's last reading is trusted before it is checked for changes again (default 2 s;
 * longer where a relisting is costly, see MAX_REVALIDATION_SHARE; 0 checks everything on every call).
 */
export function setProjectIndexTtl(ms: number): void {
  ttlMs = Math.max(0, ms);
  setRootTrust(ttlMs);
}

/** The most source files an index reads (default 100,000); a larger tree's index is `error` (unknown). */
export function setProjectIndexFileLimit(limit: number = MAX_SOURCE_FILES): void {
  maxFiles = Math.max(1, limit);
}

/** Forgets every cached index and root (for tools that know the tree changed wholesale, and for tests). */
export function clearProjectIndexCache(): void {
  indexes.clear();
  lookups.count = 0;
  lookups.ms = 0;
  lookups.reads = 0;
  lookups.parses = 0;
  lookups.readAheadTaken = 0;
  clearRootCache();
  candidatesByDir.clear();
  readAheadDirs.clear();
  lastReadAheadDir = '';
  readAheadRoots.clear();
  readAheadDeclined.clear();
  stopReadAhead();
}

// ---------------------------------------------------------------------------------------------------------
// The cache

interface IndexState {
  root: string;
  vocabulary: Vocabulary;
  files: Map<string, FileEntry>;
  dirs: Map<string, DirEntry>;
  listing: string[];
  listed: Set<string>;
  truncated: boolean;
  listedAt: number;
  /** How long the last relisting took (ms): spaces relistings out on large trees. */
  listMs: number;
  /** Per lookup (columns, provider): the file that stored the id last time. */
  answers: Map<string, string>;
  /**
   * Per lookup: when it last found nothing, with the listing it searched (trusted within the interval) and
   * the one file it left out (null once that file was read too).
   */
  notFound: Map<string, { at: number; listing: string[]; excluded: string | null }>;
  /** The listing ordered for one package folder: that package's files first. */
  order: { packageDir: string; listing: string[]; files: string[] } | null;
  /** Full snapshots (getProjectIndex) per candidate columns. */
  snapshots: Map<string, { at: number; snapshot: ProjectIndex }>;
  /** Whether its files were sent to the read-ahead thread. */
  readAhead: boolean;
}

/** Index states by root. */
const indexes = new Map<string, IndexState>();

/**
 * Candidate columns per package of linted files, revalidated after the TTL. The schema is searched from the
 * nearest package.json's folder (schema/locate.ts), so every folder of a package shares its answer; a file
 * with no package.json above it is keyed by its own folder.
 */
const candidatesByDir = new Map<string, { key: string; candidates: Candidates; at: number }>();
const MAX_CANDIDATE_DIRS = 2000;

function candidatesFor(filename: string, options: ProjectIndexOptions): Candidates {
  const folder = path.dirname(filename);
  const packageJson = options.schema ? undefined : findNearestPackageJson(folder);
  const dir = options.schema ? '' : packageJson ? path.dirname(packageJson) : folder;
  const optionsKey = JSON.stringify([options.idColumns, options.bookingModels, options.paymentModels, options.schema, options.cwd]);
  const cached = candidatesByDir.get(dir);
  const now = Date.now();
  if (cached && cached.key === optionsKey && (now - cached.at < ttlMs || isSingleRun())) return cached.candidates;
  const candidates = buildCandidates(filename, options);
  if (candidatesByDir.size >= MAX_CANDIDATE_DIRS) candidatesByDir.clear();
  candidatesByDir.set(dir, { key: optionsKey, candidates, at: now });
  return candidates;
}

function interval(state: IndexState): number {
  // One lint run trusts what it read for the run (project/run-mode.ts).
  if (isSingleRun()) return Infinity;
  return ttlMs === 0 ? 0 : Math.max(ttlMs, state.listMs / MAX_REVALIDATION_SHARE);
}

/** The most project roots indexed at once; the least recently used one is dropped past it (memory stays bounded). */
const MAX_ROOTS = 32;

function stateFor(root: string): IndexState {
  let state = indexes.get(root);
  if (state) {
    // Most recently used last.
    indexes.delete(root);
    indexes.set(root, state);
  } else {
    if (indexes.size >= MAX_ROOTS) indexes.delete(indexes.keys().next().value!);
    state = {
      root,
      vocabulary: new Vocabulary(),
      files: new Map(),
      dirs: new Map(),
      listing: [],
      listed: new Set(),
      truncated: false,
      listedAt: -Infinity,
      listMs: 0,
      answers: new Map(),
      notFound: new Map(),
      order: null,
      snapshots: new Map(),
      readAhead: false,
    };
    indexes.set(root, state);
  }
  return state;
}

/** Re-lists the tree when due (folders whose mtime did not change are reused) and forgets vanished files. */
function relistIfDue(state: IndexState, now: number): void {
  if (now - state.listedAt < interval(state)) return;
  const started = Date.now();
  const firstListing = state.listedAt === -Infinity;
  const walked = walkProject(state.root, state.dirs, maxFiles);
  state.dirs = walked.dirs;
  state.truncated = walked.truncated;
  if (walked.files.length !== state.listing.length || walked.files.some((f, i) => f !== state.listing[i])) {
    state.listing = walked.files;
    state.listed = new Set(walked.files);
    for (const file of state.files.keys()) if (!state.listed.has(file)) state.files.delete(file);
    state.order = null;
    state.snapshots.clear();
  }
  state.listedAt = Date.now();
  takeListedFolders(listedFolders(walked.dirs), started);
  // A first listing reads every folder; only a relisting's cost says how often to relist.
  state.listMs = firstListing ? 0 : state.listedAt - started;
}

/** Reads and scans a file. Null when it is gone. */
function readEntry(state: IndexState, file: string, now: number): FileEntry | null {
  const entry = readFileEntry(file, state.vocabulary, state.vocabulary.generation, now);
  if (!entry) return null;
  lookups.reads++;
  if (entry.parsed) lookups.parses++;
  return entry;
}

/**
 * A file's entry. One read within the interval answers from memory; an older one is compared with the
 * disk when `mayStat` (else trusted as last seen), and read again when it changed. Null when it is gone.
 */
function entryOf(state: IndexState, file: string, now: number, mayStat: boolean): FileEntry | null {
  const entry = state.files.get(file);
  if (entry && entry.generation === state.vocabulary.generation) {
    if (now - entry.checkedAt < interval(state) || !mayStat) return entry;
    const stat = statRegular(file);
    if (stat && stat.mtimeMs === entry.mtimeMs && stat.size === entry.size) {
      entry.checkedAt = now;
      return entry;
    }
    // A path that stopped being a regular file is read again (and skipped as such).
  }
  const next = readEntry(state, file, now);
  if (next) state.files.set(file, next);
  else state.files.delete(file);
  return next;
}

/** Does a file's entry need a stat (or a read) before it is trusted? */
function isStale(state: IndexState, file: string, now: number): boolean {
  const entry = state.files.get(file);
  return !entry || entry.generation !== state.vocabulary.generation || now - entry.checkedAt >= interval(state);
}

/** The listing with the files under `packageDir` first (cached until the listing changes). */
function orderedFiles(state: IndexState, packageDir: string): string[] {
  const cached = state.order;
  if (cached && cached.packageDir === packageDir && cached.listing === state.listing) return cached.files;
  const prefix = packageDir.endsWith(path.sep) ? packageDir : packageDir + path.sep;
  const own: string[] = [];
  const rest: string[] = [];
  for (const file of state.listing) (file.startsWith(prefix) ? own : rest).push(file);
  const files = own.length === 0 || rest.length === 0 ? state.listing : [...own, ...rest];
  state.order = { packageDir, listing: state.listing, files };
  return files;
}

// ---------------------------------------------------------------------------------------------------------
// The lookup

/**
 * Does a recorded write store the provider's id in a column the lookup counts? Its column is a candidate
 * (and fits the provider); it is stored in a column, not inside a JSON value (`storedModel`); with a
 * schema, the model is a booking model or a payment model linked to it, or no model of the schema at all
 * (a repository, an entity variable — judged by the column name alone).
 */
function writeCounts(write: ProviderIdWrite, candidates: Candidates, provider?: string): boolean {
  if (!candidates.matches(write.idColumn)) return false;
  if (provider && !columnFitsProvider(write.idColumn, provider)) return false;
  const model = storedModel(write);
  if (model === null) return false;
  if (!candidates.targets) return true;
  const columns = candidates.targets.get(model);
  if (columns) return columns.has(write.idColumn);
  return !candidates.schemaModels?.has(model);
}

function unknownBecause(reason: string, skippedFiles: SkippedFile[]): StoredIdAnswer {
  return { status: 'unknown', reason, skippedFiles };
}

/**
 * A remembered "not found" left one file out; may it answer a lookup that leaves out `exclude`? `none` when
 * that file is the one left out now, or stores nothing; its write when it stores the id; `unsure` when it
 * cannot be read closely or holds only an uncertain write (the full search then decides).
 */
function settleExcluded(
  state: IndexState,
  excluded: string | null,
  exclude: string | undefined,
  now: number,
  counts: (w: ProviderIdWrite) => boolean,
): 'none' | 'unsure' | ProviderIdWrite {
  if (excluded === null || excluded === exclude || !state.listed.has(excluded)) return 'none';
  const entry = entryOf(state, excluded, now, true);
  if (!entry) return 'none';
  if (entry.skipped) return entry.skipped.mayHoldWrite ? 'unsure' : 'none';
  let unsure = false;
  for (const w of entry.writes) {
    if (!counts(w)) continue;
    if (!w.uncertain) return w;
    unsure = true;
  }
  return unsure ? 'unsure' : 'none';
}

/**
 * Is the provider's id stored anywhere in the project of `filename`? `stored` with the first write found
 * (the file's own package first, then outward), `not-found` when every file was read and none stores it,
 * `unknown` when that cannot be said: a file that may hold a write was skipped (listed), a file that could
 * not be parsed mentions the column where brackets cannot tell, the tree is larger than the index reads,
 * or the index failed. Never throws.
 */
export function findStoredProviderId(filename: string, options: ProjectIndexOptions = {}, query: StoredIdQuery = {}): StoredIdAnswer {
  const started = performance.now();
  try {
    return lookUp(filename, options, query);
  } finally {
    lookups.count++;
    lookups.ms += performance.now() - started;
  }
}

/** Since the cache was last cleared: lookups made and the time they took (ms), files read, files parsed. */
const lookups = { count: 0, ms: 0, reads: 0, parses: 0, readAheadTaken: 0 };

function lookUp(filename: string, options: ProjectIndexOptions, query: StoredIdQuery): StoredIdAnswer {
  try {
    const cwd = options.cwd ?? process.cwd();
    const file = path.resolve(cwd, filename);
    const root = findProjectRoot(file, cwd);
    const candidates = candidatesFor(file, options);
    const state = stateFor(root);
    state.vocabulary.cover(candidates, options.idColumns);
    // What the read-ahead thread has done so far first: its listing spares this lookup the walk.
    drainReadAhead();
    const now = Date.now();
    relistIfDue(state, now);
    const exclude = query.exclude === undefined ? undefined : path.resolve(cwd, query.exclude);
    const counts = (w: ProviderIdWrite) => writeCounts(w, candidates, query.provider);
    // The linted file is not part of the key: every file of a project asks the same question.
    const answerKey = `${candidates.key}\0${query.provider ?? ''}`;

    // The file that answered last time, checked first.
    const last = state.answers.get(answerKey);
    if (last !== undefined && last !== exclude && state.listed.has(last)) {
      const write = entryOf(state, last, now, true)?.writes.find((w) => counts(w) && !w.uncertain);
      if (write) return { status: 'stored', write };
    }

    // Nothing found a moment ago in the same listing: the same answer, from memory — once the file that
    // search left out (another linted file) is known to store nothing either.
    const nothing = state.notFound.get(answerKey);
    if (nothing && nothing.listing === state.listing && now - nothing.at < interval(state)) {
      const settled = settleExcluded(state, nothing.excluded, exclude, now, counts);
      if (settled === 'none') {
        if (nothing.excluded !== exclude) nothing.excluded = null;
        return { status: 'not-found' };
      }
      if (settled !== 'unsure') {
        state.answers.set(answerKey, nothing.excluded!);
        state.notFound.delete(answerKey);
        return { status: 'stored', write: settled };
      }
    }

    let restats = ttlMs === 0 ? Infinity : RESTAT_PER_LOOKUP;
    let uncertain: ProviderIdWrite | null = null;
    const skipped: SkippedFile[] = [];
    let readsBefore = lookups.reads;
    for (const f of orderedFiles(state, packageDirOf(file, root))) {
      if (f === exclude) continue;
      // Files read ahead meanwhile: taken in now and then, so this loop and the thread share the work.
      if (lookups.reads - readsBefore >= DRAIN_EVERY) {
        readsBefore = lookups.reads;
        drainReadAhead();
      }
      let mayStat = true;
      if (state.files.has(f) && isStale(state, f, now)) mayStat = restats-- > 0;
      const entry = entryOf(state, f, now, mayStat);
      if (!entry) continue;
      if (entry.skipped) {
        if (entry.skipped.mayHoldWrite) skipped.push({ file: f, reason: entry.skipped.reason, size: entry.skipped.size });
        continue;
      }
      for (const w of entry.writes) {
        if (!counts(w)) continue;
        if (!w.uncertain) {
          state.notFound.delete(answerKey);
          if (state.answers.size >= MAX_ANSWERS) state.answers.clear();
          state.answers.set(answerKey, f);
          return { status: 'stored', write: w };
        }
        uncertain ??= w;
      }
    }
    state.answers.delete(answerKey);
    if (state.truncated) return unknownBecause(`more than ${maxFiles} source files under ${root}; not indexed whole`, skipped);
    if (skipped.length > 0) {
      return unknownBecause(`${skipped.length} file${skipped.length === 1 ? '' : 's'} could not be read closely (${skipped[0]!.reason}: ${skipped[0]!.file})`, skipped);
    }
    if (uncertain) {
      return unknownBecause(`${uncertain.file}:${uncertain.line} mentions ${uncertain.idColumn} but could not be parsed`, skipped);
    }
    if (state.notFound.size >= MAX_ANSWERS) state.notFound.clear();
    state.notFound.set(answerKey, { at: now, listing: state.listing, excluded: exclude ?? null });
    return { status: 'not-found' };
  } catch (error) {
    return unknownBecause(error instanceof Error ? error.message : String(error), []);
  }
}

// ---------------------------------------------------------------------------------------------------------
// The read-ahead (./read-ahead.ts): a project's files read on another thread before its first lookup

/** Folders of linted files already considered for a read-ahead (each costs one Set lookup after that). */
const readAheadDirs = new Set<string>();
let lastReadAheadDir = '';
/** Roots whose files were sent (with a trailing separator), and package folders without a payment SDK. */
const readAheadRoots = new Set<string>();
const readAheadDeclined = new Set<string>();
const MAX_READ_AHEAD_DIRS = 10_000;

/** Takes in the read-ahead thread's entries for files the index has not read itself meanwhile. */
function acceptBatch(batch: ReadAheadBatch): void {
  const state = indexes.get(batch.root);
  if (!state || state.vocabulary.generation !== batch.generation) return;
  if (batch.listing && state.listedAt === -Infinity) {
    // The thread listed the project: the index takes its listing as its own first one (a later relisting,
    // in a session, reads every folder once since no folder's listing is kept from this one).
    state.listing = batch.listing.files;
    state.listed = new Set(batch.listing.files);
    state.truncated = batch.listing.truncated;
    state.listedAt = Date.now();
    state.listMs = 0;
    takeListedFolders(batch.listing.folders, batch.listing.at);
  }
  const entries = unpackEntries(batch.entries, batch.generation);
  for (let i = 0; i < batch.files.length; i++) {
    const file = batch.files[i]!;
    if (state.files.has(file) || !state.listed.has(file)) continue;
    state.files.set(file, entries[i]!);
    lookups.readAheadTaken++;
  }
}

/**
 * Called by `require-persisted-payment-id` for some of the files it lints that have no payment creation of
 * their own (one in 16): the first such file of a project whose package depends on a payment SDK sends the
 * project to the read-ahead thread, so that the lookup of a later file finds its files read. `options` is
 * asked for only then. Never throws.
 */
export function readAheadProject(filename: string, cwd: string, options: () => ProjectIndexOptions): void {
  try {
    // Most calls: a file in the folder of the one before (a comparison, no string made).
    if (lastReadAheadDir !== '' && filename.startsWith(lastReadAheadDir) && filename.indexOf(path.sep, lastReadAheadDir.length) === -1) return;
    const dir = path.dirname(filename);
    lastReadAheadDir = dir.endsWith(path.sep) ? dir : dir + path.sep;
    if (readAheadDirs.has(dir)) return;
    if (readAheadDirs.size >= MAX_READ_AHEAD_DIRS) readAheadDirs.clear();
    readAheadDirs.add(dir);
    if (!readAheadEnabled()) return;
    const file = path.resolve(cwd, filename);
    // A folder inside a project already sent costs nothing more (a nested project root there is only
    // looked up without read-ahead); a package without a payment SDK is asked once.
    for (const root of readAheadRoots) if (file.startsWith(root)) return;
    const packageJson = findNearestPackageJson(path.dirname(file));
    const packageDir = packageJson ? path.dirname(packageJson) : path.dirname(file);
    if (readAheadDeclined.has(packageDir)) return;
    const root = findProjectRoot(file, cwd);
    if (getPaymentSdks(path.dirname(file)).length === 0) {
      if (readAheadDeclined.size >= MAX_READ_AHEAD_DIRS) readAheadDeclined.clear();
      readAheadDeclined.add(packageDir);
      return;
    }
    if (readAheadRoots.size >= MAX_ROOTS) readAheadRoots.clear();
    readAheadRoots.add(root.endsWith(path.sep) ? root : root + path.sep);
    const state = stateFor(root);
    if (state.readAhead) return;
    state.readAhead = true;
    const asked = { ...options(), cwd };
    state.vocabulary.cover(candidatesFor(file, asked), asked.idColumns);
    const ownPackage = packageDirOf(file, root);
    // Not listed yet (the usual case): the thread lists the project too, off this thread.
    const files =
      state.listedAt === -Infinity
        ? { maxFiles, packageDir: ownPackage }
        : orderedFiles(state, ownPackage).filter((f) => !state.files.has(f));
    submitReadAhead({ root, generation: state.vocabulary.generation, vocabulary: state.vocabulary.describe(), files }, acceptBatch);
  } catch {
    // An optimisation only: the lookups read what they need themselves.
  }
}

const liveScans = new WeakMap<object, { key: string; writes: ProviderIdWrite[] }>();

/**
 * The writes that count for the lookup in an already parsed file (the linted one, as it is in the editor:
 * possibly unsaved). With its `text`, a file that names no candidate column is not walked (the test the
 * index puts every file on disk to first). Cached per AST. Never throws.
 */
export function scanLiveSource(
  ast: TSESTree.Program,
  filename: string,
  options: ProjectIndexOptions = {},
  provider?: string,
  text?: string,
): ProviderIdWrite[] {
  try {
    const file = path.resolve(options.cwd ?? process.cwd(), filename);
    const candidates = candidatesFor(file, options);
    const key = `${candidates.key}\0${provider ?? ''}\0${file}`;
    const cached = liveScans.get(ast);
    if (cached && cached.key === key) return cached.writes;
    const writes =
      text !== undefined && !candidates.mentions(text)
        ? []
        : scanProgram(ast, file, candidates.matches).filter((w) => writeCounts(w, candidates, provider));
    liveScans.set(ast, { key, writes });
    return writes;
  } catch {
    return [];
  }
}

/** Reads, parses and file counts of every index in this process (for the bench and tools). */
export function projectIndexStats(): {
  roots: number;
  files: number;
  reads: number;
  parses: number;
  lookups: number;
  lookupMs: number;
  readAhead: { files: number; taken: number; busyMs: number; threads: number };
} {
  let files = 0;
  for (const state of indexes.values()) files += state.files.size;
  return {
    roots: indexes.size,
    files,
    reads: lookups.reads,
    parses: lookups.parses,
    lookups: lookups.count,
    lookupMs: lookups.ms,
    readAhead: { ...readAheadStats, taken: lookups.readAheadTaken },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The whole index at once

const byPosition = (a: ProviderIdWrite, b: ProviderIdWrite): number =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;

function snapshotOf(state: IndexState, candidates: Candidates): ProjectIndex {
  const now = Date.now();
  const writes: ProviderIdWrite[] = [];
  const skippedFiles: SkippedFile[] = [];
  let fileCount = 0;
  let scannedCount = 0;
  let parsedCount = 0;
  for (const file of state.listing) {
    const entry = entryOf(state, file, now, true);
    if (!entry) continue;
    fileCount++;
    if (entry.skipped) {
      skippedFiles.push({ file, reason: entry.skipped.reason, size: entry.skipped.size });
      continue;
    }
    if (entry.scanned) scannedCount++;
    if (entry.parsed) parsedCount++;
    for (const w of entry.writes) if (candidates.matches(w.idColumn)) writes.push(w);
  }
  writes.sort(byPosition);
  const matches = candidates.matches;
  return {
    // A tree larger than the walk reads is not known to store nothing: callers treat `error` as unknown.
    status: state.truncated ? 'error' : 'ok',
    ...(state.truncated ? { error: `more than ${maxFiles} source files under ${state.root}; not indexed whole` } : {}),
    root: state.root,
    providerIdWrites: writes,
    fileCount,
    scannedCount,
    parsedCount,
    candidateColumns: candidates.names,
    skippedFiles,
    scanSource: (ast, file) => scanProgram(ast, file, matches),
  };
}

/**
 * The project index for the project `filename` belongs to, with every write of the candidate columns.
 * One index per root whatever the columns; after the TTL, files are re-listed and re-stat'ed and only
 * changed ones are read again. Never throws.
 */
export function getProjectIndex(filename: string, options: ProjectIndexOptions = {}): ProjectIndex {
  const cwd = options.cwd ?? process.cwd();
  let root = cwd;
  try {
    const file = path.resolve(cwd, filename);
    root = findProjectRoot(file, cwd);
    const candidates = candidatesFor(file, options);
    const state = stateFor(root);
    if (state.vocabulary.cover(candidates, options.idColumns)) state.snapshots.clear();
    const now = Date.now();
    const cached = state.snapshots.get(candidates.key);
    if (cached && now - cached.at < interval(state)) return cached.snapshot;
    relistIfDue(state, now);
    const snapshot = snapshotOf(state, candidates);
    state.snapshots.set(candidates.key, { at: now, snapshot });
    return snapshot;
  } catch (error) {
    const out = emptyIndex('error', root, providerIdColumnMatcher(options.idColumns));
    out.error = error instanceof Error ? error.message : String(error);
    return out;
  }
}

function emptyIndex(status: ProjectIndex['status'], root: string, matches: (name: string) => boolean): ProjectIndex {
  return {
    status,
    root,
    providerIdWrites: [],
    fileCount: 0,
    scannedCount: 0,
    parsedCount: 0,
    candidateColumns: null,
    skippedFiles: [],
    scanSource: (ast, file) => {
      try {
        return scanProgram(ast, file, matches);
      } catch {
        return [];
      }
    },
  };
}
