// Vitest global setup: one real Postgres server for the whole run; each test file makes its own database on it.
// Where no Postgres binaries exist the real-Postgres suites say so and skip — except in CI, where that is a failure.
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startPostgresServer } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  if (!findPostgresBin()) {
    if (process.env.CI) throw new Error('CI must run the real-Postgres suites, but no Postgres binaries were found.');
    console.warn('No Postgres binaries here: the real-Postgres suites will be skipped (install "postgresql").');
    project.provide('postgresUrl', null);
    return;
  }
  const server = await startPostgresServer();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
