import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it, vi } from 'vitest';

import {
  findNearestPackageJson,
  getPaymentSdks,
  loadPackageJson,
  readPackageJson,
  takeListedPackageJsons,
} from '../../src/project/package-json.js';
import { fixturesDir } from '../rule-tester.js';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-pkg-'));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

let n = 0;
function tree(files: Record<string, unknown>): string {
  const dir = path.join(tmpRoot, `t${n++}`);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

describe('findNearestPackageJson', () => {
  it('walks up from a directory', () => {
    const dir = tree({ 'package.json': {}, 'src/a/b/.keep': '' });
    expect(findNearestPackageJson(path.join(dir, 'src/a/b'))).toBe(path.join(dir, 'package.json'));
  });

  it('a folder beside one already looked up costs one stat: the folders passed keep the answer', () => {
    const dir = tree({ 'package.json': {}, 'src/a/.keep': '', 'src/b/.keep': '' });
    expect(findNearestPackageJson(path.join(dir, 'src/a'))).toBe(path.join(dir, 'package.json'));
    const stat = vi.spyOn(fs, 'statSync');
    try {
      expect(findNearestPackageJson(path.join(dir, 'src/b'))).toBe(path.join(dir, 'package.json'));
      expect(stat.mock.calls.map((c) => c[0])).toEqual([path.join(dir, 'src/b/package.json')]);
    } finally {
      stat.mockRestore();
    }
  });

  it('a folder a project walk listed answers from the listing, without a stat; an unknown one asks the disk', () => {
    const dir = tree({ 'package.json': {}, 'src/a/.keep': '', 'src/b/package.json': {}, 'src/b/c/.keep': '', 'src/d/.keep': '' });
    const at = (rel: string) => path.join(dir, rel);
    takeListedPackageJsons(
      [
        { dir, hasPackageJson: true },
        { dir: at('src'), hasPackageJson: false },
        { dir: at('src/a'), hasPackageJson: false },
        { dir: at('src/b'), hasPackageJson: true },
        { dir: at('src/b/c'), hasPackageJson: false },
        { dir: at('src/d'), hasPackageJson: null },
      ],
      Date.now(),
    );
    const stat = vi.spyOn(fs, 'statSync');
    try {
      expect(findNearestPackageJson(at('src/a'))).toBe(at('package.json'));
      expect(findNearestPackageJson(at('src/b/c'))).toBe(at('src/b/package.json'));
      expect(stat).not.toHaveBeenCalled();
      expect(findNearestPackageJson(at('src/d'))).toBe(at('package.json'));
      expect(stat.mock.calls.map((c) => c[0])).toEqual([at('src/d/package.json')]);
    } finally {
      stat.mockRestore();
    }
  });

  it('a package.json added above a folder is seen once the answers above are a second old', () => {
    const dir = tree({ 'package.json': {}, 'src/a/.keep': '', 'src/c/.keep': '' });
    const now = Date.now();
    vi.useFakeTimers({ now, toFake: ['Date'] });
    try {
      expect(findNearestPackageJson(path.join(dir, 'src/a'))).toBe(path.join(dir, 'package.json'));
      fs.writeFileSync(path.join(dir, 'src/package.json'), '{}');
      expect(findNearestPackageJson(path.join(dir, 'src/c'))).toBe(path.join(dir, 'package.json'));
      vi.setSystemTime(now + 1500);
      expect(findNearestPackageJson(path.join(dir, 'src/c'))).toBe(path.join(dir, 'src/package.json'));
      expect(findNearestPackageJson(path.join(dir, 'src/a'))).toBe(path.join(dir, 'src/package.json'));
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('getPaymentSdks', () => {
  it('finds server-side SDKs in any dependency field', () => {
    const dir = tree({
      'package.json': {
        dependencies: { stripe: '^18', react: '^19' },
        devDependencies: { '@paypal/paypal-server-sdk': '^1' },
        optionalDependencies: { square: '^40' },
      },
    });
    expect(getPaymentSdks(dir)).toEqual([
      { provider: 'stripe', packageName: 'stripe' },
      { provider: 'paypal', packageName: '@paypal/paypal-server-sdk' },
      { provider: 'square', packageName: 'square' },
    ]);
  });

  it('browser-only libraries are not server-side SDKs: N/A', () => {
    expect(getPaymentSdks(path.join(fixturesDir, 'prisma', 'no-sdk'))).toEqual([]);
    const dir = tree({ 'package.json': { dependencies: { '@stripe/react-stripe-js': '*', '@paypal/react-paypal-js': '*' } } });
    expect(getPaymentSdks(dir)).toEqual([]);
  });

  it('no package.json, or a broken one, is N/A (never a throw)', () => {
    const dir = tree({ 'package.json': '{ not json' });
    expect(readPackageJson(path.join(dir, 'package.json'))).toBeNull();
    expect(getPaymentSdks(dir)).toEqual([]);
  });

  it('a package.json with a UTF-8 byte order mark is read (npm and Node strip it)', () => {
    const dir = tree({ 'package.json': `\uFEFF${JSON.stringify({ name: 'e', dependencies: { stripe: '1' } })}` });
    expect(readPackageJson(path.join(dir, 'package.json'))).toEqual({ name: 'e', dependencies: { stripe: '1' } });
    expect(getPaymentSdks(dir)).toEqual([{ provider: 'stripe', packageName: 'stripe' }]);
  });

  it('loadPackageJson tells a missing file from one that does not parse, with the parser\'s message', () => {
    const dir = tree({ 'broken/package.json': '{"dependencies":', 'array/package.json': '[]' });
    expect(loadPackageJson(path.join(dir, 'none.json'))).toEqual({ status: 'missing' });
    expect(loadPackageJson(path.join(dir, 'broken/package.json'))).toMatchObject({ status: 'invalid', message: expect.stringMatching(/JSON/) });
    expect(loadPackageJson(path.join(dir, 'array/package.json'))).toEqual({ status: 'invalid', message: 'not a JSON object' });
  });

  it('a workspace package without its own SDK uses the workspace root (hoisted dependencies)', () => {
    const dir = tree({
      'package.json': { workspaces: ['apps/*'], dependencies: { stripe: '*' } },
      'apps/web/package.json': { dependencies: { next: '*' } },
    });
    expect(getPaymentSdks(path.join(dir, 'apps/web'))).toEqual([{ provider: 'stripe', packageName: 'stripe' }]);
  });

  it('an unrelated package.json higher up (not a workspace root) is not used', () => {
    const dir = tree({ 'package.json': { dependencies: { stripe: '*' } }, 'vendor/lib/package.json': { name: 'lib' } });
    expect(getPaymentSdks(path.join(dir, 'vendor/lib'))).toEqual([]);
  });

  it('an edited package.json is re-read', () => {
    const dir = tree({ 'package.json': { dependencies: {} } });
    expect(getPaymentSdks(dir)).toEqual([]);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { stripe: '^18.0.0' } }));
    expect(getPaymentSdks(dir)).toEqual([{ provider: 'stripe', packageName: 'stripe' }]);
  });
});

describe('getPaymentSdks at the top of the file system', () => {
  it('stops at the root even when /package.json exists (a container image with WORKDIR /)', () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-rootpkg-'));
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app' }));
    const rootPkg = path.join(path.parse(app).root, 'package.json');
    const realStat = fs.statSync;
    const realRead = fs.readFileSync;
    const stat = vi.spyOn(fs, 'statSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) =>
      p === rootPkg ? realStat(path.join(app, 'package.json')) : (realStat as (...a: unknown[]) => unknown)(p, ...rest)) as typeof fs.statSync);
    const read = vi.spyOn(fs, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, ...rest: unknown[]) =>
      p === rootPkg ? '{"name":"image"}' : (realRead as (...a: unknown[]) => unknown)(p, ...rest)) as typeof fs.readFileSync);
    try {
      expect(getPaymentSdks(app)).toEqual([]);
      expect(getPaymentSdks(path.parse(app).root)).toEqual([]);
    } finally {
      stat.mockRestore();
      read.mockRestore();
      fs.rmSync(app, { recursive: true, force: true });
    }
  });
});
