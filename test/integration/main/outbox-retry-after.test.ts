// The device's outbox and the cloud's rate limit: a sale pushed while the device is over its limit is answered 429
// with Retry-After; the outbox does not ask again before that (whatever the device's own sync loop does), then
// delivers it. Against the real local cloud with a tight limit on orders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as waitUntil } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../main/cache/database.ts';
import { Outbox } from '../../../main/cache/outbox.ts';
import { OutboxPusher, httpSender, type CloudAnswer, type CloudSender } from '../../../main/sync/outbox-pusher.ts';
import { startLocalCloud, type LocalCloud } from '../../../cloud/local/server.ts';
import { freshDb } from '../../support/databases.ts';
import { cashSale, holdForDevice as holdForSale } from '../../support/main/device-sales.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';

const dir = mkdtempSync(join(tmpdir(), 'ticketboss-outbox-retry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('outbox and Retry-After', () => {
  let cloud: LocalCloud;
  let eventId: string;
  let token: string;
  let seatIds: string[];

  beforeAll(async () => {
    const db = await freshDb('pglite');
    // One order per 5 s per caller: the second sale in a row is refused with 429 and a Retry-After of 2 to 10 s (the
    // rest of the window, or of the next one), longer than the outbox's own first back-off step (1 s without
    // jitter), so a pusher that ignored it would come back too soon.
    cloud = await startLocalCloud({ port: 0, db, seed: false, rateLimits: { orders: { limit: 1, windowSeconds: 5 } } });
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Bonn', timezone: 'Europe/Berlin' });
    const map = smallHall(2, 10);
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, map);
    seatIds = map.seats.map((s) => s.id);
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Busy Night' });
    const device = await cloud.services.identity.createDevice({ venueId: venue.id, kind: 'boxoffice', name: 'Till' });
    token = await cloud.issuer.issue({ sub: device.id, groups: ['boxoffice'], venueId: venue.id });
  });
  afterAll(async () => cloud?.close());

  const holdForDevice = (seatId: string) => holdForSale(cloud.url, eventId, token, seatId);

  it('waits at least Retry-After after a 429, then delivers', async () => {
    const db = openCache(join(dir, 'outbox.db'));
    const outbox = new Outbox(db);
    outbox.enqueue(cashSale(await holdForDevice(seatIds[0]!)));
    const second = outbox.enqueue(cashSale(await holdForDevice(seatIds[1]!)));
    const real = httpSender(cloud.url, () => token);
    const sent: { at: number; entryId: string; answer: CloudAnswer }[] = [];
    const recording: CloudSender = async (entry) => {
      const at = Date.now();
      const answer = await real(entry);
      sent.push({ at, entryId: entry.id, answer });
      return answer;
    };
    // No jitter (random 0): the wait is exactly the longer of Retry-After and the first back-off step (1 s).
    const pusher = new OutboxPusher(
      outbox,
      recording,
      () => new Date(),
      () => 0,
    );

    expect(await pusher.push()).toEqual({ applied: 1, rejected: 0, stopped: true });
    const refused = sent.at(-1)!;
    expect(refused.entryId).toBe(second.id);
    expect(refused.answer.status).toBe(429);
    const retryAfter = refused.answer.retryAfterMs!;
    expect(retryAfter).toBeGreaterThanOrEqual(2000);

    // An eager sync loop pushing again and again before then sends nothing.
    const nextAttempt = Date.parse(outbox.get(second.id)!.nextAttemptAt);
    expect(nextAttempt).toBeGreaterThanOrEqual(refused.at + retryAfter);
    expect(await pusher.push()).toEqual({ applied: 0, rejected: 0, stopped: false });
    expect(sent).toHaveLength(2);

    // When it is due (a timer to the moment the outbox gives), it goes, and the cloud takes it.
    await waitUntil(Math.max(0, nextAttempt - Date.now()) + 5);
    expect(await pusher.push()).toEqual({ applied: 1, rejected: 0, stopped: false });
    expect(sent).toHaveLength(3);
    expect(sent[2]!.at - refused.at).toBeGreaterThanOrEqual(retryAfter);
    expect(sent[2]!.answer.status).toBe(201);
    expect(outbox.pendingCount()).toBe(0);
    db.close();
  }, 30_000);
});
