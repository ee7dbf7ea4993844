// The waiting room as the API's own role (db/app-role.ts: rows only, no schema changes), on real Postgres: saving an
// event's queue makes its arrival sequence through migration 0033's SECURITY DEFINER function, and the role can then
// draw numbers from it and read how many were drawn; and it marks a queued hold with its place through migration
// 0037's function (its transaction lock and its read of the place's basket).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedPostgresDatabase, postgresUrl } from '../../support/databases.ts';
import { buildWorld } from '../../support/world.ts';
import { createPostgresDb } from '../../../cloud/db/postgres.ts';
import { ensureAppRole } from '../../../cloud/db/app-role.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { arrivalsSoFar, joinAsAccount, nextArrival, saveQueueSettings } from '../../../cloud/db/queue.ts';
import { arrivalForSolution } from '../../../cloud/db/queue-solutions.ts';
import { openQueueRow } from '../../support/queue.ts';
import { holdSeats } from '../../../cloud/db/inventory/holds.ts';
import { admitQueueHold } from '../../../cloud/db/queue-baskets.ts';

describe.skipIf(!postgresUrl())('the waiting room as the API role', () => {
  let owner: Db;
  let app: Db;
  let eventId: string;
  let worldNow: Date;

  beforeAll(async () => {
    const url = await createMigratedPostgresDatabase();
    owner = createPostgresDb({ connectionString: url, maxConnections: 2 });
    const role = `app_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await ensureAppRole(owner, role);
    const world = await buildWorld(owner);
    eventId = world.eventId;
    worldNow = world.clock.now();
    const asRole = new URL(url);
    asRole.username = role;
    app = createPostgresDb({ connectionString: asRole.toString(), maxConnections: 2 });
  });
  afterAll(async () => {
    await app?.close();
    await owner?.close();
  });

  it('saves the queue, draws arrival numbers and counts them', async () => {
    const now = new Date();
    await app.transaction((tx) => saveQueueSettings(tx, openQueueRow(eventId, now), 'manager', now));
    expect(await arrivalsSoFar(app, eventId)).toBe(0);
    expect([await nextArrival(app, eventId), await nextArrival(app, eventId)]).toEqual([1, 2]);
    expect(await joinAsAccount(app, eventId, 'account-1', now)).toBe(3);
    expect(await arrivalsSoFar(app, eventId)).toBe(3);
    // A solution's arrival (migration 0034's queue_solutions): drawn once, the same on a replay.
    const solution = Buffer.alloc(32, 7);
    expect(await arrivalForSolution(app, eventId, solution, now)).toBe(4);
    expect(await arrivalForSolution(app, eventId, solution, now)).toBe(4);
    // The role still may not change the schema itself.
    await expect(app.query('CREATE SEQUENCE not_allowed')).rejects.toThrow();
  });

  it('marks a queued hold with its place, within the basket', async () => {
    const holdId = randomUUID();
    const expiresAt = new Date(worldNow.getTime() + 600_000);
    const base = { eventId, tokenHash: holdId, ownerSub: null, totalAmount: 5000, currency: 'EUR', now: worldNow };
    const made = await holdSeats(app, { ...base, holdId, expiresAt }, ['MAIN-A-1', 'MAIN-A-2']);
    expect(made.outcome).toBe('held');
    expect(await admitQueueHold(app, { id: holdId, eventId }, 7, 2, worldNow)).toEqual({ marked: true, taken: 0 });
    const next = randomUUID();
    expect((await holdSeats(app, { ...base, holdId: next, expiresAt }, ['MAIN-A-3'])).outcome).toBe('held');
    expect(await admitQueueHold(app, { id: next, eventId }, 7, 2, worldNow)).toEqual({ marked: false, taken: 2 });
  });
});
