import path from 'node:path';
import { writeFileSync } from 'node:fs';

import { afterEach, describe, expect, it } from 'vitest';

import { isSingleRun, setSingleRun } from '../../src/project/run-mode.js';
import { clearProjectIndexCache, findStoredProviderId, setProjectIndexTtl } from '../../src/project-index/index.js';
import { projectWriter } from '../temp-project.js';

const tempProject = projectWriter('bp-run-mode-');
const saved = { argv: process.argv, env: { ...process.env } };

afterEach(() => {
  process.argv = saved.argv;
  process.env = { ...saved.env };
  setSingleRun();
  setProjectIndexTtl(2000);
  clearProjectIndexCache();
});

describe('one lint run, or a session', () => {
  it('is inferred as typescript-eslint infers its single run', () => {
    const infer = (argv1: string, env: Record<string, string | undefined>) => {
      process.argv = [process.execPath, argv1];
      process.env = { ...saved.env, CI: undefined, BOOKING_PAYMENT_SINGLE_RUN: undefined, ...env };
      for (const [k, v] of Object.entries(process.env)) if (v === undefined) delete process.env[k];
      setSingleRun();
      return isSingleRun();
    };
    expect(infer('/repo/node_modules/.bin/eslint', {})).toBe(true);
    expect(infer('/repo/node_modules/eslint/bin/eslint.js', {})).toBe(true);
    expect(infer('/usr/lib/code/eslintServer.js', {})).toBe(false);
    expect(infer('/usr/lib/code/eslintServer.js', { CI: 'true' })).toBe(true);
    expect(infer('/repo/node_modules/.bin/eslint', { BOOKING_PAYMENT_SINGLE_RUN: 'false' })).toBe(false);
    expect(infer('/usr/lib/code/eslintServer.js', { BOOKING_PAYMENT_SINGLE_RUN: 'true' })).toBe(true);
  });

  it('one run trusts what the index read; a session sees an edit after the TTL', () => {
    const store = 'await prisma.booking.update({ where: { id }, data: { paymentIntentId: pi.id } });\n';
    for (const single of [true, false]) {
      const dir = tempProject({ 'package-lock.json': '{}', 'src/a.ts': 'export const a = 1;\n', 'src/webhook.ts': store });
      const file = path.join(dir, 'src/a.ts');
      clearProjectIndexCache();
      setSingleRun(single);
      setProjectIndexTtl(0);
      expect(findStoredProviderId(file).status).toBe('stored');
      writeFileSync(path.join(dir, 'src/webhook.ts'), '// moved elsewhere\n');
      expect(findStoredProviderId(file).status, single ? 'one run' : 'session').toBe(single ? 'stored' : 'not-found');
    }
  });
});
