// Malformed input to every endpoint: never a 5xx, always problem+json, and the inventory does not change.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';

const BAD_VALUES: unknown[] = [
  null,
  -1,
  0,
  1.5,
  1e308,
  '',
  'x',
  '💺',
  'a'.repeat(5000),
  [],
  [null],
  {},
  { $ne: 1 },
  true,
  "'; DROP TABLE event_seats; --",
  '../../etc/passwd',
  '00000000-0000-0000-0000-000000000000',
];

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

describe('fuzzing every endpoint', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let holdId: string;
  let holdToken: string;

  /** Everything a request could have changed: counts of every table, and the test event's seats and places. */
  const snapshot = async () => {
    const counts = await db.query(
      `SELECT (SELECT count(*)::int FROM venues) AS venues, (SELECT count(*)::int FROM seatmaps) AS seatmaps,
              (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM holds) AS holds,
              (SELECT string_agg(status || coalesce(hold_id::text, '') || version, ',' ORDER BY seat_no)
                 FROM event_seats WHERE event_id = $1) AS seats,
              (SELECT string_agg(held || '/' || sold, ',') FROM event_ga WHERE event_id = $1) AS ga,
              (SELECT string_agg(status, ',' ORDER BY id) FROM events) AS statuses,
              (SELECT string_agg(state || extended::text || expires_at::text, ',' ORDER BY id) FROM holds) AS hold_states,
              (SELECT count(*)::int FROM orders) AS orders, (SELECT count(*)::int FROM payments) AS payments,
              (SELECT count(*)::int FROM tickets) AS tickets, (SELECT count(*)::int FROM refunds) AS refunds,
              (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM devices) AS devices`,
      [world.eventId],
    );
    return counts.rows[0]!;
  };

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    api = await testApi(world.services);
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-A-1'] } });
    holdId = hold.body.id;
    holdToken = hold.body.token;
  });
  afterAll(async () => db.close());

  const endpoints = () => [
    { method: 'POST', path: `/v1/events/${world.eventId}/holds`, valid: { seatIds: ['MAIN-B-1'] } },
    {
      method: 'POST',
      path: `/v1/events/${world.eventId}/holds`,
      valid: { bestAvailable: { quantity: 2, accessible: false } },
    },
    { method: 'POST', path: `/v1/events/${world.eventId}/holds`, valid: { ga: { sectionId: 'PIT', quantity: 2 } } },
    { method: 'POST', path: '/v1/admin/venues', valid: { name: 'V', city: 'C', timezone: 'UTC' } },
    {
      method: 'POST',
      path: `/v1/admin/venues/${world.venueId}/seatmaps`,
      valid: {
        name: 'M',
        width: 10,
        height: 10,
        stage: {
          label: 'S',
          polygon: [
            [0, 0],
            [1, 0],
            [1, 1],
          ],
        },
        sections: [
          {
            id: 'A',
            name: 'A',
            kind: 'seated',
            polygon: [
              [0, 0],
              [1, 0],
              [1, 1],
            ],
          },
        ],
        seats: [{ id: 'A-1', sectionId: 'A', row: '1', number: '1', x: 1, y: 1 }],
      },
    },
    {
      method: 'POST',
      path: '/v1/admin/events',
      valid: {
        name: 'E',
        seatmapId: world.seatmapId,
        startsAt: '2031-01-01T20:00:00Z',
        onSaleFrom: '2030-01-01T00:00:00Z',
        onSaleUntil: '2031-01-01T19:00:00Z',
        currency: 'EUR',
        tiers: [{ name: 'T', price: { amount: 1, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'] }],
      },
    },
    { method: 'POST', path: `/v1/admin/events/${world.eventId}/status`, valid: { status: 'paused' } },
    {
      method: 'POST',
      path: '/v1/orders',
      valid: {
        holdId: NO_SUCH_ID,
        buyer: { email: 'fuzz@example.com', name: 'Fuzz', phone: '+44 20 7946 0000' },
        delivery: {
          method: 'mail',
          address: { name: 'Fuzz', line1: '1 Road', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
        },
        payment: { method: 'sandbox', returnUrl: 'https://shop.example/back' },
      },
    },
    {
      method: 'POST',
      path: `/v1/orders/${NO_SUCH_ID}/payments`,
      valid: { method: 'sandbox', returnUrl: 'https://a.example/' },
    },
    { method: 'POST', path: `/v1/orders/${NO_SUCH_ID}/refunds`, valid: { reason: 'r', ticketIds: [NO_SUCH_ID] } },
    { method: 'POST', path: `/v1/orders/${NO_SUCH_ID}/cancel`, valid: { reason: 'r' } },
    { method: 'POST', path: '/v1/auth/signin', valid: { email: 'nobody@example.com', password: 'whatever it is' } },
    { method: 'POST', path: '/v1/auth/device', valid: { deviceId: NO_SUCH_ID, secret: 'x' } },
    {
      method: 'POST',
      path: '/v1/auth/signup',
      valid: { email: 'fuzz-signup@example.com', password: 'long enough password', name: 'Fuzz' },
    },
    {
      method: 'POST',
      path: '/v1/admin/staff',
      valid: {
        email: 'fuzz-clerk@example.com',
        password: 'long enough password',
        name: 'F',
        role: 'clerk',
        venueId: world.venueId,
      },
    },
    { method: 'POST', path: '/v1/admin/devices', valid: { venueId: world.venueId, kind: 'kiosk', name: 'F' } },
  ];
  const paths = () => [
    '/v1/events',
    `/v1/events/${world.eventId}`,
    `/v1/events/${world.eventId}/availability`,
    `/v1/seatmaps/${world.seatmapId}`,
    `/v1/holds/${holdId}`,
    `/v1/holds/${holdId}/extend`,
    `/v1/events/${world.eventId}/holds`,
    '/v1/admin/venues',
    '/v1/admin/events',
    `/v1/admin/venues/${world.venueId}/seatmaps`,
    `/v1/admin/events/${world.eventId}/status`,
    '/v1/openapi.json',
    '/v1/orders',
    `/v1/orders/${NO_SUCH_ID}`,
    `/v1/orders/${NO_SUCH_ID}/payments`,
    `/v1/orders/${NO_SUCH_ID}/payments/complete`,
    `/v1/orders/${NO_SUCH_ID}/refunds`,
    `/v1/orders/${NO_SUCH_ID}/cancel`,
    '/v1/me/orders',
    '/v1/me',
    '/v1/me/order-claims',
    '/v1/auth/signup',
    '/v1/auth/signin',
    '/v1/auth/device',
    '/v1/admin/staff',
    '/v1/admin/devices',
  ];

  const expectClientError = (
    response: { status: number; headers: Headers; body: { type?: string } },
    context: string,
  ) => {
    if (response.status >= 500 || response.status < 400) throw new Error(`${context} answered ${response.status}`);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.type).toMatch(/^https:\/\/ticketboss\.dev\/problems\/[a-z_]+$/);
  };

  it('answers random JSON bodies with 4xx problem+json and changes nothing', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints()), fc.jsonValue(), async (endpoint, body) => {
        const response = await api.call(endpoint.method, endpoint.path, {
          body,
          bearer: api.adminToken,
          idempotencyKey: randomUUID(),
        });
        expectClientError(response, `${endpoint.path} with ${JSON.stringify(body).slice(0, 100)}`);
      }),
      { numRuns: 300 },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('answers near-miss bodies (one field broken) with 4xx naming the field', async () => {
    const before = await snapshot();
    const mutations = (value: unknown, path: string[] = []): { path: string[]; body: (bad: unknown) => unknown }[] => {
      if (value === null || typeof value !== 'object') return [];
      return Object.entries(value).flatMap(([key, inner]) => [
        { path: [...path, key], body: (bad: unknown) => ({ ...(value as object), [key]: bad }) },
        ...mutations(inner, [...path, key]).map((m) => ({
          path: m.path,
          body: (bad: unknown) => ({ ...(value as object), [key]: m.body(bad) }),
        })),
      ]);
    };
    for (const endpoint of endpoints()) {
      for (const mutation of mutations(endpoint.valid)) {
        for (const bad of BAD_VALUES) {
          const response = await api.call(endpoint.method, endpoint.path, {
            body: mutation.body(bad),
            bearer: api.adminToken,
            idempotencyKey: randomUUID(),
          });
          if (response.status < 300) continue; // a harmless value for that field, e.g. '' for an optional description
          const context = `${endpoint.path} with ${mutation.path.join('.')}=${JSON.stringify(bad).slice(0, 40)}`;
          expectClientError(response, context);
          if (response.body.type.endsWith('/validation_failed')) {
            const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
            expect(
              fields.some((field) => field.startsWith(mutation.path[0]!)),
              `${context}: ${fields}`,
            ).toBe(true);
          }
        }
      }
    }
    // Near misses may only succeed where the change is harmless; inventory of the event stays as it was.
    const after = await snapshot();
    expect(after.seats).toEqual(before.seats);
    expect(after.ga).toEqual(before.ga);
    expect(after.holds).toEqual(before.holds);
    expect(after.hold_states).toEqual(before.hold_states);
  });

  it('answers broken requests to every path: wrong methods, media types, JSON, ids, sizes', async () => {
    const before = await snapshot();
    for (const path of paths()) {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        const response = await api.call(method, path, {
          rawBody: method === 'GET' ? undefined! : '{"broken":',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          bearer: api.adminToken,
        });
        if (response.status < 400 && response.status !== 204) continue;
        if (response.status === 204) continue;
        expectClientError(response, `${method} ${path}`);
      }
    }
    const createHold = `/v1/events/${world.eventId}/holds`;
    const cases: [string, Parameters<TestApi['call']>[2], number][] = [
      ['text/plain', { rawBody: '{"seatIds":["MAIN-B-2"]}', headers: { 'content-type': 'text/plain' } }, 415],
      ['no content type', { rawBody: '{"seatIds":["MAIN-B-2"]}' }, 415],
      [
        'huge body',
        {
          rawBody: JSON.stringify({ seatIds: Array.from({ length: 20_000 }, (_, i) => `S-${i}`) }),
          headers: { 'content-type': 'application/json' },
        },
        413,
      ],
      ['empty body', { rawBody: '', headers: { 'content-type': 'application/json' } }, 400],
      [
        'deep nesting',
        { rawBody: '['.repeat(5000) + ']'.repeat(5000), headers: { 'content-type': 'application/json' } },
        400,
      ],
      ['bad bearer', { body: { seatIds: ['MAIN-B-2'] }, headers: { authorization: 'Basic abc' } }, 401],
    ];
    for (const [name, options, status] of cases) {
      const response = await api.call('POST', createHold, options);
      expect(response.status, name).toBe(status);
      expectClientError(response, name);
    }
    for (const id of ['1', 'null', '%00', '..%2F..%2Fetc', 'a'.repeat(300), "1'%20OR%20'1'='1"]) {
      for (const path of [
        `/v1/events/${id}`,
        `/v1/holds/${id}`,
        `/v1/seatmaps/${id}`,
        `/v1/events/${id}/availability`,
        `/v1/orders/${id}`,
      ]) {
        const response = await api.call('GET', path);
        expectClientError(response, path);
      }
    }
    const query = await api.call('GET', '/v1/events?limit=abc&from=yesterday&unknown=1');
    expectClientError(query, 'bad query');
    expect(await snapshot()).toEqual(before);
    // The hold made before the fuzzing is still there, untouched.
    expect((await api.call('GET', `/v1/holds/${holdId}`, { holdToken })).body.status).toBe('active');
  });
});
