// Live deltas (issue 20) through the local server's HTTP API on PGlite: a hold's change appears in the next delta
// document and the head moves; the snapshot names the version it is current to; the cache headers a CDN serves them
// by; bad versions, unknown events and versions out of the window answer problem+json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Availability, LiveDelta, LiveHead } from '../../cloud/contract/index.ts';
import { startLocalCloud, type LocalCloud } from '../../cloud/local/server.ts';
import { freshDb } from '../support/databases.ts';
import { createOnSaleEvent, ManualClock, smallHall } from '../support/world.ts';

describe('live delta documents', () => {
  let cloud: LocalCloud;
  let eventId: string;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    const db = await freshDb('pglite');
    cloud = await startLocalCloud({ port: 0, db, seed: false, clock, liveDeltaIntervalMs: 0 });
    const admin = cloud.services.admin;
    const venue = await admin.createVenue({ name: 'Delta Hall', city: 'Oslo', timezone: 'Europe/Oslo' });
    const map = await admin.importSeatMap(venue.id, smallHall());
    eventId = await createOnSaleEvent(cloud.services, map.id, ['MAIN', 'PIT'], { name: 'Deltas', currency: 'NOK' });
  });
  afterAll(async () => cloud.close());

  const get = async <T>(path: string) => {
    const response = await fetch(`${cloud.url}${path}`);
    return { status: response.status, headers: response.headers, body: (await response.json()) as T };
  };
  const head = () => get<LiveHead>(`/v1/events/${eventId}/live/head`);
  const delta = (version: number | string) => get<LiveDelta>(`/v1/events/${eventId}/live/deltas/${version}`);
  const hold = (body: unknown) =>
    fetch(`${cloud.url}/v1/events/${eventId}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
  /** The next second's document is written (the server does it once a second; here on the test's clock). */
  const nextSecond = async () => {
    clock.advance(1000);
    await cloud.services.liveDeltas!.flush();
  };

  it("puts a hold's change in the next document, moves the head, and the snapshot names the head it is current to", async () => {
    const before = await head();
    expect(before.status).toBe(200);
    expect(before.headers.get('cache-control')).toBe('public, max-age=1');
    const snapshot = await get<Availability>(`/v1/events/${eventId}/availability`);
    expect(snapshot.body.liveVersion).toBe(before.body.version);

    expect((await hold({ seatIds: ['MAIN-A-1', 'MAIN-A-2'] })).status).toBe(201);
    expect((await hold({ ga: { sectionId: 'PIT', quantity: 3 } })).status).toBe(201);
    await nextSecond();

    const after = await head();
    expect(after.body.version).toBe(before.body.version + 1);
    const document = await delta(after.body.version);
    expect(document.status).toBe(200);
    expect(document.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(document.body).toMatchObject({ eventId, version: after.body.version, previous: before.body.version });
    expect(document.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ seatId: 'MAIN-A-1', status: 'held' }),
        expect.objectContaining({ seatId: 'MAIN-A-2', status: 'held' }),
      ]),
    );
    expect(document.body.ga).toEqual([{ sectionId: 'PIT', remaining: 17 }]);
    // A snapshot read now is current to the new head: it has the seats held.
    expect((await get<Availability>(`/v1/events/${eventId}/availability`)).body.liveVersion).toBe(after.body.version);

    // A quiet second makes no document; the next change makes the next version.
    await nextSecond();
    expect((await head()).body.version).toBe(after.body.version);
    expect((await hold({ seatIds: ['MAIN-B-1'] })).status).toBe(201);
    await nextSecond();
    const third = await delta(after.body.version + 1);
    expect(third.body).toMatchObject({
      previous: after.body.version,
      changes: [{ seatId: 'MAIN-B-1', status: 'held' }],
    });
  });

  it('answers 404 for a version not made yet and 410 for one out of the window, as problem+json', async () => {
    const { body } = await head();
    const ahead = await fetch(`${cloud.url}/v1/events/${eventId}/live/deltas/${body.version + 1}`);
    expect(ahead.status).toBe(404);
    expect(ahead.headers.get('content-type')).toBe('application/problem+json');
    const gone = await fetch(`${cloud.url}/v1/events/${eventId}/live/deltas/${body.oldest - 1}`);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({
      type: expect.stringContaining('live_delta_gone'),
      errors: [{ field: 'version' }],
    });

    // Eleven minutes on, the documents left the window.
    clock.advance(11 * 60_000);
    expect((await delta(body.version)).status).toBe(410);
    expect((await head()).body).toMatchObject({ version: body.version, oldest: body.version + 1 });
  });

  it('refuses a bad version and an unknown event with 4xx problem+json', async () => {
    const bad = await fetch(`${cloud.url}/v1/events/${eventId}/live/deltas/1.5`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'version' }] });
    const unknown = await fetch(`${cloud.url}/v1/events/00000000-0000-4000-8000-000000000000/live/head`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    // Briefly cacheable, so the CDN answers repeats of an unknown id; a version not made yet stays uncached.
    expect(unknown.headers.get('cache-control')).toBe('public, max-age=10');
    const unknownDelta = await fetch(`${cloud.url}/v1/events/00000000-0000-4000-8000-000000000000/live/deltas/7`);
    expect(unknownDelta.status).toBe(404);
    expect(unknownDelta.headers.get('cache-control')).toBe('public, max-age=10');
    expect(await unknownDelta.json()).toMatchObject({ errors: [{ field: 'eventId' }] });
    const notYet = await fetch(`${cloud.url}/v1/events/${eventId}/live/deltas/${(await head()).body.version + 1}`);
    expect(notYet.status).toBe(404);
    expect(notYet.headers.get('cache-control')).toBe('no-store');
  });
});
