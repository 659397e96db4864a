/**
 * The audit's third line per provider: how the webhook finds the booking back. Information beside the seed
 * check's two links; it never changes the verdict.
 */
import { describe, expect, it } from 'vitest';

import { projectWriter, runAuditCli } from '../cli/audit-helpers.js';

const project = projectWriter('booking-payment-audit-webhook-');
const audit = (dir: string, format = 'text') => runAuditCli([dir, '--defaults', '--format', format]);

const BASE = {
  'package.json': JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { stripe: '^23.1.0' } }),
  'prisma/schema.prisma': 'model Booking {\n  id              String  @id\n  paymentIntentId String? @unique\n}\n',
  'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n",
  'src/pay.ts': `import Stripe from 'stripe';
import { prisma } from './db';
const stripe = new Stripe('k');
export async function pay(bookingId: string) {
  const intent = await stripe.paymentIntents.create({ amount: 1, currency: 'eur', metadata: { bookingId } });
  await prisma.booking.update({ where: { id: bookingId }, data: { paymentIntentId: intent.id } });
  return intent.client_secret;
}
`,
};

const webhook = (where: string) => `import Stripe from 'stripe';
import { prisma } from './db';
const stripe = new Stripe('k');
export async function POST(request: Request) {
  const event = stripe.webhooks.constructEvent(await request.text(), request.headers.get('stripe-signature') ?? '', 'whsec');
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      await prisma.booking.updateMany({ where: ${where}, data: { status: 'PAID' } });
      break;
    }
  }
  return new Response('ok');
}
`;

describe('audit: the webhook line', () => {
  it('names the booking reference the webhook maps back by, with file:line', async () => {
    const dir = project({ ...BASE, 'src/webhook.ts': webhook('{ id: intent.metadata.bookingId }') });
    const { code, stdout } = await audit(dir);
    expect(stdout).toMatch(/^ {2}webhook: maps back by metadata\.bookingId \(src\/webhook\.ts:9\)$/m);
    expect(code).toBe(0);
  });

  it('says so when the webhook guesses the booking, without changing the 2-link verdict', async () => {
    const dir = project({ ...BASE, 'src/webhook.ts': webhook("{ email: intent.receipt_email ?? '' }") });
    const { code, stdout } = await audit(dir);
    expect(stdout).toMatch(/^ {2}webhook: .*GUESSES the booking.*email/m);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^2 of 2 bidirectional links present/);
    expect(code).toBe(0);
  });

  it('says when no webhook handler was found, and carries the line in JSON', async () => {
    const dir = project(BASE);
    const { stdout } = await audit(dir, 'json');
    const report = JSON.parse(stdout) as { providers: { webhook?: string }[] };
    expect(report.providers[0]?.webhook).toBe("webhook: no handler for Stripe's payment events found");
  });
});
