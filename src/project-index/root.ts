/** The project a linted file belongs to: the nearest ancestor folder that is a project root. */
import path from 'node:path';

import { isProjectRoot } from '../project/layout.js';
import { readPackageJson } from '../project/package-json.js';

/** Per folder: is it a project root? (Cached for the process; cleared with the index cache.) */
const roots = new Map<string, boolean>();

function isRootDir(dir: string): boolean {
  let found = roots.get(dir);
  if (found === undefined) {
    found = isProjectRoot(dir, () => readPackageJson(path.join(dir, 'package.json')));
    roots.set(dir, found);
  }
  return found;
}

/** The nearest ancestor of `filename` with a lockfile or a `workspaces` field (or pnpm-workspace.yaml), else `cwd`. */
export function findProjectRoot(filename: string, cwd: string = process.cwd()): string {
  let dir = path.dirname(path.resolve(cwd, filename));
  for (;;) {
    if (isRootDir(dir)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(cwd);
    dir = parent;
  }
}

export function clearRootCache(): void {
  roots.clear();
}
