// The main process's live relay against the local hub with a short idle time: the hub closing a socket that watches
// nothing is no outage (the renderer is never told "offline"), and a later subscribe opens a socket again and relays
// the changes of a hold made over HTTP; the cloud's confirmation of each subscription (the moment the renderer reads
// its snapshot) is relayed, on the first connect and again after a drop.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LiveRelay } from '../../../main/sync/live-relay.ts';
import type { LivePush } from '../../../preload/bridge.ts';
import { startTestCloud } from '../../support/local-cloud.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';

describe('the live relay', () => {
  let cloud: Awaited<ReturnType<typeof startTestCloud>>;
  let eventId: string;
  let relay: LiveRelay | undefined;

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false, liveLimits: { idleUnsubscribedMs: 200 } });
    const venue = await cloud.services.admin.createVenue({ name: 'Relay Hall', city: 'Oslo', timezone: 'Europe/Oslo' });
    const map = await cloud.services.admin.importSeatMap(venue.id, smallHall());
    eventId = await createOnSaleEvent(cloud.services, map.id, ['MAIN', 'PIT'], {
      name: 'Relayed',
      holdTtlSeconds: 600,
    });
  });
  afterAll(async () => {
    relay?.close();
    await cloud?.close();
  });

  it('stays online when the hub closes its idle socket, and relays changes after the next subscribe', async () => {
    const pushes: LivePush[] = [];
    relay = new LiveRelay(cloud.url.replace(/^http/, 'ws') + '/v1/live', (push) => pushes.push(push));
    relay.subscribe(eventId);
    await vi.waitFor(() => expect(cloud.live.subscriberCount(eventId)).toBe(1), { interval: 5 });
    // The box office goes back to its event list: nothing watched, so the hub closes the socket (4000 "idle").
    relay.unsubscribe(eventId);
    await vi.waitFor(() => expect(cloud.live.socketCount()).toBe(0), { interval: 5 });
    relay.subscribe(eventId);
    await vi.waitFor(() => expect(cloud.live.subscriberCount(eventId)).toBe(1), { interval: 5 });
    const hold = await fetch(`${cloud.url}/v1/events/${eventId}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seatIds: ['MAIN-A-1'] }),
    });
    expect(hold.status).toBe(201);
    await vi.waitFor(() =>
      expect(pushes).toContainEqual(
        expect.objectContaining({
          type: 'changes',
          eventId,
          changes: [expect.objectContaining({ seatId: 'MAIN-A-1' })],
        }),
      ),
    );
    expect(pushes.filter((push) => push.type === 'connection')).toEqual([{ type: 'connection', online: true }]);
  });

  it("relays the cloud's confirmation of each subscription, again after a dropped connection comes back", async () => {
    const pushes: LivePush[] = [];
    relay?.close();
    relay = new LiveRelay(cloud.url.replace(/^http/, 'ws') + '/v1/live', (push) => pushes.push(push));
    relay.subscribe(eventId);
    // The confirmation comes once the hub has the subscription: the renderer's snapshot read then misses nothing.
    await vi.waitFor(() => expect(pushes).toContainEqual({ type: 'subscribed', eventId }), { interval: 5 });
    expect(cloud.live.subscriberCount(eventId)).toBe(1);
    cloud.live.disconnectAll();
    await vi.waitFor(() => expect(pushes).toContainEqual({ type: 'connection', online: false }), { interval: 5 });
    await vi.waitFor(() => expect(pushes.filter((push) => push.type === 'subscribed')).toHaveLength(2), {
      interval: 5,
      timeout: 5000,
    });
    expect(pushes.at(-1)).toEqual({ type: 'subscribed', eventId });
  });
});
