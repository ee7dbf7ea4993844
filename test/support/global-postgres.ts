// Vitest global setup: one real Postgres server for the whole run; each test file makes its own database on it, as a
// copy of a template database migrated here once (CREATE DATABASE … TEMPLATE copies files; migrating takes a second).
// Where no Postgres binaries exist the real-Postgres suites say so and skip — except in CI, where that is a failure.
import type { TestProject } from 'vitest/node';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { migrate } from '../../cloud/db/migrate.ts';
import { findPostgresBin, startPostgresServer } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    /** A migrated database on that server to copy (nobody connects to it: Postgres copies only an idle template). */
    postgresTemplate: string | null;
  }
}

const TEMPLATE = 'ticketboss_template';

export default async function setup(project: TestProject) {
  if (!findPostgresBin()) {
    if (process.env.CI) throw new Error('CI must run the real-Postgres suites, but no Postgres binaries were found.');
    console.warn('No Postgres binaries here: the real-Postgres suites will be skipped (install "postgresql").');
    project.provide('postgresUrl', null);
    project.provide('postgresTemplate', null);
    return;
  }
  // Each project that needs it runs this setup in the one Vitest process: the first starts the server, the others
  // share it; the first's teardown stops it, at the end of the run.
  const shared = globalThis as { ticketbossPostgres?: Promise<{ url: string; stop: () => Promise<void> }> };
  const first = !shared.ticketbossPostgres;
  const server = await (shared.ticketbossPostgres ??= startTemplated());
  project.provide('postgresUrl', server.url);
  project.provide('postgresTemplate', TEMPLATE);
  return first ? () => server.stop() : undefined;
}

/** The server, with the template database migrated. */
async function startTemplated(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = await startPostgresServer();
  try {
    const admin = createPostgresDb({ connectionString: server.url, maxConnections: 1 });
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
    await admin.close();
    const template = createPostgresDb({
      connectionString: server.url.replace(/\/postgres$/, `/${TEMPLATE}`),
      maxConnections: 1,
    });
    await migrate(template);
    await template.close();
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}
