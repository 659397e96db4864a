// Writes the demo's real lint output (`node scripts/demo.mjs --lint-only`) into README's "What you see" block.
// tests/docs.test.ts keeps the two equal; run this after a change to a message or to the example app.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demo = spawnSync(process.execPath, [path.join(root, 'scripts', 'demo.mjs'), '--lint-only'], {
  cwd: root,
  encoding: 'utf8',
  env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
});
if (demo.status !== 0) {
  console.error(demo.stderr);
  process.exit(1);
}
const file = path.join(root, 'README.md');
const readme = readFileSync(file, 'utf8');
const start = readme.indexOf('## What you see');
const open = readme.indexOf('```\n', start) + 4;
const close = readme.indexOf('\n```', open);
writeFileSync(file, readme.slice(0, open) + demo.stdout.trimEnd() + readme.slice(close));
console.log('README "What you see" updated');
