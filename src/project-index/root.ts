/**
 * The project a linted file belongs to: the nearest ancestor folder that is a project root (a lockfile, a
 * `workspaces` field, a pnpm-workspace.yaml) — never the home folder or the file system's root, where a
 * stray lockfile would make the index read unrelated projects. Without one, the nearest package.json's
 * folder; without that, `cwd` when it holds the file, else the file's own folder.
 *
 * Each folder's answer is cached with its mtime (a lockfile added or removed changes it) and trusted for
 * a short time (the index's TTL) before the mtime is compared again: a new lockfile is seen, no restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { isProjectRoot } from '../project/layout.js';
import { readPackageJson } from '../project/package-json.js';
import { isSingleRun } from '../project/run-mode.js';

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

function mtimeOf(dir: string): number {
  try {
    return fs.statSync(dir).mtimeMs;
  } catch {
    return -1;
  }
}

function answerFor(dir: string): RootAnswer {
  const now = Date.now();
  const cached = answers.get(dir);
  if (cached && (now - cached.checkedAt < trustMs || isSingleRun())) return cached;
  const mtimeMs = mtimeOf(dir);
  if (cached && cached.mtimeMs === mtimeMs) {
    cached.checkedAt = now;
    return cached;
  }
  const hasPackageJson = fs.existsSync(path.join(dir, 'package.json'));
  const root = !isNeverRoot(dir) && isProjectRoot(dir, () => readPackageJson(path.join(dir, 'package.json')));
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
}
