import { createRequire } from 'node:module';

import type { ESLint, Linter } from 'eslint';

import { prismaLanguage } from './languages/prisma/index.js';
import { registry, type RuleLanguage, type RuleName } from './rules/index.js';

const pkg = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

const NAMESPACE = 'booking-payment';

/**
 * The files each rule language applies to.
 *
 * The script entry matches JavaScript/TypeScript files only through "universal" patterns (ESLint's term: a
 * pattern that starts with `!` or ends with `/*` or `/**`). Such an entry applies to the files the rest of
 * the user's config has ESLint lint (`.js/.mjs/.cjs` by default, `.ts/.tsx` through their TypeScript
 * parser entry or typescript-eslint's configs) but never makes ESLint lint a file by itself: spread last
 * into any config stack, it cannot bring a `.jsx` file to a parser without JSX, or a `.prisma` file to
 * another plugin's JavaScript rules. The nested list is an AND: any file, and not a file whose name does not
 * end in a script extension.
 */
const FILES: Readonly<Record<RuleLanguage, (string | string[])[]>> = {
  script: [['**/*', '!**/!(*.@(js|mjs|cjs|jsx|ts|mts|cts|tsx))']],
  prisma: ['**/*.prisma'],
};

/**
 * The plugin's public type, written in ESLint's own types (the user's installed `eslint`, 9 or 10), so that
 * `defineConfig(...)`, `Linter.Config[]` and `ESLint.Plugin` accept it in an `eslint.config.ts`.
 */
export interface BookingPaymentPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: NonNullable<ESLint.Plugin['rules']>;
  languages: NonNullable<ESLint.Plugin['languages']>;
  configs: {
    /** Every recommended rule, on the JavaScript/TypeScript files the rest of the config lints; adds no file. */
    recommended: Linter.Config[];
    /** `recommended` with the stricter options, and every script rule on. */
    strict: Linter.Config[];
    /** Opt-in: the `booking-payment/prisma` language and its rules for `**\/*.prisma`. */
    prisma: Linter.Config[];
    /** `prisma` with the stricter options (`requireUnique`), to pair with `strict`. */
    'prisma-strict': Linter.Config[];
  };
}

const ruleNames = Object.keys(registry) as RuleName[];

/** `booking-payment/<name>: 'error'` for the rules of one language that pass `filter`. */
function ruleLevels(language: RuleLanguage, filter: (name: RuleName) => boolean): Linter.RulesRecord {
  return Object.fromEntries(
    ruleNames
      .filter((name) => registry[name].language === language && filter(name))
      .map((name) => [`${NAMESPACE}/${name}`, 'error' as const]),
  );
}

const isRecommended = (name: RuleName): boolean => {
  const { meta } = registry[name].rule as { meta?: { docs?: { recommended?: unknown } } };
  return meta?.docs?.recommended === true;
};

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: NAMESPACE },
  rules: Object.fromEntries(ruleNames.map((name) => [name, registry[name].rule])),
  languages: { prisma: prismaLanguage },
  configs: {},
} as unknown as BookingPaymentPlugin;

const plugins = { [NAMESPACE]: plugin };

plugin.configs = {
  recommended: [
    {
      name: `${NAMESPACE}/recommended`,
      files: FILES.script,
      plugins,
      rules: ruleLevels('script', isRecommended),
    },
  ],
  strict: [
    {
      name: `${NAMESPACE}/strict`,
      files: FILES.script,
      plugins,
      rules: {
        ...ruleLevels('script', () => true),
        [`${NAMESPACE}/require-booking-id-metadata`]: ['error', { requirePaymentIntentMetadata: true }],
        [`${NAMESPACE}/require-booking-payment-column`]: ['error', { requireUnique: true }],
      },
    },
  ],
  prisma: [
    {
      name: `${NAMESPACE}/prisma`,
      files: FILES.prisma,
      plugins,
      language: `${NAMESPACE}/prisma`,
      rules: ruleLevels('prisma', isRecommended),
    },
  ],
  'prisma-strict': [
    {
      name: `${NAMESPACE}/prisma-strict`,
      files: FILES.prisma,
      plugins,
      language: `${NAMESPACE}/prisma`,
      rules: {
        ...ruleLevels('prisma', () => true),
        [`${NAMESPACE}/prisma-booking-payment-column`]: ['error', { requireUnique: true }],
      },
    },
  ],
};

export default plugin;
