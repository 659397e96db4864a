/**
 * How a JavaScript project is laid out on disk: which folders hold no sources of the project, and which
 * folder is a project's (or a monorepo's) root. One answer for the project index, the audit's workspace
 * expansion and the package.json lookup.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { PackageJson } from './package-json.js';

/** Dependencies, build output and version control: never the project's own sources. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', 'dist', 'build', '.next', 'coverage', 'out', '.git']);

/** Is a folder of this name skipped when looking for the project's sources (the list above, and dot-folders)? */
export function isSkippedFolder(name: string): boolean {
  return SKIPPED_FOLDERS.has(name) || name.startsWith('.');
}

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock'];

/**
 * Is `dir` a workspace (monorepo) root: its package.json (`pkg`, as read; null when none) has a
 * `workspaces` field, or the folder has a pnpm-workspace.yaml?
 */
export function isWorkspaceRoot(dir: string, pkg: PackageJson | null): boolean {
  return (pkg !== null && pkg.workspaces != null) || fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'));
}

/**
 * Is `dir` a project root: a lockfile, or a workspace root? `readPkg` gives the folder's package.json as
 * read (asked only when there is no lockfile).
 */
export function isProjectRoot(dir: string, readPkg: () => PackageJson | null): boolean {
  return LOCKFILES.some((f) => fs.existsSync(path.join(dir, f))) || isWorkspaceRoot(dir, readPkg());
}
