/**
 * Listing a project's source files: every JS/TS file (not `.d.ts`) under the root, skipping the folders
 * `project/layout.ts` skips (dependencies, build output, dot-folders) and whatever a `.gitignore` on the way
 * ignores. A relisting reuses each folder whose mtime (and .gitignore's) did not change.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';

import ignore, { type Ignore } from 'ignore';

import { isSkippedFolder, ROOT_MARKERS } from '../project/layout.js';

const SOURCE_EXT = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** The most source files a listing holds by default. */
export const MAX_SOURCE_FILES = 100_000;

interface IgnoreLayer {
  /** The folder of the .gitignore, with a trailing separator. */
  prefix: string;
  ig: Ignore;
}

const NO_LAYERS: readonly IgnoreLayer[] = [];

/** One folder as last listed. */
export interface DirEntry {
  mtimeMs: number;
  /** mtime of the folder's .gitignore (0 when none). */
  gitignoreMtimeMs: number;
  /** The ignore layers that applied to this folder when it was listed (compared by identity). */
  parentLayers: readonly IgnoreLayer[];
  /** The layers its children see (its own .gitignore added). */
  layers: readonly IgnoreLayer[];
  files: string[];
  subdirs: string[];
  /**
   * The root markers it holds (`ROOT_MARKERS`: package.json, lockfiles, pnpm-workspace.yaml), so that the
   * project-root and package.json lookups of a listed folder ask the disk nothing; null when one of them is
   * not a plain file (a symbolic link, a folder): then the disk is asked.
   */
  markers: string[] | null;
}

/** A folder as a walk listed it: its mtime then, and the root markers it held (see DirEntry.markers). */
export interface ListedFolder {
  dir: string;
  mtimeMs: number;
  markers: readonly string[] | null;
}

/** The folders of a listing, for the project-root lookup (root.ts: takeListedFolders). */
export function listedFolders(dirs: ReadonlyMap<string, DirEntry>): ListedFolder[] {
  const out: ListedFolder[] = [];
  for (const [dir, entry] of dirs) out.push({ dir, mtimeMs: entry.mtimeMs, markers: entry.markers });
  return out;
}

interface Listing {
  files: string[];
  dirs: Map<string, DirEntry>;
  /** The limit was reached before every folder was listed. */
  truncated: boolean;
}

function isIgnored(layers: readonly IgnoreLayer[], full: string, isDir: boolean): boolean {
  for (const layer of layers) {
    if (!full.startsWith(layer.prefix)) continue;
    let rel = full.slice(layer.prefix.length);
    if (path.sep !== '/') rel = rel.split(path.sep).join('/');
    if (layer.ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The layers a folder's children see: the parent's, plus the folder's own .gitignore when it has one. */
function ownLayers(dir: string, dirents: Dirent[], parentLayers: readonly IgnoreLayer[]) {
  if (!dirents.some((e) => e.name === '.gitignore' && e.isFile())) return { layers: parentLayers, gitignoreMtimeMs: 0 };
  const file = path.join(dir, '.gitignore');
  try {
    const gitignoreMtimeMs = statSync(file).mtimeMs || 1;
    return { layers: [...parentLayers, { prefix: dir + path.sep, ig: ignore().add(readFileSync(file, 'utf8')) }], gitignoreMtimeMs };
  } catch {
    return { layers: parentLayers, gitignoreMtimeMs: 0 };
  }
}

/** Reads one folder: its source files and the subfolders to walk. Null when it cannot be read. */
function listDir(dir: string, mtimeMs: number, parentLayers: readonly IgnoreLayer[]): DirEntry | null {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const { layers, gitignoreMtimeMs } = ownLayers(dir, dirents, parentLayers);
  const entry: DirEntry = { mtimeMs, gitignoreMtimeMs, parentLayers, layers, files: [], subdirs: [], markers: [] };
  for (const d of dirents) {
    const name = d.name;
    if (ROOT_MARKERS.has(name)) {
      // A link or a folder of that name: left to the disk (its stat follows links, existsSync takes folders).
      if (d.isFile()) entry.markers?.push(name);
      else entry.markers = null;
    }
    const full = path.join(dir, name);
    if (d.isDirectory()) {
      if (isSkippedFolder(name)) continue;
      if (layers.length > 0 && isIgnored(layers, full, true)) continue;
      entry.subdirs.push(full);
    } else if (d.isFile()) {
      if (!SOURCE_EXT.test(name) || name.endsWith('.d.ts')) continue;
      if (layers.length > 0 && isIgnored(layers, full, false)) continue;
      entry.files.push(full);
    }
  }
  return entry;
}

/** The previous listing of `dir`, when neither it, its .gitignore, nor the layers above it changed. */
function unchanged(before: DirEntry | undefined, dir: string, mtimeMs: number, parentLayers: readonly IgnoreLayer[]) {
  if (!before || before.mtimeMs !== mtimeMs || before.parentLayers !== parentLayers) return undefined;
  const gitignoreMtimeMs = before.gitignoreMtimeMs !== 0 ? mtimeOf(path.join(dir, '.gitignore')) : 0;
  return before.gitignoreMtimeMs === gitignoreMtimeMs ? before : undefined;
}

/**
 * Lists the project's source files under `root`, at most `limit` of them. With the previous listing's
 * folders, a folder whose mtime (and .gitignore's) did not change is not read again.
 */
export function walkProject(root: string, previous: ReadonlyMap<string, DirEntry>, limit: number): Listing {
  const files: string[] = [];
  const dirs = new Map<string, DirEntry>();
  const stack: { dir: string; layers: readonly IgnoreLayer[] }[] = [{ dir: root, layers: NO_LAYERS }];
  while (stack.length > 0 && files.length < limit) {
    const { dir, layers: parentLayers } = stack.pop()!;
    let mtimeMs: number;
    try {
      mtimeMs = statSync(dir).mtimeMs;
    } catch {
      continue;
    }
    const entry = unchanged(previous.get(dir), dir, mtimeMs, parentLayers) ?? listDir(dir, mtimeMs, parentLayers);
    if (!entry) continue;
    dirs.set(dir, entry);
    for (const f of entry.files) files.push(f);
    for (const d of entry.subdirs) stack.push({ dir: d, layers: entry.layers });
  }
  return { files, dirs, truncated: stack.length > 0 };
}

/** Lists the project's source files (absolute paths), skipping dependencies, build output and ignored paths. */
export function listSourceFiles(root: string, limit: number = MAX_SOURCE_FILES): string[] {
  return walkProject(root, new Map(), limit).files;
}
