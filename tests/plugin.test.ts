import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it, onTestFinished } from 'vitest';

import plugin from '../src/index.js';
import { docsUrl } from '../src/config/create-rule.js';
import { registry } from '../src/rules/index.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };

type AnyRule = { meta?: { docs?: { url?: string; recommended?: unknown; description?: string } } };
const rules = plugin.rules as Record<string, AnyRule>;
const ruleFiles = readdirSync(path.join(root, 'src', 'rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''));

type ConfigLike = { rules?: Record<string, unknown>; plugins?: Record<string, unknown> };
const configRules = (name: 'recommended' | 'strict' | 'prisma'): Record<string, unknown> =>
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
      it('is on in strict, and in recommended when it says so (a .prisma rule: in configs.prisma)', () => {
        const id = `booking-payment/${name}`;
        const language = registry[name as keyof typeof registry].language;
        const [strict, recommended] = language === 'prisma' ? (['prisma', 'prisma'] as const) : (['strict', 'recommended'] as const);
        expect(configRules(strict)[id]).toBeDefined();
        expect(configRules(recommended)[id] !== undefined).toBe(rules[name]?.meta?.docs?.recommended === true);
      });
    });
  }

  it('registers itself in every config entry that turns a rule on', () => {
    for (const name of ['recommended', 'strict', 'prisma'] as const) {
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

  it('recommended and strict apply to the script files the config lints, and never make ESLint lint a file', async () => {
    for (const name of ['recommended', 'strict'] as const) {
      for (const entry of plugin.configs[name]) {
        expect(entry.files).toEqual([['**/*', '!**/!(*.@(js|mjs|cjs|jsx|ts|mts|cts|tsx))']]);
        expect(entry.language).toBeUndefined();
        expect(Object.keys(entry.rules ?? {}).every((id) => registry[id.replace('booking-payment/', '') as keyof typeof registry].language === 'script')).toBe(true);
      }
    }
    const { ESLint } = await import('eslint');
    const tsParser = (await import('@typescript-eslint/parser')).default;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'booking-payment-drop-in-'));
    const call = "import Stripe from 'stripe';\nconst stripe = new Stripe('k');\nexport const pay = () => stripe.paymentIntents.create({ amount: 1, currency: 'eur' });\n";
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'drop-in', private: true, dependencies: { stripe: '*' } }));
    writeFileSync(path.join(dir, 'pay.js'), call);
    writeFileSync(path.join(dir, 'pay.ts'), call);
    writeFileSync(path.join(dir, 'pay.jsx'), `${call}export const Button = () => <button onClick={pay} />;\n`);
    writeFileSync(path.join(dir, 'schema.prisma'), 'model Booking {\n  id String @id\n  paymentIntentId String?\n}\n');
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const linted = async (config: unknown[]): Promise<string[]> =>
      (await new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config as never }).lintFiles(['.']))
        .map((r) => `${path.relative(dir, r.filePath)}:${r.messages.map((m) => m.ruleId ?? 'FATAL').join(',')}`)
        .sort();
    // Alone: only what ESLint lints by default (.js/.mjs/.cjs); never the .jsx, .ts or .prisma files.
    // (The schema's column exists but is not @unique: only strict's `requireUnique` reports that.)
    const jsReports = 'booking-payment/require-booking-id-metadata';
    expect(await linted([...plugin.configs.recommended])).toEqual([`pay.js:${jsReports}`]);
    // With a TypeScript entry: the .ts file too; with configs.prisma: the schema, with the prisma rule only.
    // (strict adds require-idempotency-key: the call sends no idempotency key.)
    const strictReports =
      'booking-payment/require-booking-id-metadata,booking-payment/require-idempotency-key,booking-payment/require-booking-payment-column';
    expect(
      await linted([{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }, ...plugin.configs.strict, ...plugin.configs['prisma-strict']]),
    ).toEqual([
      `pay.js:${strictReports}`,
      `pay.ts:${strictReports}`,
      'schema.prisma:booking-payment/prisma-booking-payment-column',
    ]);
  });

  it('configs.prisma is the opt-in entry for schema files: the prisma language and its rules, on **/*.prisma only', () => {
    expect(plugin.configs.prisma).toEqual([
      {
        name: 'booking-payment/prisma',
        files: ['**/*.prisma'],
        plugins: { 'booking-payment': plugin },
        language: 'booking-payment/prisma',
        rules: { 'booking-payment/prisma-booking-payment-column': 'error' },
      },
    ]);
  });

  it('derives the rules from the one registry, each rule with its language', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(Object.keys(registry).sort());
    for (const [name, entry] of Object.entries(registry)) expect(plugin.rules[name]).toBe(entry.rule);
  });
});
