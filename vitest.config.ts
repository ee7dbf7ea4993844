import { configDefaults, defineConfig } from 'vitest/config';

const timeouts = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    // Vitest's default on two cores is one worker (cores - 1): the files ran one after another while most of a file's
    // time is spent waiting on Chromium, Postgres or a child process. Two workers overlap that wait. (Both projects
    // share the setting: projects with different maxWorkers must run one after the other.)
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'app',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/infra/**'],
          ...timeouts,
          globalSetup: ['test/support/global-postgres.ts', 'test/support/global-web.ts'],
          pool: 'forks',
        },
      },
      {
        // The AWS estate, synthesized offline: no database, no browser. The files share one module graph per worker
        // so each shape of the estate is synthesized (and validated) once per worker, not once per file
        // (test/unit/infra/synth.ts keeps them).
        test: {
          name: 'infra',
          include: ['test/unit/infra/**/*.test.ts'],
          // A synth of the whole estate with both validators takes 15–30 s on two cores, several under load.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          pool: 'forks',
          isolate: false,
        },
      },
    ],
  },
});
