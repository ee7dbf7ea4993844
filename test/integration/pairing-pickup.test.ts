// Two box-office capabilities of the cloud, on real Postgres (else PGlite). Pairing: an admin's one-time code registers
// a new machine once, and the machine signs in with the credential it got; a used, expired, mistyped or unknown code is
// refused. Will-call: a clerk of the venue hands a paid will-call order over once; a second hand-over says when, and
// other venues, customers and orders that are not will-call are refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, productionDbKinds } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';

describe.each(productionDbKinds())('pairing and will-call on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    api = await testApi(world.services);
  });
  afterAll(async () => db.close());

  const newCode = async (name = 'Kiosk by the door') => {
    const answer = await api.call('POST', '/v1/admin/devices/pairing-codes', {
      body: { venueId: world.venueId, kind: 'kiosk', name },
      bearer: api.adminToken,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as { code: string; expiresAt: string };
  };

  it('registers a machine once from a one-time code, which it signs in with', async () => {
    const { code, expiresAt } = await newCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(Date.parse(expiresAt) - world.clock.now().getTime()).toBe(15 * 60_000);
    // Typed loosely at the machine: lower case, no dash.
    const paired = await api.call('POST', '/v1/devices/pair', { body: { code: code.toLowerCase().replace('-', '') } });
    expect(paired.status).toBe(201);
    expect(paired.body).toMatchObject({ venueId: world.venueId, kind: 'kiosk', name: 'Kiosk by the door' });
    const signIn = await api.call('POST', '/v1/auth/device', {
      body: { deviceId: paired.body.id, secret: paired.body.secret },
    });
    expect(signIn.status).toBe(200);
    expect(signIn.body.principal).toMatchObject({ sub: paired.body.id, groups: ['kiosk'], venueId: world.venueId });

    const again = await api.call('POST', '/v1/devices/pair', { body: { code } });
    expect(again.status).toBe(401);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(again.body)).not.toContain(paired.body.secret);
  });

  it('refuses expired, unknown and malformed codes, and codes from anyone but an admin', async () => {
    const { code } = await newCode('Late kiosk');
    world.clock.advance(15 * 60_000 + 1);
    expect((await api.call('POST', '/v1/devices/pair', { body: { code } })).status).toBe(401);
    expect((await api.call('POST', '/v1/devices/pair', { body: { code: 'ZZZZ-ZZZZ' } })).status).toBe(401);
    const malformed = await api.call('POST', '/v1/devices/pair', { body: { code: 12345678 } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('code');
    const clerk = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    const byClerk = await api.call('POST', '/v1/admin/devices/pairing-codes', {
      body: { venueId: world.venueId, kind: 'kiosk', name: 'x' },
      bearer: clerk,
    });
    expect(byClerk.status).toBe(403);
  });

  it('concurrent pairings with one code register one machine', async () => {
    const { code } = await newCode('Twin');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api.call('POST', '/v1/devices/pair', { body: { code } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 401, 401, 401, 401, 401]);
  });

  const buy = async (delivery: object, seatId: string) => {
    const clerk = await api.issuer.issue({ sub: 'clerk-sale', groups: ['clerk'], venueId: world.venueId });
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds: [seatId] },
      bearer: clerk,
    });
    const order = await api.call('POST', '/v1/orders', {
      body: {
        holdId: hold.body.id,
        buyer: { email: 'pick@example.com', name: 'Pick Up' },
        delivery,
        payment: { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } },
      },
      bearer: clerk,
      idempotencyKey: randomUUID(),
    });
    expect(order.body.state, JSON.stringify(order.body)).toBe('paid');
    return order.body as { id: string; pickedUpAt: string | null };
  };

  it('hands a will-call order over once, at its own venue only', async () => {
    const order = await buy({ method: 'will_call' }, 'MAIN-B-1');
    expect(order.pickedUpAt).toBeNull();
    const clerk = await api.issuer.issue({ sub: 'clerk-anna', groups: ['clerk'], venueId: world.venueId });
    const elsewhere = await api.issuer.issue({ sub: 'clerk-x', groups: ['clerk'], venueId: randomUUID() });
    expect((await api.call('POST', `/v1/orders/${order.id}/pickup`, { bearer: elsewhere })).status).toBe(404);
    expect((await api.call('POST', `/v1/orders/${order.id}/pickup`, { bearer: api.customerToken })).status).toBe(403);
    expect((await api.call('POST', `/v1/orders/${order.id}/pickup`)).status).toBe(401);

    const [first, second] = await Promise.all([
      api.call('POST', `/v1/orders/${order.id}/pickup`, { bearer: clerk }),
      api.call('POST', `/v1/orders/${order.id}/pickup`, { bearer: clerk }),
    ]);
    const ok = [first, second].find((a) => a.status === 200)!;
    const refused = [first, second].find((a) => a.status === 409)!;
    expect(ok.body.pickedUpAt).toBe(world.clock.now().toISOString());
    expect(refused.body.detail).toContain(`Already picked up at ${ok.body.pickedUpAt}`);

    const emailed = await buy({ method: 'email' }, 'MAIN-B-2');
    const notWillCall = await api.call('POST', `/v1/orders/${emailed.id}/pickup`, { bearer: clerk });
    expect(notWillCall.status).toBe(409);
    expect(notWillCall.body.type).toMatch(/order_state_conflict$/);
  });
});
