// The box office's door with phones' rotating codes, as plain Node against the real local cloud: offline, the machine
// admits a fresh rotating code of a bound ticket, refuses it shown again (code_replayed: its own replay memory), a
// code 60 s old (code_expired) and one signed by another phone (invalid_code); once the connection is back the queued
// scan reaches the cloud, which judges it by when it was read, so the ticket is used there too. Under the organizer's
// rotating_only policy the offline machine refuses a mailed ticket's static code (its revocation list names it) and
// still admits a printed ticket's static code and the phone's rotating code.
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
import { buyAsGuest, jsonCall } from '../../support/guest-order.ts';

const phone = () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const raw = pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(-65);
  return { privateKey: pair.privateKey, publicKey: raw.toString('base64url') };
};

describe('the door with rotating codes', () => {
  let cloud: LocalCloud;
  let venueId: string;
  let eventId: string;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-rotating-door-'));
  const devices: TestDevice[] = [];
  const clerk = { email: 'gate@hall.example', password: 'gate-pass-1234' };

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    venueId = (await cloud.services.admin.createVenue({ name: 'Hall', city: 'Basel', timezone: 'Europe/Zurich' })).id;
    const seatmap = await cloud.services.admin.importSeatMap(venueId, smallHall(4, 10));
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Live Codes' });
    await cloud.services.identity.createStaff({ ...clerk, name: 'Gate Clerk', role: 'clerk', venueId });
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A box-office machine at the venue behind `proxyUrl`, paired and signed in by the clerk. */
  const openDoor = async (proxyUrl: string, pairingSecret: string) => {
    const door = buildDevice(mkdtempSync(join(dir, 'door-')), proxyUrl);
    devices.push(door);
    const pairing = await cloud.services.identity.createPairingCode(
      { venueId, kind: 'boxoffice', name: 'Gate' },
      pairingSecret,
    );
    await door.device.register(pairing.code);
    await door.device.signInStaff(clerk.email, clerk.password);
    return door;
  };

  /** A cash sale at the counter, its tickets printed. */
  const sellPrinted = async (door: TestDevice, seatIds: string[], name: string) => {
    const held = await door.handle('holds:create', { eventId, request: { seatIds } });
    if (!held.ok) throw new Error(held.problem.detail);
    const hold = held.value as CreatedHold;
    const sale = await door.handle('sale:cash', {
      holdId: hold.id,
      holdToken: hold.token,
      buyer: { name },
      delivery: 'print',
      tendered: { amount: 20_000, currency: 'EUR' },
      idempotencyKey: randomUUID(),
    });
    if (!sale.ok) throw new Error(sale.problem.detail);
    return (sale.value as { order: { id: string; tickets: { id: string; code: string }[] } }).order;
  };

  it('admits a fresh code offline once, refuses replays, old and forged codes, and syncs the admission', async () => {
    const proxy = await startNetProxy(cloud.url);
    try {
      const door = await openDoor(proxy.url, 'a');
      const order = await sellPrinted(door, ['MAIN-A-1', 'MAIN-A-2'], 'Phone Guest');
      // The buyer's way back to a counter order (printed on its receipt as a link): its order token.
      const orderToken = cloud.services.orders.orderAccessToken(order.id);
      const [first, second] = order.tickets;
      const [mine, theirs] = [phone(), phone()];
      const bind = async (ticketId: string, key: string) =>
        (await cloud.services.ticketBinding.bind(order.id, ticketId, { publicKey: key }, { orderToken })).credential;
      const credential = await bind(first!.id, mine.publicKey);
      const otherCredential = await bind(second!.id, theirs.publicKey);
      const scan = (code: string) => door.handle('door:scan', { code, gate: 'Main', eventId });
      const now = () => unixSeconds(new Date());

      // Online first: the machine fetches the accepted keys (and keeps them) with its first check.
      expect(await scan('not-a-code')).toMatchObject({ ok: true, value: { reason: 'invalid_code' } });
      await door.device.syncNow();
      proxy.cut();
      const code = signRotatingCode(mine.privateKey, credential, now());
      const admitted = await scan(code);
      expect(admitted, JSON.stringify(admitted)).toMatchObject({
        ok: true,
        value: { result: 'admitted', offline: true },
      });
      expect(await scan(code)).toMatchObject({ ok: true, value: { result: 'refused', reason: 'code_replayed' } });
      expect(await scan(signRotatingCode(theirs.privateKey, otherCredential, now() - 60))).toMatchObject({
        ok: true,
        value: { result: 'refused', reason: 'code_expired' },
      });
      expect(await scan(signRotatingCode(theirs.privateKey, credential, now()))).toMatchObject({
        ok: true,
        value: { result: 'refused', reason: 'invalid_code' },
      });
      // The phone's next code for the ticket admitted offline: this machine knows it was used.
      expect(await scan(signRotatingCode(mine.privateKey, credential, now() + 1))).toMatchObject({
        ok: true,
        value: { result: 'already_used', offline: true },
      });

      proxy.restore();
      await door.device.syncNow();
      // The cloud took the queued scan (judged by when it was read): online, the ticket is used.
      expect(await scan(signRotatingCode(mine.privateKey, credential, now() + 2))).toMatchObject({
        ok: true,
        value: { result: 'already_used', usedGate: 'Main', offline: false },
      });
      // And the other phone's fresh code is let in online.
      expect(await scan(signRotatingCode(theirs.privateKey, otherCredential, now()))).toMatchObject({
        ok: true,
        value: { result: 'admitted', offline: false },
      });
    } finally {
      await proxy.close();
    }
  });

  it('under rotating_only, offline after a sync: refuses a mailed static code, admits a printed one', async () => {
    const api = jsonCall(cloud.url);
    // A guest's order online: its tickets are mailed (a static code the organizer may refuse).
    const web = await buyAsGuest(cloud, eventId, ['MAIN-B-1', 'MAIN-B-2']);
    const [mailed, bound] = web.tickets;
    const mine = phone();
    const { credential } = await cloud.services.ticketBinding.bind(
      web.id,
      bound!.id,
      { publicKey: mine.publicKey },
      { orderToken: web.accessToken },
    );
    const admin = await cloud.issuer.issue({ sub: 'policy-admin', groups: ['admin'] });
    const patched = await api(
      'PATCH',
      `/v1/admin/events/${eventId}`,
      { codePolicy: 'rotating_only' },
      { authorization: `Bearer ${admin}` },
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);

    const proxy = await startNetProxy(cloud.url);
    try {
      const door = await openDoor(proxy.url, 'b');
      const printed = (await sellPrinted(door, ['MAIN-B-3'], 'Printed Guest')).tickets[0]!;
      const scan = (code: string) => door.handle('door:scan', { code, gate: 'Main', eventId });

      // The machine learns the policy's refusals with its revocation list, then loses the network.
      expect(await scan('not-a-code')).toMatchObject({ ok: true, value: { reason: 'invalid_code' } });
      await door.door.syncRevocations({ force: true });
      proxy.cut();
      expect(await scan(mailed!.code)).toMatchObject({
        ok: true,
        value: { result: 'refused', reason: 'static_code_refused', offline: true, ticket: { id: mailed!.id } },
      });
      expect(await scan(bound!.code)).toMatchObject({
        ok: true,
        value: { result: 'refused', reason: 'static_code_refused', offline: true },
      });
      // The printed ticket's static code still gets in, and so does the mailed ticket's phone.
      expect(await scan(printed.code)).toMatchObject({ ok: true, value: { result: 'admitted', offline: true } });
      expect(await scan(signRotatingCode(mine.privateKey, credential, unixSeconds(new Date())))).toMatchObject({
        ok: true,
        value: { result: 'admitted', offline: true, ticket: { id: bound!.id } },
      });
    } finally {
      await proxy.close();
    }
  });
});
