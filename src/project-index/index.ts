/**
 * The project index: does any file of the project store a payment provider's id?
 *
 * One pass over the project's source files (`walk.ts`) under its root (`root.ts`): every file's text is
 * read, and only the files that mention a candidate column (`candidates.ts`) are read closely — by the quick
 * scan of their text (`quick-scan/`) when it settles them, else by the program scan of their AST
 * (`program-scan.ts`; see `scan-file.ts`).
 *
 * Built lazily (the first time a file with a payment creation asks), cached for the process per root and
 * candidate columns, and revalidated after a short TTL by re-listing folders and comparing each file's
 * mtime and size: only changed files are read again. Never throws: a failure gives `status: 'error'`,
 * which callers treat as "unknown".
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';

import { providerIdColumnMatcher } from '../config/vocabulary.js';
import { buildCandidates, type Candidates } from './candidates.js';
import { scanProgram } from './program-scan.js';
import { clearRootCache, findProjectRoot } from './root.js';
import { scanFile, type FileScan } from './scan-file.js';
import { MAX_SOURCE_FILES, walkProject, type DirEntry } from './walk.js';
import type { ProviderIdWrite } from './writes.js';

export type { ProviderIdWrite } from './writes.js';
export { schemaColumnsByDelegate } from './candidates.js';

export interface ProjectIndex {
  status: 'ok' | 'error';
  root: string;
  providerIdWrites: ProviderIdWrite[];
  /** Source files seen; those whose text mentions a candidate column; those of them that had to be parsed. */
  fileCount: number;
  scannedCount: number;
  parsedCount: number;
  /** The candidate columns from the schema, or null when the column pattern is used. */
  candidateColumns: string[] | null;
  error?: string;
  /** Scans an already parsed file (the one being linted, as it is in the editor) with the same columns. */
  scanSource(ast: TSESTree.Program, file: string): ProviderIdWrite[];
}

export interface ProjectIndexOptions {
  /** ESLint's cwd: the root when no ancestor is a project root (lockfile, `workspaces` field, pnpm-workspace.yaml). */
  cwd?: string | undefined;
  idColumns?: readonly string[] | undefined;
  bookingModels?: readonly string[] | undefined;
  paymentModels?: readonly string[] | undefined;
  /** The Prisma schema path (settings), relative to cwd. */
  schema?: string | undefined;
}

const MAX_FILE_BYTES = 1_000_000;
let maxFiles = MAX_SOURCE_FILES;
let ttlMs = 2000;

/**
 * A revalidation re-lists and re-stats the whole tree; it may take at most this share of wall-clock time,
 * so a large project waits longer than the TTL between checks (5,000 files: ~40 ms a check → ~4 s apart).
 */
const MAX_REVALIDATION_SHARE = 0.01;

/**
 * The shortest time a built index is trusted before its files are checked for changes again (default 2 s;
 * longer where a check is costly, see MAX_REVALIDATION_SHARE; 0 checks on every call).
 */
export function setProjectIndexTtl(ms: number): void {
  ttlMs = Math.max(0, ms);
}

/** The most source files an index reads (default 100,000); a larger tree's index is `error` (unknown). */
export function setProjectIndexFileLimit(limit: number = MAX_SOURCE_FILES): void {
  maxFiles = Math.max(1, limit);
}

/** Forgets every cached index and root (for tools that know the tree changed wholesale, and for tests). */
export function clearProjectIndexCache(): void {
  indexes.clear();
  clearRootCache();
  candidatesByDir.clear();
}

// ---------------------------------------------------------------------------------------------------------
// The cache

interface FileEntry extends FileScan {
  mtimeMs: number;
  size: number;
}

interface IndexState {
  root: string;
  candidates: Candidates;
  files: Map<string, FileEntry>;
  dirs: Map<string, DirEntry>;
  checkedAt: number;
  /** How long the last refresh took (ms): spaces revalidations out on large trees. */
  refreshMs: number;
  snapshot: ProjectIndex;
}

/** Index states by root and candidate columns. */
const indexes = new Map<string, IndexState>();

/** Candidate columns per folder of linted files (the schema is searched from there), revalidated after the TTL. */
const candidatesByDir = new Map<string, { key: string; candidates: Candidates; at: number }>();

function candidatesFor(filename: string, options: ProjectIndexOptions): Candidates {
  const dir = path.dirname(filename);
  const optionsKey = JSON.stringify([options.idColumns, options.bookingModels, options.paymentModels, options.schema, options.cwd]);
  const cached = candidatesByDir.get(dir);
  const now = Date.now();
  if (cached && cached.key === optionsKey && now - cached.at < ttlMs) return cached.candidates;
  const candidates = buildCandidates(filename, options);
  candidatesByDir.set(dir, { key: optionsKey, candidates, at: now });
  return candidates;
}

