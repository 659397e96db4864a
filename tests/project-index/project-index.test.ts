import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { afterEach, describe, expect, it } from 'vitest';

import {
  clearProjectIndexCache,
  getProjectIndex,
  setProjectIndexFileLimit,
  setProjectIndexTtl,
} from '../../src/project-index/index.js';
import { scanProgram } from '../../src/project-index/program-scan.js';
import { quickScan } from '../../src/project-index/quick-scan/scanner.js';
import { findProjectRoot } from '../../src/project-index/root.js';
import { listSourceFiles } from '../../src/project-index/walk.js';
import { isProviderIdColumn } from '../../src/config/vocabulary.js';
import { fixturesDir } from '../rule-tester.js';
import { projectWriter } from '../temp-project.js';

const projects = path.join(fixturesDir, 'projects');
const tempProject = projectWriter('bp-index-');

afterEach(() => setProjectIndexTtl(2000));
const STORE = `export async function onPaid(prisma, pi) {
  await prisma.booking.update({ where: { id: pi.metadata.bookingId }, data: { paymentIntentId: pi.id } });
}
`;

function scan(code: string): string[] {
  const ast = parse(code, { loc: true, range: true, jsx: false }) as unknown as TSESTree.Program;
  return scanProgram(ast, 'x.ts', (n) => isProviderIdColumn(n)).map((w) => `${w.kind}:${w.delegate}.${w.idColumn}@${w.line}`);
}

describe('scanProgram', () => {
  it('finds Prisma writes, other ORMs’ writes and entity assignments of a provider-id column', () => {
    expect(
      scan(`
        prisma.booking.update({ where: { id }, data: { paymentIntentId: pi.id } });
        tx.payment.create({ data: { booking: { connect: { id } }, stripeSessionId: s.id } });
        repo.update(id, { checkoutSessionId: s.id });
        db.update(bookings).set({ stripePaymentIntentId: pi.id });
        booking.paymentIntentId = pi.id;
        const data = { externalId: x };
        prisma.payment.create({ data });
      `),
    ).toEqual([
      'model-write:booking.paymentIntentId@2',
      'model-write:payment.stripeSessionId@3',
      'orm-write:repo.checkoutSessionId@4',
      'orm-write:update.stripePaymentIntentId@5',
      'assignment:booking.paymentIntentId@6',
      'model-write:payment.externalId@7',
    ]);
  });

  it('ignores lookups, provider metadata, responses, provider calls and nulls', () => {
    expect(
      scan(`
        prisma.booking.update({ where: { paymentIntentId: pi.id }, data: { status: 'paid' } });
        prisma.booking.findFirst({ where: { paymentIntentId: x } });
        stripe.paymentIntents.create({ amount: 1, metadata: { orderId: o.id } });
        stripe.paymentIntents.update(pi.id, { metadata: { orderId: o.id } });
        res.json({ paymentIntentId: pi.id });
        prisma.booking.update({ where: { id }, data: { paymentIntentId: null } });
        booking.paymentIntentId = undefined;
      `),
    ).toEqual([]);
  });
});

describe('quickScan', () => {
  const matches = (n: string) => isProviderIdColumn(n);
  const summary = (ws: { kind: string; delegate: string; idColumn: string; line: number; column: number }[]) =>
    ws.map((w) => `${w.kind}:${w.delegate}.${w.idColumn}@${w.line}:${w.column}`);

  // Each snippet is settled without parsing, and agrees with the parser's answer.
  const certain = [
    "prisma.booking.update({ where: { id }, data: { status: 'paid', paymentIntentId: pi.id } });",
    'await tx.payment.createMany({ data: [{ bookingId, externalId: s.id }, { bookingId, externalId: t.id }] });',
    'prisma.booking.upsert({ where: { id }, create: { id, stripeSessionId }, update: { stripeSessionId } });',
    "repo.save({ ...booking, checkoutSessionId: session.id });\nconst re = /[{(]paymentIntentId:/g;",
    'booking.paymentIntentId = intent.id;\nthis.booking.stripeSessionId = s.id;',
    'logger.info({ orderId: o.id });\nres.json({ paymentIntentId: pi.id });',
    "stripe.paymentIntents.create({ amount: 1, metadata: { orderId: o.id } });",
    "prisma.booking.findFirst({ where: { paymentIntentId: id } });",
    "prisma.booking.update({ where: { paymentIntentId: pi.id }, data: { paymentIntentId: null } });",
    "const s = `data: { paymentIntentId: ${'{'} }`; // paymentIntentId: x\n/* data: { paymentIntentId: 1 } */",
    "function f(event: { paymentIntentId: string }) { return db.booking.update({ where: { id: 1 }, data: { paymentIntentId: event.paymentIntentId } }); }",
    "class Booking {\n  paymentIntentId: string | null = null;\n}\ninterface B { stripeSessionId?: string }",
    "const a = x / 2; const b = (y) / 3;\nprisma.booking.update({\n  where: { id },\n  data: {\n    chargeId: c.id,\n  },\n});",
  ];
  it.each(certain)('settles %s like the parser', (code) => {
    const quick = quickScan(code, 'x.ts', matches);
    expect(quick.certain).toBe(true);
    const ast = parse(code, { loc: true, range: true }) as unknown as TSESTree.Program;
    expect(summary(quick.writes)).toEqual(summary(scanProgram(ast, 'x.ts', matches)));
  });

  it('gives up (the file is parsed) where brackets alone cannot tell', () => {
    for (const code of [
      'const data = { paymentIntentId: pi.id };\nawait prisma.booking.update({ where: { id }, data });',
      'return { clientSecret, paymentIntentId: intent.id };',
      'prisma.booking.update<Args>({ data: { paymentIntentId: x } });',
      'const s = "unterminated\n paymentIntentId: x',
      'foo({ paymentIntentId: x ',
      // a quoted or computed key: the text scan cannot tell a key from a string, the parser can
      "prisma.booking.update({ where: { id }, data: { 'status': 'OK', 'paymentIntentId': pi.id } });",
      "prisma.booking.update({ where: { id }, data: { ['paymentIntentId']: pi.id } });",
    ]) {
      expect(quickScan(code, 'x.ts', matches).certain, code).toBe(false);
    }
  });
});

