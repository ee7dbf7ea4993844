// RDS IAM authentication as the API uses it: pg asks for the password at each new connection and gets a SigV4-signed
// rds-db:connect token for the proxy's host, port and user. A local stand-in for Postgres speaks the start of the
// wire protocol (startup, cleartext password request) and records exactly what the client sends.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { rdsIamPassword } from '../../cloud/db/rds-iam.ts';

interface Seen {
  params: Record<string, string>;
  password: string;
}

/** Answers startup with "send your password in clear", records it, then refuses the login. */
async function startPasswordCatcher(): Promise<{ port: number; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((socket: Socket) => {
    let buffer = Buffer.alloc(0);
    let params: Record<string, string> | null = null;
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!params) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const fields = buffer
          .subarray(8, length - 1)
          .toString('utf8')
          .split('\0');
        params = {};
        for (let i = 0; i + 1 < fields.length; i += 2) params[fields[i]!] = fields[i + 1]!;
        buffer = buffer.subarray(length);
        const ask = Buffer.alloc(9);
        ask.write('R', 0);
        ask.writeInt32BE(8, 1);
        ask.writeInt32BE(3, 5); // AuthenticationCleartextPassword
        socket.write(ask);
        return;
      }
      if (buffer.length < 5 || buffer[0] !== 0x70) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < length + 1) return;
      seen.push({ params, password: buffer.subarray(5, length).toString('utf8').replace(/\0$/, '') });
      const fields = Buffer.from('SFATAL\0C28P01\0Mstand-in stops here\0\0', 'utf8');
      const error = Buffer.alloc(5);
      error.write('E', 0);
      error.writeInt32BE(fields.length + 4, 1);
      socket.end(Buffer.concat([error, fields]));
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('Postgres through RDS Proxy with IAM tokens', () => {
  let catcher: Awaited<ReturnType<typeof startPasswordCatcher>>;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    delete process.env.AWS_SESSION_TOKEN;
    catcher = await startPasswordCatcher();
  });
  afterAll(async () => {
    process.env = saved;
    await catcher.close();
  });

  it('signs in with a presigned rds-db:connect token for the host, port and user, made afresh every 10 minutes', async () => {
    let now = Date.parse('2026-11-30T10:00:00Z');
    const hostname = 'ticketboss-proxy.proxy-abc.eu-central-1.rds.amazonaws.com';
    const password = rdsIamPassword(
      { hostname, port: 5432, username: 'ticketboss', region: 'eu-central-1' },
      () => now,
    );
    const db = createPostgresDb({
      host: '127.0.0.1',
      port: catcher.port,
      user: 'ticketboss',
      database: 'ticketboss',
      password,
      behindProxy: true,
      maxConnections: 1,
    });
    await expect(db.query('SELECT 1')).rejects.toThrow(/stand-in stops here/);
    const first = catcher.seen.at(-1)!;
    expect(first.params).toMatchObject({ user: 'ticketboss', database: 'ticketboss' });
    // Behind the proxy the startup carries no session options (they would pin the connection).
    expect(first.params.options).toBeUndefined();
    const token = new URL(`https://${first.password}`);
    expect(token.host).toBe(`${hostname}:5432`);
    expect(Object.fromEntries(token.searchParams)).toMatchObject({
      Action: 'connect',
      DBUser: 'ticketboss',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Expires': '900',
      'X-Amz-SignedHeaders': 'host',
    });
    expect(token.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIDEXAMPLE\/\d{8}\/eu-central-1\/rds-db\/aws4_request$/,
    );
    expect(token.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);

    // A new connection within 10 minutes reuses the token; after that, a new one.
    await expect(db.query('SELECT 1')).rejects.toThrow();
    expect(catcher.seen.at(-1)!.password).toBe(first.password);
    now += 11 * 60_000;
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the signature's timestamp has second resolution
    await expect(db.query('SELECT 1')).rejects.toThrow();
    expect(catcher.seen.at(-1)!.password).not.toBe(first.password);
    await db.close();
  });
});
