/**
 * Seeded fuzzing: mutated copies of the example app's sources and of schema files are linted with every rule
 * of `configs.strict` (and the `.prisma` language). A mutation may stop parsing — that is a parse error, fine —
 * but no rule may throw (the plugin's tests rethrow analysis errors, see tests/setup.ts) and no file may take
 * longer than a generous hang budget. Seeds are fixed, so a failure is reproducible: the message names the
 * seed and case. Set BOOKING_PAYMENT_FUZZ_CASES to run more.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const CASES = Number(process.env.BOOKING_PAYMENT_FUZZ_CASES ?? 150);
/** Far above any real lint of a small file: a case over it is a hang, not slowness. */
const HANG_BUDGET_MS = 3_000;

/** mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCRIPT_TOKENS = [
  '{', '}', '(', ')', '[', ']', '...', '${', '`', "'", '"', ',', ';', '\n', '?.', '!', ' as any',
  'const k = `${k}${k}`;', 'metadata: { ...m }, ', 'bookingId: booking.id, ', '[key]: 1, ', 'await ', '.then((r) => r)',
  'stripe.paymentIntents.create({ amount: 1 })', 'prisma.booking.update({ where: { id }, data: { paymentIntentId: intent.id } })',
  'const { id } = ', 'return ', 'throw ', 'async () => ', 'function f() {', '/*', '*/', '//', '\u00a0', '\u2028',
];
const PRISMA_TOKENS = [
  '{', '}', '(', ')', '[', ']', '@', '@@', '"', '\n', '//', '///', '/*', 'model Booking {', 'model ', 'enum E {',
  'paymentIntentId String? @unique', '@relation(fields: [bookingId], references: [id])', 'String', 'Int?', '[]',
  '@default(', '@@index([', ',', '=', '\u00a0', '\r', '\t',
];

function mutate(text: string, next: () => number, tokens: readonly string[]): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 2);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (out.length + 1));
    const kind = Math.floor(next() * 5);
    if (kind === 0) out = out.slice(0, at) + out.slice(Math.min(out.length, at + 1 + Math.floor(next() * 8)));
    else if (kind === 1) {
      // Half the insertions at a line start, where a whole statement or member keeps the file parseable.
      const lineStart = next() < 0.5 ? out.lastIndexOf('\n', at - 1) + 1 : at;
      out = out.slice(0, lineStart) + tokens[Math.floor(next() * tokens.length)]! + out.slice(lineStart);
    }
    else if (kind === 2) {
      const len = Math.floor(next() * 120);
      out = out.slice(0, at) + out.slice(at, at + len) + out.slice(at);
    } else if (kind === 3) {
      const lines = out.split('\n');
      const i = Math.floor(next() * lines.length);
      const j = Math.floor(next() * lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      out = lines.join('\n');
    } else {
      // Delete whole lines: statements and fields go missing, the rest still parses.
      const lines = out.split('\n');
      lines.splice(Math.floor(next() * lines.length), 1 + Math.floor(next() * 3));
      out = lines.join('\n');
    }
  }
  return out;
}

function sources(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && ext.test(entry.name)) out.push(path.join(entry.parentPath, entry.name));
  }
  return out.sort();
}

const project = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-fuzz-'));
fs.writeFileSync(path.join(project, 'package.json'), '{"dependencies":{"stripe":"*","@paypal/paypal-server-sdk":"*","square":"*"}}');
fs.writeFileSync(path.join(project, 'package-lock.json'), '{}');
fs.mkdirSync(path.join(project, 'prisma'));
fs.copyFileSync(path.join(repo, 'examples/booking-app/prisma/schema.prisma'), path.join(project, 'prisma/schema.prisma'));
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

const config: Linter.Config[] = [
  ...(plugin.configs.strict as Linter.Config[]),
  { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser as unknown as Linter.Parser } },
  {
    files: ['**/*.prisma'],
    plugins: { 'booking-payment': plugin as never },
    language: 'booking-payment/prisma',
    rules: { 'booking-payment/prisma-booking-payment-column': 'error' },
  },
];

function lintTimed(text: string, filename: string): { ms: number; parsed: boolean } {
  const linter = new Linter({ configType: 'flat', cwd: project });
  const start = performance.now();
  const messages = linter.verify(text, config, filename);
  return { ms: performance.now() - start, parsed: !messages.some((m) => m.fatal) };
}

function run(kind: string, files: string[], tokens: readonly string[], seed: number, targetDir: string): void {
  const next = random(seed);
  const texts = files.map((f) => [path.basename(f), fs.readFileSync(f, 'utf8')] as const);
  let parsed = 0;
  for (let i = 0; i < CASES; i++) {
    const [name, text] = texts[i % texts.length]!;
    const mutated = mutate(text, next, tokens);
    const filename = path.join(project, targetDir, name);
    let ms: number;
    try {
      const result = lintTimed(mutated, filename);
      ms = result.ms;
      if (result.parsed) parsed++;
    } catch (error) {
      throw new Error(`${kind} seed ${seed} case ${i} (${name}) threw: ${String(error)}`, { cause: error });
    }
    expect(ms, `${kind} seed ${seed} case ${i} (${name}) took ${ms.toFixed(0)} ms`).toBeLessThan(HANG_BUDGET_MS);
  }
  // The mutations must leave enough files parseable for the rules to run on them, or the test proves nothing.
  expect(parsed / CASES).toBeGreaterThan(0.2);
}

describe('fuzz: no throw, no hang', () => {
  const scripts = sources(path.join(repo, 'examples/booking-app/src'), /\.(ts|js)$/);
  const schemas = [
    path.join(repo, 'examples/booking-app/prisma/schema.prisma'),
    ...sources(path.join(repo, 'tests/fixtures/prisma'), /\.prisma$/).slice(0, 12),
  ];

  it('mutated TypeScript and JavaScript sources', { timeout: 120_000 }, () => {
    expect(scripts.length).toBeGreaterThan(3);
    run('script', scripts, SCRIPT_TOKENS, 20261130, 'src');
  });

  it('mutated schema files', { timeout: 120_000 }, () => {
    expect(schemas.length).toBeGreaterThan(3);
    run('prisma', schemas, PRISMA_TOKENS, 1130, 'prisma');
  });
});
