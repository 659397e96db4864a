/** Helpers shared by the end-to-end tests: running commands and the user's project they run in. */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ConsumerProject {
  /** `10`, `9`: the ESLint major asked for. */
  major: string;
  /** The ESLint version npm installed. */
  eslintVersion: string;
  dir: string;
}

export interface E2EState {
  work: string;
  tarball: string;
  /** The paths inside the tarball, as `npm pack --json` lists them. */
  tarballFiles: string[];
  projects: ConsumerProject[];
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2EState;
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command (no shell) and collects its output; rejects only when it cannot start or times out.
 * `input` goes to its stdin; without it, stdin is empty.
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out: ${command} ${args.join(' ')}\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 170_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // a command that exits without reading its input (EPIPE)
    child.stdin.end(options.input ?? '');
  });
}

/**
 * The first fenced code block in `lang` after the line `marker` of a repository document: the e2e tests run
 * the snippets the docs show, so a snippet that stops working fails a test.
 */
export function docSnippet(doc: string, marker: string, lang: string): string {
  const text = readFileSync(path.join(REPO_ROOT, doc), 'utf8');
  const at = text.indexOf(marker);
  if (at === -1) throw new Error(`${doc}: no "${marker}"`);
  const fence = `\`\`\`${lang}\n`;
  const start = text.indexOf(fence, at);
  const closing = /\n[ \t]*```/g;
  closing.lastIndex = start + fence.length - 1;
  const end = start === -1 ? -1 : (closing.exec(text)?.index ?? -1);
  if (start === -1 || end === -1) throw new Error(`${doc}: no ${lang} block after "${marker}"`);
  // Blocks inside list items are indented; take the indentation of the fence off every line.
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const indent = text.slice(lineStart, start);
  return `${text
    .slice(start + fence.length, end + 1)
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n')}`;
}

/**
 * The user's eslint.config.js: the README's snippet for a TypeScript and JavaScript project with schema
 * squiggles (`configs.recommended` and the opt-in `configs.prisma`).
 */
export const USER_ESLINT_CONFIG = docSnippet('README.md', '### `schema.prisma` squiggles: `configs.prisma`', 'js');

/**
 * The user's source files, each with the reports it must get (rule and line). Line numbers are 1-based and
 * counted in the texts below.
 */
export const USER_FILES: Record<string, string> = {
  'src/pay.ts': `import Stripe from 'stripe';
import { PrismaClient } from '@prisma/client';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');
const prisma = new PrismaClient();

export async function payForBooking(bookingId: string, amount: number): Promise<string | null> {
  const intent = await stripe.paymentIntents.create({ amount, currency: 'eur' });
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'AWAITING_PAYMENT' } });
  return intent.client_secret;
}
`,
  'src/legacy.js': `import Stripe from 'stripe';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);

export async function chargeDeposit(booking) {
  const charge = await stripe.charges.create({ amount: 5000, currency: 'eur', source: 'tok_visa' });
  return charge.id;
}
`,
  'src/ok.ts': `import Stripe from 'stripe';
import { PrismaClient } from '@prisma/client';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');
const prisma = new PrismaClient();

export async function checkout(booking: { id: string; amount: number }): Promise<string | null> {
  const intent = await stripe.paymentIntents.create({
    amount: booking.amount,
    currency: 'eur',
    metadata: { bookingId: booking.id },
  });
  await prisma.booking.update({ where: { id: booking.id }, data: { paymentIntentId: intent.id } });
  return intent.client_secret;
}
`,
  'src/util.ts': `export const nights = (from: Date, to: Date): number => Math.round((to.getTime() - from.getTime()) / 86_400_000);
`,
  'prisma/schema.prisma': `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Booking {
  id     String @id @default(cuid())
  status String @default("PENDING")
}
`,
};

/**
 * Every report the user's project must get, by file (`rule@line`), and no other: the schema has no column
 * for the provider's id, so the TS/JS files that create payments get the schema rule's report at their first
 * payment call as well.
 */
export const EXPECTED_REPORTS: Record<string, string[]> = {
  'eslint.config.js': [],
  'prisma/schema.prisma': ['booking-payment/prisma-booking-payment-column@6'],
  'src/legacy.js': ['booking-payment/require-booking-id-metadata@6', 'booking-payment/require-booking-payment-column@6'],
  'src/ok.ts': ['booking-payment/require-booking-payment-column@8'],
  'src/pay.ts': [
    'booking-payment/require-booking-id-metadata@8',
    'booking-payment/require-booking-payment-column@8',
    'booking-payment/require-persisted-payment-id@9',
  ],
  'src/util.ts': [],
};

/** ESLint's JSON output → `relative file → sorted "rule@line"`. */
export function reportsByFile(results: readonly LintResultLite[], dir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const result of results) {
    const file = path.relative(dir, result.filePath).split(path.sep).join('/');
    out[file] = result.messages.map((m) => `${m.ruleId ?? (m.fatal ? 'FATAL' : 'null')}@${m.line}`).sort();
  }
  return out;
}

/** Writes the user's project (without node_modules) into `dir`. */
export function writeUserProject(dir: string, packageJson: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  writeFileSync(path.join(dir, 'eslint.config.js'), USER_ESLINT_CONFIG);
  for (const [file, text] of Object.entries(USER_FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

export interface LintMessageLite {
  ruleId: string | null;
  line: number;
  column: number;
  message: string;
  severity: number;
  fatal?: boolean;
}

export interface LintResultLite {
  filePath: string;
  messages: LintMessageLite[];
}

/** ESLint's JSON output → `relative file → sorted "rule@line:column message"` (for comparing runs). */
export function byFile(results: readonly LintResultLite[], dir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const result of results) {
    const file = path.relative(dir, result.filePath).split(path.sep).join('/');
    out[file] = result.messages
      .map((m) => `${m.ruleId ?? (m.fatal ? 'FATAL' : 'null')}@${m.line}:${m.column} ${m.message}`)
      .sort();
  }
  return out;
}

/** `eslint` as the user's project installed it, without npx's start-up cost (for the repeated runs). */
export function eslintBin(dir: string): string {
  return path.join(dir, 'node_modules', 'eslint', 'bin', 'eslint.js');
}
