import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { isProviderIdColumn } from '../../src/config/vocabulary.js';
import { scanProgram } from '../../src/project-index/program-scan.js';
import { chainBefore, quickScan } from '../../src/project-index/quick-scan/scanner.js';
import type { ProviderIdWrite } from '../../src/project-index/writes.js';

const matches = (n: string) => isProviderIdColumn(n);
const summary = (ws: ProviderIdWrite[]) => ws.map((w) => `${w.kind}:${w.delegate}.${w.idColumn}@${w.line}:${w.column}`);

/** The quick scan's writes, asserting it settled the text and agrees with the parser's program scan. */
function settled(code: string): string[] {
  const quick = quickScan(code, 'x.ts', matches);
  expect(quick.certain, code).toBe(true);
  const ast = parse(code, { loc: true, range: true }) as unknown as TSESTree.Program;
  expect(summary(quick.writes)).toEqual(summary(scanProgram(ast, 'x.ts', matches)));
  return summary(quick.writes);
}

const unsettled = (code: string) => quickScan(code, 'x.ts', matches).certain === false;

describe('quickScan: object keys in a call', () => {
  it('counts a candidate key in the object literal of `data:` as the delegate’s write, at its position', () => {
    expect(settled('await prisma.booking.update({\n  where: { id },\n  data: { paymentIntentId: pi.id },\n});')).toEqual([
      'model-write:booking.paymentIntentId@3:11',
    ]);
  });

  it('counts a shorthand key, and a key after a spread', () => {
    expect(settled('prisma.booking.update({ where: { id }, data: { paymentIntentId } });')).toEqual([
      'model-write:booking.paymentIntentId@1:48',
    ]);
    expect(settled('repo.save({ ...booking, checkoutSessionId: s.id });')).toEqual(['orm-write:repo.checkoutSessionId@1:25']);
  });

  it('does not count reads under `where:`, `select:`, `orderBy:` or provider `metadata:`', () => {
    expect(settled('prisma.booking.findMany({ where: { paymentIntentId: id }, orderBy: { chargeId: "asc" } });')).toEqual([]);
    expect(settled('prisma.booking.update({ where: { paymentIntentId: id }, data: { status: "paid" } });')).toEqual([]);
    expect(settled('prisma.booking.update({ where: { id }, select: { paymentIntentId: true }, data: {} });')).toEqual([]);
    expect(settled('orders.update(id, { metadata: { orderId: o.id } });')).toEqual([]);
  });

  it('does not count a key whose value is null or undefined', () => {
    expect(settled('prisma.booking.update({ where: { id }, data: { paymentIntentId: /* gone */ null } });')).toEqual([]);
    expect(settled('prisma.booking.update({ where: { id }, data: { paymentIntentId: undefined } });')).toEqual([]);
  });

  it('tells a Prisma write from another ORM’s, and skips provider resources and non-write methods', () => {
    expect(settled('bookingRepo.insert({ stripePaymentIntentId: pi.id });')).toEqual([
      'orm-write:bookingRepo.stripePaymentIntentId@1:22',
    ]);
    expect(settled('stripe.checkout.sessions.create({ client_reference_id: b.id, paymentIntentId: x });')).toEqual([]);
    expect(settled('logger.info({ paymentIntentId: pi.id });')).toEqual([]);
  });

  it('reads into arrays and template expressions', () => {
    expect(settled('tx.payment.createMany({ data: [{ externalId: a }, { externalId: b }] });')).toEqual([
      'model-write:payment.externalId@1:34',
      'model-write:payment.externalId@1:53',
    ]);
    expect(settled('log(`${await prisma.booking.update({ data: { chargeId: c.id } })}`);')).toEqual([
      'model-write:booking.chargeId@1:46',
    ]);
  });

  it('does not take a class field or an interface member for a write', () => {
    expect(settled('class B { paymentIntentId = x; }\ninterface I { chargeId: string }\nenum E { orderId }')).toEqual([]);
  });

  it('counts lines after a string continued over a line break', () => {
    expect(settled('const s = "a\\\nb";\nprisma.booking.update({ data: { paymentIntentId: x } });')).toEqual([
      'model-write:booking.paymentIntentId@3:33',
    ]);
  });
});

describe('quickScan: member assignments', () => {
  it('counts `x.col = value` as an assignment through the last object', () => {
    expect(settled('this.booking.paymentIntentId = pi.id;\nres.locals.booking.stripeSessionId = s.id;')).toEqual([
      'assignment:booking.paymentIntentId@1:14',
      'assignment:booking.stripeSessionId@2:20',
    ]);
  });

  it('does not count a comparison, an arrow, or a null assignment', () => {
    expect(settled('if (b.paymentIntentId == null) {}\nconst f = (b) => b.chargeId;\nb.orderId = null;')).toEqual([]);
  });
});

