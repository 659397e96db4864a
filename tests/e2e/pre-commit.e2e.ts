/**
 * The pre-commit recipe of docs/recipes/pre-commit.md, run for real: lint-staged with the plugin on the
 * staged files of a temporary git repository.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, inject, it } from 'vitest';

import { docSnippet, REPO_ROOT, run, USER_ESLINT_CONFIG } from './helpers.js';

const { projects, work } = inject('e2e');
const repo = path.join(work, 'pre-commit-repo');
const lintStaged = path.join(REPO_ROOT, 'node_modules', '.bin', 'lint-staged');

/** The recipe's package.json fields, as docs/recipes/pre-commit.md shows them. */
const RECIPE = JSON.parse(docSnippet('docs/recipes/pre-commit.md', 'In `package.json`:', 'json')) as Record<string, unknown>;

const GOOD_SCHEMA = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Booking {
  id              String  @id @default(cuid())
  paymentIntentId String? @unique
}
`;

const BAD_SCHEMA = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Booking {
  id String @id @default(cuid())
}
`;

const payTs = (metadata: string): string => `import Stripe from 'stripe';
import { PrismaClient } from '@prisma/client';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');
const prisma = new PrismaClient();

export async function pay(booking: { id: string; amount: number }): Promise<string | null> {
  const intent = await stripe.paymentIntents.create({ amount: booking.amount, currency: 'eur'${metadata} });
  await prisma.booking.update({ where: { id: booking.id }, data: { paymentIntentId: intent.id } });
  return intent.client_secret;
}
`;

async function git(...args: string[]): Promise<void> {
  const result = await run('git', args, { cwd: repo });
  if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
}

beforeAll(async () => {
  mkdirSync(repo, { recursive: true });
  write(
    'package.json',
    `${JSON.stringify({ name: 'pre-commit-repo', private: true, type: 'module', dependencies: { stripe: '^23.1.0' }, ...RECIPE }, null, 2)}\n`,
  );
  write('eslint.config.js', USER_ESLINT_CONFIG);
  write('.gitignore', 'node_modules/\n');
  write('prisma/schema.prisma', GOOD_SCHEMA);
  // The user's installed packages: the ESLint 10 project's node_modules.
  symlinkSync(path.join(projects[0]!.dir, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.email', 'dev@example.com');
  await git('config', 'user.name', 'Dev');
  await git('config', 'commit.gpgsign', 'false');
  await git('add', '.');
  await git('commit', '-q', '-m', 'initial');
});

describe('pre-commit: lint-staged runs the plugin on staged files', () => {
  it('blocks a staged file that creates a PaymentIntent without the booking id', async () => {
    write('src/pay.ts', payTs(''));
    await git('add', 'src/pay.ts');
    const result = await run(lintStaged, [], { cwd: repo });
    expect(result.code).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('booking-payment/require-booking-id-metadata');
    await git('reset', '-q', 'src/pay.ts');
  });

  it('lets the fixed file through', async () => {
    write('src/pay.ts', payTs(', metadata: { bookingId: booking.id }'));
    await git('add', 'src/pay.ts');
    const result = await run(lintStaged, [], { cwd: repo });
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
    await git('commit', '-q', '-m', 'pay');
  });

  it('lints .prisma files too, and only what is staged', async () => {
    write('prisma/schema.prisma', BAD_SCHEMA);
    write('src/unstaged.ts', payTs('')); // a problem, but not staged: not linted
    await git('add', 'prisma/schema.prisma');
    const staged = await run(lintStaged, [], { cwd: repo });
    const output = `${staged.stdout}${staged.stderr}`;
    expect(staged.code).not.toBe(0);
    expect(output).toContain('booking-payment/prisma-booking-payment-column');
    expect(output).not.toContain('unstaged.ts');
  });
});
