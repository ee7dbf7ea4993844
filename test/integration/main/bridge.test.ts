// The bridge as the renderer will use it, against the main-process core and the real local cloud: every message is
// validated (unknown channels and bad input refused with the field named), the cloud's problems come through as they
// are, a purchase works end to end, and with the cloud gone the catalog still answers from the cache.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../main/cache/database.ts';
import { HttpCache } from '../../../main/cache/http-cache.ts';
import { CatalogFetcher } from '../../../main/sync/catalog-fetcher.ts';
import { CloudClient } from '../../../main/sync/cloud-client.ts';
import { createChannels } from '../../../main/bridge/channels.ts';
import { createBridgeHandler } from '../../../main/bridge/handler.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { startTestCloud } from '../../support/local-cloud.ts';

const dir = mkdtempSync(join(tmpdir(), 'ticketboss-bridge-'));

describe('the bridge, validated, over the main-process core', () => {
  let cloud: LocalCloud;
  let eventId: string;
  let invoke: ReturnType<typeof createBridgeHandler>;
  const logged: string[] = [];

  // The fetcher's timeout is generous: on a loaded two-core machine a first fetch took over 1 s and read as offline.
  // The cloud-gone case does not wait on it (a closed port refuses at once).
  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false, shopOrigins: ['https://shop.example'] }); // redirects
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Linz', timezone: 'Europe/Vienna' });
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, smallHall(4, 10));
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Bridge Night' });
    const cache = new HttpCache(openCache(join(dir, 'device.db')));
    const core = createChannels(
      new CloudClient(cloud.url),
      new CatalogFetcher(cloud.url, cache, { timeoutMs: 10_000 }),
    );
    invoke = createBridgeHandler(core, (message) => logged.push(message));
  });
  afterAll(async () => {
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses unknown channels and malformed input, naming the field, before anything reaches the core', async () => {
    expect(await invoke('fs:readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      problem: { type: 'https://ticketboss.dev/problems/unknown_channel', status: 400 },
    });
    expect(await invoke('__proto__', {})).toMatchObject({ ok: false, problem: { status: 400 } });
    const bad = await invoke('holds:create', { eventId: 'not-a-uuid', request: { seatIds: ['MAIN-A-1'] } });
    expect(bad).toMatchObject({ ok: false, problem: { type: 'https://ticketboss.dev/problems/validation_failed' } });
    expect(bad.ok === false && bad.problem.errors![0]!.field).toBe('eventId');
    const extra = await invoke('catalog:getEvent', { eventId, evil: true });
    expect(extra.ok).toBe(false);
    expect(logged).toEqual([]);
  });

  it('buys through the bridge: event, hold, order, sandbox approval, payment', async () => {
    const event = await invoke('catalog:getEvent', { eventId });
    expect(event).toMatchObject({ ok: true, value: { offline: false } });
    expect(JSON.parse((event as { value: { json: string } }).value.json)).toMatchObject({ name: 'Bridge Night' });
    const hold = await invoke('holds:create', { eventId, request: { seatIds: ['MAIN-B-1', 'MAIN-B-2'] } });
    if (!hold.ok) throw new Error(hold.problem.detail);
    const { id: holdId, token } = hold.value as { id: string; token: string };
    const created = await invoke('orders:create', {
      request: {
        holdId,
        buyer: { email: 'bridge@example.com', name: 'Bri Dge' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.example/back' },
      },
      holdToken: token,
      idempotencyKey: randomUUID(),
    });
    if (!created.ok) throw new Error(created.problem.detail);
    const order = created.value as { id: string; accessToken: string; payments: { redirectUrl: string }[] };
    await cloud.sandbox.decide(order.payments[0]!.redirectUrl.split('/').at(-1)!, 'approve');
    const paid = await invoke('orders:complete', {
      orderId: order.id,
      orderToken: order.accessToken,
      idempotencyKey: randomUUID(),
    });
    expect(paid).toMatchObject({ ok: true, value: { state: 'paid' } });
  });

  it('passes the cloud’s problems through as they are', async () => {
    const taken = await invoke('holds:create', { eventId, request: { seatIds: ['MAIN-B-1'] } });
    expect(taken).toMatchObject({
      ok: false,
      problem: { type: 'https://ticketboss.dev/problems/seats_unavailable', status: 409, seatIds: ['MAIN-B-1'] },
    });
  });

  it('answers the catalog from the cache with the cloud gone, and says sales need the cloud', async () => {
    await invoke('catalog:getAvailability', { eventId });
    await cloud.close();
    const event = await invoke('catalog:getEvent', { eventId });
    expect(event).toMatchObject({ ok: true, value: { offline: true } });
    expect(JSON.parse((event as { value: { json: string } }).value.json)).toMatchObject({ name: 'Bridge Night' });
    const availability = await invoke('catalog:getAvailability', { eventId });
    expect(availability).toMatchObject({ ok: true, value: { offline: true } });
    const hold = await invoke('holds:create', { eventId, request: { seatIds: ['MAIN-C-1'] } });
    expect(hold).toMatchObject({ ok: false, problem: { status: 0, retryable: true } });
  });
});
