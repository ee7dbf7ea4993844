// The kiosk and box-office machine's main process, as plain Node against the real local cloud: pairing with a
// one-time code (the credential encrypted at rest, kept across a restart), a kiosk card sale that prints tickets whose
// QR codes verify with the cloud's public key, and a clerk's counter: cash with change, a refund of one ticket, a
// card refund on the terminal, will-call hand-over, a reprint, and the printed end-of-shift report.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedHold } from '../../../cloud/contract/index.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { signTicketCode, verifyTicketCode } from '../../../cloud/domain/tickets/ticket-code.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { buildDevice, testSecretBox, type TestDevice } from '../../support/main/device.ts';
import { readPdf } from '../../support/pdf-reader.ts';
import { CloudProblem } from '../../../main/sync/cloud-client.ts';
import { startNetProxy } from '../../support/net-proxy.ts';
import { startTestCloud } from '../../support/local-cloud.ts';

describe('the kiosk and box-office machine', () => {
  let cloud: LocalCloud;
  let venueId: string;
  let eventId: string;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-device-'));
  const devices: TestDevice[] = [];
  const clerk = { email: 'clerk@hall.example', password: 'counter-pass-123' };

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const venue = await cloud.services.admin.createVenue({
      name: 'Town Hall',
      city: 'Bern',
      timezone: 'Europe/Zurich',
    });
    venueId = venue.id;
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, smallHall(4, 10));
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Counter Cantata' });
    await cloud.services.identity.createStaff({ ...clerk, name: 'Clara Clerk', role: 'clerk', venueId });
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pairingCode = async (kind: 'kiosk' | 'boxoffice', name: string) =>
    (await cloud.services.identity.createPairingCode({ venueId, kind, name }, 'admin-1')).code;

  const newDevice = (name: string, options: Parameters<typeof buildDevice>[2] = {}) => {
    const d = buildDevice(mkdtempSync(join(dir, `${name}-`)), cloud.url, options);
    devices.push(d);
    return d;
  };

  const hold = async (d: TestDevice, seatIds: string[]) => {
    const answer = await d.handle('holds:create', { eventId, request: { seatIds } });
    if (!answer.ok) throw new Error(answer.problem.detail);
    return answer.value as CreatedHold;
  };

  /** A clerk's cash sale of these seats on this machine (print at the counter); answers the order. */
  const sellForCash = async (d: TestDevice, seatIds: string[], name: string, tendered: number) => {
    const held = await hold(d, seatIds);
    const sale = await d.handle('sale:cash', {
      holdId: held.id,
      holdToken: held.token,
      buyer: { name },
      delivery: 'print',
      tendered: { amount: tendered, currency: 'EUR' },
      idempotencyKey: randomUUID(),
    });
    if (!sale.ok) throw new Error(sale.problem.detail);
    return sale.value as {
      notice: unknown;
      printed: string[];
      order: { id: string; code: string; tickets: { id: string; code: string }[] };
    };
  };

  it('pairs with a one-time code, keeps the credential encrypted, and is still paired after a restart', async () => {
    const box = testSecretBox();
    const dirOf = mkdtempSync(join(dir, 'pair-'));
    const first = buildDevice(dirOf, cloud.url, { secretBox: box });
    expect((await first.handle('device:status', {})).ok && first.device.status().registered).toBe(false);
    const code = await pairingCode('boxoffice', 'Counter 1');
    const answer = await first.handle('device:register', { code });
    expect(answer).toMatchObject({
      ok: true,
      value: { registered: true, kind: 'boxoffice', name: 'Counter 1', venueId, credentialEncrypted: true },
    });
    // Nothing readable at rest: the secret is not in the database file's rows.
    const row = first.cache.prepare('SELECT value, encrypted FROM device_settings').get() as {
      value: Buffer;
      encrypted: number;
    };
    expect(row.encrypted).toBe(1);
    expect(row.value.toString('latin1')).not.toContain('Counter 1');
    // The same code does not pair a second machine.
    const other = newDevice('other');
    const again = await other.handle('device:register', { code });
    expect(again).toMatchObject({ ok: false, problem: { status: 401 } });
    first.close();

    const restarted = buildDevice(dirOf, cloud.url, { secretBox: box });
    devices.push(restarted);
    await restarted.device.restore();
    expect(restarted.device.status()).toMatchObject({ registered: true, kind: 'boxoffice' });
    expect(restarted.cloud.accessToken).toBeTruthy();

    // Without a key store the credential is kept as is, and the status says so.
    const plain = newDevice('plain');
    await plain.device.register(await pairingCode('kiosk', 'Kiosk without keyring'));
    expect(plain.device.status().credentialEncrypted).toBe(false);
  });

  it('sells at the kiosk by card and prints tickets whose QR codes verify, and a receipt', async () => {
    const kiosk = newDevice('kiosk');
    await kiosk.device.register(await pairingCode('kiosk', 'Foyer kiosk'));
    const created = await hold(kiosk, ['MAIN-A-1', 'MAIN-A-2']);
    kiosk.terminal.next('decline');
    const declined = await kiosk.handle('sale:terminal', {
      holdId: created.id,
      holdToken: created.token,
      buyer: { name: 'Walk Up' },
      delivery: 'print',
    });
    expect(declined).toMatchObject({ ok: true, value: { status: 'declined', printed: [] } });

    const sold = await kiosk.handle('sale:terminal', {
      holdId: created.id,
      holdToken: created.token,
      buyer: { name: 'Walk Up' },
      delivery: 'print',
    });
    if (!sold.ok) throw new Error(sold.problem.detail);
    const sale = sold.value as { status: string; order: { code: string; tickets: { code: string; id: string }[] } };
    expect(sale.status).toBe('paid');
    const prints = kiosk.prints();
    expect(prints.map((p) => p.file.match(/-(tickets|receipt)-/)![1]).sort()).toEqual(['receipt', 'tickets']);
    const tickets = await readPdf(prints.find((p) => p.file.includes('-tickets-'))!.bytes);
    expect(tickets.pages).toHaveLength(2);
    for (const [i, page] of tickets.pages.entries()) {
      expect(page.lines).toContain('Counter Cantata');
      expect(page.lines).toContain(`Main · Row A · Seat ${i + 1}`);
      expect(page.lines).toContain(`Order ${sale.order.code}`);
      expect(page.qr).toBe(sale.order.tickets[i]!.code);
      expect(verifyTicketCode(cloud.services.ticketPublicKey, page.qr!)).toMatchObject({
        ticketId: sale.order.tickets[i]!.id,
        eventId,
        seat: `MAIN-A-${i + 1}`,
      });
    }
    const receipt = await readPdf(prints.find((p) => p.file.includes('-receipt-'))!.bytes);
    expect(receipt.text).toContain('€100.00');
    expect(receipt.text).toMatch(/Card €100.00, card ending \d{4}/);
  });

  it('runs a clerk’s counter: cash and change, refunds, will-call, reprints and the shift report', async () => {
    const counter = newDevice('counter');
    await counter.device.register(await pairingCode('boxoffice', 'Counter 2'));
    const shiftStart = new Date(Date.now() - 1000).toISOString();
    // No clerk, no sale; a wrong password is the cloud's 401.
    const noClerk = await counter.handle('sale:cash', {
      holdId: randomUUID(),
      holdToken: 'x',
      buyer: { name: 'A' },
      delivery: 'print',
      tendered: { amount: 100, currency: 'EUR' },
      idempotencyKey: randomUUID(),
    });
    expect(noClerk).toMatchObject({ ok: false, problem: { status: 401 } });
    await expect(counter.device.signInStaff(clerk.email, 'wrong-password')).rejects.toBeInstanceOf(CloudProblem);
    expect((await counter.device.signInStaff(clerk.email, clerk.password)).staff).toEqual({
      name: 'Clara Clerk',
      email: clerk.email,
    });

    const cashHold = await hold(counter, ['MAIN-B-1', 'MAIN-B-2', 'MAIN-B-3']);
    const cash = await counter.handle('sale:cash', {
      holdId: cashHold.id,
      holdToken: cashHold.token,
      buyer: { name: 'Cash Buyer' },
      delivery: 'print',
      tendered: { amount: 20_000, currency: 'EUR' },
      idempotencyKey: randomUUID(),
      // The counter's screen was in Arabic: the order (its emails and documents) is too.
      locale: 'ar',
    });
    if (!cash.ok) throw new Error(cash.problem.detail);
    const cashSale = cash.value as {
      notice: unknown;
      order: { id: string; locale: string; tickets: { id: string }[] };
      printed: string[];
    };
    expect(cashSale.order.locale).toBe('ar');
    expect(cashSale.notice).toEqual({ code: 'give_change', amount: { amount: 5000, currency: 'EUR' } });
    expect(cashSale.printed).toHaveLength(2);

    const refund = await counter.handle('orders:refund', {
      orderId: cashSale.order.id,
      ticketIds: [cashSale.order.tickets[0]!.id],
      reason: 'Cannot come',
      idempotencyKey: randomUUID(),
    });
    expect(refund).toMatchObject({
      ok: true,
      value: {
        handBack: { code: 'hand_back_cash', amount: { amount: 5000, currency: 'EUR' } },
        order: { state: 'partially_refunded' },
      },
    });

    const cardHold = await hold(counter, ['MAIN-C-1']);
    const card = await counter.handle('sale:terminal', {
      holdId: cardHold.id,
      holdToken: cardHold.token,
      buyer: { name: 'Card Buyer', email: 'card@example.com' },
      delivery: 'will_call',
    });
    if (!card.ok) throw new Error(card.problem.detail);
    const cardOrder = (card.value as { order: { id: string; code: string } }).order;
    // Will-call: nothing but the receipt printed at the sale; the tickets when they are picked up, once.
    expect((card.value as { printed: string[] }).printed).toHaveLength(1);
    const found = await counter.handle('orders:search', { q: 'card@example.com' });
    expect(found).toMatchObject({ ok: true, value: [{ id: cardOrder.id }] });
    const pickup = await counter.handle('orders:pickup', { orderId: cardOrder.id });
    expect(pickup).toMatchObject({ ok: true, value: { printed: [expect.stringContaining('-tickets-')] } });
    const twice = await counter.handle('orders:pickup', { orderId: cardOrder.id });
    expect(twice).toMatchObject({
      ok: false,
      problem: { status: 409, detail: expect.stringContaining('Already picked up') },
    });
    const reprint = await counter.handle('print:order', { orderId: cardOrder.id, tickets: true, receipt: true });
    expect(reprint).toMatchObject({ ok: true, value: { printed: [expect.any(String), expect.any(String)] } });

    const cancelled = await counter.handle('orders:cancel', {
      orderId: cardOrder.id,
      reason: 'Wrong date',
      idempotencyKey: randomUUID(),
    });
    expect(cancelled).toMatchObject({
      ok: true,
      value: { handBack: { code: 'refunded_to_card', amount: { amount: 5000, currency: 'EUR' } } },
    });
    expect(counter.terminal.refunds).toEqual([
      { amount: { amount: 5000, currency: 'EUR' }, saleReference: cardOrder.code, reference: expect.any(String) },
    ]);

    const report = await counter.handle('shift:report', {
      from: shiftStart,
      openingFloats: [{ amount: 10_000, currency: 'EUR' }],
    });
    if (!report.ok) throw new Error(report.problem.detail);
    // Float 100 + cash 150 − cash back 50.
    expect((report.value as { cashExpected: unknown }).cashExpected).toEqual([{ amount: 20_000, currency: 'EUR' }]);
    const printed = await counter.handle('shift:print', {
      from: shiftStart,
      openingFloats: [{ amount: 10_000, currency: 'EUR' }],
    });
    if (!printed.ok) throw new Error(printed.problem.detail);
    const pdf = await readPdf(counter.prints().find((p) => p.file.includes('-shift_report-'))!.bytes);
    expect(pdf.text).toContain('Seller: Clara Clerk');
    expect(pdf.text).toContain('Opening float: €100.00');
    expect(pdf.text).toContain('Cash expected in the drawer: €200.00');
    expect(pdf.text).toMatch(/Cash[\s\S]*€150.00[\s\S]*€50.00[\s\S]*€100.00/);

    // An event with a refund policy: the card terminal is asked for what the cloud gives back (the refund fee kept),
    // or the whole price when the clerk waives the fee.
    const seatmapId = (await cloud.services.catalog.getEvent(eventId)).seatmapId;
    const policyEvent = await createOnSaleEvent(cloud.services, seatmapId, ['MAIN', 'PIT'], { name: 'Fee Fugue' });
    await cloud.services.commerce.settings.setRefundPolicy({ sub: 'admin-1', groups: ['admin'] }, policyEvent, {
      refundableUntilDaysBefore: 0,
      refundFee: { kind: 'fixed', amount: 200 },
      refundServiceFees: false,
      refundOrderFee: false,
      refundDeliveryFee: false,
    });
    const held = await counter.handle('holds:create', {
      eventId: policyEvent,
      request: { seatIds: ['MAIN-A-1', 'MAIN-A-2'] },
    });
    if (!held.ok) throw new Error(held.problem.detail);
    const { id: holdId, token: holdToken } = held.value as CreatedHold;
    const sale = await counter.handle('sale:terminal', {
      holdId,
      holdToken,
      buyer: { name: 'Policy Buyer' },
      delivery: 'print',
    });
    if (!sale.ok) throw new Error(sale.problem.detail);
    const order = (sale.value as { order: { id: string; code: string; tickets: { id: string }[] } }).order;
    const refundOnCard = (ticketId: string, waiveRefundFee?: boolean) =>
      counter.handle('orders:refund', {
        orderId: order.id,
        ticketIds: [ticketId],
        reason: 'Cannot come',
        ...(waiveRefundFee ? { waiveRefundFee } : {}),
        idempotencyKey: randomUUID(),
      });
    expect(await refundOnCard(order.tickets[0]!.id)).toMatchObject({
      ok: true,
      value: {
        handBack: { code: 'refunded_to_card', amount: { amount: 4800, currency: 'EUR' } },
        order: { refunded: { amount: 4800 } },
      },
    });
    expect(await refundOnCard(order.tickets[1]!.id, true)).toMatchObject({
      ok: true,
      value: {
        handBack: { code: 'refunded_to_card', amount: { amount: 5000, currency: 'EUR' } },
        order: { state: 'refunded', refunded: { amount: 9800 } },
      },
    });
    expect(counter.terminal.refunds.slice(1).map((r) => r.amount.amount)).toEqual([4800, 5000]);

    // A cancelled event's counter orders: the cash handed back from the drawer, a card sale refunded on the terminal.
    const stormy = await createOnSaleEvent(cloud.services, seatmapId, ['MAIN', 'PIT'], { name: 'Storm Serenade' });
    const sell = async (seatId: string, channel: 'sale:cash' | 'sale:terminal') => {
      const held = await counter.handle('holds:create', { eventId: stormy, request: { seatIds: [seatId] } });
      if (!held.ok) throw new Error(held.problem.detail);
      const { id: holdId, token: holdToken } = held.value as CreatedHold;
      const sale =
        channel === 'sale:cash'
          ? await counter.handle('sale:cash', {
              holdId,
              holdToken,
              buyer: { name: 'Cash Buyer' },
              delivery: 'print',
              tendered: { amount: 5000, currency: 'EUR' },
              idempotencyKey: randomUUID(),
            })
          : await counter.handle('sale:terminal', {
              holdId,
              holdToken,
              buyer: { name: 'Card Buyer' },
              delivery: 'print',
            });
      if (!sale.ok) throw new Error(sale.problem.detail);
      return (sale.value as { order: { id: string; code: string } }).order;
    };
    const stormCash = await sell('MAIN-A-1', 'sale:cash');
    const stormCard = await sell('MAIN-A-2', 'sale:terminal');
    const notYet = await counter.handle('orders:handBack', { orderId: stormCash.id, idempotencyKey: randomUUID() });
    expect(notYet).toMatchObject({ ok: false, problem: { status: 409 } });

    await cloud.services.eventChanges.cancellations.cancel(
      stormy,
      { reason: 'Storm' },
      { sub: 'admin-1', groups: ['admin'] },
    );
    for (let i = 0; i < 10; i++) if ((await cloud.services.outbox.runDue(100)).done === 0) break;

    const refundsBefore = counter.terminal.refunds.length;
    expect(
      await counter.handle('orders:handBack', { orderId: stormCash.id, idempotencyKey: randomUUID() }),
    ).toMatchObject({
      ok: true,
      value: {
        handBack: { code: 'hand_back_cash', amount: { amount: 5000, currency: 'EUR' } },
        order: { state: 'cancelled', owedAtCounter: null },
      },
    });
    expect(
      await counter.handle('orders:handBack', { orderId: stormCard.id, idempotencyKey: randomUUID() }),
    ).toMatchObject({
      ok: true,
      value: {
        handBack: { code: 'refunded_to_card', amount: { amount: 5000, currency: 'EUR' } },
        order: { refunded: { amount: 5000 } },
      },
    });
    expect(counter.terminal.refunds.slice(refundsBefore)).toEqual([
      { amount: { amount: 5000, currency: 'EUR' }, saleReference: stormCard.code, reference: expect.any(String) },
    ]);
    const again = await counter.handle('orders:handBack', { orderId: stormCard.id, idempotencyKey: randomUUID() });
    expect(again).toMatchObject({ ok: false, problem: { status: 409 } });
    expect(counter.terminal.refunds).toHaveLength(refundsBefore + 1);
  });

  it('reprints an order it sold while the cloud is unreachable, from what it kept', async () => {
    const proxy = await startNetProxy(cloud.url);
    try {
      const counter = buildDevice(mkdtempSync(join(dir, 'reprint-')), proxy.url);
      devices.push(counter);
      await counter.device.register(await pairingCode('boxoffice', 'Counter 4'));
      await counter.device.signInStaff(clerk.email, clerk.password);
      const orderId = (await sellForCash(counter, ['MAIN-D-1'], 'Kept Order', 5000)).order.id;
      proxy.cut();
      const reprint = await counter.handle('print:order', { orderId, tickets: true, receipt: false });
      expect(reprint).toMatchObject({ ok: true, value: { printed: [expect.stringContaining('-tickets-')] } });
      const pdf = await readPdf(counter.prints().at(-1)!.bytes);
      expect(pdf.pages[0]!.lines).toContain('Kept Order');
      expect(verifyTicketCode(cloud.services.ticketPublicKey, pdf.pages[0]!.qr!)).not.toBeNull();
      // An order it never saw cannot be reprinted offline.
      const unknown = await counter.handle('print:order', { orderId: randomUUID(), tickets: true, receipt: true });
      expect(unknown).toMatchObject({ ok: false, problem: { retryable: true } });
    } finally {
      await proxy.close();
    }
  });

  it('checks tickets at the door: the cloud decides online; offline it admits once and syncs the scan later', async () => {
    const proxy = await startNetProxy(cloud.url);
    try {
      const door = buildDevice(mkdtempSync(join(dir, 'door-')), proxy.url);
      devices.push(door);
      await door.device.register(await pairingCode('boxoffice', 'Door 1'));
      await door.device.signInStaff(clerk.email, clerk.password);
      const [first, second] = (await sellForCash(door, ['MAIN-D-5', 'MAIN-D-6'], 'Door Guest', 10_000)).order.tickets;
      const scan = (code: string, gate = 'North') => door.handle('door:scan', { code, gate, eventId });

      expect(await scan(first!.code)).toMatchObject({ ok: true, value: { result: 'admitted', offline: false } });
      expect(await scan(first!.code, 'South')).toMatchObject({
        ok: true,
        value: { result: 'already_used', usedGate: 'North', offline: false },
      });

      proxy.cut();
      // Forged codes are caught offline with the cached keys.
      const altered = second!.code.slice(0, 30) + (second!.code[30] === 'A' ? 'B' : 'A') + second!.code.slice(31);
      expect(await scan(altered)).toMatchObject({ ok: true, value: { result: 'refused', reason: 'invalid_code' } });
      const foreign = signTicketCode(generateKeyPairSync('ed25519').privateKey, {
        ticketId: second!.id,
        eventId,
        seat: 'MAIN-D-6',
      });
      expect(await scan(foreign)).toMatchObject({ ok: true, value: { result: 'refused', reason: 'invalid_code' } });
      expect(await scan(second!.code, 'East')).toMatchObject({
        ok: true,
        value: { result: 'admitted', offline: true, ticket: { seat: 'MAIN-D-6' } },
      });
      expect(await scan(second!.code, 'West')).toMatchObject({
        ok: true,
        value: { result: 'already_used', usedGate: 'East', offline: true },
      });
      expect(door.device.status().sync.pending).toBe(1);

      proxy.restore();
      await expect.poll(async () => (await door.device.syncNow()).sync.pending, { timeout: 10_000 }).toBe(0);
      const used = await cloud.services.db.query<{ used_gate: string }>('SELECT used_gate FROM tickets WHERE id = $1', [
        second!.id,
      ]);
      expect(used.rows[0]!.used_gate).toBe('East');
      // Back online, the cloud answers for it.
      expect(await scan(second!.code, 'West')).toMatchObject({
        ok: true,
        value: { result: 'already_used', usedGate: 'East', offline: false },
      });
    } finally {
      await proxy.close();
    }
  });

  it('signs the machine in again before its token runs out (a kiosk runs for days)', async () => {
    let now = Date.now();
    const kiosk = newDevice('renew', { clock: () => new Date(now) });
    await kiosk.device.register(await pairingCode('kiosk', 'Long runner'));
    const first = kiosk.cloud.accessToken;
    await kiosk.device.syncNow();
    expect(kiosk.cloud.accessToken).toBe(first);
    now += 23.5 * 3600_000;
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new token has a later iat
    await kiosk.device.syncNow();
    expect(kiosk.cloud.accessToken).not.toBe(first);
    expect((await kiosk.handle('catalog:getEvent', { eventId })).ok).toBe(true);
  });

  it('refuses a clerk of another venue, and kiosk channels stay kiosk', async () => {
    const elsewhere = await cloud.services.admin.createVenue({
      name: 'Other',
      city: 'Basel',
      timezone: 'Europe/Zurich',
    });
    await cloud.services.identity.createStaff({
      email: 'far@other.example',
      password: 'far-away-pass-1',
      name: 'Far Away',
      role: 'clerk',
      venueId: elsewhere.id,
    });
    const counter = newDevice('counter3');
    await counter.device.register(await pairingCode('boxoffice', 'Counter 3'));
    const answer = await counter.handle('staff:signIn', { email: 'far@other.example', password: 'far-away-pass-1' });
    expect(answer).toMatchObject({ ok: false, problem: { status: 403 } });
    const kiosk = newDevice('kiosk2');
    await kiosk.device.register(await pairingCode('kiosk', 'Kiosk 2'));
    expect(await kiosk.handle('staff:signIn', clerk)).toMatchObject({ ok: false, problem: { status: 403 } });
    expect(await kiosk.handle('orders:search', { q: 'anyone' })).toMatchObject({ ok: false, problem: { status: 403 } });
  });
});
