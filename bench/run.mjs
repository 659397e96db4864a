// Runs every bench/*.bench.mjs in name order, in this one process, and prints their figures.
// Each bench module default-exports an async function that prints its own section.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const file of files) {
  const mod = await import(pathToFileURL(path.join(here, file)).href);
  console.log(`\n## ${file.replace(/\.bench\.mjs$/, '')}`);
  await mod.default();
}
