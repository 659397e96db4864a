import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import { getPluginSettings, InvalidSettingsError, SETTINGS_SCHEMA, validatePluginSettings } from '../../src/config/settings.js';
import plugin from '../../src/index.js';

const ctx = (value: unknown): Parameters<typeof getPluginSettings>[0] => ({ settings: { 'booking-payment': value } });

describe("settings['booking-payment'] validation", () => {
  it('accepts every documented key with its type, and no settings at all', () => {
    const settings = { schema: 'db/schema.prisma', keys: ['rentalId'], bookingModels: ['Rental'], paymentModels: ['Payment'], idColumns: ['/^psp_?id$/i'] };
    expect(validatePluginSettings(settings)).toEqual([]);
    expect(getPluginSettings(ctx(settings))).toEqual(settings);
    expect(getPluginSettings({ settings: {} })).toEqual({});
    expect(getPluginSettings({})).toEqual({});
    expect(Object.keys(SETTINGS_SCHEMA).sort()).toEqual(['bookingModels', 'idColumns', 'keys', 'paymentModels', 'providers', 'schema', 'webhookVerifiers']);
  });

  it('names an unknown key and the valid ones', () => {
    const problems = validatePluginSettings({ bookingModel: ['Rental'] });
    expect(problems).toEqual([
      `unknown key "bookingModel" in settings['booking-payment']; the valid keys are schema, keys, bookingModels, paymentModels, idColumns, webhookVerifiers, providers`,
    ]);
    expect(validatePluginSettings({ constructor: 'x' })[0]).toContain('unknown key "constructor"');
  });

  it('checks every declared wrapper of `providers`', () => {
    const ok = { module: 'src/lib/payments.ts', export: 'createPayment', reference: { argument: 0 } };
    expect(validatePluginSettings({ providers: [ok] })).toEqual([]);
    expect(getPluginSettings(ctx({ providers: [ok] })).providers).toEqual([ok]);
    expect(validatePluginSettings({ providers: [ok, { module: 'x', export: 'y' }] })).toEqual([
      `settings['booking-payment'].providers[1] is not a valid declaration of ${SETTINGS_SCHEMA.providers.description}`,
    ]);
    expect(validatePluginSettings({ providers: ok })[0]).toContain('.providers must be a list of');
  });

  it('names a wrong type with what it got', () => {
    expect(validatePluginSettings({ keys: 'rentalId' })).toEqual([
      `settings['booking-payment'].keys must be a list of non-empty strings, metadata keys that carry the booking id (got "rentalId")`,
    ]);
    expect(validatePluginSettings({ idColumns: ['ok', 3] })[0]).toContain('(got an array containing a number)');
    expect(validatePluginSettings({ schema: ['a'] })[0]).toContain('.schema must be a non-empty string');
    expect(validatePluginSettings({ schema: '' })[0]).toContain('.schema must be a non-empty string');
    expect(validatePluginSettings('prisma/schema.prisma')[0]).toContain('must be an object with the keys schema, keys');
  });

  it('throws one InvalidSettingsError with every problem, the same one for the same settings object', () => {
    const settings = { keys: 'rentalId', bookingModel: ['Rental'] };
    let first: unknown;
    try {
      getPluginSettings(ctx(settings));
    } catch (error) {
      first = error;
    }
    expect(first).toBeInstanceOf(InvalidSettingsError);
    expect((first as Error).message).toMatch(/^Invalid configuration of eslint-plugin-booking-payment: .*keys must be a list.*; unknown key "bookingModel"/);
    expect(() => getPluginSettings(ctx(settings))).toThrow(first as Error);
  });

  it('ESLint shows it as a configuration error naming the rule and the key (not a crash deep in a rule)', () => {
    const linter = new Linter({ configType: 'flat' });
    const run = (): unknown =>
      linter.verify(
        `import Stripe from 'stripe';\nconst stripe = new Stripe('k');\nstripe.paymentIntents.create({ amount: 1, currency: 'eur' });\n`,
        [...plugin.configs.recommended, { settings: { 'booking-payment': { bookingModel: ['Rental'] } } }],
        'src/pay.js',
      );
    expect(run).toThrow(/booking-payment\/.*Invalid configuration of eslint-plugin-booking-payment: unknown key "bookingModel".*valid keys are schema, keys, bookingModels, paymentModels, idColumns, webhookVerifiers, providers/s);
  });
});
