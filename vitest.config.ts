import { configDefaults, defineConfig } from 'vitest/config';
import { lingui } from '@lingui/vite-plugin';

const timeouts = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        // Unit and integration tests (PGlite, and the real Postgres server global-postgres starts). Vitest's default
        // on two cores is one worker (cores - 1), so files ran one after another while much of a file's time waits on
        // Postgres or a child process: two workers overlap that wait.
        // Renderer modules import Lingui catalogs (`…json?lingui`), compiled as in the web build.
        plugins: [lingui()],
        test: {
          name: 'app',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/infra/**'],
          ...timeouts,
          globalSetup: ['test/support/global-postgres.ts', 'test/support/global-pglite.ts'],
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        // The AWS estate, synthesized offline: no database, no browser. The files share one module graph per worker
        // so each shape of the estate is synthesized (and validated) once per worker, not once per file
        // (test/unit/infra/synth.ts keeps them). Runs beside `app` (projects run together need the same maxWorkers).
        test: {
          name: 'infra',
          include: ['test/unit/infra/**/*.test.ts'],
          // A synth of the whole estate with both validators takes 15–30 s on two cores, several under load.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          pool: 'forks',
          isolate: false,
          maxWorkers: 2,
        },
      },
      {
        // The browser suites (Chromium over the production web build), after the others and one file at a time: each
        // drives a whole shop or back office on a two-core machine, and their "within 2 s" and idle-timer checks are
        // about the product, not about a second Chromium beside them.
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          ...timeouts,
          globalSetup: [
            'test/support/global-postgres.ts',
            'test/support/global-pglite.ts',
            'test/support/global-web.ts',
          ],
          pool: 'forks',
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
