/**
 * Drop-in: the packed plugin added, as README says, to the config stacks people use, with ESLint 10 and 9.
 * Each stack lints the same small app twice, without and with the plugin's line(s): nothing crashes, the
 * plugin's reports are there, and the other configs' reports are exactly what they were. Also: an
 * `eslint.config.ts` typechecks with `defineConfig` and `Linter.Config[]`, `require()` gives the plugin
 * itself, the consumer has one copy of @typescript-eslint/utils, and the tarball holds what it should.
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, inject, it } from 'vitest';

import { docSnippet, eslintBin, EXPECTED_REPORTS, type LintResultLite, run, USER_FILES } from './helpers.js';

const { projects, work, tarballFiles } = inject('e2e');

/**
 * Components for the React stacks: each has a report of the stack's own (a key-less list, an <img>, JSX
 * without React in scope). The `.jsx` file is linted only where the stack's config covers `.jsx`.
 */
const REACT_FILES: Record<string, string> = {
  'src/components/Rooms.jsx': `export function Rooms({ rooms }) {
  return <ul>{rooms.map((room) => <li>{room.name}</li>)}</ul>;
}
`,
  'src/components/Photo.tsx': `export function Photo({ src }: { src: string }) {
  return <img src={src} alt="room" />;
}
`,
};

/** A plain-JS file with a report of @eslint/js's own (`no-unused-vars`). */
const JS_FILES: Record<string, string> = {
  'src/helpers.js': `export function total(items) {
  const unused = 0;
  return items.reduce((sum, item) => sum + item.price, 0);
}
`,
};

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    jsx: 'preserve',
    strict: true,
    allowJs: true,
    noEmit: true,
    skipLibCheck: true,
  },
  include: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs'],
  exclude: ['node_modules'],
};

/** The same config without the plugin: its import/require and its `...bookingPayment.configs.*` entries. */
function withoutPlugin(config: string): string {
  return config
    .replace(/^(import bookingPayment .*|const bookingPayment = .*)\n/m, '')
    .replace(/\s*\.\.\.bookingPayment\.configs\.\w+,?/g, '');
}

interface Stack {
  name: string;
  configFile: string;
  /** The config with the plugin, as README (or a user following it) writes it. */
  config: string;
  /** The package.json `type` of the user's project. */
  type?: 'module';
  /** The schema gets squiggles (the opt-in entry is in the config). */
  prisma?: boolean;
  /** The stack's own rules that must report in this app (so "unchanged" compares something). */
  theirs: string[];
}

const STACKS: Stack[] = [
  {
    name: '@eslint/js recommended',
    configFile: 'eslint.config.mjs',
    config: `import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import bookingPayment from 'eslint-plugin-booking-payment';

export default [
  js.configs.recommended,
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser } },
  ...bookingPayment.configs.recommended,
];
`,
    theirs: ['no-unused-vars'],
  },
  {
    name: 'typescript-eslint recommended (defineConfig)',
    configFile: 'eslint.config.mjs',
    config: `import js from '@eslint/js';
import bookingPayment from 'eslint-plugin-booking-payment';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig([
  js.configs.recommended,
  tseslint.configs.recommended,
  ...bookingPayment.configs.recommended,
]);
`,
    theirs: ['@typescript-eslint/no-unused-vars'],
  },
  {
    name: "typescript-eslint recommendedTypeChecked + projectService (README's tseslint.config)",
    configFile: 'eslint.config.mjs',
    config: docSnippet('README.md', '### typescript-eslint: `tseslint.config(...)`', 'js'),
    theirs: ['@typescript-eslint/no-unused-vars'],
  },
  {
    name: "eslint-config-next core-web-vitals (README's Next.js)",
    configFile: 'eslint.config.mjs',
    config: docSnippet('README.md', '### Next.js', 'js'),
    theirs: ['@next/next/no-img-element'],
  },
  {
    name: 'eslint-plugin-react flat recommended',
    configFile: 'eslint.config.mjs',
    config: `import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import bookingPayment from 'eslint-plugin-booking-payment';
import react from 'eslint-plugin-react';

export default [
  js.configs.recommended,
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser } },
  react.configs.flat.recommended,
  { settings: { react: { version: '19.0' } } },
  ...bookingPayment.configs.recommended,
];
`,
    theirs: ['react/react-in-jsx-scope'],
  },
  {
    name: "opt-in schema entry, scoped stack (README's configs.prisma)",
    configFile: 'eslint.config.mjs',
    config: docSnippet('README.md', 'give your JavaScript configs a `files` pattern', 'js'),
    prisma: true,
    theirs: ['@typescript-eslint/no-unused-vars', 'no-undef'],
  },
  {
    name: "CommonJS package with eslint.config.cjs (README's require)",
    configFile: 'eslint.config.cjs',
    config: `const tsParser = require('@typescript-eslint/parser');
${docSnippet('README.md', '### CommonJS packages', 'js').replace(
  '[...bookingPayment.configs.recommended]',
  "[\n  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tsParser } },\n  ...bookingPayment.configs.recommended,\n]",
)}`,
    theirs: [],
  },
];

