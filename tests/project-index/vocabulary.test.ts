import { describe, expect, it } from 'vitest';

import { isProviderIdColumn } from '../../src/config/vocabulary.js';
import { DEFAULT_MENTION } from '../../src/project-index/vocabulary.js';
import { PROVIDERS } from '../../src/providers/index.js';

describe('DEFAULT_MENTION', () => {
  it('is a necessary condition of the default column pattern: a text that holds such a column matches it', () => {
    // The index skips a file on disk, and the persisted rule skips the linted file's AST, whose text fails it.
    const prefixes = ['', ...PROVIDERS.flatMap((p) => p.columnWords), 'provider', 'external', 'checkout', 'payment'];
    const objects = ['payment_intent', 'paymentIntent', 'intent', 'checkout_session', 'checkoutSession', 'session', 'charge', 'order', 'payment', 'transaction', 'txn', 'external', 'provider', 'stripe'];
    let columns = 0;
    for (const prefix of prefixes) {
      for (const object of objects) {
        for (const [join, id] of [['', 'Id'], ['_', '_id'], ['', 'ID']] as const) {
          const name = prefix === '' ? `${object}${id}` : `${prefix}${join}${object[0]!.toUpperCase()}${object.slice(1)}${id}`;
          if (!isProviderIdColumn(name)) continue;
          columns++;
          expect(DEFAULT_MENTION.test(`data: { ${name}: intent.id }`), name).toBe(true);
        }
      }
    }
    expect(columns).toBeGreaterThan(100);
  });
});
