import rule from '../../src/rules/require-webhook-signature.js';
import { createRuleTester } from '../rule-tester.js';

const ruleTester = createRuleTester();

const HEAD = `import Stripe from 'stripe';
import { prisma } from './db';
const stripe = new Stripe(process.env.STRIPE_KEY!);
`;

const SWITCH = `  switch (event.type) {
    case 'checkout.session.completed':
      await prisma.booking.update({ where: { id: event.data.object.metadata.bookingId }, data: { status: 'PAID' } });
      break;
  }`;

ruleTester.run('require-webhook-signature', rule, {
  valid: [
    // verified with constructEvent (Next.js route)
    `${HEAD}export async function POST(request: Request) {
  const event = stripe.webhooks.constructEvent(await request.text(), request.headers.get('stripe-signature')!, 'whsec');
${SWITCH}
}`,
    // constructEventAsync, assigned in a try
    `${HEAD}export async function POST(request: Request) {
  let event: Stripe.Event;
  try {
    event = await stripe.webhooks.constructEventAsync(await request.text(), request.headers.get('stripe-signature')!, 'whsec');
  } catch {
    return new Response('bad signature', { status: 400 });
  }
${SWITCH}
}`,
    // the verified event passed to a helper in the same file: the helper's parameter is not a body
    `${HEAD}async function handleEvent(event: Stripe.Event) {
${SWITCH}
}
export async function POST(request: Request) {
  const event = stripe.webhooks.constructEvent(await request.text(), request.headers.get('stripe-signature')!, 'whsec');
  await handleEvent(event);
}`,
    // Square: WebhooksHelper.verifySignature before reading the body
    `import { WebhooksHelper } from 'square';
export async function POST(request: Request) {
  const body = await request.text();
  const ok = await WebhooksHelper.verifySignature({
    requestBody: body,
    signatureHeader: request.headers.get('x-square-hmacsha256-signature') ?? '',
    signatureKey: process.env.SQUARE_SIGNATURE_KEY!,
    notificationUrl: 'https://example.com/webhooks/square',
  });
  if (!ok) return new Response(null, { status: 403 });
  const event = JSON.parse(body);
  if (event.type === 'payment.updated') await markPaid(event.data.object.payment);
  return new Response(null, { status: 200 });
}`,
    // PayPal: the verify-webhook-signature endpoint
    `export async function POST(request: Request) {
  const event = await request.json();
  const res = await fetch(\`\${PAYPAL_API}/v1/notifications/verify-webhook-signature\`, { method: 'POST', body: JSON.stringify({ webhook_event: event }) });
  if ((await res.json()).verification_status !== 'SUCCESS') return new Response(null, { status: 400 });
  if (event.event_type === 'PAYMENT.CAPTURE.COMPLETED') await markPaid(event.resource.custom_id);
  return new Response(null, { status: 200 });
}`,
    // a project wrapper declared in settings, returning the event
    {
      code: `export async function POST(request: Request) {
  const event = await readWebhook(request);
${SWITCH}
}`,
      settings: { 'booking-payment': { webhookVerifiers: ['readWebhook'] } },
    },
    // … or checking the raw body, declared in the rule's options
    {
      code: `export async function POST(request: Request) {
  const event = await request.json();
  if (!(await checkHmac(request, event))) return new Response(null, { status: 401 });
${SWITCH}
}`,
      options: [{ verifiers: ['checkHmac'] }],
    },
    // a call named like a verification (the rule cannot see inside it)
    `export async function POST(request: Request) {
  const event = await request.json();
  await assertValidSignature(request.headers, event);
${SWITCH}
}`,
    // the request handed to a function the rule cannot see
    `export async function POST(request: Request) {
  const raw = await request.text();
  await guard(request);
  const event = JSON.parse(raw);
${SWITCH}
}`,
    // Express with a verifying middleware in front
    `app.post('/webhook', verifyStripe, async (req, res) => {
  const event = req.body;
${SWITCH.replace(/await /g, '')}
  res.sendStatus(200);
});`,
    // NestJS with a guard
    `import { Body, Controller, Post, UseGuards } from '@nestjs/common';
@Controller('webhooks')
export class WebhookController {
  @Post('stripe')
  @UseGuards(StripeSignatureGuard)
  async handle(@Body() event: any) {
${SWITCH}
  }
}`,
    // a shared secret compared by hand
    `export async function POST(request: Request) {
  if (request.headers.get('x-webhook-secret') !== process.env.WEBHOOK_SECRET) return new Response(null, { status: 401 });
  const event = await request.json();
${SWITCH}
}`,
    // not a provider event: a form post
    `export async function POST(request: Request) {
  const body = await request.json();
  if (body.type === 'contact') await save(body);
}`,
    // a body that is not dispatched on its type
    `export async function POST(request: Request) {
  const { bookingId } = await request.json();
  await prisma.booking.update({ where: { id: bookingId }, data: { status: 'checkout.session.completed' } });
}`,
    // a helper of this file that is exported too: other modules may pass it verified events
    `export async function handle(event: any) {
${SWITCH}
}
export async function POST(request: Request) {
  const event = stripe.webhooks.constructEvent(await request.text(), 'sig', 'whsec');
  await handle(event);
}`,
    // a helper called once with a verified event and once with something unknown
    `async function handle(event: any) {
${SWITCH}
}
export async function POST(request: Request) {
  await handle(await request.json());
  await handle(await loadEvent());
}`,
    // a parameter event (a queue consumer): not read from a request here
    `export async function consume(event: any) {
${SWITCH}
}`,
  ],
  invalid: [
    // Next.js: await request.json()
    {
      code: `export async function POST(request: Request) {
  const event = await request.json();
${SWITCH}
  return new Response(null, { status: 200 });
}`,
      errors: [{ messageId: 'unverifiedEvent', line: 2, column: 23, data: { event: 'checkout.session.completed' } }],
    },
    // JSON.parse(await request.text())
    {
      code: `export async function POST(req: Request) {
  const event = JSON.parse(await req.text());
  if (event.type === 'payment_intent.succeeded') {
    await prisma.booking.update({ where: { id: event.data.object.metadata.bookingId }, data: { status: 'PAID' } });
  }
}`,
      errors: [{ messageId: 'unverifiedEvent', line: 2, column: 17, data: { event: 'payment_intent.succeeded' } }],
    },
    // Express with express.json(): req.body
    {
      code: `const express = require('express');
app.post('/webhook', express.json(), async (req, res) => {
  const event = req.body;
  switch (event.type) {
    case 'checkout.session.completed':
      await markPaid(event.data.object.metadata.bookingId);
      break;
  }
  res.json({ received: true });
});`,
      errors: [{ messageId: 'unverifiedEvent', line: 3, column: 17 }],
    },
    // destructured type
    {
      code: `export default async function handler(req, res) {
  const { type, data } = req.body;
  if (type === 'charge.refunded') await refund(data.object.payment_intent);
  res.status(200).end();
}`,
      errors: [{ messageId: 'unverifiedEvent', line: 2, column: 26, data: { event: 'charge.refunded' } }],
    },
    // PayPal event_type straight off the body
    {
      code: `router.post('/paypal', async (req, res) => {
  if (req.body.event_type === 'PAYMENT.CAPTURE.COMPLETED') {
    await markPaid(req.body.resource.custom_id);
  }
  res.sendStatus(200);
});`,
      errors: [{ messageId: 'unverifiedEvent', line: 2, column: 7, data: { event: 'PAYMENT.CAPTURE.COMPLETED' } }],
    },
    // NestJS @Body() without a guard
    {
      code: `import { Body, Controller, Post } from '@nestjs/common';
@Controller('webhooks')
export class WebhookController {
  @Post('stripe')
  async handle(@Body() event: any) {
    if (event.type === 'checkout.session.completed') await this.service.confirm(event.data.object);
  }
}`,
      errors: [{ messageId: 'unverifiedEvent', line: 6, column: 9 }],
    },
    // a helper of this file, only ever called with the raw body
    {
      code: `async function handleEvent(event: any) {
${SWITCH}
}
export async function POST(request: Request) {
  await handleEvent(await request.json());
  return new Response(null, { status: 200 });
}`,
      errors: [{ messageId: 'unverifiedEvent', line: 9, column: 27 }],
    },
    // Hono: c.req.json()
    {
      code: `app.post('/webhooks/stripe', async (c) => {
  const event = await c.req.json();
  if (event.type === 'payment_intent.succeeded') await markPaid(event.data.object.metadata.bookingId);
  return c.text('ok');
});`,
      errors: [{ messageId: 'unverifiedEvent', line: 2, column: 23, data: { event: 'payment_intent.succeeded' } }],
    },
    // logging the signature header is not verifying it
    {
      code: `export async function POST(request: Request) {
  console.log(request.headers.get('stripe-signature'));
  const event = await request.json();
${SWITCH}
}`,
      errors: [{ messageId: 'unverifiedEvent', line: 3, column: 23 }],
    },
  ],
});
