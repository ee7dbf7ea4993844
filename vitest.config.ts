import { configDefaults, defineConfig } from 'vitest/config';
import { lingui } from '@lingui/vite-plugin';

const timeouts = { testTimeout: 60_000, hookTimeout: 120_000 };

/**
 * Files that must load their modules in a fresh process: the X-Ray SDK reads whether it runs in a Lambda (and where
 * its daemon is) when Node first loads it, once per process, so in a worker that another file's Lambda handler
 * loaded it in first, the traced file sees no trace.
 */
const FRESH_PROCESS_SUITES = ['test/integration/lambda-observability.test.ts'];

/** Browser suites that time the product itself: they run alone. */
const TIMED_BROWSER_SUITES = [
  'test/e2e/admin-reports.test.ts',
  'test/e2e/organizer-story.test.ts',
  'test/e2e/bridge-renderer.test.ts',
];

function browserProject(
  name: string,
  files: { include?: string[]; exclude?: string[]; maxWorkers: number; groupOrder: number },
) {
  return {
    test: {
      name,
      include: files.include ?? ['test/e2e/**/*.test.ts'],
      exclude: [...configDefaults.exclude, ...(files.exclude ?? [])],
      // A browser case walks many screens; two at a time on two cores, some take half a minute.
      testTimeout: 120_000,
      hookTimeout: 120_000,
      globalSetup: ['test/support/global-postgres.ts', 'test/support/global-pglite.ts', 'test/support/global-web.ts'],
      pool: 'forks' as const,
      // The suites' own imports (the local cloud, Playwright) once per worker.
      isolate: false,
      maxWorkers: files.maxWorkers,
      sequence: { groupOrder: files.groupOrder },
    },
  };
}

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
          exclude: [...configDefaults.exclude, 'test/unit/infra/**', ...FRESH_PROCESS_SUITES],
          ...timeouts,
          globalSetup: ['test/support/global-postgres.ts', 'test/support/global-pglite.ts'],
          pool: 'forks',
          // One module graph per worker, not one per file: a file's imports (the services, PGlite, the AWS SDK) took
          // about a third of the project's time when each file loaded them afresh. So a file leaves nothing behind
          // (globals unstubbed, process.env restored, servers and databases closed), and one that loads modules which
          // read process.env when they load (a Lambda's handler) loads them afresh (vi.resetModules). A run with
          // `sequence: { shuffle: { files: true } }` here finds a file that depends on another's leftovers.
          isolate: false,
          maxWorkers: 2,
        },
      },
      {
        // The few `app` files that need a process of their own (FRESH_PROCESS_SUITES), beside it.
        test: {
          name: 'app-fresh',
          include: FRESH_PROCESS_SUITES,
          ...timeouts,
          globalSetup: ['test/support/global-postgres.ts'],
          pool: 'forks',
          isolate: true,
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
      // The browser suites (Chromium over the production web build), after the others: two files at a time, each
      // driving a whole shop or back office, then, one at a time, the few whose checks are about time ("on the open
      // dashboard within 2 s"), which are about the product, not about a second Chromium beside them.
      browserProject('browser', { exclude: TIMED_BROWSER_SUITES, maxWorkers: 2, groupOrder: 1 }),
      browserProject('browser-timed', { include: TIMED_BROWSER_SUITES, maxWorkers: 1, groupOrder: 2 }),
    ],
  },
});
