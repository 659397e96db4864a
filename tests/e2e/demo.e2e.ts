/** `npm run demo` (after the build): the example's problems of every kind, and the audit report. */
import { describe, expect, it } from 'vitest';

import { REPO_ROOT, run } from './helpers.js';

describe('npm run demo', () => {
  it('lints examples/booking-app, shows what strict adds, runs the audit, and exits 0', async () => {
    const result = await run('node', ['scripts/demo.mjs'], { cwd: REPO_ROOT });
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    // One mistake of each kind, at its line.
    expect(out).toMatch(/examples\/booking-app\/src\/routes\/deposit\.ts\n {2}10:24 +error .+booking-payment\/require-booking-id-metadata/);
    expect(out).toMatch(/ 19:9 +error +This booking update doesn't store .+booking-payment\/require-persisted-payment-id/);
    expect(out).toMatch(/examples\/booking-app\/prisma\/schema\.prisma\n {2}47:3 +error .+booking-payment\/prisma-booking-payment-column/);
    expect(out).toMatch(/error .+booking-payment\/require-booking-payment-column/);
    // strict adds it (the file's other report, strict's uniqueness one, may come first)
    expect(out).toMatch(/checkout-session\.ts\n(?: .*\n)* {2}20:5 +error .+payment_intent_data\.metadata.+booking-payment\/require-booking-id-metadata/);
    // The audit report ends with the verdict line.
    expect(out).toContain('$ booking-payment-audit examples/booking-app');
    expect(out).toMatch(/src\/routes\/checkout\.ts:11 +PaymentIntent +carries metadata\.bookingId +stores it in booking\.paymentIntentId/);
    expect(out).toMatch(/\n0 of 2 bidirectional links present; missing: booking\.paymentIntentId -> Stripe \(.*src\/routes\/upgrade\.ts:11.*\); missing: Stripe metadata\.bookingId -> booking \(.*src\/routes\/deposit\.ts:10/);
  });
});
