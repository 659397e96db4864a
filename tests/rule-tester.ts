import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A RuleTester for TypeScript files, without type information. */
export function createRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: { parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  });
}

/** A RuleTester with type information from tests/fixtures/typed (the real `stripe` package's types). */
export function createTypedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: {
        tsconfigRootDir: path.join(fixturesDir, 'typed'),
        project: './tsconfig.json',
      },
    },
  });
}

/** The file name typed cases must use (it is part of the fixture project). */
export const TYPED_FILE = 'file.ts';
