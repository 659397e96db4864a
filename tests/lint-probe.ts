/**
 * Runs a throwaway rule over a snippet with ESLint's Linter and the TypeScript parser, so utilities are
 * tested against real ASTs and real scope analysis.
 */
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

export type ProbeContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export function probe(
  code: string,
  create: (context: ProbeContext) => TSESLint.RuleListener,
  filename = 'file.ts',
): void {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,cjs,mjs,ts,tsx,mts,cts}'],
        languageOptions: { parser: tsParser as unknown as Linter.Parser, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: {
          probe: {
            rules: {
              probe: { meta: { type: 'problem', schema: [] }, create: create as never },
            },
          },
        },
        rules: { 'probe/probe': 'error' },
      },
    ],
    filename,
  );
  const fatal = messages.find((m) => m.fatal || m.ruleId === null);
  if (fatal) throw new Error(`probe failed: ${fatal.message}`);
}
