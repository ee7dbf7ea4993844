// Ticket transfers (issue 19) through the HTTP API on PGlite: a guest buyer sends tickets to an email, the recipient
// accepts by the emailed link and gets new tickets (new ids and codes, the same seats) in an order of their own; the
// old code is refused at the door and listed as `transferred` for offline doors; the sender may cancel a pending
// transfer; each of the organizer's rules refuses with its problem+json; every step is in the order's audit trail
// and emailed to both sides.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../cloud/db/port.ts';
import { freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { exportRows } from '../../cloud/services/reports/export-sheets.ts';
import { buyPaid, RecordingSender } from '../support/transfer-flow.ts';

describe('ticket transfers', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let mail: RecordingSender;
  let door: string;
  let manager: string;

  beforeAll(async () => {
    db = await freshDb('pglite');
    mail = new RecordingSender();
    world = await buildWorld(db, { email: mail });
    api = await testApi(world.services);
    door = await api.issuer.issue({ sub: randomUUID(), groups: ['boxoffice'], venueId: world.venueId });
    manager = await api.issuer.issue({ sub: 'manager-1', groups: ['venue_manager'], venueIds: [world.venueId] });
  });
  afterAll(async () => db.close());

  /** A paid order of the seats: a guest's, or an account's when `account` is given (bought signed in). */
  const buy = (seatIds: string[], name = 'Ada Lovelace', account?: { bearer: string; email: string }) =>
    buyPaid(api, world, seatIds, name, account);

  const send = (order: { id: string; accessToken: string }, ticketIds: string[], name = 'Grace Hopper') =>
    api.call('POST', `/v1/orders/${order.id}/transfers`, {
      orderToken: order.accessToken,
      body: { ticketIds, recipient: { email: 'Grace@Example.com', name } },
      idempotencyKey: randomUUID(),
    });

  const scan = (code: string) => api.call('POST', '/v1/scans', { body: { code, gate: 'A' }, bearer: door });

  const setRules = (rules: object) =>
    api.call('PUT', `/v1/admin/events/${world.eventId}/transfer-rules`, {
      bearer: manager,
      body: { allowed: true, closeHoursBefore: 0, maxTransfers: 2, sameNameOnly: false, ...rules },
    });

  it('sends, accepts into a new order with new codes, and the old code is refused at the door', async () => {
    const order = await buy(['MAIN-A-1', 'MAIN-A-2']);
    const [first, second] = order.tickets;
    const sent = await send(order, [first!.id]);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ state: 'pending', recipient: { email: 'grace@example.com' } });
    await world.services.outbox.runDue(50);
    // Both sides are told; the recipient's email carries the accept link.
    expect(mail.sent.some((m) => m.to === 'ada@example.com' && m.text.includes('You sent 1 ticket'))).toBe(true);
    // The place is worded as in the order's own emails.
    const offer = mail.sent.filter((m) => m.to === 'grace@example.com').at(-1)!.text;
    expect(offer).toContain('to you: Main · Row A · Seat 1.');
    const token = mail.acceptToken('grace@example.com');
    const preview = await api.call('GET', `/v1/transfers/${encodeURIComponent(token)}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ state: 'pending', from: { name: 'Ada Lovelace' } });
    expect(preview.body.places).toEqual([{ sectionId: 'MAIN', row: 'A', number: '1' }]);

    const accepted = await api.call('POST', `/v1/transfers/${encodeURIComponent(token)}/accept`, {
      body: {},
      idempotencyKey: randomUUID(),
    });
    expect(accepted.status).toBe(201);
    const mine = await api.call('GET', `/v1/orders/${accepted.body.orderId}`, {
      orderToken: accepted.body.accessToken,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.buyer).toMatchObject({ email: 'grace@example.com', name: 'Grace Hopper' });
    expect(mine.body.tickets).toHaveLength(1);
    const fresh = mine.body.tickets[0];
    expect(fresh).toMatchObject({ seatId: first!.seatId, status: 'valid' });
    expect(fresh.id).not.toBe(first!.id);
    expect(fresh.code).not.toBe(first!.code);

    // The sender's order: the old ticket transferred (no code shown), the other untouched.
    const theirs = await api.call('GET', `/v1/orders/${order.id}`, { orderToken: order.accessToken });
    const statuses = Object.fromEntries(
      theirs.body.tickets.map((t: { id: string; status: string }) => [t.id, t.status]),
    );
    expect(statuses).toEqual({ [first!.id]: 'transferred', [second!.id]: 'valid' });

    expect((await scan(first!.code)).body).toMatchObject({ result: 'refused', reason: 'transferred' });
    expect((await scan(fresh.code)).body.result).toBe('admitted');
    const revoked = await api.call('GET', '/v1/tickets/revocations', { bearer: door });
    expect(revoked.body.tickets).toContainEqual({ id: first!.id, eventId: world.eventId, reason: 'transferred' });

    // A second accept of the same link is refused; the emails of the acceptance go to both sides.
    const again = await api.call('POST', `/v1/transfers/${encodeURIComponent(token)}/accept`, {
      body: {},
      idempotencyKey: randomUUID(),
    });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/transfer_not_pending$/u);
    await world.services.outbox.runDue(50);
    expect(mail.sent.some((m) => m.to === 'ada@example.com' && m.text.includes('Grace Hopper accepted'))).toBe(true);
    expect(mail.sent.some((m) => m.to === 'grace@example.com' && m.text.includes('You accepted 1 ticket'))).toBe(true);

    // Every step is in the audit trail of the sender's order, and the acceptance in the recipient's.
    const trail = async (orderId: string) =>
      (await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_id = $1`, [orderId])).rows
        .map((r) => r.action)
        .sort();
    expect(await trail(order.id)).toEqual(['transfer.accept', 'transfer.send']);
    expect(await trail(accepted.body.orderId)).toEqual(['transfer.accept']);
  });

  it('a signed-in recipient accepts into the account: the order is listed under its orders', async () => {
    const order = await buy(['MAIN-A-5']);
    expect((await send(order, [order.tickets[0]!.id])).status).toBe(201);
    await world.services.outbox.runDue(50);
    const token = mail.acceptToken('grace@example.com');
    const accepted = await api.call('POST', `/v1/transfers/${encodeURIComponent(token)}/accept`, {
      body: {},
      bearer: api.customerToken,
      idempotencyKey: randomUUID(),
    });
    expect(accepted.status).toBe(201);
    const listed = await api.call('GET', '/v1/me/orders', { bearer: api.customerToken });
    expect(JSON.stringify(listed.body)).toContain(accepted.body.orderId);
  });

  it('the sender cancels a pending transfer: the link stops working and the tickets stay valid', async () => {
    const order = await buy(['MAIN-A-3']);
    const sent = await send(order, [order.tickets[0]!.id]);
    await world.services.outbox.runDue(50);
    const token = mail.acceptToken('grace@example.com');
    // The same ticket cannot be sent twice at once.
    const twice = await send(order, [order.tickets[0]!.id]);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ type: expect.stringMatching(/ticket_not_transferable$/u) });
    const cancelled = await api.call('DELETE', `/v1/orders/${order.id}/transfers/${sent.body.id}`, {
      orderToken: order.accessToken,
    });
    expect(cancelled.status).toBe(204);
    const accept = await api.call('POST', `/v1/transfers/${encodeURIComponent(token)}/accept`, {
      body: {},
      idempotencyKey: randomUUID(),
    });
    expect(accept.status).toBe(409);
    expect((await scan(order.tickets[0]!.code)).body.result).toBe('admitted');
    const listed = await api.call('GET', `/v1/orders/${order.id}/transfers`, { orderToken: order.accessToken });
    expect(listed.body.transfers.map((t: { state: string }) => t.state)).toEqual(['cancelled']);
    // The cancellation is in the order's audit trail, and both sides are told.
    const actions = (
      await db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_id = $1`, [order.id])
    ).rows.map((r) => r.action);
    expect(actions.sort()).toEqual(['transfer.cancel', 'transfer.send']);
    await world.services.outbox.runDue(50);
    expect(mail.sent.some((m) => m.to === 'ada@example.com' && m.text.includes('You cancelled the transfer'))).toBe(
      true,
    );
    expect(mail.sent.some((m) => m.to === 'grace@example.com' && m.text.includes('cancelled the transfer of 1'))).toBe(
      true,
    );
  });

  it('an account holder sends an order bought signed in, with no order token; another account cannot', async () => {
    const order = await buy(['MAIN-B-5', 'MAIN-B-6'], 'Cee Account', {
      bearer: api.customerToken,
      email: 'c@example.com',
    });
    const ticketIds = order.tickets.map((t) => t.id);
    const sendAs = (bearer: string) =>
      api.call('POST', `/v1/orders/${order.id}/transfers`, {
        bearer,
        body: { ticketIds, recipient: { email: 'grace@example.com', name: 'Grace Hopper' } },
        idempotencyKey: randomUUID(),
      });
    const stranger = await api.issuer.issue({ sub: 'customer-2', email: 'd@example.com', groups: [] });
    const refused = await sendAs(stranger);
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');

    const sent = await sendAs(api.customerToken);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({ state: 'pending', ticketIds });
    await world.services.outbox.runDue(50);
    // Both tickets move: the recipient gets two new tickets, the sender's two are passed on.
    const accepted = await acceptLast();
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const theirs = await api.call('GET', `/v1/orders/${accepted.body.orderId}`, {
      orderToken: accepted.body.accessToken,
    });
    expect(theirs.body.tickets.map((t: { status: string }) => t.status)).toEqual(['valid', 'valid']);
    const mine = await api.call('GET', `/v1/orders/${order.id}`, { bearer: api.customerToken });
    expect(mine.body.tickets.map((t: { status: string }) => t.status)).toEqual(['transferred', 'transferred']);
    const actors = (
      await db.query<{ action: string; actor_sub: string; actor_role: string }>(
        `SELECT action, actor_sub, actor_role FROM audit_log WHERE object_id = $1 AND action = 'transfer.send'`,
        [order.id],
      )
    ).rows;
    expect(actors).toEqual([{ action: 'transfer.send', actor_sub: 'customer-1', actor_role: 'customer' }]);
  });

  it('another order’s token, a forged link and a stranger are refused as not found', async () => {
    const order = await buy(['MAIN-B-1']);
    const other = await buy(['MAIN-B-2']);
    const wrong = await api.call('POST', `/v1/orders/${order.id}/transfers`, {
      orderToken: other.accessToken,
      idempotencyKey: randomUUID(),
      body: { ticketIds: [order.tickets[0]!.id], recipient: { email: 'x@example.com', name: 'X' } },
    });
    expect(wrong.status).toBe(404);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    const forged = await api.call('GET', `/v1/transfers/${randomUUID()}.${'A'.repeat(32)}`);
    expect(forged.status).toBe(404);
    const bad = await api.call('POST', `/v1/orders/${order.id}/transfers`, {
      orderToken: order.accessToken,
      idempotencyKey: randomUUID(),
      body: { ticketIds: [order.tickets[0]!.id], recipient: { email: 'not-an-email', name: 'X' } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('recipient.email');
  });

  describe("the organizer's rules, each refused with problem+json", () => {
    it('not allowed', async () => {
      const order = await buy(['MAIN-C-1']);
      expect((await setRules({ allowed: false })).status).toBe(204);
      const refused = await send(order, [order.tickets[0]!.id]);
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.type).toMatch(/transfer_not_allowed$/u);
      await setRules({});
    });

    it('closed before the start', async () => {
      const order = await buy(['MAIN-C-2']);
      // The event starts in 30 days: closing 31 days before means closed now.
      await setRules({ closeHoursBefore: 31 * 24 });
      const refused = await send(order, [order.tickets[0]!.id]);
      expect(refused.status).toBe(409);
      expect(refused.body.type).toMatch(/transfer_closed$/u);
      expect(refused.body.deadline).toBeDefined();
      await setRules({});
    });

    it('a place moves only as often as allowed', async () => {
      await setRules({ maxTransfers: 1 });
      const order = await buy(['MAIN-C-3']);
      await send(order, [order.tickets[0]!.id]);
      await world.services.outbox.runDue(50);
      const accepted = await api.call(
        'POST',
        `/v1/transfers/${encodeURIComponent(mail.acceptToken('grace@example.com'))}/accept`,
        { body: {}, idempotencyKey: randomUUID() },
      );
      const next = await api.call('GET', `/v1/orders/${accepted.body.orderId}`, {
        orderToken: accepted.body.accessToken,
      });
      const again = await send({ id: accepted.body.orderId, accessToken: accepted.body.accessToken }, [
        next.body.tickets[0].id,
      ]);
      expect(again.status).toBe(409);
      expect(again.body.type).toMatch(/transfer_limit_reached$/u);
      await setRules({});
    });

    it("same name only: another name is refused, the buyer's own name goes", async () => {
      await setRules({ sameNameOnly: true });
      const order = await buy(['MAIN-C-4']);
      const refused = await send(order, [order.tickets[0]!.id], 'Grace Hopper');
      expect(refused.status).toBe(422);
      expect(refused.body.type).toMatch(/transfer_name_mismatch$/u);
      expect(JSON.stringify(refused.body)).toContain('recipient.name');
      expect((await send(order, [order.tickets[0]!.id], '  ada  LOVELACE ')).status).toBe(201);
      await setRules({});
    });
  });
  const acceptLast = (options: { idempotencyKey?: string } = {}) =>
    api.call('POST', `/v1/transfers/${encodeURIComponent(mail.acceptToken('grace@example.com'))}/accept`, {
      body: {},
      idempotencyKey: options.idempotencyKey ?? randomUUID(),
    });

  it('a recipient’s order is not refunded or cancelled: staff are sent to the original order, the buyer is told no', async () => {
    const order = await buy(['MAIN-E-1']);
    await send(order, [order.tickets[0]!.id]);
    await world.services.outbox.runDue(50);
    const accepted = await acceptLast();
    expect(accepted.status).toBe(201);
    const recipientOrder = accepted.body.orderId as string;
    const refundsBefore = (await db.query(`SELECT id FROM refunds`)).rows.length;
    const clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });

    const staffRefund = await api.call('POST', `/v1/orders/${recipientOrder}/refunds`, {
      bearer: clerk,
      body: { reason: 'Asked at the counter' },
      idempotencyKey: randomUUID(),
    });
    const staffCancel = await api.call('POST', `/v1/orders/${recipientOrder}/cancel`, {
      bearer: clerk,
      body: { reason: 'Asked at the counter' },
      idempotencyKey: randomUUID(),
    });
    const deskRefund = await api.call('POST', `/v1/admin/orders/${recipientOrder}/refunds`, {
      bearer: manager,
      body: { reason: 'Asked by email' },
      idempotencyKey: randomUUID(),
    });
    for (const refused of [staffRefund, staffCancel, deskRefund]) {
      expect(refused.status).toBe(409);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        type: expect.stringMatching(/refund_at_original_order$/u),
        originalOrderId: order.id,
      });
    }
    const buyerRefund = await api.call('POST', `/v1/orders/${recipientOrder}/refund-request`, {
      orderToken: accepted.body.accessToken,
      body: {},
      idempotencyKey: randomUUID(),
    });
    expect(buyerRefund.status).toBe(409);
    expect(buyerRefund.body.type).toMatch(/no_refund_offer$/u);

    // Nor does the original order give the passed-on ticket's money back by a whole cancellation (its recipient
    // still holds it); the quote says so too.
    const originalCancel = await api.call('POST', `/v1/orders/${order.id}/cancel`, {
      bearer: clerk,
      body: { reason: 'Asked at the counter' },
      idempotencyKey: randomUUID(),
    });
    expect(originalCancel.status).toBe(409);
    expect(originalCancel.body.type).toMatch(/order_has_transferred_tickets$/u);
    const originalQuote = await api.call('POST', `/v1/orders/${order.id}/refund-quote`, {
      bearer: clerk,
      body: { cancel: true },
    });
    expect(originalQuote.status).toBe(409);

    // Nothing moved: no refund row, the recipient's ticket still admits, the order still paid.
    expect((await db.query(`SELECT id FROM refunds`)).rows.length).toBe(refundsBefore);
    const mine = await api.call('GET', `/v1/orders/${recipientOrder}`, { orderToken: accepted.body.accessToken });
    expect(mine.body).toMatchObject({ state: 'paid' });
    expect(mine.body.tickets.map((t: { status: string }) => t.status)).toEqual(['valid']);
  });

  it('send and accept take an Idempotency-Key: a repeat answers the first response', async () => {
    const order = await buy(['MAIN-E-2']);
    const sendKey = randomUUID();
    const sendOnce = () =>
      api.call('POST', `/v1/orders/${order.id}/transfers`, {
        orderToken: order.accessToken,
        body: { ticketIds: [order.tickets[0]!.id], recipient: { email: 'grace@example.com', name: 'Grace Hopper' } },
        idempotencyKey: sendKey,
      });
    const sent = await sendOnce();
    expect(sent.status).toBe(201);
    const sentAgain = await sendOnce();
    expect(sentAgain.status).toBe(201);
    expect(sentAgain.body.id).toBe(sent.body.id);
    const listed = await api.call('GET', `/v1/orders/${order.id}/transfers`, { orderToken: order.accessToken });
    expect(listed.body.transfers).toHaveLength(1);
    await world.services.outbox.runDue(50);

    const acceptKey = randomUUID();
    const first = await acceptLast({ idempotencyKey: acceptKey });
    expect(first.status).toBe(201);
    const repeat = await acceptLast({ idempotencyKey: acceptKey });
    expect(repeat.status).toBe(201);
    expect(repeat.body).toEqual(first.body);
    // Without a key the accept is refused as a malformed request.
    const keyless = await api.call(
      'POST',
      `/v1/transfers/${encodeURIComponent(mail.acceptToken('grace@example.com'))}/accept`,
      { body: {} },
    );
    expect(keyless.status).toBe(400);
  });

  it('reports count a passed-on seat once, as its first sale; the attendees list its recipient', async () => {
    const order = await buy(['MAIN-E-3']);
    await send(order, [order.tickets[0]!.id]);
    await world.services.outbox.runDue(50);
    const day = (offset: number) =>
      new Date(world.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const sales = async (groupBy: 'tier' | 'channel') => {
      const report = await api.call(
        'GET',
        `/v1/admin/reports/sales?venueId=${world.venueId}&from=${day(-1)}&to=${day(1)}&groupBy=${groupBy}&eventId=${world.eventId}`,
        { bearer: manager },
      );
      expect(report.status, JSON.stringify(report.body)).toBe(200);
      type Row = { orders: number; tickets: number; gross: { amount: number } };
      return (report.body.rows as Row[]).reduce(
        (sum, row) => ({
          orders: sum.orders + row.orders,
          tickets: sum.tickets + row.tickets,
          gross: sum.gross + row.gross.amount,
        }),
        { orders: 0, tickets: 0, gross: 0 },
      );
    };
    const figures = async () => {
      const dashboard = await api.call('GET', `/v1/admin/reports/dashboard?venueId=${world.venueId}`, {
        bearer: manager,
      });
      expect(dashboard.status, JSON.stringify(dashboard.body)).toBe(200);
      const { today, season, events, salesToday } = dashboard.body;
      return {
        today,
        season,
        sold: events.find((e: { eventId: string }) => e.eventId === world.eventId).sold,
        hourly: salesToday.reduce((sum: number, row: { tickets: number }) => sum + row.tickets, 0),
        byTier: await sales('tier'),
        byChannel: await sales('channel'),
      };
    };
    const before = await figures();
    const accepted = await acceptLast();
    expect(accepted.status).toBe(201);
    // Accepting is no sale: every count and sum is what it was.
    expect(await figures()).toEqual(before);

    const filter = { eventId: world.eventId, venueId: null, paidFrom: null, paidBefore: null };
    const rowsOf = async (dataset: 'attendees' | 'tickets' | 'orders') => {
      const rows: unknown[][] = [];
      for await (const cells of exportRows(db, dataset, filter, 'UTC')) rows.push(cells);
      return rows;
    };
    const seatE3 = (cells: unknown[], rowAt: number) => cells[rowAt] === 'E' && cells[rowAt + 1] === '3';
    const attendees = (await rowsOf('attendees')).filter((cells) => seatE3(cells, 7));
    expect(attendees.map((cells) => cells[0])).toEqual(['Grace Hopper']);
    const tickets = (await rowsOf('tickets')).filter((cells) => seatE3(cells, 4));
    expect(tickets.map((cells) => [cells[1], cells[10]])).toEqual([[expect.any(String), 'transferred']]);
    const orders = await rowsOf('orders');
    expect(orders.filter((cells) => cells[10] === 'transfer')).toEqual([]);
  });

  it('words the places in the email in the recipient’s language, as the order emails do', async () => {
    const order = await buy(['MAIN-E-4', 'MAIN-E-5']);
    const sent = await api.call('POST', `/v1/orders/${order.id}/transfers`, {
      orderToken: order.accessToken,
      body: {
        ticketIds: order.tickets.map((t) => t.id),
        recipient: { email: 'greta@example.com', name: 'Greta Garbo' },
        locale: 'de',
      },
      idempotencyKey: randomUUID(),
    });
    expect(sent.status).toBe(201);
    await world.services.outbox.runDue(50);
    const offer = mail.sent.filter((m) => m.to === 'greta@example.com').at(-1)!.text;
    expect(offer).toContain('Main · Reihe E · Platz 4, Main · Reihe E · Platz 5');
    expect(offer).not.toMatch(/MAIN E \d/u);
  });

  // Last: it cancels the world's event.
  it('an event cancelled after a transfer: the sender gets the money back, the recipient’s tickets are void', async () => {
    const order = await buy(['MAIN-D-1']);
    await send(order, [order.tickets[0]!.id]);
    await world.services.outbox.runDue(50);
    const accepted = await api.call(
      'POST',
      `/v1/transfers/${encodeURIComponent(mail.acceptToken('grace@example.com'))}/accept`,
      { body: {}, idempotencyKey: randomUUID() },
    );
    expect(accepted.status).toBe(201);
    const admin = { sub: 'admin-1', groups: ['admin'] };
    await world.services.eventChanges.cancellations.cancel(world.eventId, { reason: 'Storm' }, admin);
    for (let round = 0; round < 5; round++) await world.services.outbox.runDue(100);
    expect((await world.services.eventChanges.cancellations.progress(world.eventId, admin)).done).toBe(true);
    const theirs = await api.call('GET', `/v1/orders/${accepted.body.orderId}`, {
      orderToken: accepted.body.accessToken,
    });
    expect(theirs.body.tickets.map((t: { status: string }) => t.status)).toEqual(['void']);
    const senders = await api.call('GET', `/v1/orders/${order.id}`, { orderToken: order.accessToken });
    expect(senders.body.refunded).toEqual(senders.body.total);
  });
});