function writeApp(dir: string, stack: Stack, config: string, nodeModules: string): void {
  mkdirSync(dir, { recursive: true });
  const pkg = { name: 'user-app', private: true, ...(stack.type === undefined ? {} : { type: stack.type }), dependencies: { stripe: '^23.1.0', '@prisma/client': '^6.19.0', react: '^19.0.0', next: '^16.0.0' } };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  writeFileSync(path.join(dir, stack.configFile), config);
  for (const [file, text] of Object.entries({ ...USER_FILES, ...REACT_FILES, ...JS_FILES })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  if (!existsSync(path.join(dir, 'node_modules'))) symlinkSync(nodeModules, path.join(dir, 'node_modules'), 'dir');
}

interface Run {
  code: number | null;
  stderr: string;
  results: LintResultLite[];
}

/** `rule@line:column` of every message, by relative file; a fatal message is `FATAL@line`. */
function messagesByFile(results: readonly LintResultLite[], dir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const result of results) {
    const file = path.relative(dir, result.filePath).split(path.sep).join('/');
    out[file] = result.messages.map((m) => `${m.ruleId ?? (m.fatal ? 'FATAL' : 'null')}@${m.line}:${m.column}`).sort();
  }
  return out;
}

const isOurs = (message: string): boolean => message.startsWith('booking-payment/');

/** What the plugin must report in the app: README's expected reports (the schema's only with the opt-in). */
function expectedOurs(prisma: boolean): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(EXPECTED_REPORTS).filter(([file, reports]) => reports.length > 0 && (prisma || !file.endsWith('.prisma'))),
  );
}

