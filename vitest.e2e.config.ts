import { defineConfig } from 'vitest/config';

// End-to-end tests: the packed plugin installed in fresh projects with ESLint 10 and ESLint 9 from the
// registry, run the way users run it. `npm run test:e2e` builds first.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
