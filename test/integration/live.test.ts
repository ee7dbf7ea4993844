// The live seat view end to end: a real local server (HTTP and WebSocket on one port), a ws client subscribed to
// an event, and holds made through HTTP by another client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLocalCloud, type LocalCloud } from '../../cloud/local/server.ts';
import { freshDb } from '../support/databases.ts';
import { createOnSaleEvent, ManualClock, smallHall } from '../support/world.ts';
import { LiveClient } from '../support/live-client.ts';

describe('live seat view over WebSocket', () => {
  let cloud: LocalCloud;
  let eventId: string;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    const db = await freshDb('pglite');
    cloud = await startLocalCloud({ port: 0, db, seed: false, clock, sweepIntervalMs: 50 });
    const admin = cloud.services.admin;
    const venue = await admin.createVenue({ name: 'Live Hall', city: 'Oslo', timezone: 'Europe/Oslo' });
    const map = await admin.importSeatMap(venue.id, smallHall());
    eventId = await createOnSaleEvent(cloud.services, map.id, ['MAIN', 'PIT'], {
      name: 'Live',
      currency: 'NOK',
      amount: 30000,
      holdTtlSeconds: 60,
    });
  });
  afterAll(async () => cloud.close());

  const hold = (body: unknown) =>
    fetch(`${cloud.url}/v1/events/${eventId}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: await r.json() }));

  it('pushes a hold, a release and an expiry to subscribers within 100 ms, with growing versions', async () => {
    const watcher = await LiveClient.connect(cloud.url);
    watcher.send({ type: 'subscribe', eventId });
    expect(await watcher.next()).toEqual({ type: 'subscribed', eventId });

    // Warm the event's cached context so the figure is the push path, not the first load of the seat map.
    expect((await hold({ seatIds: ['MAIN-E-10'] })).status).toBe(201);
    await watcher.next();

    let started = performance.now();
    const created = await hold({ seatIds: ['MAIN-A-1', 'MAIN-A-2'] });
    expect(created.status).toBe(201);
    const held = await watcher.next();
    const heldLatency = performance.now() - started;
    expect(held).toMatchObject({
      type: 'changes',
      eventId,
      changes: [
        { seatId: 'MAIN-A-1', status: 'held' },
        { seatId: 'MAIN-A-2', status: 'held' },
      ],
    });

    started = performance.now();
    await fetch(`${cloud.url}/v1/holds/${created.body.id}`, {
      method: 'DELETE',
      headers: { 'x-hold-token': created.body.token },
    });
    const released = await watcher.next();
    const releaseLatency = performance.now() - started;
    expect(released).toMatchObject({
      changes: [
        { seatId: 'MAIN-A-1', status: 'available' },
        { seatId: 'MAIN-A-2', status: 'available' },
      ],
    });
    if (released.type !== 'changes' || held.type !== 'changes') throw new Error('expected changes');
    expect(released.changes[0]!.version).toBeGreaterThan(held.changes[0]!.version);

    const expiring = await hold({ seatIds: ['MAIN-B-5'] });
    expect(expiring.status).toBe(201);
    await watcher.next();
    clock.advance(61_000);
    const expired = await watcher.next(3000);
    // The warm-up hold expires in the same sweep.
    if (expired.type !== 'changes') throw new Error('expected changes');
    expect(expired.changes).toContainEqual(expect.objectContaining({ seatId: 'MAIN-B-5', status: 'available' }));

    const ga = await hold({ ga: { sectionId: 'PIT', quantity: 3 } });
    expect(ga.status).toBe(201);
    expect(await watcher.next()).toMatchObject({ ga: [{ sectionId: 'PIT', remaining: 17 }] });

    console.log(
      `live latency: hold ${heldLatency.toFixed(1)} ms, release ${releaseLatency.toFixed(1)} ms (request + push)`,
    );
    expect(heldLatency).toBeLessThan(100);
    expect(releaseLatency).toBeLessThan(100);
    await watcher.close();
  });

  it('answers bad messages with an error, and stops pushing after unsubscribe', async () => {
    const client = await LiveClient.connect(cloud.url);
    client.send('not json');
    expect(await client.next()).toMatchObject({ type: 'error', code: 'malformed_json' });
    client.send({ type: 'subscribe', eventId: 'nope' });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'validation_failed' });
    client.send({ type: 'subscribe', eventId: '00000000-0000-4000-8000-000000000000' });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'not_found' });
    client.send({ type: 'ping' });
    expect(await client.next()).toEqual({ type: 'pong' });
    client.send({ type: 'subscribe', eventId });
    expect(await client.next()).toEqual({ type: 'subscribed', eventId });
    client.send({ type: 'unsubscribe', eventId });
    expect(await client.next()).toEqual({ type: 'unsubscribed', eventId });
    expect(cloud.live.subscriberCount(eventId)).toBe(0);
    await client.close();
  });

  it('limits request bodies on the Node server, declared or streamed', async () => {
    const path = `${cloud.url}/v1/events/${eventId}/holds`;
    const big = JSON.stringify({ seatIds: Array.from({ length: 5000 }, (_, i) => `SEAT-${i}`) });
    const declared = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(declared.status).toBe(413);
    expect(declared.headers.get('content-type')).toBe('application/problem+json');
    const streamed = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 20; i++)
            controller.enqueue(new TextEncoder().encode(big.slice(i * 2000, (i + 1) * 2000)));
          controller.close();
        },
      }),
      // @ts-expect-error Node's fetch needs half-duplex for a streamed body; the DOM types do not know it
      duplex: 'half',
    });
    expect(streamed.status).toBe(413);
    const fine = await hold({ seatIds: ['MAIN-C-3'] });
    expect(fine.status).toBe(201);
  });

  it('refuses WebSocket upgrades on other paths', async () => {
    const socket = new WebSocket(`${cloud.url.replace('http', 'ws')}/v1/elsewhere`);
    await expect(new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))).rejects.toThrow(
      /404/,
    );
  });
});
