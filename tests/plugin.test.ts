import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { docsUrl } from '../src/config/create-rule.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };

type AnyRule = { meta?: { docs?: { url?: string; recommended?: unknown; description?: string } } };
const rules = plugin.rules as Record<string, AnyRule>;
const ruleFiles = readdirSync(path.join(root, 'src', 'rules'))
  .filter((f) => f.endsWith('.ts') && !['index.ts', 'prisma-rules.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));

type ConfigLike = { rules?: Record<string, unknown>; plugins?: Record<string, unknown> };
const configRules = (name: 'recommended' | 'strict'): Record<string, unknown> =>
  Object.assign({}, ...(plugin.configs[name] as ConfigLike[]).map((c) => c.rules ?? {}));

describe('plugin', () => {
  it('carries its name, version and namespace', () => {
    expect(plugin.meta).toEqual({ name: pkg.name, version: pkg.version, namespace: 'booking-payment' });
  });

  it('exports exactly the rules that have a file in src/rules', () => {
    expect(Object.keys(rules).sort()).toEqual([...ruleFiles].sort());
  });

  for (const name of ruleFiles) {
    describe(name, () => {
      it('file name = rule name = docs file = docs URL', () => {
        expect(rules[name]?.meta?.docs?.url).toBe(docsUrl(name));
        expect(existsSync(path.join(root, 'docs', 'rules', `${name}.md`))).toBe(true);
      });
      it('has a generated docs header and a row in the README rules table', () => {
        const doc = readFileSync(path.join(root, 'docs', 'rules', `${name}.md`), 'utf8');
        expect(doc.startsWith(`# booking-payment/${name}\n`)).toBe(true);
        expect(doc).toContain('<!-- end auto-generated rule header -->');
        const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
        expect(readme).toContain(`[${name}](docs/rules/${name}.md)`);
      });
      it('is on in strict, and in recommended when it says so', () => {
        const id = `booking-payment/${name}`;
        expect(configRules('strict')[id]).toBeDefined();
        expect(configRules('recommended')[id] !== undefined).toBe(rules[name]?.meta?.docs?.recommended === true);
      });
    });
  }

  it('registers itself in every config entry that turns a rule on', () => {
    for (const name of ['recommended', 'strict'] as const) {
      for (const entry of plugin.configs[name] as ConfigLike[]) {
        if (entry.rules && Object.keys(entry.rules).length > 0) expect(entry.plugins?.['booking-payment']).toBe(plugin);
      }
    }
  });

  it('the strict config asks for payment_intent_data.metadata on Checkout Sessions', () => {
    expect(configRules('strict')['booking-payment/require-booking-id-metadata']).toEqual([
      'error',
      { requirePaymentIntentMetadata: true },
    ]);
  });
});
