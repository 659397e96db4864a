import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// The plugin's own tests rethrow analysis errors, so a bug fails its test instead of becoming "unknown".
process.env.BOOKING_PAYMENT_THROW = '1';
