/**
 * The one Prisma schema loader every rule uses: finds the schema (`./locate.ts`), reads each file from disk
 * into the schema model (`./model.ts`), and merges the files of a multi-file schema (a folder: every `.prisma`
 * file in it, sub-folders too; each model keeps its own file and line).
 *
 * Reading is cached per process by path + mtime + size: a lint run parses each file once, and an edited file
 * is re-read on the next lint (editors keep one process for hours). Nothing here throws: a missing,
 * unreadable, non-UTF-8 or half-edited schema comes back as `missing` or `error` with a line and column.
 */
import fs from 'node:fs';
import path from 'node:path';

import { statOrUndefined } from '../util/fs.js';
import { MAX_SCHEMA_BYTES, readRegularFile } from './files.js';
import { type LocateSchemaOptions, locateSchema } from './locate.js';
import { addToSchemaInfo, emptySchemaInfo, readSchemaModels, type SchemaInfo, type SchemaModel } from './model.js';
import { clearPrismaConfigCache } from './prisma-config.js';

export type SchemaLoadResult =
  | { status: 'ok'; schema: SchemaInfo; location: string }
  | { status: 'missing'; searched: string[] }
  | {
      status: 'error';
      /** Absolute path of the file that failed. */
      file: string;
      line: number;
      column: number;
      message: string;
      /** `parse`: a syntax error; `read`: the file could not be read (permissions, too large, …). */
      reason: 'parse' | 'read';
    };

/** A schema file that could not be read or parsed, at the line and column of its first problem. */
type FileFailure = { ok: false; file: string; line: number; column: number; message: string; reason: 'parse' | 'read' };

type FileLoad = { ok: true; file: string; models: SchemaModel[]; enums: string[] } | FileFailure;

/** A schema folder holding more files than this is read only up to this many. */
const MAX_FOLDER_FILES = 5_000;
const MAX_FOLDER_DEPTH = 16;
/** A schema folder walk visits at most this many directory entries (files, folders, links — all count). */
const MAX_FOLDER_ENTRIES = 20_000;

// ---------------------------------------------------------------------------------------------------------
// One file: read + parse, cached by path + mtime + size
// ---------------------------------------------------------------------------------------------------------

const fileCache = new Map<string, { mtimeMs: number; size: number; load: FileLoad }>();

/** Counters for benches and tests: how many files were actually read and parsed. */
export const loaderStats = { fileParses: 0, fileCacheHits: 0 };

const readFailure = (file: string, message: string): FileFailure => ({ ok: false, file, line: 1, column: 1, message, reason: 'read' });

function decodeUtf8(buffer: Buffer): string {
  // A UTF-16 file decodes to NULs and U+FFFD; the parser then reports "not UTF-8 text" with its position.
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(buffer);
}

/**
 * Reads and parses one schema file from disk (`stats`: its `fs.statSync`, when the caller already has it).
 * An editor buffer is not read here: the `.prisma` rule reads the linted file's text itself.
 */
export function loadSchemaFile(file: string, stats?: fs.Stats): FileLoad {
  const st = stats ?? statOrUndefined(file);
  if (!st) return readFailure(file, 'the file cannot be found');
  const cached = fileCache.get(file);
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) {
    loaderStats.fileCacheHits++;
    return cached.load;
  }
  const load = readFile(file, st);
  fileCache.set(file, { mtimeMs: st.mtimeMs, size: st.size, load });
  return load;
}

function readFile(file: string, st: fs.Stats): FileLoad {
  // A directory, a named pipe (reading it would block the lint run), a socket, a device.
  if (!st.isFile()) return readFailure(file, 'the path is not a regular file');
  if (st.size > MAX_SCHEMA_BYTES) {
    return readFailure(file, `the file is ${(st.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_SCHEMA_BYTES / 1024 / 1024} MB this plugin reads`);
  }
  const read = readRegularFile(file, MAX_SCHEMA_BYTES);
  if (!read.ok) return readFailure(file, read.message);
  const text = decodeUtf8(read.buffer);
  loaderStats.fileParses++;
  const parsed = readSchemaModels(text, file);
  if (parsed.ok) return { ok: true, file, models: parsed.models, enums: parsed.enums };
  const first = parsed.errors[0];
  return { ok: false, file, line: first?.line ?? 1, column: first?.column ?? 1, message: first?.message ?? 'syntax error', reason: 'parse' };
}

