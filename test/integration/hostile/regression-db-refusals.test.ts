// The second line of defence behind the boundary: when a client's value reaches the database and the database refuses
// it (a NUL: 22021; a number out of range: 22003; text that is not a uuid: 22P02; a date that is not one: 22007/22008;
// too long: 22001), the answer is a 400 problem, never a 500, and it is logged as a warning (the boundary missed
// something). Both adapters: PGlite and the real Postgres (pg), whose errors carry the SQLSTATE alike.
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../cloud/http/app.ts';
import { LocalIdentityIssuer } from '../../../cloud/adapters/identity/local-issuer.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { createServices } from '../../../cloud/services/index.ts';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { RecordingLiveBus } from '../../support/world.ts';

const refusals: [string, string, unknown[]][] = [
  ['a NUL', 'SELECT $1::text', ['a\u0000b']],
  ['a number out of range', 'SELECT $1::int', ['99999999999']],
  ['text that is not a uuid', 'SELECT $1::uuid', ['not-a-uuid']],
  ['a date that is not one', 'SELECT $1::timestamptz', ['2030-02-30T25:00:00Z']],
  ['text too long', 'INSERT INTO short_text VALUES ($1)', ['abcd']],
];

describe.each(dbKinds())('a value the database refuses is a 400 (%s)', (kind) => {
  const dbs: Db[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });

  it('answers 400 invalid_value with a warning, not 500 with an error', async () => {
    // A table of its own beside the schema: the statements under test are the only queries.
    const db = await freshDb(kind, { maxConnections: 2 });
    dbs.push(db);
    await db.query('CREATE TABLE short_text (t varchar(3))');
    const services = createServices({ db, live: new RecordingLiveBus() });
    let refusal: [string, unknown[]] = ['SELECT 1', []];
    // The event list runs the statement under test, with the client's value, as if a route had let it through.
    const catalog = Object.create(services.catalog, {
      listEvents: { value: async () => (await db.query(refusal[0], refusal[1])).rows },
    }) as typeof services.catalog;
    const warned: string[] = [];
    const logged: string[] = [];
    const issuer = await LocalIdentityIssuer.create('ticketboss-test');
    const { app } = createApp({
      services: { ...services, catalog },
      verifier: issuer.verifier(),
      log: (message) => logged.push(message),
      warn: (message) => warned.push(message),
    });
    const answers = [];
    for (const [what, sql, params] of refusals) {
      refusal = [sql, params];
      const response = await app.request('/v1/events');
      const body = (await response.json()) as { type: string; detail: string };
      answers.push({
        what,
        status: response.status,
        type: body.type,
        contentType: response.headers.get('content-type'),
      });
      expect(body.detail).not.toMatch(/invalid|syntax|0x00|UTF8/i);
    }
    expect(answers).toEqual(
      refusals.map(([what]) => ({
        what,
        status: 400,
        type: 'https://ticketboss.dev/problems/invalid_value',
        contentType: 'application/problem+json',
      })),
    );
    expect(warned).toHaveLength(refusals.length);
    expect(logged).toEqual([]);
  });
});