describe('quickScan: comments, strings and regular expressions are not code', () => {
  it('ignores candidates inside comments, templates’ text and regular expressions', () => {
    expect(
      settled('// data: { paymentIntentId: x }\n/* booking.chargeId = y */\nconst t = `paymentIntentId: ${1}`;\nconst r = /orderId: x/;'),
    ).toEqual([]);
  });

  it('tells a division from a regular expression', () => {
    expect(settled('const a = b / 2 / c; const d = (e) / f;\nprisma.booking.update({ data: { chargeId: a } });')).toEqual([
      'model-write:booking.chargeId@2:33',
    ]);
  });
});

describe('quickScan gives up (the file is parsed)', () => {
  it('on a quoted or computed candidate key: a string may be a key', () => {
    expect(unsettled('prisma.booking.update({ data: { "paymentIntentId": x } });')).toBe(true);
    expect(unsettled("prisma.booking.update({ data: { ['chargeId']: x } });")).toBe(true);
    // a quoted word that is no candidate is just a string
    expect(unsettled('prisma.booking.update({ data: { "status": x } });')).toBe(false);
  });

  it('on a candidate key in an object literal outside any call', () => {
    expect(unsettled('const data = { paymentIntentId: x };')).toBe(true);
    expect(unsettled('return { paymentIntentId: x };')).toBe(true);
  });

  it('on brackets that do not balance, and on a string or regular expression cut by a line break', () => {
    expect(unsettled('f({ a: 1 ]);')).toBe(true);
    expect(unsettled('f(a));')).toBe(true);
    expect(unsettled('f(a')).toBe(true);
    expect(unsettled('const s = "a\nb";')).toBe(true);
    expect(unsettled('const r = /a\nb/;')).toBe(true);
  });

  it('ends on every prefix of a file, however it is cut', () => {
    const code =
      "const s = `a ${b({ c: 'd' })} e`; // f\n/* g */ const r = /[/]h/g;\nprisma.booking.update({ where: { id }, data: { paymentIntentId: x, 'k': `${y}` } });\nbooking.chargeId = 1 / 2;";
    for (let end = 0; end <= code.length; end++) {
      const result = quickScan(code.slice(0, end), 'x.ts', matches);
      expect(typeof result.certain).toBe('boolean');
    }
  });
});

describe('chainBefore: the callee member chain, read backwards', () => {
  // The regular expression it replaced (quadratic on long lines); the backward reading must agree with it.
  const CHAIN_BEFORE = /((?:[A-Za-z_$][\w$]*\s*\??\.\s*)*[A-Za-z_$][\w$]*)\s*$/;
  const byRegex = (text: string, end: number, dropTrailingDot: boolean): string[] => {
    let before = text.slice(Math.max(0, end - 200), end);
    if (dropTrailingDot) before = before.replace(/\??\.\s*$/, '');
    const chain = CHAIN_BEFORE.exec(before)?.[1];
    return chain ? chain.split(/\s*\??\.\s*/) : [];
  };

  it('reads chains with optional chaining, spaces and line breaks', () => {
    expect(chainBefore('await prisma . booking?.update', 30)).toEqual(['prisma', 'booking', 'update']);
    expect(chainBefore('a ?. b\n  .c  ', 13)).toEqual(['a', 'b', 'c']);
    expect(chainBefore('(x).foo', 7)).toEqual(['foo']);
    expect(chainBefore('9ab.c', 5)).toEqual(['ab', 'c']);
    expect(chainBefore('x.col', 2, { dropTrailingDot: true })).toEqual(['x']);
    expect(chainBefore(') ', 2)).toEqual([]);
  });

  it('agrees with the regular expression on random text, within the same 200-character window', () => {
    const alphabet = ['a', 'b', 'Z', '_', '$', '1', '9', '.', '?', ' ', '\n', '\t', '(', ')', '\u00a0', 'foo', 'x.y', '?.'];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let k = 0; k < 3000; k++) {
      let text = '';
      const length = next(k % 10 === 0 ? 260 : 24);
      for (let i = 0; i < length; i++) text += alphabet[next(alphabet.length)];
      const end = next(text.length + 1);
      const drop = next(2) === 1;
      expect(chainBefore(text, end, { dropTrailingDot: drop }), JSON.stringify([text, end, drop])).toEqual(byRegex(text, end, drop));
    }
  });

  it('is linear on a long line of dots and words', () => {
    const text = 'a.'.repeat(50_000) + 'b';
    const started = Date.now();
    for (let i = 0; i < 2000; i++) chainBefore(text, text.length);
    // 2,000 readings of a 200-character window: far under a second unless the reading is quadratic.
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
