import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/support/global-postgres.ts', 'test/support/global-web.ts'],
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
