/**
 * Every ❌ example in docs/rules reports its rule, every ✅ example does not. An example is the run of code
 * blocks under one "❌ Incorrect" / "✅ Correct" heading, written as one small project (a package.json with
 * `stripe`, `prisma/schema.prisma` for a prisma block, `src/example-N.ts|js` for code) and linted with the
 * plugin's `recommended` config (plus `configs.prisma` for the schema) — or `strict` when the heading says "(strict)".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const docsDir = path.join(root, 'docs', 'rules');

interface Example {
  rule: string;
  kind: 'incorrect' | 'correct';
  strict: boolean;
  heading: string;
  line: number;
  blocks: { lang: string; code: string }[];
}

function examplesOf(rule: string, text: string): Example[] {
  const out: Example[] = [];
  let current: Example | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^#{2,4}\s+(.*)$/.exec(line);
    if (heading) {
      const title = heading[1]!;
      current = /❌|✅/.test(title)
        ? { rule, kind: title.includes('❌') ? 'incorrect' : 'correct', strict: /\bstrict\b/i.test(title), heading: title, line: i + 1, blocks: [] }
        : null;
      if (current) out.push(current);
      continue;
    }
    const fence = /^```(\w+)/.exec(line);
    if (fence) {
      const start = i + 1;
      while (i + 1 < lines.length && !lines[i + 1]!.startsWith('```')) i++;
      const code = lines.slice(start, i + 1).join('\n');
      i++;
      if (current && ['ts', 'js', 'prisma'].includes(fence[1]!)) current.blocks.push({ lang: fence[1]!, code });
    }
  }
  return out.filter((e) => e.blocks.length > 0);
}

const tmpRoot = mkdtempSync(path.join(os.tmpdir(), 'booking-payment-docs-'));
afterAll(() => rmSync(tmpRoot, { recursive: true, force: true }));

async function lintExample(example: Example, index: number): Promise<Linter.LintMessage[]> {
  const dir = path.join(tmpRoot, `${example.rule}-${index}`);
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'docs-example', private: true, dependencies: { stripe: '*', '@prisma/client': '*' } }),
  );
  writeFileSync(path.join(dir, 'package-lock.json'), '{}');
  const files: string[] = [];
  example.blocks.forEach((block, n) => {
    if (block.lang === 'prisma') {
      mkdirSync(path.join(dir, 'prisma'), { recursive: true });
      writeFileSync(path.join(dir, 'prisma', 'schema.prisma'), block.code);
      files.push('prisma/schema.prisma');
    } else {
      const file = `src/example-${n}.${block.lang}`;
      writeFileSync(path.join(dir, file), block.code);
      files.push(file);
    }
  });
  const preset = example.strict ? plugin.configs.strict : plugin.configs.recommended;
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      ...(preset as Linter.Config[]),
      // Schema examples: the opt-in entry for `.prisma` files, as README shows it.
      ...((example.strict ? plugin.configs['prisma-strict'] : plugin.configs.prisma) as Linter.Config[]),
      { files: ['**/*.ts'], languageOptions: { parser: tsParser as unknown as Linter.Parser } },
    ],
  });
  const results = await eslint.lintFiles(files);
  return results.flatMap((r) => r.messages);
}

const docs = readdirSync(docsDir).filter((f) => f.endsWith('.md'));

describe('docs/rules examples', () => {
  for (const file of docs) {
    const rule = file.replace(/\.md$/, '');
    const examples = examplesOf(rule, readFileSync(path.join(docsDir, file), 'utf8'));
    it(`${rule} has both ❌ and ✅ examples`, () => {
      expect(examples.some((e) => e.kind === 'incorrect')).toBe(true);
      expect(examples.some((e) => e.kind === 'correct')).toBe(true);
    });
    examples.forEach((example, index) => {
      it(`${rule}: ${example.heading} (line ${example.line})`, async () => {
        const messages = await lintExample(example, index);
        const fatal = messages.filter((m) => m.fatal);
        expect(fatal).toEqual([]);
        const own = messages.filter((m) => m.ruleId === `booking-payment/${rule}`);
        if (example.kind === 'incorrect') expect(own.length).toBeGreaterThan(0);
        else expect(own).toEqual([]);
      });
    });
  }
});

describe("README's \"What you see\"", () => {
  it('is the real output of the demo\'s lint of examples/booking-app (`node scripts/demo.mjs --lint-only`)', () => {
    if (!existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
    const demo = spawnSync(process.execPath, [path.join(root, 'scripts', 'demo.mjs'), '--lint-only'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    expect(demo.status, demo.stderr).toBe(0);
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## What you see'));
    const block = /```\n([\s\S]*?)\n```/.exec(section)?.[1];
    // The demo prints paths relative to the repository, so the comparison does not depend on where it is.
    expect(demo.stdout).not.toContain(root);
    expect(block).toBe(demo.stdout.trimEnd());
    expect(block).toMatch(/✖ \d+ problems/);
  }, 60_000);
});
