// The start every server benchmark shares: the schema migrated on the benchmark's Postgres, the services over it (no
// live publishing: the benches watch the API, not the seat view), and one venue, Bench Stadium, to import a map into.
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { migrate } from '../../cloud/db/migrate.ts';
import { createServices, type ServiceDeps } from '../../cloud/services/index.ts';

export async function benchVenue(connectionString: string, deps: Partial<Omit<ServiceDeps, 'db' | 'live'>> = {}) {
  const db = createPostgresDb({ connectionString, maxConnections: 4 });
  await migrate(db);
  const services = createServices({ ...deps, db, live: { publish: async () => {} } });
  const venue = await services.admin.createVenue({ name: 'Bench Stadium', city: 'Leeds', timezone: 'Europe/London' });
  return { db, services, venue };
}
