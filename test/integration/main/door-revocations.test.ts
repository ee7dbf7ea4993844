// The door of a box office, as plain Node against the real local cloud: once an event is cancelled its tickets are
// refused online (the cloud says why), and after the next sync also offline, from the venue's revocation list the
// machine keeps; a ticket of an event still on sale is let in offline as before.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedHold } from '../../../cloud/contract/index.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { buildDevice, type TestDevice } from '../../support/main/device.ts';
import { startNetProxy } from '../../support/net-proxy.ts';
import { startTestCloud } from '../../support/local-cloud.ts';

describe('the door after an event is cancelled', () => {
  let cloud: LocalCloud;
  let venueId: string;
  let cancelledId: string;
  let onSaleId: string;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-revocations-'));
  const devices: TestDevice[] = [];
  const clerk = { email: 'door@hall.example', password: 'door-pass-1234' };

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const venue = await cloud.services.admin.createVenue({ name: 'Arena', city: 'Bern', timezone: 'Europe/Zurich' });
    venueId = venue.id;
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, smallHall(4, 10));
    cancelledId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Called Off' });
    onSaleId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Still On' });
    await cloud.services.identity.createStaff({ ...clerk, name: 'Door Clerk', role: 'clerk', venueId });
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sellForCash = async (d: TestDevice, eventId: string, seatIds: string[]) => {
    const held = await d.handle('holds:create', { eventId, request: { seatIds } });
    if (!held.ok) throw new Error(held.problem.detail);
    const hold = held.value as CreatedHold;
    const sale = await d.handle('sale:cash', {
      holdId: hold.id,
      holdToken: hold.token,
      buyer: { name: 'Door Guest' },
      delivery: 'print',
      tendered: { amount: 20_000, currency: 'EUR' },
      idempotencyKey: randomUUID(),
    });
    if (!sale.ok) throw new Error(sale.problem.detail);
    return (sale.value as { order: { tickets: { id: string; code: string }[] } }).order.tickets;
  };

  it('refuses its tickets online, and offline once the revocation list has synced', async () => {
    const proxy = await startNetProxy(cloud.url);
    try {
      const door = buildDevice(mkdtempSync(join(dir, 'door-')), proxy.url);
      devices.push(door);
      const code = (await cloud.services.identity.createPairingCode({ venueId, kind: 'boxoffice', name: 'Gate' }, 'a'))
        .code;
      await door.device.register(code);
      await door.device.signInStaff(clerk.email, clerk.password);
      const [first, second, third] = await sellForCash(door, cancelledId, ['MAIN-A-1', 'MAIN-A-2', 'MAIN-A-3']);
      const [warmUp, kept] = await sellForCash(door, onSaleId, ['MAIN-B-1', 'MAIN-B-2']);
      const scan = (ticketCode: string, eventId = cancelledId) =>
        door.handle('door:scan', { code: ticketCode, gate: 'Main', eventId });

      // Before the cancellation has synced, an offline door cannot know: the ticket is genuine.
      expect(await scan(warmUp!.code, onSaleId)).toMatchObject({ ok: true, value: { result: 'admitted' } });
      await door.device.syncNow();
      proxy.cut();
      expect(await scan(third!.code)).toMatchObject({ ok: true, value: { result: 'admitted', offline: true } });
      proxy.restore();

      await cloud.services.eventChanges.cancellations.cancel(
        cancelledId,
        { reason: 'Flooded hall' },
        { sub: 'admin-1', groups: ['admin'] },
      );
      await expect
        .poll(
          async () =>
            (await cloud.services.eventChanges.cancellations.progress(cancelledId, { sub: 'a', groups: ['admin'] }))
              .done,
          { timeout: 10_000 },
        )
        .toBe(true);

      // Online the cloud refuses it and says why.
      expect(await scan(first!.code)).toMatchObject({
        ok: true,
        value: { result: 'refused', reason: 'event_cancelled', offline: false },
      });

      // The next sync brings the revocation list; offline, the machine refuses the other voided ticket itself.
      await door.door.syncRevocations({ force: true });
      const listed = door.cache.prepare('SELECT count(*) AS n FROM revoked_tickets').get() as { n: number };
      expect(listed.n).toBe(3);
      proxy.cut();
      const offline = await scan(second!.code);
      expect(offline).toMatchObject({
        ok: true,
        value: { result: 'refused', reason: 'event_cancelled', offline: true },
      });
      expect(offline.ok && (offline.value as { detail: string }).detail).toContain('cancelled');
      // A ticket of an event still on sale is let in offline as before.
      expect(await scan(kept!.code, onSaleId)).toMatchObject({
        ok: true,
        value: { result: 'admitted', offline: true },
      });
    } finally {
      await proxy.close();
    }
  });

  it('the sync loop fetches the list by itself, at most once a minute', async () => {
    let now = Date.now();
    const door = buildDevice(mkdtempSync(join(dir, 'loop-')), cloud.url, { clock: () => new Date(now) });
    devices.push(door);
    const code = (await cloud.services.identity.createPairingCode({ venueId, kind: 'boxoffice', name: 'Gate 2' }, 'a'))
      .code;
    await door.device.register(code);
    await door.device.syncNow();
    const count = () => (door.cache.prepare('SELECT count(*) AS n FROM revoked_tickets').get() as { n: number }).n;
    expect(count()).toBe(3);
    door.cache.prepare('DELETE FROM revoked_tickets').run();
    await door.device.syncNow();
    expect(count()).toBe(0);
    now += 61_000;
    await door.device.syncNow();
    expect(count()).toBe(3);
  });
});
