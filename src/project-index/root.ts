/**
 * The project a linted file belongs to: the nearest ancestor folder that is a project root (a lockfile, a
 * `workspaces` field, a pnpm-workspace.yaml) — never the home folder or the file system's root, where a
 * stray lockfile would make the index read unrelated projects. Without one, the nearest package.json's
 * folder; without that, `cwd` when it holds the file, else the file's own folder.
 *
 * Each folder's answer is cached with its mtime (a lockfile added or removed changes it) and trusted for
 * a short time (the index's TTL) before the mtime is compared again: a new lockfile is seen, no restart.
 */
import os from 'node:os';
import path from 'node:path';

import { isProjectRoot } from '../project/layout.js';
import { readPackageJson, takeListedPackageJsons } from '../project/package-json.js';
import { isSingleRun } from '../project/run-mode.js';
import { statOrUndefined } from '../util/fs.js';
import type { ListedFolder } from './walk.js';

interface RootAnswer {
  root: boolean;
  hasPackageJson: boolean;
  mtimeMs: number;
  checkedAt: number;
}

/** Per folder: is it a project root, does it have a package.json? (Cleared with the index cache.) */
const answers = new Map<string, RootAnswer>();
/** The most folders remembered; past it the cache starts over (memory stays bounded). */
const MAX_FOLDERS = 10_000;
let trustMs = 2000;

/** How long a folder's answer is trusted before its mtime is compared again (the index's TTL). */
export function setRootTrust(ms: number): void {
  trustMs = Math.max(0, ms);
}

/** Folders that are never a project root: the file system's root and the user's home folder. */
function isNeverRoot(dir: string): boolean {
  if (path.dirname(dir) === dir) return true;
  let home = '';
  try {
    home = os.homedir();
  } catch {
    // no home folder
  }
  return home !== '' && path.resolve(home) === dir;
}

/** Folders listed by a project walk (and when), not asked about yet: their answer needs no file-system call. */
const listed = new Map<string, { folder: ListedFolder; at: number }>();

/**
 * Takes in the folders of a project walk (the index's own or the read-ahead thread's): a later lookup in one
 * of them (its root here, its nearest package.json in project/package-json.ts) answers from what the walk
 * saw at `at` (a session compares the folder's mtime after the trust time, as for any answer). Folders
 * already answered keep their answer.
 */
export function takeListedFolders(folders: readonly ListedFolder[], at: number): void {
  takeListedPackageJsons(
    folders.map((f) => ({ dir: f.dir, hasPackageJson: f.markers === null ? null : f.markers.includes('package.json') })),
    at,
  );
  for (const folder of folders) {
    // Past the bound, the rest are left to the disk.
    if (folder.markers === null || answers.has(folder.dir) || listed.size >= MAX_FOLDERS) continue;
    listed.set(folder.dir, { folder, at });
  }
}

function answerFromListing(folder: ListedFolder, at: number): RootAnswer {
  const { dir, markers } = folder;
  const has = (name: string): boolean => markers!.includes(name);
  const hasPackageJson = has('package.json');
  const readPkg = () => (hasPackageJson ? readPackageJson(path.join(dir, 'package.json')) : null);
  return { root: !isNeverRoot(dir) && isProjectRoot(dir, readPkg, has), hasPackageJson, mtimeMs: folder.mtimeMs, checkedAt: at };
}

function answerFor(dir: string): RootAnswer {
  const now = Date.now();
  let cached = answers.get(dir);
  if (!cached) {
    const taken = listed.get(dir);
    if (taken) {
      listed.delete(dir);
      cached = answerFromListing(taken.folder, taken.at);
      if (answers.size >= MAX_FOLDERS) answers.clear();
      answers.set(dir, cached);
    }
  }
  const singleRun = isSingleRun();
  if (cached && (singleRun || now - cached.checkedAt < trustMs)) return cached;
  // One run never compares a folder's answer again: no mtime is taken for it.
  const mtimeMs = singleRun ? 0 : (statOrUndefined(dir)?.mtimeMs ?? -1);
  if (cached && cached.mtimeMs === mtimeMs) {
    cached.checkedAt = now;
    return cached;
  }
  const packageJson = path.join(dir, 'package.json');
  const hasPackageJson = statOrUndefined(packageJson) !== undefined;
  const root = !isNeverRoot(dir) && isProjectRoot(dir, () => (hasPackageJson ? readPackageJson(packageJson) : null));
  const answer = { root, hasPackageJson, mtimeMs, checkedAt: now };
  if (answers.size >= MAX_FOLDERS) answers.clear();
  answers.set(dir, answer);
  return answer;
}

function contains(dir: string, file: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** The project root of `filename` (see the module comment). */
export function findProjectRoot(filename: string, cwd: string = process.cwd()): string {
  const file = path.resolve(cwd, filename);
  let dir = path.dirname(file);
  let nearestPackage: string | null = null;
  for (;;) {
    const answer = answerFor(dir);
    if (answer.root) return dir;
    if (nearestPackage === null && answer.hasPackageJson && !isNeverRoot(dir)) nearestPackage = dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (nearestPackage !== null) return nearestPackage;
  const resolvedCwd = path.resolve(cwd);
  return contains(resolvedCwd, file) && !isNeverRoot(resolvedCwd) ? resolvedCwd : path.dirname(file);
}

/** The folder of the package the file belongs to (its nearest package.json), within `root`; else `root`. */
export function packageDirOf(file: string, root: string): string {
  let dir = path.dirname(file);
  while (contains(root, dir) && dir !== root) {
    if (answerFor(dir).hasPackageJson) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return root;
}

export function clearRootCache(): void {
  answers.clear();
  listed.clear();
}
