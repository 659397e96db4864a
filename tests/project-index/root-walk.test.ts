import fs, { symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import { clearProjectIndexCache } from '../../src/project-index/index.js';
import { findProjectRoot, takeListedFolders } from '../../src/project-index/root.js';
import { listedFolders, listSourceFiles, walkProject } from '../../src/project-index/walk.js';
import { isSkippedFolder, isWorkspaceRoot } from '../../src/project/layout.js';
import { projectWriter } from '../temp-project.js';

const tempProject = projectWriter('bp-layout-');

const relative = (dir: string, files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/')).sort();

describe('findProjectRoot', () => {
  it('takes every lockfile, a pnpm-workspace.yaml, or a `workspaces` field; not a plain package.json', () => {
    const dir = tempProject({
      'pnpm/pnpm-lock.yaml': '',
      'pnpm/src/a.ts': '',
      'bun/bun.lock': '',
      'bun/src/a.ts': '',
      'shrink/npm-shrinkwrap.json': '{}',
      'shrink/src/a.ts': '',
      'pnpm-ws/pnpm-workspace.yaml': 'packages:\n  - apps/*\n',
      'pnpm-ws/apps/web/package.json': '{"name":"web"}',
      'pnpm-ws/apps/web/src/a.ts': '',
      'yarn-ws/package.json': JSON.stringify({ workspaces: { packages: ['apps/*'] } }),
      'yarn-ws/apps/api/src/a.ts': '',
    });
    for (const [file, root] of [
      ['pnpm/src/a.ts', 'pnpm'],
      ['bun/src/a.ts', 'bun'],
      ['shrink/src/a.ts', 'shrink'],
      ['pnpm-ws/apps/web/src/a.ts', 'pnpm-ws'],
      ['yarn-ws/apps/api/src/a.ts', 'yarn-ws'],
    ]) {
      expect(findProjectRoot(path.join(dir, file!)), file).toBe(path.join(dir, root!));
    }
  });

  it('resolves a relative file against cwd, and caches each folder’s answer until the index cache is cleared', () => {
    const dir = tempProject({ 'app/src/a.ts': '' });
    const app = path.join(dir, 'app');
    expect(findProjectRoot('src/a.ts', app)).toBe(app);
    writeFileSync(path.join(dir, 'yarn.lock'), '');
    expect(findProjectRoot('src/a.ts', app)).toBe(app);
    clearProjectIndexCache();
    expect(findProjectRoot('src/a.ts', app)).toBe(dir);
  });
});

describe('findProjectRoot in folders a walk listed', () => {
  it('answers from the listing, as the disk does, and asks the disk only for a package.json to read', () => {
    const dir = tempProject({
      'pnpm/pnpm-lock.yaml': '',
      'pnpm/src/a.ts': '',
      'pnpm-ws/pnpm-workspace.yaml': 'packages:\n  - apps/*\n',
      'pnpm-ws/apps/web/package.json': '{"name":"web"}',
      'pnpm-ws/apps/web/src/a.ts': '',
      'yarn-ws/package.json': JSON.stringify({ workspaces: ['apps/*'] }),
      'yarn-ws/apps/api/src/a.ts': '',
      'npm/package.json': '{}',
      'npm/package-lock.json': '{}',
      'npm/src/deep/a.ts': '',
      'linked/package.json': '{}',
      'linked/src/a.ts': '',
    });
    // A lockfile that is a dangling link: the listing leaves that folder to the disk (where it is no lockfile).
    symlinkSync(path.join(dir, 'nowhere.lock'), path.join(dir, 'linked/yarn.lock'));
    const files = ['pnpm/src/a.ts', 'pnpm-ws/apps/web/src/a.ts', 'yarn-ws/apps/api/src/a.ts', 'npm/src/deep/a.ts', 'linked/src/a.ts'];
    clearProjectIndexCache();
    const fromDisk = files.map((f) => findProjectRoot(path.join(dir, f)));
    expect(fromDisk.map((r) => path.relative(dir, r))).toEqual(['pnpm', 'pnpm-ws', 'yarn-ws', 'npm', 'linked']);

    clearProjectIndexCache();
    takeListedFolders(listedFolders(walkProject(dir, new Map(), 1000).dirs), Date.now());
    const exists = vi.spyOn(fs, 'existsSync');
    const stat = vi.spyOn(fs, 'statSync');
    try {
      expect(files.map((f) => findProjectRoot(path.join(dir, f)))).toEqual(fromDisk);
      const asked = [...exists.mock.calls, ...stat.mock.calls].map((c) => path.relative(dir, String(c[0])));
      // Inside the listed tree: only package.json files (read for `workspaces`) and the folder left to the disk.
      const inside = asked.filter((p) => p !== '' && !p.startsWith('..'));
      expect(inside.filter((p) => p !== 'linked' && !p.startsWith('linked/') && !p.endsWith('package.json'))).toEqual([]);
      expect(inside.some((p) => p.startsWith('linked/'))).toBe(true);
      // Above the tree (not listed), the walk up from `linked` (no root there) asks the disk as before.
      expect(asked.some((p) => p.startsWith('..'))).toBe(true);
    } finally {
      exists.mockRestore();
      stat.mockRestore();
    }
  });
});

describe('project layout', () => {
  it('skips dependencies, build output, version control and dot-folders, nothing else', () => {
    for (const name of ['node_modules', 'dist', 'build', 'out', '.next', 'coverage', '.git', '.cache']) {
      expect(isSkippedFolder(name), name).toBe(true);
    }
    for (const name of ['src', 'lib', 'output', 'builds', 'packages', 'app']) expect(isSkippedFolder(name), name).toBe(false);
  });

  it('a workspace root declares `workspaces` (a list or an object) or has a pnpm-workspace.yaml', () => {
    const dir = tempProject({ 'pnpm/pnpm-workspace.yaml': '', 'plain/package.json': '{}' });
    expect(isWorkspaceRoot(path.join(dir, 'plain'), { workspaces: ['a/*'] })).toBe(true);
    expect(isWorkspaceRoot(path.join(dir, 'plain'), { workspaces: { packages: [] } })).toBe(true);
    expect(isWorkspaceRoot(path.join(dir, 'plain'), { name: 'x' })).toBe(false);
    expect(isWorkspaceRoot(path.join(dir, 'plain'), null)).toBe(false);
    expect(isWorkspaceRoot(path.join(dir, 'pnpm'), null)).toBe(true);
  });
});

describe('walkProject / listSourceFiles', () => {
  it('skips `out/` and `.git/`, and applies a parent .gitignore below it and a nested one only under its folder', () => {
    const dir = tempProject({
      '.gitignore': '*.gen.ts\n',
      'src/a.ts': '',
      'src/deep/b.gen.ts': '',
      'src/deep/c.cts': '',
      'out/o.js': '',
      '.git/hooks/h.js': '',
      'lib/.gitignore': '/local.ts\n',
      'lib/local.ts': '',
      'lib/sub/local.ts': '',
      'local.ts': '',
    });
    expect(relative(dir, listSourceFiles(dir))).toEqual(['lib/sub/local.ts', 'local.ts', 'src/a.ts', 'src/deep/c.cts']);
  });

  it('does not follow a symbolic link to a folder (no loops, no files outside the tree)', () => {
    const dir = tempProject({ 'src/a.ts': '' });
    symlinkSync(dir, path.join(dir, 'src/loop'), 'dir');
    expect(relative(dir, listSourceFiles(dir))).toEqual(['src/a.ts']);
  });

  it('stops at the limit and says the listing is truncated', () => {
    const dir = tempProject({ 'a/1.ts': '', 'b/2.ts': '', 'c/3.ts': '' });
    const cut = walkProject(dir, new Map(), 1);
    expect(cut.truncated).toBe(true);
    expect(cut.files).toHaveLength(1);
    const whole = walkProject(dir, new Map(), 10);
    expect(whole.truncated).toBe(false);
    expect(whole.files).toHaveLength(3);
  });

  it('reuses the listing of a folder that did not change, and re-reads one that did', () => {
    const dir = tempProject({ 'a/1.ts': '', 'b/2.ts': '' });
    const first = walkProject(dir, new Map(), 10);
    writeFileSync(path.join(dir, 'b/3.ts'), '');
    const future = new Date(Date.now() + 5_000);
    utimesSync(path.join(dir, 'b'), future, future);
    const second = walkProject(dir, first.dirs, 10);
    expect(second.dirs.get(path.join(dir, 'a'))).toBe(first.dirs.get(path.join(dir, 'a')));
    expect(second.dirs.get(path.join(dir, 'b'))).not.toBe(first.dirs.get(path.join(dir, 'b')));
    expect(relative(dir, second.files)).toEqual(['a/1.ts', 'b/2.ts', 'b/3.ts']);
  });
});
