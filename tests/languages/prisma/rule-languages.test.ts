// `meta.languages` on the `.prisma` rule: ESLint 10 refuses a config that turns it on for another language;
// ESLint 9 ignores the key (the rule then stays silent on scripts). CI runs this file on both majors.
import path from 'node:path';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../../../src/index.js';
import rule from '../../../src/rules/prisma-booking-payment-column.js';
import { fixturesDir } from '../../rule-tester.js';

const pluginEntry = plugin as unknown as NonNullable<Linter.Config['plugins']>[string];
const major = Number(Linter.version.split('.')[0]);
const ruleId = 'booking-payment/prisma-booking-payment-column';

describe('prisma-booking-payment-column declares the language it lints', () => {
  it('meta.languages names the plugin\'s Prisma language', () => {
    expect(rule.meta?.languages).toEqual(['booking-payment/prisma']);
  });

  it('is accepted for the Prisma language, also when the plugin is registered under another name', () => {
    const filename = path.join(fixturesDir, 'prisma', 'not-unique', 'prisma', 'schema.prisma');
    const linter = new Linter({ cwd: path.join(fixturesDir, 'prisma', 'not-unique') });
    const messages = linter.verify(
      'model Booking {\n  id String @id\n}\n',
      [{ files: ['**/*.prisma'], plugins: { bp: pluginEntry }, language: 'bp/prisma', rules: { 'bp/prisma-booking-payment-column': 'error' } }],
      filename,
    );
    expect(messages.map((m) => [m.ruleId, m.line])).toEqual([['bp/prisma-booking-payment-column', 1]]);
  });

  it(major >= 10 ? 'ESLint 10 refuses it for JavaScript' : 'ESLint 9 accepts it for JavaScript, where it stays silent', () => {
    const linter = new Linter();
    const run = () => linter.verify('const a = 1;\n', [{ files: ['**/*.js'], plugins: { 'booking-payment': pluginEntry }, rules: { [ruleId]: 'error' } }], 'a.js');
    if (major >= 10) expect(run).toThrow(/do not support the language "js\/js"/);
    else expect(run()).toEqual([]);
  });
});
