// Loading @mrleebo/prisma-ast searches the cwd for a `prisma-ast` config and would `require` a
// `prisma-ast.config.js` it finds — running project code at lint time. The parser loads it without that
// search. (Its own file: the module must not be loaded yet in this process, and vitest isolates test files.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, expect, it } from 'vitest';

import { getParserLoadTime, parsePrisma, preloadParser } from '../../src/languages/prisma/parser/index.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-ast-config-'));
const marker = path.join(dir, 'config-was-executed');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it("never runs a project's prisma-ast.config.js / .prisma-astrc.js when the parser module loads", () => {
  const code = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = { parser: { nodeLocationTracking: 'full' } };`;
  fs.writeFileSync(path.join(dir, 'prisma-ast.config.js'), code);
  fs.writeFileSync(path.join(dir, '.prisma-astrc.js'), code);
  const cwd = process.cwd();
  expect(getParserLoadTime()).toBeUndefined(); // not loaded yet in this process
  process.chdir(dir);
  try {
    preloadParser();
  } finally {
    process.chdir(cwd);
  }
  expect(getParserLoadTime()).toBeGreaterThan(0);
  expect(fs.existsSync(marker)).toBe(false);
  expect(parsePrisma('model A {\n  id Int @id\n}\n', { validate: true }).ok).toBe(true);
});