describe.each(projects)('drop-in on ESLint $major ($eslintVersion)', ({ dir: projectDir, major }) => {
  const nodeModules = path.join(projectDir, 'node_modules');
  const lint = async (dir: string): Promise<Run> => {
    const result = await run('node', [eslintBin(projectDir), '.', '--format', 'json'], { cwd: dir });
    let results: LintResultLite[] = [];
    try {
      results = JSON.parse(result.stdout) as LintResultLite[];
    } catch {
      // A crash prints no JSON; the assertions below show stderr.
    }
    return { code: result.code, stderr: result.stderr, results };
  };

  describe.each(STACKS)('$name', (stack) => {
    let before: Run;
    let after: Run;
    let dir: string;
    beforeAll(async () => {
      const slug = stack.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      dir = path.join(work, `stack-${major}-${slug}`);
      const baseDir = `${dir}-without`;
      writeApp(dir, stack, stack.config, nodeModules);
      writeApp(baseDir, stack, withoutPlugin(stack.config), nodeModules);
      [before, after] = await Promise.all([lint(baseDir), lint(dir)]);
      // Compare by path relative to each app.
      before.results = before.results.map((r) => ({ ...r, filePath: path.join(dir, path.relative(baseDir, r.filePath)) }));
    });

    it('runs without a crash or a Node warning, with and without the plugin', () => {
      for (const { code, stderr, results } of [before, after]) {
        expect(stderr).not.toMatch(/TypeError|Error while loading rule|Oops|requires type information|Warning:/);
        expect(code, stderr).not.toBe(2);
        expect(results.length).toBeGreaterThan(0);
      }
      expect(withoutPlugin(stack.config)).not.toContain('bookingPayment');
    });

    it("the plugin's reports are there (the schema's only with the opt-in entry)", () => {
      const ours = Object.fromEntries(
        Object.entries(messagesByFile(after.results, dir))
          .map(([file, messages]) => [file, messages.filter(isOurs).map((m) => m.replace(/:\d+$/, ''))] as const)
          .filter(([, messages]) => messages.length > 0),
      );
      expect(ours).toEqual(expectedOurs(stack.prisma === true));
    });

    it("the stack's own reports are unchanged, and no file gets a parse error or another plugin's rule it did not get", () => {
      // The config file differs between the two runs (the plugin's lines); every other file is the same.
      const theirsBefore = messagesByFile(before.results, dir);
      delete theirsBefore[stack.configFile];
      const theirsAfter = Object.fromEntries(
        Object.entries(messagesByFile(after.results, dir))
          .filter(([file]) => file !== stack.configFile)
          .map(([file, messages]) => [file, messages.filter((m) => !isOurs(m))] as const)
          .filter(([file, messages]) => messages.length > 0 || file in theirsBefore),
      );
      expect(theirsAfter).toEqual(theirsBefore);
      const all = Object.values(theirsAfter).flat();
      expect(all.filter((m) => m.startsWith('FATAL') || m.startsWith('null'))).toEqual([]);
      for (const rule of stack.theirs) expect(all.some((m) => m.startsWith(`${rule}@`)), `${rule} in ${all.join(', ')}`).toBe(true);
    });
  });

  it('eslint.config.ts with defineConfig, Linter.Config[] and ESLint.Plugin typechecks (tsc), and so does require() in a .cts', async () => {
    const dir = path.join(work, `types-${major}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'typed-config', private: true, type: 'module' }));
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
        include: ['eslint.config.ts', 'typed.ts', 'legacy.cts'],
      }),
    );
    writeFileSync(
      path.join(dir, 'eslint.config.ts'),
      `import tsParser from '@typescript-eslint/parser';
import bookingPayment from 'eslint-plugin-booking-payment';
import { defineConfig } from 'eslint/config';

export default defineConfig([
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  ...bookingPayment.configs.recommended,
  ...bookingPayment.configs.prisma,
  { plugins: { 'booking-payment': bookingPayment }, rules: { 'booking-payment/require-booking-id-metadata': 'error' } },
]);
`,
    );
    writeFileSync(
      path.join(dir, 'typed.ts'),
      `import type { ESLint, Linter } from 'eslint';
import bookingPayment from 'eslint-plugin-booking-payment';
import tseslint from 'typescript-eslint';

export const list: Linter.Config[] = [...bookingPayment.configs.strict, { plugins: { 'booking-payment': bookingPayment } }];
export const asPlugin: ESLint.Plugin = bookingPayment;
export const viaTseslint = tseslint.config(tseslint.configs.recommended, ...bookingPayment.configs.recommended);
`,
    );
    writeFileSync(
      path.join(dir, 'legacy.cts'),
      `import bookingPayment = require('eslint-plugin-booking-payment');
import type { Linter } from 'eslint';

export const list: Linter.Config[] = [...bookingPayment.configs.recommended];
`,
    );
    symlinkSync(nodeModules, path.join(dir, 'node_modules'), 'dir');
    const tsc = await run('node', [path.join(nodeModules, 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: dir });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it("require('eslint-plugin-booking-payment') is the plugin itself, the same object import gives", async () => {
    const script = `
const plugin = require('eslint-plugin-booking-payment');
import('eslint-plugin-booking-payment').then((esm) => {
  console.log(JSON.stringify({
    same: esm.default === plugin,
    keys: Object.keys(plugin).sort(),
    recommended: plugin.configs.recommended.map((c) => c.name),
    prisma: plugin.configs.prisma.map((c) => c.name),
    rules: Object.keys(plugin.rules).sort(),
  }));
});`;
    const result = await run('node', ['-e', script], { cwd: projectDir });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      same: true,
      keys: ['configs', 'languages', 'meta', 'rules'],
      recommended: ['booking-payment/recommended'],
      prisma: ['booking-payment/prisma'],
      rules: [
        'prisma-booking-payment-column',
        'require-booking-id-metadata',
        'require-booking-payment-column',
        'require-idempotency-key',
        'require-persisted-payment-id',
        'require-webhook-booking-lookup',
        'require-webhook-signature',
      ],
    });
  });

  it('one copy of @typescript-eslint/utils next to the user\'s newer typescript-eslint 8.x', () => {
    const copies: string[] = [];
    const walk = (nm: string): void => {
      if (!existsSync(nm)) return;
      for (const name of readdirSync(nm)) {
        const scopeOrPkg = path.join(nm, name);
        const pkgs = name.startsWith('@') ? readdirSync(scopeOrPkg).map((n) => path.join(scopeOrPkg, n)) : [scopeOrPkg];
        for (const pkg of pkgs) {
          if (path.relative(nodeModules, pkg).split(path.sep).join('/').endsWith('@typescript-eslint/utils')) copies.push(pkg);
          walk(path.join(pkg, 'node_modules'));
        }
      }
    };
    walk(nodeModules);
    expect(copies.map((c) => path.relative(projectDir, c))).toEqual([path.join('node_modules', '@typescript-eslint', 'utils')]);
  });
});

describe('the tarball', () => {
  it('holds the build (made by prepack on a fresh copy), the CommonJS entry, types, LICENSE, README and docs, and no sources or tests', () => {
    for (const file of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/index.cjs', 'dist/index.d.cts', 'dist/cli/audit.js']) {
      expect(tarballFiles).toContain(file);
    }
    expect(tarballFiles.some((f) => f.startsWith('docs/rules/'))).toBe(true);
    expect(tarballFiles.filter((f) => /^(src|tests|examples|bench|scripts)\//.test(f))).toEqual([]);
  });
});
