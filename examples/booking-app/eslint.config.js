import tsParser from '@typescript-eslint/parser';
import bookingPayment from 'eslint-plugin-booking-payment';

export default [
  { ignores: ['node_modules/', 'dist/'] },
  // TypeScript files need the TypeScript parser; JavaScript files use ESLint's own.
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  // The plugin's rules for .ts/.js files and the `.prisma` language for the schema.
  ...bookingPayment.configs.recommended,
];
