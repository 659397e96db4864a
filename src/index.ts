import { createRequire } from 'node:module';

import type { TSESLint } from '@typescript-eslint/utils';

import { prismaLanguage } from './languages/prisma/index.js';
import { rules } from './rules/index.js';
import { prismaRules } from './rules/prisma-rules.js';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const NAMESPACE = 'booking-payment';

/** The files the JavaScript/TypeScript rules apply to. */
const SCRIPT_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'];

/** The files the `booking-payment/prisma` language and its rules apply to. */
const PRISMA_FILES = ['**/*.prisma'];

type RuleName = keyof typeof rules;

const ruleNames = Object.keys(rules) as RuleName[];

function ruleLevels(filter: (name: RuleName) => boolean): TSESLint.FlatConfig.Rules {
  return Object.fromEntries(
    ruleNames.filter(filter).map((name) => [`${NAMESPACE}/${name}`, 'error' as const]),
  );
}

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: NAMESPACE },
  rules: { ...rules, ...prismaRules },
  languages: { prisma: prismaLanguage },
  configs: {} as Record<'recommended' | 'strict', TSESLint.FlatConfig.ConfigArray>,
};

const recommendedScriptRules = ruleLevels((name) => rules[name].meta.docs?.recommended === true);

plugin.configs.recommended = [
  {
    name: `${NAMESPACE}/recommended`,
    files: SCRIPT_FILES,
    plugins: { [NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: recommendedScriptRules,
  },
  {
    name: `${NAMESPACE}/recommended/prisma`,
    files: PRISMA_FILES,
    plugins: { [NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    language: `${NAMESPACE}/prisma`,
    rules: { [`${NAMESPACE}/prisma-booking-payment-column`]: 'error' },
  },
];

plugin.configs.strict = [
  {
    name: `${NAMESPACE}/strict`,
    files: SCRIPT_FILES,
    plugins: { [NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    rules: {
      ...ruleLevels(() => true),
      [`${NAMESPACE}/require-booking-id-metadata`]: ['error', { requirePaymentIntentMetadata: true }],
      [`${NAMESPACE}/require-booking-payment-column`]: ['error', { requireUnique: true }],
    },
  },
  {
    name: `${NAMESPACE}/strict/prisma`,
    files: PRISMA_FILES,
    plugins: { [NAMESPACE]: plugin as unknown as TSESLint.FlatConfig.Plugin },
    language: `${NAMESPACE}/prisma`,
    rules: { [`${NAMESPACE}/prisma-booking-payment-column`]: ['error', { requireUnique: true }] },
  },
];

export default plugin;
