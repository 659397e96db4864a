import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { statOrUndefined } from '../../src/util/fs.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-fs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('statOrUndefined', () => {
  it('gives the stats of a file or folder that exists', () => {
    fs.writeFileSync(path.join(dir, 'a.txt'), 'abc');
    expect(statOrUndefined(path.join(dir, 'a.txt'))?.size).toBe(3);
    expect(statOrUndefined(dir)?.isDirectory()).toBe(true);
  });

  it('is undefined, never a throw, for a missing path, a path under a file, and a dangling link', () => {
    expect(statOrUndefined(path.join(dir, 'missing'))).toBeUndefined();
    fs.writeFileSync(path.join(dir, 'file'), '');
    expect(statOrUndefined(path.join(dir, 'file', 'package.json'))).toBeUndefined();
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling'));
    expect(statOrUndefined(path.join(dir, 'dangling'))).toBeUndefined();
  });
});
