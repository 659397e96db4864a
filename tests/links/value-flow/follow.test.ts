import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getPaymentCreation } from '../../../src/detect/payment-creation.js';
import { followPaymentValue, type ValueFlow } from '../../../src/links/value-flow/index.js';
import { probe } from '../../lint-probe.js';

const SDK = "import Stripe from 'stripe';\nconst stripe = new Stripe('sk');\n";

interface Summary {
  holders: string[];
  ends: string[];
  discarded: boolean;
}

/** The flow of the first payment creation of `code`, as text: holders `name:carry`, ends `type:text`. */
function flow(code: string, filename?: string): Summary {
  let result: Summary | null = null;
  probe(
    SDK + code,
    (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        if (result || !getPaymentCreation(context, node)) return;
        const f: ValueFlow = followPaymentValue(context, node);
        const text = (n: TSESTree.Node) => context.sourceCode.getText(n);
        result = {
          holders: f.holders.map((h) => `${h.identifier.name}:${h.carry}${h.promise ? ':promise' : ''}`),
          ends: f.sites
            .filter((s) => s.end.type !== 'bound')
            .map((s) => {
              const e = s.end;
              switch (e.type) {
                case 'argument':
                  return `argument:${text(e.call.type === 'TaggedTemplateExpression' ? e.call.tag : e.call.callee)}`;
                case 'member-assignment':
                  return `member-assignment:${text(e.target)}`;
                case 'ignored':
                case 'unknown':
                  return `${e.type}:${e.reason}`;
                default:
                  return e.type;
              }
            }),
          discarded: f.discarded,
        };
      },
    }),
    filename,
  );
  if (!result) throw new Error('no payment creation in the snippet');
  return result;
}

describe('followPaymentValue', () => {
  it('follows a variable and its id', () => {
    expect(
      flow(`async function f() {
        const intent = await stripe.paymentIntents.create({ amount: 1 });
        await save(intent.id);
        return intent.client_secret;
      }`),
    ).toEqual({ holders: ['intent:object'], ends: ['argument:save', 'ignored:reads client_secret'], discarded: false });
  });

  it('follows destructuring: the id under another name, the rest, and ignores client_secret', () => {
    expect(
      flow(`async function f() {
        const { id: paymentIntentId, client_secret, ...rest } = await stripe.paymentIntents.create({ amount: 1 });
        log(client_secret);
        keep(paymentIntentId);
        other(rest);
      }`),
    ).toEqual({
      holders: ['paymentIntentId:id', 'rest:object'],
      ends: ['argument:keep', 'argument:other'],
      discarded: false,
    });
  });

  it('follows .then callbacks, and a value returned from them onward', () => {
    expect(
      flow(`async function f() {
        const id = await stripe.paymentIntents.create({ amount: 1 }).then((pi) => pi.id);
        await store(id);
      }`),
    ).toEqual({ holders: ['pi:object', 'id:id'], ends: ['argument:store'], discarded: false });
  });

  it('follows an un-awaited promise bound to a variable', () => {
    expect(
      flow(`async function f() {
        const pending = stripe.paymentIntents.create({ amount: 1 });
        const intent = await pending;
        booking.paymentIntentId = intent.id;
      }`),
    ).toEqual({
      holders: ['pending:object:promise', 'intent:object'],
      ends: ['member-assignment:booking.paymentIntentId'],
      discarded: false,
    });
  });

  it('sees through optional chaining, TS wrappers, templates, String() and JSON.stringify', () => {
    expect(
      flow(`async function f() {
        const intent = (await stripe.paymentIntents.create({ amount: 1 }))!;
        a(intent?.id as string);
        b(\`pi:\${intent.id}\`);
        c(String(intent.id));
        d(JSON.stringify(intent));
      }`).ends,
    ).toEqual(['argument:a', 'argument:b', 'argument:c', 'argument:d']);
  });

  it('recognises a discarded result and a returned promise', () => {
    expect(flow('async function f() { await stripe.paymentIntents.create({ amount: 1 }); }')).toEqual({
      holders: [],
      ends: ['discarded'],
      discarded: true,
    });
    expect(flow('function f() { return stripe.paymentIntents.create({ amount: 1 }); }').ends).toEqual(['returned']);
    expect(flow('const f = () => stripe.paymentIntents.create({ amount: 1 });').ends).toEqual(['returned']);
  });

  it('follows assignment to a declared variable, and distrusts a reassigned one', () => {
    expect(
      flow(`async function f() {
        let intent;
        intent = await stripe.paymentIntents.create({ amount: 1 });
        g(intent.id);
      }`).ends,
    ).toEqual(['argument:g']);
    expect(
      flow(`async function f() {
        let intent = await stripe.paymentIntents.create({ amount: 1 });
        intent = other;
        g(intent.id);
      }`).ends,
    ).toEqual(['unknown:the variable is reassigned']);
  });

  it('ends at reads, tests and comparisons without following them', () => {
    expect(
      flow(`async function f() {
        const intent = await stripe.paymentIntents.create({ amount: 1 });
        if (intent.status === 'succeeded') {}
        if (intent.id) {}
        const same = intent.id === x;
        throw new Error(intent.id);
      }`).ends,
    ).toEqual(['ignored:reads status', 'ignored:tested', 'ignored:compared', 'argument:Error']);
  });

  it('reports what it does not follow as unknown', () => {
    expect(
      flow(`async function f() {
        const [a] = await Promise.all([stripe.paymentIntents.create({ amount: 1 })]);
      }`).ends,
    ).toEqual(['unknown:Promise combinator']);
    expect(
      flow(`async function f() {
        for (const x of [await stripe.paymentIntents.create({ amount: 1 })]) {}
      }`).ends,
    ).toEqual(['unknown:ForOfStatement']);
  });

  it('follows the id path of other providers (PayPal result.id, Square payment.id)', () => {
    let ends: string[] = [];
    let holders: string[] = [];
    probe(
      `import { Client, OrdersController } from '@paypal/paypal-server-sdk';
      const orders = new OrdersController(new Client({}));
      async function f() {
        const response = await orders.createOrder({ body: { intent: 'CAPTURE' } });
        const { result } = response;
        keep(result.id);
        log(response.result.status);
      }`,
      (context) => ({
        CallExpression(node: TSESTree.CallExpression) {
          const creation = getPaymentCreation(context, node);
          if (!creation) return;
          const f = followPaymentValue(context, node, creation.idPath);
          holders = f.holders.map((h) => `${h.identifier.name}:${h.carry}:${h.depth}`);
          ends = f.sites.filter((s) => s.end.type !== 'bound').map((s) => `${s.end.type}:${s.topCarry}`);
        },
      }),
    );
    // \`const { result } = response\`: a new holder, one step down the id path
    expect(holders).toEqual(['response:object:0', 'result:object:1']);
    expect(ends).toEqual(['ignored:object', 'argument:id']);
  });

  it('treats module.exports and export default as exported, and this.x = … as a member assignment', () => {
    expect(flow('module.exports = stripe.paymentIntents.create({ amount: 1 });', 'a.js').ends).toEqual(['exported']);
    expect(
      flow(`class A { async m() { this.intent = await stripe.paymentIntents.create({ amount: 1 }); } }`).ends,
    ).toEqual(['member-assignment:this.intent']);
  });
});
