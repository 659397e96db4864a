import { deserialize, serialize } from 'node:v8';

import { describe, expect, it } from 'vitest';

import { packEntries, unpackEntries, type FileEntry } from '../../src/project-index/entry.js';
import type { ProviderIdWrite } from '../../src/project-index/writes.js';

const write: ProviderIdWrite = {
  file: '/app/src/webhook.ts',
  line: 4,
  column: 7,
  delegate: 'booking',
  idColumn: 'paymentIntentId',
  kind: 'model-write',
  path: ['data'],
};

const entry = (over: Partial<FileEntry>): FileEntry => ({
  mtimeMs: 1_764_500_000_123.25,
  size: 1468,
  generation: 3,
  checkedAt: 1_000,
  scanned: false,
  parsed: false,
  writes: [],
  skipped: null,
  ...over,
});

describe('packEntries / unpackEntries (the read-ahead thread posts entries packed)', () => {
  it('gives back every entry through a structured clone, as postMessage makes one', () => {
    const entries = [
      entry({ size: 10 }),
      entry({ scanned: true, writes: [write], checkedAt: 900 }),
      entry({ scanned: true, parsed: true, mtimeMs: 5.5 }),
      entry({ skipped: { file: '/app/src/big.ts', reason: 'too-large', size: 9e9, mayHoldWrite: true } }),
      entry({ scanned: true, writes: [{ ...write, uncertain: true }, write] }),
    ];
    const back = unpackEntries(deserialize(serialize(packEntries(entries))) as ReturnType<typeof packEntries>, 3);
    // The batch's earliest check time stands for all of them (a revalidation comes no later).
    expect(back).toEqual(entries.map((e) => ({ ...e, checkedAt: 900 })));
  });

  it('packs nothing to nothing', () => {
    expect(unpackEntries(packEntries([]), 0)).toEqual([]);
  });
});
