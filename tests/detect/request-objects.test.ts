import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getPaymentCreation, type PaymentCreation } from '../../src/detect/payment-creation.js';
import { probe } from '../lint-probe.js';

function creations(code: string, filename = 'file.ts'): Pick<PaymentCreation, 'kind' | 'confidence' | 'paramsUnseen'>[] {
  const out: Pick<PaymentCreation, 'kind' | 'confidence' | 'paramsUnseen'>[] = [];
  probe(
    code,
    (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        const c = getPaymentCreation(context, node);
        if (c) out.push({ kind: c.kind, confidence: c.confidence, paramsUnseen: c.paramsUnseen });
      },
    }),
    filename,
  );
  return out;
}

const SDK = "import paypal from '@paypal/checkout-server-sdk';\nconst client = new paypal.core.PayPalHttpClient(env);\n";

describe('request objects (PayPal checkout-server-sdk)', () => {
  it('makes the execute call the creation, with the one body call as its params', () => {
    expect(
      creations(`${SDK}const request = new paypal.orders.OrdersCreateRequest();\nrequest.requestBody({ purchase_units: [] });\nclient.execute(request);`),
    ).toEqual([{ kind: 'paypalOrderJson', confidence: 'bound', paramsUnseen: false }]);
  });

  it('keeps the params unseen with no body call, with two, or with one in another scope', () => {
    const unseen = [{ kind: 'paypalOrderJson', confidence: 'bound', paramsUnseen: true }];
    expect(creations(`${SDK}const request = new paypal.orders.OrdersCreateRequest();\nclient.execute(request);`)).toEqual(unseen);
    expect(
      creations(`${SDK}const request = new paypal.orders.OrdersCreateRequest();\nrequest.requestBody(a);\nrequest.requestBody(b);\nclient.execute(request);`),
    ).toEqual(unseen);
    expect(
      creations(`${SDK}const request = new paypal.orders.OrdersCreateRequest();\nfunction fill() { request.requestBody({}); }\nexport const go = () => client.execute(request);`),
    ).toEqual(unseen);
  });

  it('trusts a request class of unknown origin only in a file that imports PayPal', () => {
    expect(
      creations("import { paypalClient, OrdersCreateRequest } from './paypal';\nconst r = new OrdersCreateRequest();\npaypalClient.execute(r);"),
    ).toEqual([{ kind: 'paypalOrderJson', confidence: 'shape', paramsUnseen: true }]);
    expect(creations("import { OrdersCreateRequest } from './requests';\nconst r = new OrdersCreateRequest();\nx.execute(r);")).toEqual([]);
    expect(creations("import { OrdersCreateRequest } from 'other-sdk';\nimport '@paypal/checkout-server-sdk';\nconst r = new OrdersCreateRequest();\nx.execute(r);")).toEqual([]);
  });

  it('ignores other requests, a reassigned request, and an execute on something else', () => {
    expect(creations(`${SDK}const r = new paypal.orders.OrdersGetRequest('1');\nclient.execute(r);`)).toEqual([]);
    expect(creations(`${SDK}let r = new paypal.orders.OrdersCreateRequest();\nr = other;\nclient.execute(r);`)).toEqual([]);
    expect(creations(`${SDK}const r = new paypal.orders.OrdersCreateRequest();\nconst db = { execute: (x: unknown) => x };\ndb.execute(r);`)).toEqual([]);
  });
});
