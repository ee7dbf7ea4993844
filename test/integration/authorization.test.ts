// Authorization on every object: each order and hold endpoint called as anonymous, as another customer, as a clerk
// of another venue and as devices of another venue is refused (401, 403 or 404) and the body gives nothing away.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, productionDbKinds } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';

describe.each(productionDbKinds())('authorization on every object on %s', (kind) => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let owner: string;
  let order: { id: string; code: string; accessToken: string; tickets: { code: string }[] };
  let openHold: { id: string; token: string };
  const secrets: string[] = [];
  const callers: Record<string, string | undefined> = {};

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    api = await testApi(world.services);
    owner = await api.issuer.issue({ sub: 'owner-1', email: 'owner@example.com', groups: [] });
    const held = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds: ['MAIN-A-1'] },
      bearer: owner,
    });
    const created = await api.call('POST', '/v1/orders', {
      body: {
        holdId: held.body.id,
        buyer: { email: 'owner@example.com', name: 'Olive Owner' },
        delivery: { method: 'email' },
        payment: { method: 'sandbox', returnUrl: 'https://shop.example/back' },
      },
      bearer: owner,
      idempotencyKey: randomUUID(),
    });
    await world.sandbox.decide(created.body.payments[0].redirectUrl.split('/').at(-1), 'approve');
    const paid = await api.call('POST', `/v1/orders/${created.body.id}/payments/complete`, {
      bearer: owner,
      idempotencyKey: randomUUID(),
    });
    expect(paid.body.state).toBe('paid');
    order = { ...paid.body, accessToken: created.body.accessToken };
    const hold2 = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds: ['MAIN-A-2'] },
      bearer: owner,
    });
    openHold = hold2.body;
    secrets.push(
      order.code,
      'owner@example.com',
      'Olive Owner',
      order.accessToken,
      openHold.token,
      order.tickets[0]!.code,
    );

    const other = await world.services.admin.createVenue({ name: 'Elsewhere', city: 'Oslo', timezone: 'Europe/Oslo' });
    const kiosk = await world.services.identity.createDevice({ venueId: other.id, kind: 'kiosk', name: 'K' });
    const boxOffice = await world.services.identity.createDevice({ venueId: other.id, kind: 'boxoffice', name: 'B' });
    callers.anonymous = undefined;
    callers['another customer'] = await api.issuer.issue({ sub: 'intruder', email: 'eve@example.com', groups: [] });
    callers['clerk of another venue'] = await api.issuer.issue({
      sub: 'clerk-x',
      groups: ['clerk'],
      venueId: other.id,
    });
    callers['kiosk of another venue'] = await api.issuer.issue({ sub: kiosk.id, groups: ['kiosk'], venueId: other.id });
    callers['box office of another venue'] = await api.issuer.issue({
      sub: boxOffice.id,
      groups: ['boxoffice'],
      venueId: other.id,
    });
  });
  afterAll(async () => db.close());

  const attempts = () => [
    { name: 'see the order', method: 'GET', path: `/v1/orders/${order.id}` },
    { name: 'complete its payment', method: 'POST', path: `/v1/orders/${order.id}/payments/complete`, key: true },
    {
      name: 'start a payment',
      method: 'POST',
      path: `/v1/orders/${order.id}/payments`,
      key: true,
      body: { method: 'sandbox', returnUrl: 'https://evil.example/' },
    },
    {
      name: 'refund it',
      method: 'POST',
      path: `/v1/orders/${order.id}/refunds`,
      key: true,
      body: { reason: 'mine now' },
    },
    {
      name: 'cancel it',
      method: 'POST',
      path: `/v1/orders/${order.id}/cancel`,
      key: true,
      body: { reason: 'mine now' },
    },
    { name: 'see the hold', method: 'GET', path: `/v1/holds/${openHold.id}` },
    { name: 'extend the hold', method: 'POST', path: `/v1/holds/${openHold.id}/extend` },
    { name: 'release the hold', method: 'DELETE', path: `/v1/holds/${openHold.id}` },
    {
      name: 'check out the hold',
      method: 'POST',
      path: '/v1/orders',
      key: true,
      body: {
        holdId: openHold.id,
        buyer: { email: 'eve@example.com', name: 'Eve' },
        delivery: { method: 'will_call' },
        payment: { method: 'sandbox', returnUrl: 'https://evil.example/' },
      },
    },
    {
      name: 'search orders',
      method: 'GET',
      path: `/v1/orders?q=${encodeURIComponent('owner@example.com')}`,
      listing: true,
    },
    { name: 'list my orders', method: 'GET', path: '/v1/me/orders', listing: true },
    {
      name: 'create a venue',
      method: 'POST',
      path: '/v1/admin/venues',
      body: { name: 'Mine', city: 'X', timezone: 'Europe/Oslo' },
    },
    {
      name: 'register a device',
      method: 'POST',
      path: '/v1/admin/devices',
      body: { venueId: randomUUID(), kind: 'kiosk', name: 'Rogue' },
    },
  ];

  for (const who of [
    'anonymous',
    'another customer',
    'clerk of another venue',
    'kiosk of another venue',
    'box office of another venue',
  ]) {
    it(`refuses ${who} everything about someone else's order and hold, and leaks nothing`, async () => {
      for (const attempt of attempts()) {
        const bearer = callers[who];
        const response = await api.call(attempt.method, attempt.path, {
          ...(attempt.body ? { body: attempt.body } : {}),
          ...(bearer ? { bearer } : {}),
          ...(attempt.key ? { idempotencyKey: randomUUID() } : {}),
        });
        const text = JSON.stringify(response.body);
        for (const secret of secrets) expect(text, `${who}: ${attempt.name}`).not.toContain(secret);
        if (attempt.listing && response.status === 200) {
          // A listing the caller may use at all shows none of the owner's orders.
          expect(response.body.orders, `${who}: ${attempt.name}`).toEqual([]);
          continue;
        }
        expect([401, 403, 404], `${who}: ${attempt.name} answered ${response.status}`).toContain(response.status);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
      }
      // Nothing changed: the order is still paid, the hold still active.
      expect((await api.call('GET', `/v1/orders/${order.id}`, { bearer: owner })).body.state).toBe('paid');
      expect((await api.call('GET', `/v1/holds/${openHold.id}`, { bearer: owner })).body.status).toBe('active');
    });
  }

  it('staff and devices of another venue cannot hold seats there either (403)', async () => {
    for (const who of ['clerk of another venue', 'kiosk of another venue', 'box office of another venue']) {
      const response = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
        body: { seatIds: ['MAIN-B-1'] },
        bearer: callers[who]!,
      });
      expect(response.status, who).toBe(403);
    }
  });

  it('lets in who may: the owner, the order token (guest), a clerk of the venue, an admin', async () => {
    const clerk = await api.issuer.issue({ sub: 'clerk-here', groups: ['clerk'], venueId: world.venueId });
    for (const access of [
      { bearer: owner },
      { orderToken: order.accessToken },
      { bearer: clerk },
      { bearer: api.adminToken },
    ]) {
      const response = await api.call('GET', `/v1/orders/${order.id}`, access);
      expect(response.status).toBe(200);
      expect(response.body.code).toBe(order.code);
    }
    const search = await api.call('GET', `/v1/orders?q=${encodeURIComponent('owner@example.com')}`, { bearer: clerk });
    expect(search.body.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    const wrongToken = await api.call('GET', `/v1/orders/${order.id}`, { orderToken: 'x'.repeat(32) });
    expect(wrongToken.status).toBe(404);
  });
});
