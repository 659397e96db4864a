import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';

import { getWrappers, parseWrapper, wrapperWords } from '../../src/config/wrappers.js';
import { fileMayCreatePayments, getPaymentCreation, type PaymentCreation } from '../../src/detect/payment-creation.js';
import { importsWrapperModule } from '../../src/detect/wrapper-calls.js';

const SETTINGS = {
  'booking-payment': {
    providers: [
      { module: 'src/lib/payments.ts', export: 'createPayment', provider: 'paypal', reference: { argument: 0 }, idPath: ['orderId'] },
      { module: '@acme/pay', export: 'default', reference: { argument: 1, path: ['booking', 'id'] } },
    ],
  },
};

/** The wrapper creations found in `code`, linted as /repo/src/routes/pay.ts with cwd /repo. */
function creations(code: string, settings: Record<string, unknown> = SETTINGS): Pick<PaymentCreation, 'provider' | 'label' | 'idPath' | 'idColumn' | 'wrapper'>[] {
  const out: Pick<PaymentCreation, 'provider' | 'label' | 'idPath' | 'idColumn' | 'wrapper'>[] = [];
  const linter = new Linter({ cwd: '/repo' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        settings,
        plugins: {
          probe: {
            rules: {
              probe: {
                meta: { type: 'problem', schema: [] },
                create: ((context: Parameters<typeof getPaymentCreation>[0]) => ({
                  CallExpression(node: TSESTree.CallExpression) {
                    const c = getPaymentCreation(context, node);
                    if (c) out.push({ provider: c.provider, label: c.label, idPath: c.idPath, idColumn: c.idColumn, wrapper: c.wrapper });
                  },
                })) as never,
              },
            },
          },
        },
        rules: { 'probe/probe': 'error' },
      },
    ],
    '/repo/src/routes/pay.ts',
  );
  if (messages.some((m) => m.fatal)) throw new Error(messages[0]!.message);
  return out;
}

describe('wrapper settings', () => {
  it('fills in the defaults and drops malformed entries', () => {
    expect(parseWrapper({ module: 'm', export: 'pay', reference: { argument: 1 } })).toEqual({
      module: 'm',
      exportName: 'pay',
      provider: 'stripe',
      argument: 1,
      path: [],
      idPath: ['id'],
      column: undefined,
      label: 'payment (pay)',
    });
    for (const bad of [
      null,
      'm',
      { export: 'pay', reference: { argument: 0 } },
      { module: 'm', export: 'pay' },
      { module: 'm', export: 'pay', reference: { argument: -1 } },
      { module: 'm', export: 'pay', reference: { argument: 0, path: [1] } },
      { module: 'm', export: 'pay', reference: { argument: 0 }, provider: 'paddle' },
      { module: 'm', export: 'pay', reference: { argument: 0 }, idPath: [] },
    ]) {
      expect(parseWrapper(bad)).toBeNull();
    }
    expect(getWrappers({ 'booking-payment': { providers: 'x' } })).toEqual([]);
    expect(getWrappers(undefined)).toEqual([]);
  });

  it('gives the pre-check the export names (and a default export its module name)', () => {
    const words = wrapperWords(getWrappers(SETTINGS))!;
    expect(words.test('createPayment(b)')).toBe(true);
    expect(words.test("import charge from '@acme/pay'")).toBe(true);
    expect(words.test('createPayments(b)')).toBe(false);
    expect(wrapperWords([])).toBeNull();
  });

  it('matches the declared module as a relative import, a specifier as written, or from below another cwd', () => {
    const [local, pkg] = getWrappers(SETTINGS);
    expect(importsWrapperModule('../lib/payments', '/repo/src/routes/pay.ts', '/repo', local!)).toBe(true);
    expect(importsWrapperModule('../lib/payments.js', '/repo/src/routes/pay.ts', '/repo', local!)).toBe(true);
    expect(importsWrapperModule('./payments', '/repo/src/lib/x.ts', '/repo', local!)).toBe(true);
    expect(importsWrapperModule('../lib/payments', '/mono/apps/web/src/routes/pay.ts', '/mono', local!)).toBe(true);
    expect(importsWrapperModule('../lib/other-payments', '/repo/src/routes/pay.ts', '/repo', local!)).toBe(false);
    expect(importsWrapperModule('@acme/pay', '/repo/src/a.ts', '/repo', pkg!)).toBe(true);
    expect(importsWrapperModule('@acme/payments', '/repo/src/a.ts', '/repo', pkg!)).toBe(false);
  });
});

describe('wrapper call sites', () => {
  it('recognises named, namespace and default imports of the declared exports', () => {
    expect(creations("import { createPayment } from '../lib/payments';\ncreatePayment(b);")).toEqual([
      { provider: 'paypal', label: 'PayPal payment (createPayment)', idPath: ['orderId'], idColumn: 'paypalOrderId', wrapper: 'createPayment' },
    ]);
    expect(creations("import * as pay from '../lib/payments';\npay.createPayment(b);")).toHaveLength(1);
    expect(creations("import charge from '@acme/pay';\ncharge(1, { booking });")).toEqual([
      { provider: 'stripe', label: 'Stripe payment (default)', idPath: ['id'], idColumn: 'paymentIntentId', wrapper: 'default' },
    ]);
  });

  it('ignores the same names from elsewhere, locals, other exports, and files without settings', () => {
    expect(creations("import { createPayment } from '../lib/refunds';\ncreatePayment(b);")).toEqual([]);
    expect(creations("import { refund } from '../lib/payments';\nrefund(b);")).toEqual([]);
    expect(creations('const createPayment = (b: unknown) => b;\ncreatePayment(b);')).toEqual([]);
    expect(creations("import { createPayment } from '../lib/payments';\ncreatePayment(b);", {})).toEqual([]);
  });

  it('opens the per-file pre-check for a file that only calls a wrapper', () => {
    const linter = new Linter({ cwd: '/repo' });
    let open: boolean[] = [];
    const billing = { 'booking-payment': { providers: [{ module: 'src/lib/billing', export: 'startCheckout', reference: { argument: 0 } }] } };
    linter.verify(
      "import { startCheckout } from '../lib/billing';\nstartCheckout(b);",
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser as unknown as Linter.Parser },
          plugins: {
            probe: {
              rules: {
                probe: {
                  meta: { type: 'problem', schema: [] },
                  create: ((context: Parameters<typeof getPaymentCreation>[0]) => {
                    open = [fileMayCreatePayments(context.sourceCode), fileMayCreatePayments(context.sourceCode, billing)];
                    return {};
                  }) as never,
                },
              },
            },
          },
          rules: { 'probe/probe': 'error' },
        },
      ],
      '/repo/src/routes/pay.ts',
    );
    expect(open).toEqual([false, true]);
  });
});
