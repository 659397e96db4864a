/**
 * Packs the plugin once, from a fresh copy of the repository without `dist/` (so `prepack` must build it,
 * as on a fresh clone), and installs the tarball into two fresh user projects, one with ESLint 10 and one
 * with ESLint 9 (latest of each major, from the registry), in parallel. Each project also gets the config
 * stacks people use (@eslint/js, typescript-eslint, eslint-config-next, eslint-plugin-react), shared by the
 * stack tests of stacks.e2e.ts. The tests get their paths through `inject('e2e')`. Set KEEP_E2E=1 to keep
 * the temporary directory for a look.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { TestProject } from 'vitest/node';

import { type ConsumerProject, REPO_ROOT, run, writeUserProject } from './helpers.js';

const MAJORS = ['10', '9'];

async function checked(command: string, args: string[], cwd: string, timeoutMs = 300_000): Promise<string> {
  const result = await run(command, args, { cwd, timeoutMs });
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.code}) in ${cwd}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

export default async function setup(project: TestProject): Promise<() => void> {
  for (const built of ['dist/index.js', 'dist/cli/audit.js']) {
    if (!existsSync(path.join(REPO_ROOT, built))) {
      throw new Error(`${built} is missing: run \`npm run build\` first (\`npm run test:e2e\` does).`);
    }
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'booking-payment-e2e-'));
  // A fresh clone: the repository's files (committed or not, without ignored ones such as dist/).
  const clone = path.join(work, 'clone');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && existsSync(path.join(REPO_ROOT, f)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
    cpSync(path.join(REPO_ROOT, file), path.join(clone, file));
  }
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  const packed = JSON.parse(await checked('npm', ['pack', '--json', '--pack-destination', work], clone)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const tarball = path.join(work, path.basename(packed[0]!.filename));
  const tarballFiles = packed[0]!.files.map((f) => f.path).sort();

  const projects = await Promise.all(
    MAJORS.map(async (major): Promise<ConsumerProject> => {
      const dir = path.join(work, `eslint-${major}`);
      writeUserProject(dir, { name: `user-project-eslint-${major}`, version: '1.0.0', private: true, type: 'module' });
      await checked(
        'npm',
        // The SARIF formatter is what docs/recipes/ci.md tells users to add for code scanning. The rest are
        // the config stacks of stacks.e2e.ts, installed once per ESLint major. eslint-plugin-react (also
        // under eslint-config-next) declares no ESLint 10 peer yet: ESLint 10 users install it with
        // --legacy-peer-deps, as the test does.
        [
          'install',
          '--no-audit',
          '--no-fund',
          ...(major === '10' ? ['--legacy-peer-deps'] : []),
          tarball,
          `eslint@${major}`,
          `@eslint/js@${major}`,
          '@typescript-eslint/parser@8',
          'typescript-eslint@8',
          'typescript@5',
          // eslint-config-next takes its parser from the app's own `next`.
          'eslint-config-next@latest',
          'next@latest',
          'eslint-plugin-react@latest',
          '@microsoft/eslint-formatter-sarif',
        ],
        dir,
      );
      // The app's own dependencies are listed as a user's package.json lists them; the plugin reads
      // package.json and never needs them installed, so they are added after the install.
      const pkgPath = path.join(dir, 'package.json');
      const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { dependencies?: Record<string, string> };
      pkg.dependencies = { ...pkg.dependencies, stripe: '^23.1.0', '@prisma/client': '^6.19.0' };
      writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
      const eslintVersion = (
        JSON.parse(readFileSync(path.join(dir, 'node_modules', 'eslint', 'package.json'), 'utf8')) as { version: string }
      ).version;
      return { major, eslintVersion, dir };
    }),
  );
  project.provide('e2e', { work, tarball, tarballFiles, projects });
  return () => {
    if (!process.env.KEEP_E2E) rmSync(work, { recursive: true, force: true });
  };
}
