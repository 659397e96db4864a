/** The `booking-payment-audit` bin as installed from the tarball: text, SARIF for code scanning, exit codes. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, inject, it } from 'vitest';

import { run } from './helpers.js';

const { projects, work } = inject('e2e');

interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    results: {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
  }[];
}

describe.each(projects)('booking-payment-audit with ESLint $major', ({ dir }) => {
  it('prints the report and exits 1 when a link is missing', async () => {
    const result = await run('npx', ['booking-payment-audit'], { cwd: dir });
    expect(result.code, result.stderr).toBe(1);
    const last = result.stdout.trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(/^0 of 2 bidirectional links present; missing: booking -> Stripe \(model Booking \(prisma\/schema\.prisma:6\)/);
    expect(last).toContain('missing: Stripe metadata.bookingId -> booking');
    expect(result.stdout).toMatch(/src\/pay\.ts:8 +PaymentIntent +carries NO booking id/);
    expect(result.stdout).toMatch(/src\/legacy\.js:6 +Charge +carries NO booking id/);
    expect(result.stdout).toMatch(/src\/ok\.ts:8 +PaymentIntent +carries metadata\.bookingId +stores it in booking\.paymentIntentId/);
    // Piped (no terminal): a start line with the file count and a finished line with the time, nothing else.
    expect(result.stderr).toMatch(/^booking-payment-audit: reading \d+ JS\/TS files in .*\nbooking-payment-audit: finished in [\d.]+ s \(\d+ files read\)\n$/);
  });

  it('--format sarif is valid SARIF 2.1.0 JSON with rule ids and locations', async () => {
    const result = await run('npx', ['booking-payment-audit', '.', '--format', 'sarif'], { cwd: dir });
    expect(result.code).toBe(1);
    const sarif = JSON.parse(result.stdout) as Sarif;
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0]!;
    expect(run0.tool.driver.name).toBe('booking-payment-audit');
    const located = run0.results.map(
      (r) => `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`,
    );
    expect(located).toEqual(
      expect.arrayContaining([
        'booking-payment/require-booking-id-metadata src/pay.ts:8',
        'booking-payment/require-booking-id-metadata src/legacy.js:6',
        'booking-payment/require-persisted-payment-id src/pay.ts:8',
        'booking-payment/prisma-booking-payment-column prisma/schema.prisma:6',
      ]),
    );
    const ids = new Set(run0.tool.driver.rules.map((r) => r.id));
    for (const r of run0.results) expect(ids.has(r.ruleId)).toBe(true);
  });

  it('is also installed as `eslint-plugin-booking-payment`, and answers --version and usage errors', async () => {
    const version = await run('npx', ['eslint-plugin-booking-payment', '--version'], { cwd: dir });
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const usage = await run('npx', ['booking-payment-audit', '--format', 'xml'], { cwd: dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: booking-payment-audit');
  });
});

describe('booking-payment-audit on a project without a payment SDK', () => {
  it('says N/A and exits 0', async () => {
    const dir = path.join(work, 'no-sdk');
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'no-sdk', dependencies: { express: '^5.0.0' } }));
    writeFileSync(path.join(dir, 'src', 'index.js'), 'export const ok = true;\n');
    const bin = path.join(projects[0]!.dir, 'node_modules', '.bin', 'booking-payment-audit');
    const result = await run(bin, [dir], { cwd: work });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('N/A: no payment SDK in package.json');
  });
});
