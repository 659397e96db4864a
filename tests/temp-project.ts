/** Small projects written to a temporary directory for a test file, removed when its tests end. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll } from 'vitest';

/** A writer of projects under one temporary folder, removed when the calling test file ends. */
export function projectWriter(prefix: string): (files: Record<string, string>) => string {
  const tmp = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  let counter = 0;
  return (files) => {
    const dir = path.join(tmp, `p${++counter}`);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    return dir;
  };
}
