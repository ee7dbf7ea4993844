// The role the API connects as (through RDS Proxy, with IAM tokens): it may read and write rows, not change the
// schema; its timeouts are the role's defaults, so connections carry no session state the proxy would pin.
import type { Db } from './port.ts';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function ensureAppRole(db: Db, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`not a role name: ${role}`);
  // Identifiers cannot be parameters; the name is checked above and quoted.
  const name = `"${role}"`;
  await db.transaction(async (tx) => {
    const exists = await tx.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (exists.rows.length === 0) await tx.exec(`CREATE ROLE ${name} LOGIN`);
    // rds_iam exists only on RDS: membership lets the role sign in with IAM tokens instead of a password.
    const rdsIam = await tx.query(`SELECT 1 FROM pg_roles WHERE rolname = 'rds_iam'`);
    if (rdsIam.rows.length > 0) await tx.exec(`GRANT rds_iam TO ${name}`);
    await tx.exec(`GRANT USAGE ON SCHEMA public TO ${name}`);
    await tx.exec(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${name}`);
    await tx.exec(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${name}`);
    await tx.exec(`ALTER ROLE ${name} SET lock_timeout = '3s'`);
    await tx.exec(`ALTER ROLE ${name} SET statement_timeout = '20s'`);
    await tx.exec(`ALTER ROLE ${name} SET timezone = 'UTC'`);
  });
}
