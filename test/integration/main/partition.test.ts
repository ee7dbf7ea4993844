// A network partition between the box office and the cloud, against the real local cloud: while the counter is cut
// off it sells 50 seats of its allotment (recorded and queued in its SQLite cache), and web buyers keep buying other
// seats of the same event — none of them can take an allotment seat. When the network is back the counter pushes its
// queue (one push is lost on the way back and retried): every order lands exactly once and no seat is sold twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hold } from '../../../cloud/contract/index.ts';
import { openCache } from '../../../main/cache/database.ts';
import { Outbox } from '../../../main/cache/outbox.ts';
import { AllotmentRefusal, AllotmentSeller } from '../../../main/sales/allotment-seller.ts';
import { OutboxPusher, httpSender, type CloudSender } from '../../../main/sync/outbox-pusher.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { startTestCloud } from '../../support/local-cloud.ts';

describe('partition: the box office sells its allotment offline while the web sells on', () => {
  let cloud: LocalCloud;
  let eventId: string;
  let token: string;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-partition-'));

  beforeAll(async () => {
    cloud = await startTestCloud({
      port: 0,
      seed: false,
      shopOrigins: ['https://shop.example'], // redirects
      rateLimits: { holds: { limit: 100_000, windowSeconds: 60 }, orders: { limit: 100_000, windowSeconds: 60 } },
    });
    const venue = await cloud.services.admin.createVenue({ name: 'Arena', city: 'Turin', timezone: 'Europe/Rome' });
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, smallHall(10, 10));
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Partition Prom' });
    const device = await cloud.services.identity.createDevice({
      venueId: venue.id,
      kind: 'boxoffice',
      name: 'Counter',
    });
    token = await cloud.issuer.issue({ sub: device.id, groups: ['boxoffice'], venueId: venue.id });
  });
  afterAll(async () => {
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const json = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(cloud.url + path, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> };
  };

  it('lands every order exactly once, with no seat sold twice', async () => {
    // Online: the counter takes rows A–E (50 seats) as its allotment and keeps it in its cache.
    const allotmentSeats = ['A', 'B', 'C', 'D', 'E'].flatMap((row) =>
      Array.from({ length: 10 }, (_, i) => `MAIN-${row}-${i + 1}`),
    );
    const allotment = await json(
      'POST',
      `/v1/events/${eventId}/allotments`,
      { seatIds: allotmentSeats },
      { authorization: `Bearer ${token}` },
    );
    expect(allotment.status).toBe(201);
    const cache = openCache(join(dir, 'counter.db'));
    const outbox = new Outbox(cache);
    const seller = new AllotmentSeller(cache, outbox);
    seller.keep(allotment.body as unknown as Hold);

    // Cut off: 50 cash sales of one or two seats each, all from the allotment, queued locally.
    const buyer = (n: number) => ({ email: `walkup${n}@example.com`, name: `Walk Up ${n}` });
    let n = 0;
    const unsold = () => seller.unsold(String(allotment.body.id));
    while (unsold().length > 0) {
      const seats = unsold().slice(0, n % 3 === 0 ? 2 : 1);
      seller.sellForCash(String(allotment.body.id), seats, { buyer: buyer(n++), tendered: seats.length * 5000 });
    }
    expect(() =>
      seller.sellForCash(String(allotment.body.id), ['MAIN-A-1'], { buyer: buyer(999), tendered: 5000 }),
    ).toThrow(AllotmentRefusal);
    expect(() =>
      seller.sellForCash(String(allotment.body.id), ['MAIN-F-1'], { buyer: buyer(999), tendered: 5000 }),
    ).toThrow(AllotmentRefusal);
    const queued = outbox.pendingCount();
    expect(queued).toBe(n);
    const partitioned = new OutboxPusher(
      outbox,
      httpSender('http://127.0.0.1:9', () => token),
    );
    expect((await partitioned.push()).stopped).toBe(true);

    // Meanwhile the web sells rows F–J, and cannot get a single allotment seat.
    const webOrders: string[] = [];
    for (let i = 0; i < 25; i++) {
      const seat = `MAIN-${'FGHIJ'[i % 5]}-${Math.floor(i / 5) + 1}`;
      const hold = await json('POST', `/v1/events/${eventId}/holds`, { seatIds: [seat] });
      expect(hold.status).toBe(201);
      const order = await json(
        'POST',
        '/v1/orders',
        {
          holdId: hold.body.id,
          buyer: { email: `web${i}@example.com`, name: `Web ${i}` },
          delivery: { method: 'email' },
          payment: { method: 'sandbox', returnUrl: 'https://shop.example/back' },
        },
        { 'x-hold-token': String(hold.body.token), 'idempotency-key': randomUUID() },
      );
      const redirect = (order.body.payments as { redirectUrl: string }[])[0]!.redirectUrl;
      await cloud.sandbox.decide(redirect.split('/').at(-1)!, 'approve');
      const paid = await json('POST', `/v1/orders/${order.body.id}/payments/complete`, undefined, {
        'x-order-token': String(order.body.accessToken),
        'idempotency-key': randomUUID(),
      });
      expect(paid.body.state).toBe('paid');
      webOrders.push(String(order.body.id));
    }
    for (const seat of ['MAIN-A-1', 'MAIN-C-5', 'MAIN-E-10']) {
      expect((await json('POST', `/v1/events/${eventId}/holds`, { seatIds: [seat] })).status).toBe(409);
    }

    // The network is back. The first answer is lost on its way back; the retry settles it with the same key.
    const real = httpSender(cloud.url, () => token);
    let lose = true;
    const flaky: CloudSender = async (entry) => {
      const answer = await real(entry);
      if (lose) {
        lose = false;
        throw new Error('connection reset');
      }
      return answer;
    };
    let now = new Date();
    const pusher = new OutboxPusher(outbox, flaky, () => now);
    let applied = 0;
    for (let round = 0; round < 5 && outbox.pendingCount() > 0; round++) {
      now = new Date(now.getTime() + 10 * 60_000);
      applied += (await pusher.push()).applied;
    }
    expect(applied).toBe(queued);
    expect(outbox.pendingCount()).toBe(0);
    expect(outbox.rejected()).toEqual([]);

    // Exactly once, and no seat twice.
    const db = cloud.services.db;
    const counter = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE event_id = $1 AND channel = 'boxoffice' AND state = 'paid'`,
      [eventId],
    );
    expect(counter.rows[0]!.n).toBe(queued);
    const tickets = await db.query<{ seats: number; distinct_seats: number }>(
      `SELECT count(*)::int AS seats, count(DISTINCT seat_id)::int AS distinct_seats FROM tickets WHERE event_id = $1 AND status = 'valid'`,
      [eventId],
    );
    expect(tickets.rows[0]).toEqual({ seats: 75, distinct_seats: 75 });
    const sold = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM event_seats WHERE event_id = $1 AND status = 'sold'`,
      [eventId],
    );
    expect(sold.rows[0]!.n).toBe(75);
    expect(webOrders).toHaveLength(25);
    cache.close();
  }, 120_000);
});