const failureResult = (load: FileFailure): SchemaLoadResult => ({
  status: 'error',
  file: load.file,
  line: load.line,
  column: load.column,
  message: load.message,
  reason: load.reason,
});

// ---------------------------------------------------------------------------------------------------------
// Folders (multi-file schemas)
// ---------------------------------------------------------------------------------------------------------

/** Every `.prisma` file under `dir`, sorted; follows symlinks once (a loop is cut, never followed twice). */
export function listSchemaFiles(dir: string): string[] {
  return walkSchemaFolder(dir).files;
}

/**
 * The walk of a schema folder, bounded by the entries it visits (`MAX_FOLDER_ENTRIES`, every directory entry
 * counts, not only the `.prisma` files found), the files it keeps and the depth. `complete` is false when a
 * bound cut it short: the schema is then not the whole folder.
 */
function walkSchemaFolder(dir: string): { files: string[]; complete: boolean } {
  const out: string[] = [];
  const seen = new Set<string>();
  let entriesLeft = MAX_FOLDER_ENTRIES;
  let complete = true;
  const walk = (current: string, depth: number) => {
    if (depth > MAX_FOLDER_DEPTH || out.length >= MAX_FOLDER_FILES || entriesLeft <= 0) {
      complete = false;
      return;
    }
    let real: string;
    try {
      real = fs.realpathSync(current);
    } catch {
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (out.length >= MAX_FOLDER_FILES || --entriesLeft < 0) {
        complete = false;
        return;
      }
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      const { isDir, isFile } = entryKind(entry, full);
      if (isDir) walk(full, depth + 1);
      else if (isFile && entry.name.endsWith('.prisma')) out.push(full);
    }
  };
  walk(dir, 0);
  return { files: out, complete };
}

/**
 * What kind of folder `dir` is: a schema folder holds a `.prisma` file directly (not only in sub-folders);
 * one with neither a `.prisma` file nor a sub-folder is empty (nothing to read); any other folder is not a
 * schema folder and is never walked (`/` or `/proc` is refused here). Reads at most `MAX_FOLDER_ENTRIES`
 * entries of it.
 */
function folderKind(dir: string): 'schema' | 'empty' | 'other' {
  let handle: fs.Dir | undefined;
  let hasFolder = false;
  try {
    handle = fs.opendirSync(dir);
    for (let i = 0; i < MAX_FOLDER_ENTRIES; i++) {
      const entry = handle.readSync();
      if (!entry) return hasFolder ? 'other' : 'empty';
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const kind = entryKind(entry, path.join(dir, entry.name));
      if (kind.isFile && entry.name.endsWith('.prisma')) return 'schema';
      if (kind.isDir) hasFolder = true;
    }
    return 'other';
  } catch {
    return 'other';
  } finally {
    try {
      handle?.closeSync();
    } catch {
      // already closed
    }
  }
}

/** The files of a schema location (a file, or a schema folder's files), or why they are not read. */
function schemaFilesAt(location: string, st: fs.Stats): { files: string[] } | { failure: FileFailure } {
  if (!st.isDirectory()) return { files: [location] };
  const kind = folderKind(location);
  if (kind === 'empty') return { files: [] };
  if (kind === 'other') {
    return {
      failure: readFailure(
        location,
        `the schema path \`${location}\` is a folder with no .prisma file directly in it, so it is not a schema folder and is not searched; ` +
          "set settings['booking-payment'].schema to the schema file or the folder that holds the .prisma files",
      ),
    };
  }
  const walked = walkSchemaFolder(location);
  if (!walked.complete) {
    return {
      failure: readFailure(
        location,
        `the schema folder \`${location}\` holds more than ${MAX_FOLDER_ENTRIES} entries, ${MAX_FOLDER_FILES} .prisma files or ${MAX_FOLDER_DEPTH} levels of folders, so it is not read; ` +
          "set settings['booking-payment'].schema to the folder that holds only the schema",
      ),
    };
  }
  return { files: walked.files };
}