describe('findProjectRoot', () => {
  it('stops at the nearest lockfile or workspaces field, else uses cwd', () => {
    const dir = tempProject({
      'mono/package.json': JSON.stringify({ name: 'mono', workspaces: ['apps/*'] }),
      'mono/apps/web/package.json': JSON.stringify({ name: 'web' }),
      'mono/apps/web/src/a.ts': '',
      'yarn-proj/yarn.lock': '',
      'yarn-proj/src/deep/b.ts': '',
      'plain/src/c.ts': '',
    });
    expect(findProjectRoot(path.join(dir, 'mono/apps/web/src/a.ts'))).toBe(path.join(dir, 'mono'));
    expect(findProjectRoot(path.join(dir, 'yarn-proj/src/deep/b.ts'))).toBe(path.join(dir, 'yarn-proj'));
    // no ancestor qualifies below the temp folder; os.tmpdir() itself has no lockfile
    expect(findProjectRoot(path.join(dir, 'plain/src/c.ts'), path.join(dir, 'plain'))).toBe(path.join(dir, 'plain'));
  });
});

describe('listSourceFiles', () => {
  it('skips dependencies, build output, dot-folders, declarations and .gitignore’d paths', () => {
    const dir = tempProject({
      'package-lock.json': '{}',
      '.gitignore': 'generated/\n*.gen.ts\n',
      'src/a.ts': '',
      'src/b.tsx': '',
      'src/c.mjs': '',
      'src/types.d.ts': '',
      'src/x.gen.ts': '',
      'src/readme.md': '',
      'lib/.gitignore': 'secret.js\n',
      'lib/secret.js': '',
      'lib/open.cjs': '',
      'generated/g.ts': '',
      'node_modules/m/index.js': '',
      'dist/d.js': '',
      'build/b.js': '',
      '.next/n.js': '',
      'coverage/c.js': '',
      '.cache/k.js': '',
    });
    expect(
      listSourceFiles(dir)
        .map((f) => path.relative(dir, f).split(path.sep).join('/'))
        .sort(),
    ).toEqual(['lib/open.cjs', 'src/a.ts', 'src/b.tsx', 'src/c.mjs']);
  });
});

