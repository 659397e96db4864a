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
const PNPM_WORKSPACE = 'pnpm-workspace.yaml';

/** The names whose presence in a folder decides whether it is a project root (and has a package.json). */
export const ROOT_MARKERS: ReadonlySet<string> = new Set(['package.json', PNPM_WORKSPACE, ...LOCKFILES]);

/** Whether `dir` holds an entry of this name (on disk). */
const onDisk = (dir: string) => (name: string) => fs.existsSync(path.join(dir, name));

/**
 * Is `dir` a workspace (monorepo) root: its package.json (`pkg`, as read; null when none) has a
 * `workspaces` field, or the folder has a pnpm-workspace.yaml? `has` tells whether the folder holds a name
 * (by default, asked of the disk; a folder walk's listing may answer instead).
 */
export function isWorkspaceRoot(dir: string, pkg: PackageJson | null, has: (name: string) => boolean = onDisk(dir)): boolean {
  return (pkg !== null && pkg.workspaces != null) || has(PNPM_WORKSPACE);
}

/**
 * Is `dir` a project root: a lockfile, or a workspace root? `readPkg` gives the folder's package.json as
 * read (asked only when there is no lockfile); `has` as for isWorkspaceRoot.
 */
export function isProjectRoot(dir: string, readPkg: () => PackageJson | null, has: (name: string) => boolean = onDisk(dir)): boolean {
  return LOCKFILES.some(has) || isWorkspaceRoot(dir, readPkg(), has);
}
