/**
 * `eslint --cache` and the schema: the caveat of docs/recipes/large-repositories.md, shown for real, and
 * the remedy it documents (the schema's hash in the config, so a schema edit invalidates the cache).
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, inject, it } from 'vitest';

import { docSnippet, type LintResultLite, reportsByFile, run, USER_ESLINT_CONFIG, USER_FILES } from './helpers.js';

const { projects, work } = inject('e2e');

const WITH_COLUMN = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Booking {
  id              String  @id @default(cuid())
  paymentIntentId String? @unique
}
`;
const WITHOUT_COLUMN = WITH_COLUMN.replace('\n  paymentIntentId String? @unique', '');

/** The remedy, as docs/recipes/large-repositories.md shows it: the schema's hash in the settings. */
const CONFIG_WITH_SCHEMA_HASH = docSnippet('docs/recipes/large-repositories.md', 'Make the schema part of the configuration', 'js');

function setUp(name: string, config: string): string {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  mkdirSync(path.join(dir, 'prisma'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module', dependencies: { stripe: '^23.1.0' } }));
  writeFileSync(path.join(dir, 'eslint.config.js'), config);
  writeFileSync(path.join(dir, 'src', 'ok.ts'), USER_FILES['src/ok.ts']!);
  writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), WITH_COLUMN);
  symlinkSync(path.join(projects[0]!.dir, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

async function lintCached(dir: string): Promise<Record<string, string[]>> {
  const result = await run('npx', ['eslint', '--cache', '.', '--format', 'json'], { cwd: dir });
  return reportsByFile(JSON.parse(result.stdout) as LintResultLite[], dir);
}

describe('eslint --cache and schema edits (ESLint 10)', () => {
  it('caveat: a cached TS file keeps its old result after the schema loses the column', async () => {
    const dir = setUp('cache-caveat', USER_ESLINT_CONFIG);
    expect((await lintCached(dir))['src/ok.ts']).toEqual([]);
    writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), WITHOUT_COLUMN);
    const after = await lintCached(dir);
    expect(after['prisma/schema.prisma']).toEqual(['booking-payment/prisma-booking-payment-column@6']);
    expect(after['src/ok.ts']).toEqual([]); // stale: without the cache it would report the missing column
  });

  it('remedy: with the schema hash in the config, the TS file is linted again', async () => {
    const dir = setUp('cache-remedy', CONFIG_WITH_SCHEMA_HASH);
    expect((await lintCached(dir))['src/ok.ts']).toEqual([]);
    writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), WITHOUT_COLUMN);
    const after = await lintCached(dir);
    expect(after['src/ok.ts']).toEqual(['booking-payment/require-booking-payment-column@8']);
  });

  it('remedy from a subfolder: the config finds the schema from its own folder (no ENOENT)', async () => {
    const dir = setUp('cache-remedy-subfolder', CONFIG_WITH_SCHEMA_HASH);
    const fromSrc = async (): Promise<Record<string, string[]>> => {
      const result = await run('npx', ['eslint', '--cache', '.', '--format', 'json'], { cwd: path.join(dir, 'src') });
      expect(result.stderr).not.toMatch(/ENOENT|Oops/);
      return reportsByFile(JSON.parse(result.stdout) as LintResultLite[], dir);
    };
    expect((await fromSrc())['src/ok.ts']).toEqual([]);
    writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), WITHOUT_COLUMN);
    expect((await fromSrc())['src/ok.ts']).toEqual(['booking-payment/require-booking-payment-column@8']);
  });
});