function revalidationInterval(state: IndexState): number {
  return ttlMs === 0 ? 0 : Math.max(ttlMs, state.refreshMs / MAX_REVALIDATION_SHARE);
}

// ---------------------------------------------------------------------------------------------------------
// Reading files and refreshing an index

const readBuffer = { buf: Buffer.allocUnsafe(64 * 1024) };

/** Reads a file with one open: its mtime, size and text (null text when larger than MAX_FILE_BYTES). */
function readWithStat(file: string): { mtimeMs: number; size: number; text: string | null } | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (stat.size > MAX_FILE_BYTES) return { mtimeMs: stat.mtimeMs, size: stat.size, text: null };
    if (readBuffer.buf.length < stat.size) readBuffer.buf = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const r = readSync(fd, readBuffer.buf, read, stat.size - read, read);
      if (r === 0) break;
      read += r;
    }
    return { mtimeMs: stat.mtimeMs, size: stat.size, text: readBuffer.buf.toString('utf8', 0, read) };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The file's entry: the previous one while its mtime and size hold, else a fresh read and scan. Null when unreadable. */
function fileEntry(file: string, previous: FileEntry | undefined, candidates: Candidates): FileEntry | null {
  if (previous) {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return null;
    }
    if (previous.mtimeMs === stat.mtimeMs && previous.size === stat.size) return previous;
  }
  const read = readWithStat(file);
  if (!read) return null;
  const scan: FileScan = read.text === null ? { scanned: false, parsed: false, writes: [] } : scanFile(read.text, file, candidates);
  return { mtimeMs: read.mtimeMs, size: read.size, ...scan };
}

const byPosition = (a: ProviderIdWrite, b: ProviderIdWrite): number =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;

/** Re-lists the tree, re-reads changed files and rebuilds the snapshot. */
function refresh(state: IndexState): void {
  const started = Date.now();
  const firstBuild = state.files.size === 0;
  const walked = walkProject(state.root, state.dirs, maxFiles);
  const next = new Map<string, FileEntry>();
  let scannedCount = 0;
  let parsedCount = 0;
  for (const file of walked.files) {
    const entry = fileEntry(file, state.files.get(file), state.candidates);
    if (!entry) continue;
    next.set(file, entry);
    if (entry.scanned) scannedCount++;
    if (entry.parsed) parsedCount++;
  }
  state.files = next;
  state.dirs = walked.dirs;
  state.checkedAt = Date.now();
  // A first build reads every file; only a revalidation's cost says how often to revalidate.
  state.refreshMs = firstBuild ? 0 : state.checkedAt - started;
  const writes: ProviderIdWrite[] = [];
  for (const entry of next.values()) writes.push(...entry.writes);
  writes.sort(byPosition);
  const matches = state.candidates.matches;
  state.snapshot = {
    // A tree larger than the walk reads is not known to store nothing: callers treat `error` as unknown.
    status: walked.truncated ? 'error' : 'ok',
    ...(walked.truncated ? { error: `more than ${maxFiles} source files under ${state.root}; not indexed whole` } : {}),
    root: state.root,
    providerIdWrites: writes,
    fileCount: next.size,
    scannedCount,
    parsedCount,
    candidateColumns: state.candidates.names,
    scanSource: (ast, file) => scanProgram(ast, file, matches),
  };
}

/**
 * The project index for the project `filename` belongs to. Cached per root and candidate columns; after
 * the TTL, files are re-listed and re-stat'ed and only changed ones are read again. Never throws.
 */
export function getProjectIndex(filename: string, options: ProjectIndexOptions = {}): ProjectIndex {
  const cwd = options.cwd ?? process.cwd();
  let root = cwd;
  try {
    const file = path.resolve(cwd, filename);
    root = findProjectRoot(file, cwd);
    const candidates = candidatesFor(file, options);
    const key = `${root}\0${candidates.key}`;
    let state = indexes.get(key);
    if (!state) {
      state = {
        root,
        candidates,
        files: new Map(),
        dirs: new Map(),
        checkedAt: 0,
        refreshMs: 0,
        snapshot: emptyIndex('ok', root, candidates.matches),
      };
      indexes.set(key, state);
      refresh(state);
    } else if (Date.now() - state.checkedAt >= revalidationInterval(state)) {
      refresh(state);
    }
    return state.snapshot;
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
    scanSource: (ast, file) => {
      try {
        return scanProgram(ast, file, matches);
      } catch {
        return [];
      }
    },
  };
}
