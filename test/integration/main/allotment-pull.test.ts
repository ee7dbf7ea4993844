// A box office's allotments from the back office, as plain Node against the real local cloud: the sync loop pulls
// what the back office gave the device into its cache (the clerk sees and sells it offline), a sale outside the box
// office's sales window is refused at the counter even offline, an allotment taken back leaves the cache, and a sale
// made offline from seats taken back meanwhile is refused when it reaches the cloud, told to the clerk, and sold to
// nobody twice. An older pull answering after the counter reserved an allotment does not drop it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import type { Principal } from '../../../cloud/services/ports.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { buildDevice, type TestDevice } from '../../support/main/device.ts';
import { startNetProxy, type NetProxy } from '../../support/net-proxy.ts';
import { startTestCloud } from '../../support/local-cloud.ts';

const HOUR = 3_600_000;
const admin: Principal = { sub: 'admin-1', groups: ['admin'] };

describe('a box office pulls the allotments the back office gives it', () => {
  let cloud: LocalCloud;
  let proxy: NetProxy;
  let counter: TestDevice;
  let venueId: string;
  let eventId: string;
  let deviceId: string;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-allotment-pull-'));
  const clerk = { email: 'counter@hall.example', password: 'counter-pass-1234' };

  const give = async (seatIds: string[]) =>
    (await cloud.services.backofficeOrders.allotments.assign(eventId, { deviceId, seatIds }, admin)).id;
  const setBoxOfficeWindow = (opensAt: number, closesAt: number) =>
    cloud.services.commerce.salesWindows.set(admin, eventId, {
      windows: [
        { channel: 'boxoffice', opensAt: new Date(opensAt).toISOString(), closesAt: new Date(closesAt).toISOString() },
      ],
    });
  const listed = async () => {
    const list = await counter.handle('allotment:list', {});
    if (!list.ok) throw new Error(list.problem.detail);
    return list.value as { allotmentId: string; seats: { seatId: string; sold: boolean }[] }[];
  };
  const sell = (allotmentId: string, seatIds: string[]) =>
    counter.handle('allotment:sellCash', {
      allotmentId,
      seatIds,
      buyerName: 'Walk-up Guest',
      tendered: { amount: 20_000, currency: 'EUR' },
    });

  /** The network is back: the machine notices it (its first call may meet a connection the cut left dead). */
  const reconnect = async () => {
    proxy.restore();
    await expect.poll(() => counter.device.reachable(), { timeout: 10_000 }).toBe(true);
  };
  /** What the sync loop does every 15 s: pulls the device's allotments (a call may meet a dead connection too). */
  const pull = () =>
    expect
      .poll(
        () =>
          counter.allotments.pull({ force: true }).then(
            () => true,
            () => false,
          ),
        { timeout: 10_000 },
      )
      .toBe(true);

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Bern', timezone: 'Europe/Zurich' });
    venueId = venue.id;
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, smallHall(4, 10));
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Matinee' });
    await cloud.services.identity.createStaff({ ...clerk, name: 'Counter Clerk', role: 'clerk', venueId });
    proxy = await startNetProxy(cloud.url);
    counter = buildDevice(mkdtempSync(join(dir, 'counter-')), proxy.url);
    const pairing = await cloud.services.identity.createPairingCode(
      { venueId, kind: 'boxoffice', name: 'Counter' },
      'a',
    );
    await counter.device.register(pairing.code);
    await counter.device.signInStaff(clerk.email, clerk.password);
    deviceId = counter.device.requireRegistered().deviceId;
    // The receipt names the event: a counter has it in its cache from browsing before the network goes.
    const event = await counter.catalog.get<{ seatmapId: string }>(apiPaths.event(eventId));
    await counter.catalog.get(apiPaths.seatMap(event.value.seatmapId));
  });
  afterAll(async () => {
    counter?.close();
    await proxy?.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the back office`s allotment after a sync, and sells from it only inside the box-office window', async () => {
    await setBoxOfficeWindow(Date.now() + HOUR, Date.now() + 2 * HOUR);
    const allotmentId = await give(['MAIN-A-1', 'MAIN-A-2']);
    expect(await listed()).toEqual([]);
    await pull();
    expect(await listed()).toEqual([
      {
        allotmentId,
        eventId,
        currency: 'EUR',
        seats: [
          { seatId: 'MAIN-A-1', price: { amount: 5000, currency: 'EUR' }, sold: false },
          { seatId: 'MAIN-A-2', price: { amount: 5000, currency: 'EUR' }, sold: false },
        ],
      },
    ]);

    proxy.cut();
    const early = await sell(allotmentId, ['MAIN-A-1']);
    expect(early).toMatchObject({ ok: false, problem: { type: expect.stringContaining('sales_window_closed') } });
    expect(early.ok ? '' : early.problem.detail).toContain('Box office sales for this event open at');
    await reconnect();

    await setBoxOfficeWindow(Date.now() - HOUR, Date.now() + HOUR);
    await pull();
    proxy.cut();
    const sold = await sell(allotmentId, ['MAIN-A-1']);
    expect(sold.ok).toBe(true);
    await reconnect();
    await counter.device.syncNow();
    expect(counter.device.status().sync).toMatchObject({ pending: 0, rejected: [] });
    const order = await cloud.services.db.query<{ state: string }>(
      `SELECT o.state FROM orders o JOIN tickets t ON t.order_id = o.id WHERE t.seat_id = 'MAIN-A-1'`,
    );
    expect(order.rows).toEqual([{ state: 'paid' }]);
  });

  it('drops an allotment taken back, and refuses on sync an offline sale of its seats, selling them once', async () => {
    const allotmentId = await give(['MAIN-B-1', 'MAIN-B-2', 'MAIN-B-3']);
    await pull();
    expect((await listed()).find((a) => a.allotmentId === allotmentId)?.seats).toHaveLength(3);

    // The clerk sells one seat while the network is down; meanwhile the back office takes the allotment back and a
    // web buyer gets that very seat.
    proxy.cut();
    expect((await sell(allotmentId, ['MAIN-B-2'])).ok).toBe(true);
    await cloud.services.backofficeOrders.allotments.release(eventId, allotmentId, admin);
    const web = await cloud.services.holds.create(eventId, { seatIds: ['MAIN-B-2'] });
    expect(web.seats.map((seat) => seat.seatId)).toEqual(['MAIN-B-2']);
    await reconnect();

    await counter.device.syncNow();
    const { rejected } = counter.device.status().sync;
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toContain('this allotment was taken back');
    // Its type too, so the box office words the refusal in German or Arabic (RejectedSales, by problemWords).
    expect(rejected[0]!.problemType).toMatch(/^https:\/\/ticketboss\.dev\/problems\/[a-z_]+$/);
    await pull();
    // Nothing of the allotment is left to sell here; the seat is the web buyer's hold, not sold to anyone twice.
    expect((await listed()).find((a) => a.allotmentId === allotmentId)).toBeUndefined();
    const tickets = await cloud.services.db.query(`SELECT 1 FROM tickets WHERE seat_id = 'MAIN-B-2'`);
    expect(tickets.rows).toEqual([]);
  });

  it('keeps an allotment reserved here while an older pull is still on its way', async () => {
    // The cloud reads the device's list for a pull, and its answer is slow to arrive: meanwhile the clerk reserves.
    const desk = cloud.services.backofficeOrders.allotments;
    const mine = desk.mine.bind(desk);
    let answerStale!: () => void;
    const staleRead = new Promise<void>((resolveRead) => {
      desk.mine = async (principal, id) => {
        desk.mine = mine;
        const views = await mine(principal, id);
        resolveRead();
        await new Promise<void>((resolve) => (answerStale = resolve));
        return views;
      };
    });
    const stalePull = counter.allotments.pull({ force: true });
    await staleRead;

    const created = await counter.handle('allotment:create', { eventId, seatIds: ['MAIN-C-1', 'MAIN-C-2'] });
    if (!created.ok) throw new Error(created.problem.detail);
    const { allotmentId } = created.value as { allotmentId: string };
    answerStale();
    await stalePull;
    // The older answer did not know the new allotment; the counter still has it to sell.
    expect((await listed()).find((a) => a.allotmentId === allotmentId)?.seats.map((s) => s.seatId)).toEqual([
      'MAIN-C-1',
      'MAIN-C-2',
    ]);
  });
});
