import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { getPaymentCreation, isCreateCall } from '../../src/detect/payment-creation.js';
import { endpointOfUrl } from '../../src/detect/rest-calls.js';
import { probe } from '../lint-probe.js';

/** Each REST creation in the snippet: its kind, id path, and whether its params were seen. */
function creations(code: string): { kind: string; idPath: string; params: string | null }[] {
  const out: { kind: string; idPath: string; params: string | null }[] = [];
  probe(code, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      const c = getPaymentCreation(context, node);
      if (c) {
        out.push({
          kind: c.kind,
          idPath: c.idPath.join('.'),
          params: c.params ? context.sourceCode.getText(c.params).slice(0, 20) : null,
        });
      }
    },
  }));
  return out;
}

/** Whether the first argument of the snippet's only call is a PayPal orders URL. */
function matchesUrl(code: string): boolean {
  let result = false;
  probe(code, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      result = endpointOfUrl(node.arguments[0]!, context.sourceCode.getScope(node)) !== null;
    },
  }));
  return result;
}

describe('endpointOfUrl', () => {
  it.each([
    ["f('https://api-m.paypal.com/v2/checkout/orders')", true],
    ["f('https://api-m.paypal.com/v2/checkout/orders/')", true],
    ["f('https://api-m.paypal.com/v2/checkout/orders?x=1')", true],
    ['f(`${base}/v2/checkout/orders`)', true],
    ["const ORDERS = '/v2/checkout/orders';\nf(`${base}${ORDERS}`)", true],
    ["f(base + '/v2/checkout/orders')", true],
    ["const url = `${base}/v2/checkout/orders`;\nf(url)", true],
    ['f(`${base}/v2/checkout/orders/${id}/capture`)', false],
    ["f('https://api.example.com/v2/orders')", false],
    ['f(url)', false],
    ['f(`${base}${path}`)', false],
  ])('%s: %s', (code, expected) => {
    expect(matchesUrl(code)).toBe(expected);
  });
});

describe('REST creations', () => {
  it('recognises fetch with a visible POST and reads the body through JSON.stringify', () => {
    expect(
      creations("fetch(`${b}/v2/checkout/orders`, { method: 'POST', body: JSON.stringify({ purchase_units: [] }) });"),
    ).toEqual([{ kind: 'paypalOrderJson', idPath: 'json().id', params: '{ purchase_units: []' }]);
    expect(
      creations("const body = JSON.stringify({ intent: 'CAPTURE' });\nfetch(`${b}/v2/checkout/orders`, { method: 'POST', body });"),
    ).toEqual([{ kind: 'paypalOrderJson', idPath: 'json().id', params: "{ intent: 'CAPTURE' " }]);
  });

  it('keeps a body it cannot see unseen, never absent', () => {
    expect(creations("export const f = (b: string) => fetch(`${x}/v2/checkout/orders`, { method: 'POST', body: b });")).toEqual([
      { kind: 'paypalOrderJson', idPath: 'json().id', params: null },
    ]);
  });

  it('recognises axios calls with their own id path', () => {
    expect(creations("import axios from 'axios';\naxios.post(`${b}/v2/checkout/orders`, { purchase_units: [] });")).toEqual([
      { kind: 'paypalOrderJson', idPath: 'data.id', params: '{ purchase_units: []' },
    ]);
  });

  it('ignores GETs, unknown inits, other URLs, local fetches and other clients', () => {
    expect(creations('fetch(`${b}/v2/checkout/orders`);')).toEqual([]);
    expect(creations('export const f = (init: RequestInit) => fetch(`${b}/v2/checkout/orders`, init);')).toEqual([]);
    expect(creations("fetch(`${b}/v1/payments/payment`, { method: 'POST', body: '{}' });")).toEqual([]);
    expect(creations("const fetch = (u: string, i: object) => [u, i];\nfetch(`${b}/v2/checkout/orders`, { method: 'POST' });")).toEqual([]);
    expect(creations("import got from 'got';\ngot.post(`${b}/v2/checkout/orders`, { json: {} });")).toEqual([]);
    expect(creations("export const f = (http: any) => http.post(`${b}/v2/checkout/orders`, {});")).toEqual([]);
  });

  it('lets the pre-check through fetch, axios and execute calls', () => {
    const seen: boolean[] = [];
    probe("fetch(u); axios({}); a.post(u); c.execute(r); a.get(u); g();", () => ({
      CallExpression(node: TSESTree.CallExpression) {
        seen.push(isCreateCall(node));
      },
    }));
    expect(seen).toEqual([true, true, true, true, false, false]);
  });
});