/** A directory entry's kind, through a symbolic link (a dangling link or a loop is neither). */
function entryKind(entry: fs.Dirent, full: string): { isDir: boolean; isFile: boolean } {
  if (!entry.isSymbolicLink()) return { isDir: entry.isDirectory(), isFile: entry.isFile() };
  const st = statOrUndefined(full); // a dangling link or a loop (ELOOP) gives undefined
  return { isDir: st?.isDirectory() ?? false, isFile: st?.isFile() ?? false };
}

/**
 * The files of a schema folder other than `linted`, each read on its own (cached per file): for a `.prisma`
 * file being linted, whose text comes from the editor. Its copy on disk may be half-saved or broken, and must
 * not make the whole folder an error. `linted` is matched by path and by identity (a symlinked folder).
 * `ok` holds the other files' models (none when there are no other files); `error` names the first other
 * file that cannot be read or parsed.
 */
export function loadSchemaSiblings(location: string, linted: string): SchemaLoadResult {
  const st = statOrUndefined(location);
  if (!st) return { status: 'missing', searched: [location] };
  const at = schemaFilesAt(location, st);
  if ('failure' in at) return failureResult(at.failure);
  const { files } = at;
  const own = statOrUndefined(linted);
  const info = emptySchemaInfo();
  for (const file of files) {
    if (file === linted) continue;
    const fileStats = statOrUndefined(file);
    if (own && fileStats && own.ino !== 0 && own.ino === fileStats.ino && own.dev === fileStats.dev) continue;
    const load = loadSchemaFile(file, fileStats);
    if (!load.ok) return failureResult(load);
    addToSchemaInfo(info, file, load);
  }
  return { status: 'ok', schema: info, location };
}

const mergedCache = new Map<string, { key: string; result: SchemaLoadResult }>();

/** Loads a schema file or folder (absolute path). Cached; re-read when any file's mtime or size changes. */
export function loadSchemaAt(location: string): SchemaLoadResult {
  const st = statOrUndefined(location);
  if (!st) return { status: 'missing', searched: [location] };
  const at = schemaFilesAt(location, st);
  if ('failure' in at) return failureResult(at.failure);
  const { files } = at;
  if (files.length === 0) return { status: 'missing', searched: [location] };
  const stats = files.map((f) => statOrUndefined(f));
  const key = files.map((f, i) => `${f}\0${stats[i]?.mtimeMs ?? -1}\0${stats[i]?.size ?? -1}`).join('\n');
  const cached = mergedCache.get(location);
  if (cached && cached.key === key) return cached.result;
  const result = mergeFiles(files, stats, location);
  mergedCache.set(location, { key, result });
  return result;
}

/** Reads `files` in order into one schema; the first file that fails makes the whole schema that error. */
function mergeFiles(files: string[], stats: (fs.Stats | undefined)[], location: string): SchemaLoadResult {
  const info = emptySchemaInfo();
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as string;
    const load = loadSchemaFile(file, stats[i]);
    if (!load.ok) return failureResult(load);
    addToSchemaInfo(info, file, load);
  }
  return { status: 'ok', schema: info, location };
}

/** Finds and loads the schema for a linted file. Cached per process by path + mtime + size; never throws. */
export function loadSchema(options: LocateSchemaOptions): SchemaLoadResult {
  try {
    const where = locateSchema(options);
    if (where.status === 'missing') return { status: 'missing', searched: where.searched };
    if (where.status === 'refused') {
      return { status: 'error', file: where.location, line: 1, column: 1, message: where.message, reason: 'read' };
    }
    const result = loadSchemaAt(where.location);
    return result.status === 'missing' ? { status: 'missing', searched: [...where.searched, ...result.searched] } : result;
  } catch (error) {
    // Defensive: the loader's own code should not throw, but a rule must never abort the user's run.
    return {
      status: 'error',
      file: options.schema ?? options.filename,
      line: 1,
      column: 1,
      message: `the schema could not be loaded (${(error as Error)?.message ?? String(error)})`,
      reason: 'read',
    };
  }
}

/** Forgets every cached read (tests use it; the caches otherwise follow mtime + size on their own). */
export function clearSchemaCache(): void {
  fileCache.clear();
  mergedCache.clear();
  clearPrismaConfigCache();
}
