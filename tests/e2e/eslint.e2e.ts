/**
 * The packed plugin in a user's project, run with `npx eslint` the ways users run it: the whole project,
 * the editor's stdin path, and worker threads (`--concurrency`), with ESLint 10 and ESLint 9.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, inject, it } from 'vitest';

import { byFile, EXPECTED_REPORTS, eslintBin, type LintResultLite, reportsByFile, run } from './helpers.js';

const { projects } = inject('e2e');

function parseJson(stdout: string): LintResultLite[] {
  return JSON.parse(stdout) as LintResultLite[];
}

describe.each(projects)('ESLint $major ($eslintVersion)', ({ dir, eslintVersion }) => {
  /** `npx eslint . --format json`, run once: the reference the other paths are compared with. */
  let whole: { code: number | null; stderr: string; results: LintResultLite[] };
  const eslint = (args: string[], input?: string) =>
    run('node', [eslintBin(dir), ...args], input === undefined ? { cwd: dir } : { cwd: dir, input });

  beforeAll(async () => {
    const result = await run('npx', ['eslint', '.', '--format', 'json'], { cwd: dir });
    whole = { code: result.code, stderr: result.stderr, results: result.code === 2 ? [] : parseJson(result.stdout) };
  });

  it('installs the ESLint major it was asked for', () => {
    expect(eslintVersion.split('.')[0]).toBe(projects.find((p) => p.dir === dir)!.major);
  });

  it('`npx eslint .` reports in .ts, .js and .prisma files, and nothing crashes', () => {
    expect(whole.stderr).not.toMatch(/Oops|TypeError|Error while loading rule/);
    expect(whole.code).toBe(1); // problems found, no crash (a crash exits 2)
    expect(reportsByFile(whole.results, dir)).toEqual(EXPECTED_REPORTS);
  });

  it('the stylish output a user sees names the rule and the file', async () => {
    const result = await run('npx', ['eslint', 'src/pay.ts'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(path.join(dir, 'src', 'pay.ts'));
    expect(result.stdout).toMatch(/8:\d+ +error .+booking-payment\/require-booking-id-metadata/);
  });

  it('the editor path (`--stdin --stdin-filename`) reports the same as the file path', async () => {
    const fromFiles = byFile(whole.results, dir);
    for (const file of ['src/pay.ts', 'src/legacy.js', 'prisma/schema.prisma']) {
      const fromStdin = await eslint(
        ['--stdin', '--stdin-filename', file, '--format', 'json'],
        readFileSync(path.join(dir, file), 'utf8'),
      );
      expect(fromStdin.code, fromStdin.stderr).toBe(1);
      const stdinMessages = byFile(parseJson(fromStdin.stdout), dir);
      expect(stdinMessages).toEqual({ [file]: fromFiles[file] });
      expect(stdinMessages[file]!.length).toBeGreaterThan(0);
    }
  });

  it('the editor path lints the unsaved buffer, not the file on disk', async () => {
    const fixed = readFileSync(path.join(dir, 'src/pay.ts'), 'utf8').replace(
      "{ amount, currency: 'eur' }",
      "{ amount, currency: 'eur', metadata: { bookingId } }",
    );
    const result = await eslint(['--stdin', '--stdin-filename', 'src/pay.ts', '--format', 'json'], fixed);
    const rules = reportsByFile(parseJson(result.stdout), dir)['src/pay.ts'];
    expect(rules).not.toContain('booking-payment/require-booking-id-metadata@8');
    expect(rules).toContain('booking-payment/require-persisted-payment-id@9');
  });

  it('the CI recipe: `--format @microsoft/eslint-formatter-sarif` gives SARIF with rule ids and locations', async () => {
    const out = path.join(dir, 'eslint.sarif');
    const result = await eslint(['.', '--format', '@microsoft/eslint-formatter-sarif', '--output-file', out]);
    expect(result.code, result.stderr).toBe(1);
    const sarif = JSON.parse(readFileSync(out, 'utf8')) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
      }[];
    };
    rmSync(out);
    expect(sarif.version).toBe('2.1.0');
    const located = sarif.runs[0]!.results.map((r) => {
      const loc = r.locations[0]!.physicalLocation;
      return `${r.ruleId} ${path.relative(dir, fileURLToPath(loc.artifactLocation.uri))}:${loc.region.startLine}`;
    });
    const expected = Object.entries(EXPECTED_REPORTS).flatMap(([file, reports]) =>
      reports.map((r) => `${r.split('@')[0]} ${file}:${r.split('@')[1]}`),
    );
    expect(located.sort()).toEqual(expected.sort());
    const ids = sarif.runs[0]!.tool.driver.rules.map((r) => r.id);
    for (const id of new Set(located.map((l) => l.split(' ')[0]))) expect(ids).toContain(id);
  });

  it('`--concurrency` (worker threads) gives the same reports as a single thread', async () => {
    const expected = byFile(whole.results, dir);
    for (const concurrency of ['2', 'auto']) {
      const threaded = await eslint(['.', '--format', 'json', '--concurrency', concurrency]);
      expect(threaded.stderr).not.toMatch(/Oops|TypeError/);
      expect(threaded.code).toBe(1);
      expect(byFile(parseJson(threaded.stdout), dir)).toEqual(expected);
    }
  });
});
