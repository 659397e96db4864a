// Generates a synthetic TypeScript project: ordinary service/controller/util files, and about 1 % of files
// that create Stripe payments (some carrying the booking id, some not) next to Prisma booking writes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

import { ESLint } from 'eslint';
import path from 'node:path';

/** An ordinary service/handler file; `extra` is a line inserted in its `create` method. */
export function ordinaryFile(i, extra = '') {
  return `import { z } from 'zod';
import type { Request, Response } from 'express';
import { logger } from '../lib/logger';

export const Input${i} = z.object({ name: z.string(), count: z.number().int().min(0), tags: z.array(z.string()) });
export type Input${i} = z.infer<typeof Input${i}>;

export class Service${i} {
  private readonly cache = new Map<string, number>();
  constructor(private readonly repo: { find(id: string): Promise<{ id: string; total: number } | null>; create(data: object): Promise<object> }) {}

  async total(id: string): Promise<number> {
    const hit = this.cache.get(id);
    if (hit !== undefined) return hit;
    const row = await this.repo.find(id);
    const value = row ? row.total * ${(i % 7) + 1} : 0;
    this.cache.set(id, value);
    logger.info({ id, value }, 'computed total');
    return value;
  }

  async create(input: Input${i}) {
    const parsed = Input${i}.parse(input);${extra}
    const record = { ...parsed, createdAt: new Date(), weight: parsed.tags.length + ${i} };
    return this.repo.create(record);
  }
}

export async function handler${i}(req: Request, res: Response) {
  const service = new Service${i}(req.app.locals.repo);
  try {
    const result = await service.create(req.body);
    const items = [1, 2, 3].map((n) => n * ${i}).filter((n) => n % 2 === 0);
    res.status(201).json({ result, items, ok: items.reduce((a, b) => a + b, 0) > 0 });
  } catch (error) {
    logger.error({ error }, 'failed');
    res.status(400).json({ error: String(error) });
  }
}
`;
}

function paymentFile(i) {
  const carries = i % 2 === 0;
  return `import Stripe from 'stripe';
import { prisma } from '../lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function checkout${i}(bookingId: string) {
  const booking = await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
  const intent = await stripe.paymentIntents.create({
    amount: booking.total,
    currency: 'eur',
    ${carries ? 'metadata: { bookingId: booking.id },' : "description: 'booking'," }
  });
  await prisma.booking.update({ where: { id: booking.id }, data: { status: 'PENDING', paymentIntentId: intent.id } });
  return { clientSecret: intent.client_secret };
}

export async function session${i}(booking: { id: string; priceId: string }) {
  return stripe.checkout.sessions.create({
    mode: 'payment',
    line_items: [{ price: booking.priceId, quantity: 1 }],
    payment_intent_data: { metadata: { bookingId: booking.id } },
  });
}
`;
}

/** Writes `count` files under `dir` (wiped first); returns how many create payments. */
export function generateCorpus(dir, count, paymentShare = 0.01) {
  rmSync(dir, { recursive: true, force: true });
  const every = Math.max(1, Math.round(1 / paymentShare));
  let payments = 0;
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, 'src', `module${Math.floor(i / 100)}`);
    mkdirSync(sub, { recursive: true });
    const isPayment = i % every === every - 1;
    if (isPayment) payments++;
    writeFileSync(path.join(sub, `file${i}.ts`), isPayment ? paymentFile(i) : ordinaryFile(i));
  }
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-corpus', private: true, dependencies: { stripe: '*' } }));
  writeFileSync(path.join(dir, 'package-lock.json'), '{}');
  return payments;
}

/** The median of a list of numbers. */
export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Lints `patterns` under `cwd` with only `overrideConfig` and ESLint's per-rule `stats`; wall time in ms. */
export async function lintWithStats(cwd, overrideConfig, patterns) {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, stats: true, cache: false, overrideConfig });
  const start = process.hrtime.bigint();
  const results = await eslint.lintFiles(patterns);
  return { wall: Number(process.hrtime.bigint() - start) / 1e6, results };
}

/** A webhook that stores the provider's id on the booking. */
export function webhookFile(i) {
  return `import { prisma } from '../lib/prisma';

export async function onPaymentSucceeded${i}(event: { data: { object: { id: string; metadata: { bookingId: string } } } }) {
  const intent = event.data.object;
  await prisma.booking.update({
    where: { id: intent.metadata.bookingId },
    data: { status: 'confirmed', paymentIntentId: intent.id },
  });
}
`;
}

/** A checkout that only echoes the id: the rule needs the project index to know whether a webhook stores it. */
export function checkoutFile(i) {
  return `import Stripe from 'stripe';
import { prisma } from '../lib/prisma';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function checkout${i}(bookingId: string) {
  const booking = await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
  const intent = await stripe.paymentIntents.create({ amount: booking.total, currency: 'eur', metadata: { bookingId } });
  return { clientSecret: intent.client_secret };
}
`;
}

/**
 * A folder of several apps (no lockfile at the top, as an ESLint cwd holding them), each app its own project
 * (package.json with stripe, a lockfile): ordinary files, 1 % checkouts that only echo the id, every 40th
 * file a lookup/log mentioning an id column, and — in every other app — one webhook storing the id (the
 * first app's webhook sits in its last folder). Returns the apps' folders.
 */
export function generateMultiApp(dir, apps, filesPerApp) {
  rmSync(dir, { recursive: true, force: true });
  const out = [];
  for (let a = 0; a < apps; a++) {
    const app = path.join(dir, `app${a}`);
    out.push(app);
    mkdirSync(app, { recursive: true });
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: `app${a}`, private: true, dependencies: { stripe: '*' } }));
    writeFileSync(path.join(app, 'package-lock.json'), '{}');
    for (let i = 0; i < filesPerApp; i++) {
      const sub = path.join(app, 'src', `module${Math.floor(i / 100)}`);
      mkdirSync(sub, { recursive: true });
      let text;
      if (a % 2 === 0 && i === filesPerApp - 1) text = webhookFile(i);
      else if (i % 100 === 50) text = checkoutFile(i);
      else if (i % 40 === 0) text = ordinaryFile(i, `\n    logger.info({ orderId: input.name, sessionId: String(${i}) }, 'seen');`);
      else text = ordinaryFile(i);
      writeFileSync(path.join(sub, `file${i}.ts`), text);
    }
  }
  return out;
}
