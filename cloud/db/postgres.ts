// Db adapter for a real Postgres server (RDS in AWS, a local server in tests) over a pg pool.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, QueryResult, Queryable } from './port.ts';

export interface PostgresOptions {
  /** A connection string, or the parts below (RDS Proxy: host, user, database and an IAM token as the password). */
  connectionString?: string;
  host?: string;
  port?: number;
  user?: string;
  database?: string;
  /** A fixed password, or a function asked for one at every new connection (an RDS IAM auth token). */
  password?: string | (() => Promise<string>);
  /** TLS to the server, verified (RDS Proxy's certificate is public; an RDS instance's needs the RDS CA bundle). */
  ssl?: boolean | { ca: string[] };
  /**
   * Behind RDS Proxy: no session state, so the proxy can share server connections between Lambdas — unnamed
   * statements instead of named prepared ones, and the timeouts come from the database role, not the startup options.
   */
  behindProxy?: boolean;
  maxConnections?: number;
  /** A lock wait longer than this becomes a retryable contention error, never a hung request. */
  lockTimeoutMs?: number;
  statementTimeoutMs?: number;
}

export function createPostgresDb(options: PostgresOptions): Db {
  const pool = new pg.Pool({
    ...(options.connectionString ? { connectionString: options.connectionString } : {}),
    ...(options.host ? { host: options.host, port: options.port ?? 5432 } : {}),
    ...(options.user ? { user: options.user } : {}),
    ...(options.database ? { database: options.database } : {}),
    ...(options.password ? { password: options.password } : {}),
    ...(options.ssl
      ? { ssl: { rejectUnauthorized: true, ...(typeof options.ssl === 'object' ? { ca: options.ssl.ca } : {}) } }
      : {}),
    max: options.maxConnections ?? 10,
    ...(options.behindProxy
      ? {}
      : {
          options: `-c lock_timeout=${options.lockTimeoutMs ?? 3000} -c statement_timeout=${options.statementTimeoutMs ?? 20000} -c timezone=UTC`,
        }),
  });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});

  // Every parameterized query runs as a named prepared statement: Postgres parses and plans it once per connection
  // instead of on every hold, which is most of its CPU on the hold path. Our SQL texts are fixed, so names are few.
  const names = new Map<string, string>();
  const nameOf = (sql: string) => {
    let name = names.get(sql);
    if (!name) names.set(sql, (name = 'tb_' + createHash('sha1').update(sql).digest('hex').slice(0, 20)));
    return name;
  };
  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>> {
      const result = params
        ? await client.query(
            options.behindProxy
              ? { text: sql, values: params as unknown[] }
              : { name: nameOf(sql), text: sql, values: params as unknown[] },
          )
        : await client.query(sql);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
  });

  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const tx = { ...wrap(client), exec: async (sql: string) => void (await client.query(sql)) };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
