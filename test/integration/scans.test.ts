// The door on real Postgres (else PGlite): a valid ticket is admitted once, a second scan says when and at which gate;
// refunded, void, other-event and other-venue tickets are refused with the reason; a forged, altered or foreign-key
// code is refused; and concurrent scans of one ticket at two gates admit exactly one (real connections on Postgres).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, productionDbKinds } from '../support/databases.ts';
import { buildWorld, createOnSaleEvent, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';
import { signTicketCode, ticketKeyId } from '../../cloud/domain/tickets/ticket-code.ts';
import { ScanService } from '../../cloud/services/scans/scan-service.ts';

describe.each(productionDbKinds())('scans on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let clerk: string;
  let door: string;

  beforeAll(async () => {
    db = await freshDb(kind, { maxConnections: 12 });
    world = await buildWorld(db);
    api = await testApi(world.services);
    clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    door = await api.issuer.issue({ sub: randomUUID(), groups: ['boxoffice'], venueId: world.venueId });
  });
  afterAll(async () => db.close());

  const sell = async (seatIds: string[], eventId = world.eventId) => {
    const hold = await api.call('POST', `/v1/events/${eventId}/holds`, { body: { seatIds }, bearer: clerk });
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'door@example.com', name: 'At The Door' },
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: 50_000, currency: 'EUR' } },
      },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(order.body.state, JSON.stringify(order.body)).toBe('paid');
    return order.body as { id: string; tickets: { id: string; code: string; seatId: string }[] };
  };
  const scan = (code: string, gate: string, extra: object = {}, bearer = door) =>
    api.call('POST', '/v1/scans', { body: { code, gate, ...extra }, bearer });

  it('admits once, and a second scan says when and at which gate', async () => {
    const order = await sell(['MAIN-A-1']);
    const first = await scan(order.tickets[0]!.code, 'North 1', { eventId: world.eventId });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      result: 'admitted',
      ticket: { id: order.tickets[0]!.id, eventId: world.eventId, seat: 'MAIN-A-1' },
      usedGate: 'North 1',
    });
    world.clock.advance(60_000);
    const second = await scan(order.tickets[0]!.code, 'South 2');
    expect(second.body).toMatchObject({ result: 'already_used', usedGate: 'North 1', usedAt: first.body.usedAt });
    expect(second.body.detail).toContain('gate North 1');
  });

  it('refuses refunded, void, other-event and other-venue tickets with the reason', async () => {
    const order = await sell(['MAIN-A-2', 'MAIN-A-3']);
    await api.call('POST', `/v1/orders/${order.id}/refunds`, {
      body: { ticketIds: [order.tickets[0]!.id], reason: 'refund' },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect((await scan(order.tickets[0]!.code, 'G')).body).toMatchObject({ result: 'refused', reason: 'refunded' });
    const other = await createOnSaleEvent(world.services, world.seatmapId, ['MAIN', 'PIT'], { name: 'Other night' });
    expect((await scan(order.tickets[1]!.code, 'G', { eventId: other })).body).toMatchObject({
      result: 'refused',
      reason: 'other_event',
    });
    const elsewhere = await api.issuer.issue({ sub: randomUUID(), groups: ['boxoffice'], venueId: randomUUID() });
    expect((await scan(order.tickets[1]!.code, 'G', {}, elsewhere)).body).toMatchObject({ reason: 'other_venue' });
    await api.call('POST', `/v1/orders/${order.id}/cancel`, {
      body: { reason: 'cancel' },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect((await scan(order.tickets[1]!.code, 'G')).body).toMatchObject({ result: 'refused', reason: 'void' });
  });

  it('refuses forged, altered and foreign-key codes, and anyone but door staff', async () => {
    const order = await sell(['MAIN-A-4']);
    const code = order.tickets[0]!.code;
    const altered = code.slice(0, 20) + (code[20] === 'A' ? 'B' : 'A') + code.slice(21);
    expect((await scan(altered, 'G')).body).toMatchObject({ result: 'refused', reason: 'invalid_code' });
    const foreign = signTicketCode(generateKeyPairSync('ed25519').privateKey, {
      ticketId: order.tickets[0]!.id,
      eventId: world.eventId,
      seat: 'MAIN-A-4',
    });
    expect((await scan(foreign, 'G')).body).toMatchObject({ result: 'refused', reason: 'invalid_code' });
    expect((await scan('hello', 'G')).body).toMatchObject({ result: 'refused', reason: 'invalid_code' });
    const bad = await api.call('POST', '/v1/scans', { body: { code: code, gate: '' }, bearer: door });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('gate');
    expect((await scan(code, 'G', {}, api.customerToken)).status).toBe(403);
    expect((await api.call('POST', '/v1/scans', { body: { code, gate: 'G' } })).status).toBe(401);
    // The genuine code still works after all that.
    expect((await scan(code, 'G')).body.result).toBe('admitted');
  });

  it('still admits codes signed with a retired key after rotation, while that key is accepted', async () => {
    const order = await sell(['MAIN-A-5']);
    const retired = generateKeyPairSync('ed25519');
    const before = signTicketCode(retired.privateKey, {
      ticketId: order.tickets[0]!.id,
      eventId: world.eventId,
      seat: 'MAIN-A-5',
    });
    const principal = { sub: 'door-1', groups: ['boxoffice'], venueId: world.venueId };
    const withoutRetired = new ScanService(db, world.clock, [world.services.ticketPublicKey]);
    expect((await withoutRetired.scan({ code: before, gate: 'G' }, principal)).reason).toBe('invalid_code');
    const afterRotation = new ScanService(db, world.clock, [world.services.ticketPublicKey, retired.publicKey]);
    expect((await afterRotation.scan({ code: before, gate: 'G' }, principal)).result).toBe('admitted');
    expect(afterRotation.keys().map((k) => k.keyId)).toEqual([
      ticketKeyId(world.services.ticketPublicKey),
      ticketKeyId(retired.publicKey),
    ]);
  });

  it('publishes the accepted public keys for offline checks', async () => {
    const keys = await api.call('GET', '/v1/tickets/keys');
    expect(keys.status, JSON.stringify(keys.body)).toBe(200);
    expect(keys.body.keys).toEqual([
      { keyId: ticketKeyId(world.services.ticketPublicKey), alg: 'Ed25519', publicKey: expect.any(String) },
    ]);
  });

  it('admits exactly one of many concurrent scans of one ticket at two gates', async () => {
    const order = await sell(['MAIN-B-1']);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => scan(order.tickets[0]!.code, i % 2 === 0 ? 'East' : 'West')),
    );
    const results = answers.map((a) => a.body.result);
    expect(results.filter((r) => r === 'admitted')).toHaveLength(1);
    expect(results.filter((r) => r === 'already_used')).toHaveLength(9);
  });
});
