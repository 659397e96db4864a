// Self-lint: our own rules are checked by eslint-plugin-eslint-plugin.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tsParser from '@typescript-eslint/parser';

export default [
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', 'examples/', 'tests/fixtures/', 'bench/.corpus/', 'tests/.tmp/'],
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  },
  {
    files: ['src/rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
  },
  {
    files: ['tests/rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
  },
];
