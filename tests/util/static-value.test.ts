import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { unwrapExpression } from '../../src/util/ast.js';
import { getStaticString, resolveObject, resolveValue } from '../../src/util/static-value.js';
import { probe } from '../lint-probe.js';

/** Resolves the argument of the call `probe(...)` in `code` with `fn`. */
function onProbeArg<T>(code: string, fn: (arg: TSESTree.Node, ctx: Parameters<Parameters<typeof probe>[1]>[0]) => T): T {
  let out: T | undefined;
  let seen = false;
  probe(code, (context) => ({
    CallExpression(node: TSESTree.CallExpression) {
      if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'probe' && node.arguments[0]) {
        out = fn(node.arguments[0], context);
        seen = true;
      }
    },
  }));
  if (!seen) throw new Error('no probe(...) call');
  return out as T;
}

const keysOf = (code: string) =>
  onProbeArg(code, (arg, ctx) => {
    const shape = resolveObject(arg, ctx.sourceCode.getScope(arg));
    return shape ? { keys: [...shape.properties.keys()], complete: shape.complete } : null;
  });

describe('resolveObject', () => {
  it('reads an object literal', () => {
    expect(keysOf("probe({ a: 1, 'b': 2, 3: 3, c })")).toEqual({ keys: ['a', 'b', '3', 'c'], complete: true });
  });
  it('follows const bindings, TS wrappers and satisfies', () => {
    expect(keysOf('const p = { a: 1 } as const satisfies object; const q = p; probe(q!)')).toEqual({
      keys: ['a'],
      complete: true,
    });
  });
  it('follows a never-reassigned let but not a reassigned one', () => {
    expect(keysOf('let p = { a: 1 }; probe(p)')).toEqual({ keys: ['a'], complete: true });
    expect(keysOf('let p = { a: 1 }; p = other; probe(p)')).toBeNull();
  });
  it('merges resolvable spreads and marks unknown spreads incomplete', () => {
    expect(keysOf('const base = { a: 1 }; probe({ ...base, b: 2 })')).toEqual({ keys: ['a', 'b'], complete: true });
    expect(keysOf('function f(x: object) { probe({ ...x, b: 2 }) }')).toEqual({ keys: ['b'], complete: false });
    expect(keysOf('probe({ ...null, ...undefined, b: 2 })')).toEqual({ keys: ['b'], complete: true });
  });
  it('resolves computed keys to const strings, and marks the others incomplete', () => {
    expect(keysOf("const K = 'bookingId'; probe({ [K]: 1, [`x${'y'}`]: 2 })")).toEqual({
      keys: ['bookingId', 'xy'],
      complete: true,
    });
    expect(keysOf('function f(k: string) { probe({ [k]: 1 }) }')).toEqual({ keys: [], complete: false });
  });
  it('follows destructured consts into visible objects', () => {
    expect(keysOf('const cfg = { params: { a: 1 } }; const { params } = cfg; probe(params)')).toEqual({
      keys: ['a'],
      complete: true,
    });
  });
  it('returns null for what it cannot see', () => {
    expect(keysOf('function f(p: object) { probe(p) }')).toBeNull();
    expect(keysOf('probe(make())')).toBeNull();
  });
  it('survives a self-referencing binding', () => {
    expect(keysOf('var a = b; var b = a; probe(a)')).toBeNull();
  });
});

describe('getStaticString', () => {
  const str = (code: string) => onProbeArg(code, (arg, ctx) => getStaticString(arg, ctx.sourceCode.getScope(arg)));
  it('reads literals, templates, concatenation and consts', () => {
    expect(str("probe('a')")).toBe('a');
    expect(str('probe(1)')).toBe('1');
    expect(str("const X = 'b'; probe(`a${X}c`)")).toBe('abc');
    expect(str("const X = 'b'; probe('a' + X)")).toBe('ab');
  });
  it('is null when the value is not certain', () => {
    expect(str('function f(x: string) { probe(x) }')).toBeNull();
    expect(str('probe(`a${Date.now()}`)')).toBeNull();
    expect(str('probe(true)')).toBeNull();
  });
});

describe('resolveValue / unwrapExpression', () => {
  it('returns the initializer of a const chain', () => {
    const type = onProbeArg('const a = new Foo(); const b = a; probe(b)', (arg, ctx) =>
      resolveValue(arg, ctx.sourceCode.getScope(arg)).type,
    );
    expect(type).toBe(AST_NODE_TYPES.NewExpression);
  });
  it('strips as, non-null and satisfies', () => {
    const type = onProbeArg('probe((x as any)!)', (arg) => unwrapExpression(arg).type);
    expect(type).toBe(AST_NODE_TYPES.Identifier);
  });
});
