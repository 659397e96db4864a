import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/links/booking-reference.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/links/booking-reference.js')>();
  return {
    ...real,
    evaluateBookingIdLink: (...args: Parameters<typeof real.evaluateBookingIdLink>) => {
      if (injectThrow.on) throw new RangeError('Invalid string length');
      return real.evaluateBookingIdLink(...args);
    },
  };
});

const injectThrow = vi.hoisted(() => ({ on: false }));

const { default: plugin } = await import('../../src/index.js');
const { PluginConfigurationError, guardListeners, resetAnalysisWarnings } = await import('../../src/config/errors.js');

const CODE = `
import Stripe from 'stripe';
const stripe = new Stripe('k');
export async function a() { await stripe.paymentIntents.create({ amount: 1 }); }
export async function b() { await stripe.paymentIntents.create({ amount: 2 }); }
`;

function lint(code: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        plugins: { 'booking-payment': plugin as never },
        rules: { 'booking-payment/require-booking-id-metadata': 'error' },
      },
    ],
    'src/pay.ts',
  );
}

describe('the rule boundary guard', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.BOOKING_PAYMENT_THROW;
    delete process.env.BOOKING_PAYMENT_THROW;
    resetAnalysisWarnings();
  });
  afterEach(() => {
    injectThrow.on = false;
    if (saved === undefined) delete process.env.BOOKING_PAYMENT_THROW;
    else process.env.BOOKING_PAYMENT_THROW = saved;
    vi.restoreAllMocks();
  });

  it('reports normally when nothing throws', () => {
    expect(lint(CODE).map((m) => m.ruleId)).toEqual([
      'booking-payment/require-booking-id-metadata',
      'booking-payment/require-booking-id-metadata',
    ]);
  });

  it('turns a throw inside the analysis into "unknown" for that node, never aborting the run, and warns once', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    injectThrow.on = true;
    const messages = lint(CODE);
    expect(messages).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/require-booking-id-metadata.*src\/pay\.ts.*treated as "unknown".*RangeError/);
  });

  it('rethrows when BOOKING_PAYMENT_THROW=1 (the plugin’s own tests)', () => {
    process.env.BOOKING_PAYMENT_THROW = '1';
    injectThrow.on = true;
    expect(() => lint(CODE)).toThrow(/Invalid string length/);
  });

  it('lets a configuration error through', () => {
    const listeners = guardListeners(
      {
        Program() {
          throw new PluginConfigurationError('settings["booking-payment"].keyz is not a known setting');
        },
      },
      'r',
      'f.ts',
    );
    expect(() => listeners.Program()).toThrow(PluginConfigurationError);
  });

  it('an invalid settings object still stops ESLint with its message outside the plugin’s tests', () => {
    const linter = new Linter({ configType: 'flat' });
    const run = (): unknown =>
      linter.verify(
        CODE,
        [
          {
            files: ['**/*.ts'],
            languageOptions: { parser: tsParser as unknown as Linter.Parser },
            plugins: { 'booking-payment': plugin as never },
            rules: { 'booking-payment/require-booking-id-metadata': 'error' },
            settings: { 'booking-payment': { keyz: ['bookingId'] } },
          },
        ],
        'src/pay.ts',
      );
    expect(run).toThrow(/unknown key "keyz"/);
  });

  it('keeps `this` and the return value of a listener', () => {
    const self = { n: 41 };
    const listeners = guardListeners(
      {
        Program(this: typeof self) {
          return this.n + 1;
        },
      },
      'r',
      'f.ts',
    );
    expect((listeners.Program as (this: typeof self) => number).call(self)).toBe(42);
  });
});
