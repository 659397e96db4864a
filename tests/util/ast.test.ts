import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import {
  containsNode,
  enclosingFunction,
  memberChain,
  staticPropertyName,
  unwrapExpression,
  walkNodes,
} from '../../src/util/ast.js';
import { probe } from '../lint-probe.js';

/** Runs `fn` on each initializer of `const x = …` in `code`, keyed by the initializer's text. */
function onInits(code: string, fn: (init: TSESTree.Expression, text: (n: TSESTree.Node) => string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  probe(code, (context) => ({
    VariableDeclarator(node: TSESTree.VariableDeclarator) {
      if (node.init) out[context.sourceCode.getText(node.init)] = fn(node.init, (n) => context.sourceCode.getText(n));
    },
  }));
  return out;
}

describe('unwrapExpression', () => {
  it('strips TS wrappers and ?. but not await, unless asked', () => {
    expect(
      onInits('const a = (x as any)!; const b = (x satisfies T); const c = <T>x; const d = f<T>; const e = x?.y; const g = await x;', (n, text) =>
        text(unwrapExpression(n)),
      ),
    ).toEqual({ '(x as any)!': 'x', 'x satisfies T': 'x', '<T>x': 'x', 'f<T>': 'f', 'x?.y': 'x?.y', 'await x': 'await x' });
    expect(onInits('const g = (await x!) as T;', (n, text) => text(unwrapExpression(n, { throughAwait: true })))).toEqual({
      '(await x!) as T': 'x',
    });
  });

  it('leaves the member of an optional chain a member', () => {
    expect(onInits('const e = x?.y;', (n) => unwrapExpression(n).type)).toEqual({ 'x?.y': 'MemberExpression' });
  });
});

describe('staticPropertyName and memberChain', () => {
  it('names written-out properties only', () => {
    expect(onInits("const a = o.b; const c = o['d']; const e = o[0]; const f = o[key];", (n) =>
      String(n.type === 'MemberExpression' ? staticPropertyName(n) : 'not a member'),
    )).toEqual({ 'o.b': 'b', "o['d']": 'd', 'o[0]': '0', 'o[key]': 'null' });
  });

  it('reads a chain from its root through calls and wrappers', () => {
    expect(onInits('const a = res.status(200).json; const b = this.logger!.info; const c = a[k].b;', (n, text) => {
      const { root, names } = memberChain(n);
      return `${text(root)}: ${names.join(',')}`;
    })).toEqual({
      'res.status(200).json': 'res: status,json',
      'this.logger!.info': 'this: logger,info',
      'a[k].b': 'a: ,b',
    });
  });
});

describe('walkNodes, containsNode, enclosingFunction', () => {
  it('visits every node in source order by the visitor keys', () => {
    const seen: string[] = [];
    probe('f(a, [b]);', (context) => ({
      Program(node: TSESTree.Program) {
        walkNodes(node, context.sourceCode.visitorKeys, (n) => {
          if (n.type === 'Identifier') seen.push(n.name);
        });
      },
    }));
    expect(seen).toEqual(['f', 'a', 'b']);
  });

  it('knows containment by range and the nearest enclosing function', () => {
    const out: string[] = [];
    probe('function outer() { const inner = () => mark(); } mark();', (context) => ({
      CallExpression(node: TSESTree.CallExpression) {
        const fn = enclosingFunction(node);
        out.push(fn ? context.sourceCode.getText(fn).slice(0, 8) : 'top');
        if (fn) out.push(String(containsNode(fn, node)), String(containsNode(node, fn)));
      },
    }));
    expect(out).toEqual(['() => ma', 'true', 'false', 'top']);
  });
});
