import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// The plugin's own tests rethrow analysis errors, so a bug fails its test instead of becoming "unknown".
process.env.BOOKING_PAYMENT_THROW = '1';

// One lint run trusts what it read (project/run-mode.ts): CI=true would infer it. The tests decide the mode
// themselves, so that the index's TTL behaviour is tested whatever the machine sets.
process.env.BOOKING_PAYMENT_SINGLE_RUN = 'false';
