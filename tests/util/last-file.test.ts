import { describe, expect, it } from 'vitest';

import { lastFileMemo } from '../../src/util/last-file.js';

describe('lastFileMemo', () => {
  it('computes once per file (key and extra), and again when either changes', () => {
    const calls: string[] = [];
    const memo = lastFileMemo((text: string, words: RegExp | undefined) => {
      calls.push(text);
      return words ? words.test(text) : text.length > 3;
    });
    const words = /pay/;
    expect(memo('file one', undefined)).toBe(true);
    expect(memo('file one', undefined)).toBe(true);
    expect(calls).toEqual(['file one']);
    expect(memo('file one', words)).toBe(false);
    expect(memo('ab', undefined)).toBe(false);
    expect(memo('ab', undefined)).toBe(false);
    expect(memo('pay here', words)).toBe(true);
    expect(calls).toEqual(['file one', 'file one', 'ab', 'pay here']);
  });

  it('remembers a first answer of undefined', () => {
    let count = 0;
    const memo = lastFileMemo((key: object) => {
      count++;
      return key === null ? 1 : undefined;
    });
    const ast = {};
    memo(ast, undefined);
    memo(ast, undefined);
    expect(count).toBe(1);
  });
});