describe('getProjectIndex', () => {
  it('finds the webhook that stores the id, and nothing in a project that never does', () => {
    const stores = getProjectIndex(path.join(projects, 'webhook-stores/src/checkout.ts'));
    expect(stores.status).toBe('ok');
    expect(stores.root).toBe(path.join(projects, 'webhook-stores'));
    expect(stores.providerIdWrites.map((w) => [path.basename(w.file), w.line, w.column, w.delegate, w.idColumn])).toEqual([
      ['webhook.ts', 8, 34, 'booking', 'paymentIntentId'],
    ]);
    expect(stores.fileCount).toBe(3);
    // only the file that mentions a candidate column was read closely, and the quick scan settled it
    expect(stores.scannedCount).toBe(1);
    expect(stores.parsedCount).toBe(0);

    const none = getProjectIndex(path.join(projects, 'no-store/src/checkout.ts'));
    expect(none.status).toBe('ok');
    expect(none.providerIdWrites).toEqual([]);
  });

  it("takes the candidate columns from schema.prisma's booking model", () => {
    const index = getProjectIndex(path.join(projects, 'with-schema/src/checkout.ts'));
    expect(index.candidateColumns).toEqual(['stripePaymentIntentId']);
    // its webhook writes `paymentIntentId` into an audit log: not the booking's column
    expect(index.providerIdWrites).toEqual([]);
  });

  it('is unknown (error), not empty, when the tree has more files than it reads', () => {
    const dir = tempProject({
      'package-lock.json': '{}',
      'src/a.ts': 'export const a = 1;\n',
      'lib/webhook.ts': STORE,
    });
    setProjectIndexFileLimit(1);
    try {
      const index = getProjectIndex(path.join(dir, 'src/a.ts'));
      expect(index.status).toBe('error');
      expect(index.error).toMatch(/more than 1 source files/);
    } finally {
      setProjectIndexFileLimit();
      clearProjectIndexCache();
    }
    expect(getProjectIndex(path.join(dir, 'src/a.ts')).status).toBe('ok');
  });

  it('is cached, and sees files that change, appear and disappear once the TTL has passed', () => {
    const dir = tempProject({
      'package-lock.json': '{}',
      'src/checkout.ts': 'export const x = 1;\n',
      'src/webhook.ts': 'export const y = 2;\n',
    });
    const file = path.join(dir, 'src/checkout.ts');
    setProjectIndexTtl(60_000);
    const first = getProjectIndex(file);
    expect(first.providerIdWrites).toEqual([]);

    writeFileSync(path.join(dir, 'src/webhook.ts'), STORE);
    const future = new Date(Date.now() + 5_000);
    utimesSync(path.join(dir, 'src/webhook.ts'), future, future);
    // within the TTL: the cached snapshot, unchanged
    expect(getProjectIndex(file)).toBe(first);

    setProjectIndexTtl(0);
    const changed = getProjectIndex(file);
    expect(changed.providerIdWrites.map((w) => path.basename(w.file))).toEqual(['webhook.ts']);

    writeFileSync(path.join(dir, 'src/new-webhook.ts'), STORE);
    expect(getProjectIndex(file).providerIdWrites.map((w) => path.basename(w.file))).toEqual([
      'new-webhook.ts',
      'webhook.ts',
    ]);

    rmSync(path.join(dir, 'src/webhook.ts'));
    rmSync(path.join(dir, 'src/new-webhook.ts'));
    expect(getProjectIndex(file).providerIdWrites).toEqual([]);

    // a new folder, then a .gitignore edited in place that ignores it
    mkdirSync(path.join(dir, 'src/hooks'));
    writeFileSync(path.join(dir, 'src/hooks/stripe.ts'), STORE);
    expect(getProjectIndex(file).providerIdWrites.map((w) => path.basename(w.file))).toEqual(['stripe.ts']);
    writeFileSync(path.join(dir, '.gitignore'), '# nothing yet\n');
    expect(getProjectIndex(file).providerIdWrites).toHaveLength(1);
    writeFileSync(path.join(dir, '.gitignore'), 'src/hooks/\n');
    utimesSync(path.join(dir, '.gitignore'), future, future);
    expect(getProjectIndex(file).providerIdWrites).toEqual([]);
  });

  it('uses idColumns when there is no schema', () => {
    const dir = tempProject({
      'package-lock.json': '{}',
      'src/w.ts': 'prisma.booking.update({ where: { id }, data: { psp_reference: e.id } });\n',
    });
    const file = path.join(dir, 'src/a.ts');
    expect(getProjectIndex(file).providerIdWrites).toEqual([]);
    expect(getProjectIndex(file, { idColumns: ['psp_reference'] }).providerIdWrites.map((w) => w.idColumn)).toEqual([
      'psp_reference',
    ]);
    expect(getProjectIndex(file, { idColumns: ['/^psp_/'] }).providerIdWrites.map((w) => w.idColumn)).toEqual([
      'psp_reference',
    ]);
  });

  it('never throws: a missing folder gives an empty index, a file that does not parse is read as text', () => {
    clearProjectIndexCache();
    expect(() => getProjectIndex('/definitely/not/here/x.ts', { cwd: '/definitely/not/here' })).not.toThrow();
    const dir = tempProject({
      'package-lock.json': '{}',
      'src/broken.ts': 'export function (( { paymentIntentId: pi.id \n',
    });
    const index = getProjectIndex(path.join(dir, 'src/a.ts'));
    expect(index.status).toBe('ok');
    expect(index.providerIdWrites.map((w) => w.idColumn)).toEqual(['paymentIntentId']);
  });
});
