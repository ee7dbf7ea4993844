// Refunds of passed-on tickets (issue 19) through the HTTP API on PGlite: staff refund a ticket that was passed on
// (even twice) at the order that paid for it, named by its own id or by the ticket holding its place now. The money
// goes back to the payer through the provider; the holder's ticket is refunded (refused at the door at once, listed
// for offline doors), its seat back on sale, its wallet pass voided; both orders' trails and both people hear of it.
// Refused: the recipient's order (409 naming the order and ticket to choose), another venue's staff, a holder's
// ticket already used at the door; a second refund is idempotent under its key, refused under another.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../cloud/db/port.ts';
import { freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { buyPaid, passOn, RecordingSender, type PaidOrder } from '../support/transfer-flow.ts';

describe('refunds of passed-on tickets', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let mail: RecordingSender;
  let clerk: string;
  let door: string;

  beforeAll(async () => {
    db = await freshDb('pglite');
    mail = new RecordingSender();
    world = await buildWorld(db, { email: mail });
    api = await testApi(world.services);
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    door = await api.issuer.issue({ sub: randomUUID(), groups: ['boxoffice'], venueId: world.venueId });
  });
  afterAll(async () => db.close());

  const refund = (orderId: string, ticketIds: string[], bearer = clerk, idempotencyKey = randomUUID()) =>
    api.call('POST', `/v1/orders/${orderId}/refunds`, {
      bearer,
      body: { ticketIds, reason: 'Cannot come' },
      idempotencyKey,
    });
  const quote = (orderId: string, ticketIds: string[]) =>
    api.call('POST', `/v1/orders/${orderId}/refund-quote`, { bearer: clerk, body: { ticketIds } });
  const orderOf = async (order: PaidOrder) =>
    (await api.call('GET', `/v1/orders/${order.id}`, { orderToken: order.accessToken })).body;
  const seat = async (seatId: string) =>
    (
      await db.query<{ status: string; order_id: string | null }>(
        `SELECT status, order_id FROM event_seats WHERE event_id = $1 AND seat_id = $2`,
        [world.eventId, seatId],
      )
    ).rows[0]!;
  const trail = async (orderId: string) =>
    (
      await db.query<{ action: string; summary: string }>(
        `SELECT action, summary FROM audit_log WHERE object_id = $1 AND action = 'order.refund'`,
        [orderId],
      )
    ).rows;
  const passJobs = async () =>
    (
      await db.query<{ payload: { ticketIds: string[] } }>(
        `SELECT payload FROM outbox WHERE topic = 'ticket_passes_update'`,
      )
    ).rows.flatMap((row) => row.payload.ticketIds);
  const providerRefunded = async (orderId: string) =>
    (
      await db.query<{ refunded: number }>(
        `SELECT COALESCE(sum(c.refunded_amount), 0)::int AS refunded FROM sandbox_charges c
         JOIN payments p ON p.provider_session_id = c.session_id WHERE p.order_id = $1`,
        [orderId],
      )
    ).rows[0]!.refunded;

  it('a ticket passed on twice: refunded at the paying order, its holder’s ticket stopped', async () => {
    const payer = await buyPaid(api, world, ['MAIN-A-1', 'MAIN-A-2']);
    const [first, second] = payer.tickets;
    const grace = await passOn(api, world, mail, payer, [first!.id], { email: 'grace@example.com', name: 'Grace' });
    const hedy = await passOn(api, world, mail, grace, [grace.tickets[0]!.id], {
      email: 'hedy@example.com',
      name: 'Hedy Lamarr',
      locale: 'de',
    });
    const holding = hedy.tickets[0]!;
    expect(holding).toMatchObject({ seatId: 'MAIN-A-1', status: 'valid' });

    // Asked at the holder's order: 409, naming the paying order and the ticket to choose there.
    const atHolder = await refund(hedy.id, [holding.id]);
    expect(atHolder.status).toBe(409);
    expect(atHolder.body).toMatchObject({
      type: expect.stringMatching(/refund_at_original_order$/u),
      originalOrderId: payer.id,
      originalOrderCode: expect.any(String),
      originalTickets: [{ ticketId: holding.id, originalTicketId: first!.id }],
    });
    // Another venue's staff do not reach the paying order.
    const stranger = await api.issuer.issue({ sub: 'clerk-x', groups: ['clerk'], venueId: randomUUID() });
    expect((await refund(payer.id, [first!.id], stranger)).status).toBe(404);

    // Priced as the original ticket: what its own twin seat would give back.
    const passedOnQuote = await quote(payer.id, [first!.id]);
    expect(passedOnQuote.status, JSON.stringify(passedOnQuote.body)).toBe(200);
    expect(passedOnQuote.body.amount).toEqual((await quote(payer.id, [second!.id])).body.amount);
    expect(passedOnQuote.body.amount.amount).toBeGreaterThan(0);

    mail.sent.length = 0;
    const key = randomUUID();
    // Named by the holder's ticket id at the paying order.
    const refunded = await refund(payer.id, [holding.id], clerk, key);
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    expect(refunded.body.state).toBe('partially_refunded');
    expect(refunded.body.refunded).toEqual(passedOnQuote.body.amount);
    expect(refunded.body.refunds).toEqual([expect.objectContaining({ ticketIds: [first!.id] })]);
    const statuses = Object.fromEntries(
      refunded.body.tickets.map((t: { id: string; status: string }) => [t.id, t.status]),
    );
    expect(statuses).toEqual({ [first!.id]: 'refunded', [second!.id]: 'valid' });
    // The money went back through the provider.
    expect(await providerRefunded(payer.id)).toBe(passedOnQuote.body.amount.amount);

    // The holder's ticket is refunded, their order with it; the seat is on sale again.
    const theirs = await orderOf(hedy);
    expect(theirs.state).toBe('refunded');
    expect(theirs.tickets.map((t: { status: string }) => t.status)).toEqual(['refunded']);
    expect(await seat('MAIN-A-1')).toEqual({ status: 'available', order_id: null });
    // The door refuses it online at once, and offline doors get it in the revocation list.
    const scanned = await api.call('POST', '/v1/scans', { body: { code: holding.code, gate: 'A' }, bearer: door });
    expect(scanned.body).toMatchObject({ result: 'refused', reason: 'refunded' });
    const revoked = await api.call('GET', '/v1/tickets/revocations', { bearer: door });
    expect(revoked.body.tickets).toContainEqual({ id: holding.id, eventId: world.eventId, reason: 'refunded' });
    // Its wallet pass is voided; both orders' trails have the refund.
    expect(await passJobs()).toContain(holding.id);
    expect(await trail(payer.id)).toEqual([
      expect.objectContaining({ summary: expect.stringContaining('1 passed on') }),
    ]);
    expect(await trail(hedy.id)).toEqual([
      expect.objectContaining({ summary: expect.stringContaining('passed-on ticket') }),
    ]);

    // Both people are told: the payer by the refund email, the holder in their language (formal German).
    await world.services.outbox.runDue(50);
    await world.services.outbox.runDue(50);
    const to = (email: string) => mail.sent.filter((m) => m.to === email).map((m) => m.text);
    expect(to('ada@example.com').join('\n')).toContain('We have refunded part of your order');
    const note = to('hedy@example.com').join('\n');
    expect(note).toContain('Guten Tag Hedy Lamarr');
    expect(note).toContain('das Grace an Sie weitergegeben hat, wurde storniert');
    expect(note).toContain('Main · Reihe A · Platz 1');
    expect(to('grace@example.com')).toEqual([]);

    // Again under the same key: the same answer; under another: refused as any ticket refunded already is.
    const repeat = await refund(payer.id, [holding.id], clerk, key);
    expect(repeat.status).toBe(200);
    expect(repeat.body.refunded).toEqual(refunded.body.refunded);
    const twice = await refund(payer.id, [first!.id]);
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0].field).toBe('ticketIds');
    expect(await providerRefunded(payer.id)).toBe(passedOnQuote.body.amount.amount);
  });

  it('by the original ticket id; a holder already let in is refused, nothing moves', async () => {
    const payer = await buyPaid(api, world, ['MAIN-B-1', 'MAIN-B-2']);
    const [first, second] = payer.tickets;
    const grace = await passOn(api, world, mail, payer, [first!.id, second!.id], {
      email: 'grace@example.com',
      name: 'Grace',
    });
    const used = grace.tickets.find((t) => t.seatId === 'MAIN-B-2')!;
    expect(
      (await api.call('POST', '/v1/scans', { body: { code: used.code, gate: 'A' }, bearer: door })).body.result,
    ).toBe('admitted');
    const refused = await refund(payer.id, [second!.id]);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/ticket_already_used$/u);
    expect((await orderOf(payer)).refunded.amount).toBe(0);

    const refunded = await refund(payer.id, [first!.id]);
    expect(refunded.status, JSON.stringify(refunded.body)).toBe(200);
    // One passed-on ticket is still paid for here: the order is refunded in part.
    expect(refunded.body.state).toBe('partially_refunded');
    const theirs = await orderOf(grace);
    expect(theirs.state).toBe('partially_refunded');
    const byId = Object.fromEntries(
      theirs.tickets.map((t: { seatId: string; status: string }) => [t.seatId, t.status]),
    );
    expect(byId).toEqual({ 'MAIN-B-1': 'refunded', 'MAIN-B-2': 'valid' });
    expect(await seat('MAIN-B-1')).toEqual({ status: 'available', order_id: null });
    expect(await seat('MAIN-B-2')).toEqual({ status: 'sold', order_id: grace.id });
  });
});
