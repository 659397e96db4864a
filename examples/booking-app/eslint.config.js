import tsParser from '@typescript-eslint/parser';
import bookingPayment from 'eslint-plugin-booking-payment';

export default [
  { ignores: ['node_modules/', 'dist/'] },
  // TypeScript files need the TypeScript parser; JavaScript files use ESLint's own.
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  // The plugin's rules for .ts/.js files.
  ...bookingPayment.configs.recommended,
  // The `.prisma` language and its rule for the schema (opt-in: squiggles in schema.prisma).
  ...bookingPayment.configs.prisma,
];
