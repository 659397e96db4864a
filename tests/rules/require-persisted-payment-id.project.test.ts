/**
 * The project-wide report ("never stored anywhere in this project") on fixture projects on disk, linted
 * with ESLint's own API the way a user's `eslint .` or an editor does: several files, one process.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

import rule from '../../src/rules/require-persisted-payment-id.js';
import { setProjectIndexTtl } from '../../src/project-index/index.js';
import { fixturesDir } from '../rule-tester.js';

const projects = path.join(fixturesDir, 'projects');
const temps: string[] = [];

afterEach(() => setProjectIndexTtl(2000));
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function eslintFor(cwd: string): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        plugins: { 'booking-payment': { rules: { 'require-persisted-payment-id': rule as never } } },
        rules: { 'booking-payment/require-persisted-payment-id': 'error' },
      },
    ],
  });
}

async function lint(cwd: string, file: string): Promise<string[]> {
  const [result] = await eslintFor(cwd).lintFiles([file]);
  return (result?.messages ?? []).map((m) => `${m.messageId ?? m.message}@${m.line}:${m.column}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('require-persisted-payment-id across a project', () => {
  it('reports the checkout of a project that never stores the id', async () => {
    const cwd = path.join(projects, 'no-store');
    expect(await lint(cwd, 'src/checkout.ts')).toEqual(['neverStored@8:24']);
    expect(await lint(cwd, 'src/webhook.ts')).toEqual([]);
  });

  it('is silent when a webhook elsewhere in the project stores it', async () => {
    expect(await lint(path.join(projects, 'webhook-stores'), 'src/checkout.ts')).toEqual([]);
  });

  it("judges by the schema's column: a write of another name elsewhere does not count", async () => {
    expect(await lint(path.join(projects, 'with-schema'), 'src/checkout.ts')).toEqual(['neverStored@8:24']);
  });

  it('sees a file that changes between two lints in one process', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-project-'));
    temps.push(dir);
    cpSync(path.join(projects, 'no-store'), dir, { recursive: true });
    // 0: check the tree on every lookup. (A positive TTL is stretched on trees whose check is slow, so a
    // fixed sleep would make this test depend on the machine's load; the TTL itself is tested in
    // tests/utils/project-index.test.ts.)
    setProjectIndexTtl(0);
    const eslint = eslintFor(dir);
    const messages = async () => {
      const [result] = await eslint.lintFiles(['src/checkout.ts']);
      return (result?.messages ?? []).map((m) => m.messageId);
    };

    expect(await messages()).toEqual(['neverStored']);

    // The webhook starts storing the id (an edit saved in the editor, same ESLint process).
    const webhook = path.join(dir, 'src/webhook.ts');
    const original = readFileSync(webhook, 'utf8');
    writeFileSync(webhook, readFileSync(path.join(projects, 'webhook-stores/src/webhook.ts'), 'utf8'));
    await sleep(150);
    expect(await messages()).toEqual([]);

    // …and stops again.
    writeFileSync(webhook, original);
    await sleep(150);
    expect(await messages()).toEqual(['neverStored']);

    // A new file that stores it is found too.
    writeFileSync(path.join(dir, 'src/payments.ts'), readFileSync(path.join(projects, 'webhook-stores/src/webhook.ts'), 'utf8'));
    await sleep(150);
    expect(await messages()).toEqual([]);
  });
});
