// The device's catalog reads against the real local cloud: cached with their ETags, revalidated (a seat map or an
// event that did not change comes back as 304 and is not sent again), and — with the cloud stopped — the event, its
// seat map and its last availability still open from the cache, marked offline, until the cloud is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Availability, EventDetail, SeatMap } from '../../../cloud/contract/index.ts';
import { openCache } from '../../../main/cache/database.ts';
import { HttpCache } from '../../../main/cache/http-cache.ts';
import { CatalogFetcher, type ConnectionState } from '../../../main/sync/catalog-fetcher.ts';
import { startLocalCloud } from '../../../cloud/local/server.ts';
import { freshDb } from '../../support/databases.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';

const dir = mkdtempSync(join(tmpdir(), 'ticketboss-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('catalog on the device', () => {
  it('revalidates by ETag, and opens an event from the cache while the cloud is down', async () => {
    const pg = await freshDb('pglite');
    let cloud = await startLocalCloud({ port: 0, db: pg, seed: false });
    const port = cloud.port;
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Graz', timezone: 'Europe/Vienna' });
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, smallHall(5, 10));
    const eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Offline Opera' });
    await cloud.services.holds.create(eventId, { seatIds: ['MAIN-A-1'] });

    const db = openCache(join(dir, 'device.db'));
    const cache = new HttpCache(db);
    const fetcher = new CatalogFetcher(cloud.url, cache, { timeoutMs: 1000 });
    const states: ConnectionState[] = [];
    fetcher.onState((state) => states.push(state));

    const open = async () => {
      const event = await fetcher.get<EventDetail>(`/v1/events/${eventId}`);
      const map = await fetcher.get<SeatMap>(`/v1/seatmaps/${event.value.seatmapId}`);
      const availability = await fetcher.get<Availability>(`/v1/events/${eventId}/availability`);
      return { event, map, availability };
    };
    const online = await open();
    expect(online.event.offline).toBe(false);
    expect(online.map.value.seats).toHaveLength(50);
    expect(cache.get(`/v1/seatmaps/${seatmap.id}`)!.etag).toMatch(/.+/);
    expect(cache.get(`/v1/events/${eventId}`)!.etag).toMatch(/.+/);

    // Unchanged event and seat map: the cloud answers 304 and the cached copies are used.
    const requests: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await realFetch(input, init);
      requests.push(`${response.status} ${String(input).replace(cloud.url, '')}`);
      return response;
    }) as typeof fetch;
    try {
      await open();
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(requests).toEqual([
      `304 /v1/events/${eventId}`,
      `304 /v1/seatmaps/${seatmap.id}`,
      `200 /v1/events/${eventId}/availability`,
    ]);

    // The cloud goes away: the event still opens, from the cache, marked offline.
    await cloud.close();
    const offline = await open();
    expect(offline.event.offline).toBe(true);
    expect(offline.event.value.name).toBe('Offline Opera');
    expect(offline.map.value.seats).toHaveLength(50);
    expect(offline.availability.value.statuses).toBe(online.availability.value.statuses);
    expect(fetcher.state).toBe('offline');

    // Back on the same address: online again by itself on the next read.
    cloud = await startLocalCloud({ port, db: pg, seed: false });
    const back = await open();
    expect(back.event.offline).toBe(false);
    expect(states).toEqual(['offline', 'online']);
    await cloud.close();
    db.close();
    await pg.close();
  }, 60_000);
});
