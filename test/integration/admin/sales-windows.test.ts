// Sales windows per channel (PGlite): the event's manager sets when the web shop, the kiosks and the box office sell;
// a hold through a channel outside its window is refused as sales_window_closed, inside it is made, and a channel
// without a window sells in the event's on-sale period. Bad windows are problems naming their field.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

const PROBLEM = 'https://ticketboss.dev/problems/';
const HOUR = 3_600_000;

describe('sales windows per channel on pglite', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let manager: string;
  let kiosk: string;
  let clerk: string;
  let seat = 0;

  const at = (hours: number) => new Date(world.clock.now().getTime() + hours * HOUR).toISOString();
  const setWindows = (windows: unknown[], bearer = manager) =>
    api.call('PUT', apiPaths.eventSalesWindows(world.eventId), { body: { windows }, bearer });
  const hold = (bearer?: string) =>
    api.call('POST', apiPaths.eventHolds(world.eventId), {
      body: { seatIds: [`MAIN-A-${++seat}`] },
      ...(bearer ? { bearer } : {}),
    });

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    api = await testApi(world.services);
    manager = await api.issuer.issue({ sub: 'manager-a', groups: ['venue_manager'], venueId: world.venueId });
    kiosk = await api.issuer.issue({ sub: randomUUID(), groups: ['kiosk'], venueId: world.venueId });
    clerk = await api.issuer.issue({ sub: 'clerk-a', groups: ['clerk'], venueId: world.venueId });
  });
  afterAll(async () => {
    await db.close();
  });

  it('refuses bad windows on their field, and another venue or a clerk', async () => {
    const backwards = await setWindows([{ channel: 'web', opensAt: at(2), closesAt: at(1) }]);
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors.map((e: { field: string }) => e.field)).toEqual(['windows.0.closesAt']);
    const afterStart = await setWindows([{ channel: 'kiosk', opensAt: at(1), closesAt: at(24 * 40) }]);
    expect(afterStart.status).toBe(400);
    expect(afterStart.body.errors.map((e: { field: string }) => e.field)).toEqual(['windows.0.closesAt']);
    const twice = await setWindows([
      { channel: 'web', opensAt: at(1), closesAt: at(2) },
      { channel: 'web', opensAt: at(3), closesAt: at(4) },
    ]);
    expect(twice.status).toBe(400);
    expect(twice.body.errors.map((e: { field: string }) => e.field)).toContain('windows');
    const far = await api.issuer.issue({ sub: 'manager-b', groups: ['venue_manager'], venueId: randomUUID() });
    expect((await setWindows([], far)).status).toBe(404);
    expect((await setWindows([], clerk)).status).toBe(403);
  });

  it('the web shop sells only inside its window', async () => {
    expect((await setWindows([{ channel: 'web', opensAt: at(2), closesAt: at(48) }])).status).toBe(200);
    const early = await hold();
    expect(early.status).toBe(409);
    expect(early.body.type).toBe(PROBLEM + 'sales_window_closed');
    expect(early.body.detail).toContain('web shop');
    // The other channels have no window: they sell in the event's on-sale period.
    expect((await hold(clerk)).status).toBe(201);
    world.clock.advance(2 * HOUR);
    expect((await hold()).status).toBe(201);
    expect((await hold(api.customerToken)).status).toBe(201);
  });

  it('kiosks stop selling when their window closes', async () => {
    expect((await setWindows([{ channel: 'kiosk', opensAt: at(-1), closesAt: at(1) }])).status).toBe(200);
    expect((await hold(kiosk)).status).toBe(201);
    world.clock.advance(HOUR);
    const closed = await hold(kiosk);
    expect(closed.status).toBe(409);
    expect(closed.body.type).toBe(PROBLEM + 'sales_window_closed');
    expect(closed.body.detail).toContain('kiosks');
    expect((await hold()).status).toBe(201);
  });

  it('the box office opens when its window opens, and the manager reads the windows back', async () => {
    const windows = [{ channel: 'boxoffice', opensAt: at(3), closesAt: at(100) }];
    expect((await setWindows(windows)).status).toBe(200);
    const early = await hold(clerk);
    expect(early.status).toBe(409);
    expect(early.body.type).toBe(PROBLEM + 'sales_window_closed');
    expect(early.body.detail).toContain('box office');
    world.clock.advance(3 * HOUR);
    expect((await hold(clerk)).status).toBe(201);
    const read = await api.call('GET', apiPaths.eventSalesWindows(world.eventId), { bearer: manager });
    expect(read.body).toEqual({ windows });
    const entries = await db.query<{ action: string; actor_sub: string }>(
      `SELECT action, actor_sub FROM audit_log WHERE object_id = $1`,
      [world.eventId],
    );
    expect(entries.rows).toHaveLength(3);
    expect(entries.rows.every((e) => e.action === 'event.sales_windows' && e.actor_sub === 'manager-a')).toBe(true);
  });
});
