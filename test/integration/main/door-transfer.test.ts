// The door of a box office after a ticket transfer (issue 19), as plain Node against the real local cloud: the old
// ticket is refused online at once (reason `transferred`), and after the next sync also offline, from the venue's
// revocation list; the recipient's new ticket (a new code) is let in offline. The clerk sends it through the bridge.
// The same holds for the code a phone showed for the old ticket (a rotating code): its signatures are still good, but
// the revocation list refuses it offline as `transferred` (test/e2e/rotating-transfer-door.test.ts reads it off a
// real phone screen).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedHold } from '../../../cloud/contract/index.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { signRotatingCode, unixSeconds } from '../../../cloud/domain/tickets/rotating-code.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { buildDevice, type TestDevice } from '../../support/main/device.ts';
import { startNetProxy } from '../../support/net-proxy.ts';
import { startTestCloud } from '../../support/local-cloud.ts';

describe('the door after a ticket transfer', () => {
  let cloud: LocalCloud;
  let venueId: string;
  let eventId: string;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-transfer-door-'));
  const devices: TestDevice[] = [];
  const clerk = { email: 'door@transfer.example', password: 'door-pass-1234' };

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const venue = await cloud.services.admin.createVenue({ name: 'Arena', city: 'Bern', timezone: 'Europe/Zurich' });
    venueId = venue.id;
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, smallHall(4, 10));
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Passed On' });
    await cloud.services.identity.createStaff({ ...clerk, name: 'Door Clerk', role: 'clerk', venueId });
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the old code online at once, and offline after the sync; the new code is let in offline', async () => {
    const proxy = await startNetProxy(cloud.url);
    try {
      const door = buildDevice(mkdtempSync(join(dir, 'door-')), proxy.url);
      devices.push(door);
      const code = (await cloud.services.identity.createPairingCode({ venueId, kind: 'boxoffice', name: 'Gate' }, 'a'))
        .code;
      await door.device.register(code);
      await door.device.signInStaff(clerk.email, clerk.password);
      const held = await door.handle('holds:create', { eventId, request: { seatIds: ['MAIN-A-1', 'MAIN-A-2'] } });
      if (!held.ok) throw new Error(held.problem.detail);
      const hold = held.value as CreatedHold;
      const sale = await door.handle('sale:cash', {
        holdId: hold.id,
        holdToken: hold.token,
        buyer: { name: 'Door Guest', email: 'guest@example.com' },
        delivery: 'print',
        tendered: { amount: 20_000, currency: 'EUR' },
        idempotencyKey: randomUUID(),
      });
      if (!sale.ok) throw new Error(sale.problem.detail);
      const order = (sale.value as { order: { id: string; tickets: { id: string; code: string }[] } }).order;
      const [given, other] = order.tickets;
      await door.device.syncNow();
      // The buyer had put the ticket on a phone first: the phone's rotating code of the old ticket.
      const phone = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const { credential } = await cloud.services.ticketBinding.bind(
        order.id,
        given!.id,
        { publicKey: phone.publicKey.export({ format: 'der', type: 'spki' }).subarray(-65).toString('base64url') },
        { orderToken: cloud.services.orders.orderAccessToken(order.id) },
      );
      const phoneCode = () => signRotatingCode(phone.privateKey, credential, unixSeconds(new Date()));

      // The clerk passes one ticket on at the counter (the bridge's channel, as the order detail does); the
      // recipient accepts by the link's token.
      const sent = await door.handle('orders:transfer', {
        orderId: order.id,
        ticketIds: [given!.id],
        recipient: { email: 'friend@example.com', name: 'A Friend' },
      });
      if (!sent.ok) throw new Error(sent.problem.detail);
      const transfer = sent.value as { id: string; channel: string };
      expect(transfer.channel).toBe('boxoffice');
      const transfers = cloud.services.transfers.tickets;
      const accepted = await transfers.accept(transfers.token(transfer.id), {}, undefined);
      const fresh = (await cloud.services.orders.queries.get(accepted.orderId, { orderToken: accepted.accessToken }))
        .tickets[0]!;

      const scan = (ticketCode: string) => door.handle('door:scan', { code: ticketCode, gate: 'Main', eventId });
      // Online, at once: the cloud refuses the old code and says why.
      expect(await scan(other!.code)).toMatchObject({ ok: true, value: { result: 'admitted', offline: false } });
      expect(await scan(given!.code)).toMatchObject({
        ok: true,
        value: { result: 'refused', reason: 'transferred', offline: false },
      });

      // After the sync, offline: the machine refuses the old code itself, and lets the new one in.
      await door.door.syncRevocations({ force: true });
      proxy.cut();
      const offline = await scan(given!.code);
      expect(offline).toMatchObject({ ok: true, value: { result: 'refused', reason: 'transferred', offline: true } });
      expect(await scan(phoneCode())).toMatchObject({
        ok: true,
        value: { result: 'refused', reason: 'transferred', offline: true, ticket: { id: given!.id } },
      });
      expect(await scan(fresh.code!)).toMatchObject({ ok: true, value: { result: 'admitted', offline: true } });
    } finally {
      await proxy.close();
    }
  });
});
