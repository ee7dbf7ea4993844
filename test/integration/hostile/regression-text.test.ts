// Issue 21's reproduction, on the real server over real Postgres: a NUL (U+0000) in any text reached Postgres, which
// refuses it (SQLSTATE 22021), and the API answered 500 — in a query, a body, a path. Each place below answered 500
// before the boundary refused such text; now each is a 400 problem naming the field, and nothing is stored. A lone
// UTF-16 surrogate (valid JSON: "\ud800") was stored as U+FFFD, changing what the buyer typed; now it is refused too,
// as is a NUL in a key. The database's own refusals (a value the boundary let through) are a 400, never a 500.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import { startLocalCloud, type LocalCloud } from '../../../cloud/local/server.ts';
import { createMigratedPostgresDatabase, postgresUrl } from '../../support/databases.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';

const PROBLEM = 'https://ticketboss.dev/problems/';
const NUL = '\u0000';

interface Answer {
  status: number;
  type: string | undefined;
  field: string | undefined;
  contentType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a client reads the JSON it gets
  body: any;
}

describe.skipIf(!postgresUrl())('text Postgres cannot store is refused at the boundary (real Postgres)', () => {
  let cloud: LocalCloud;
  let venueId: string;
  let eventId: string;
  let spareEventId: string;
  let admin: string;
  let clerk: string;
  let orderId: string;
  const warnings: string[] = [];
  const originalWarn = console.warn;

  /** A request as raw text (so a test can send JSON escapes a client library would not produce). */
  async function send(
    method: string,
    path: string,
    options: { bearer?: string; json?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const body = options.raw ?? (options.json === undefined ? undefined : JSON.stringify(options.json));
    const response = await fetch(cloud.url + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
        ...options.headers,
      },
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    const parsed = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    return {
      status: response.status,
      type: parsed?.type,
      field: parsed?.errors?.[0]?.field,
      contentType: response.headers.get('content-type') ?? '',
      body: parsed,
    };
  }

  async function holdTwo(seatIds: string[], bearer?: string): Promise<{ id: string; token: string }> {
    const hold = await send('POST', apiPaths.eventHolds(eventId), { json: { seatIds }, ...(bearer ? { bearer } : {}) });
    expect(hold.status).toBe(201);
    return { id: hold.body.id, token: hold.body.token };
  }

  beforeAll(async () => {
    console.warn = (message: string) => void warnings.push(String(message));
    cloud = await startLocalCloud({
      port: 0,
      databaseUrl: await createMigratedPostgresDatabase(),
      seed: false,
      webDir: '-',
    });
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Bern', timezone: 'Europe/Zurich' });
    venueId = venue.id;
    const map = await cloud.services.admin.importSeatMap(venue.id, smallHall(3, 10));
    eventId = await createOnSaleEvent(cloud.services, map.id, ['MAIN', 'PIT'], { name: 'Text Night' });
    spareEventId = await createOnSaleEvent(cloud.services, map.id, ['MAIN', 'PIT'], { name: 'Spare Night' });
    admin = await cloud.issuer.issue({ sub: 'owner-1', groups: ['admin'] });
    clerk = await cloud.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId });
    const hold = await holdTwo(['MAIN-A-1', 'MAIN-A-2'], clerk);
    const order = await send('POST', apiPaths.orders(), {
      bearer: clerk,
      headers: { 'idempotency-key': randomUUID() },
      json: {
        holdId: hold.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        delivery: { method: 'will_call' },
        payment: { method: 'cash', tendered: { amount: 10_000, currency: 'EUR' } },
      },
    });
    expect(order.body, JSON.stringify(order.body)).toMatchObject({ state: 'paid' });
    orderId = order.body.id;
  });
  afterAll(async () => {
    console.warn = originalWarn;
    await cloud?.close();
  });

  it('answers a 400 naming the field in each of the places that answered 500', async () => {
    const hold = await holdTwo(['MAIN-B-1', 'MAIN-B-2'], clerk);
    const q = encodeURIComponent(`ad${NUL}a`);
    const places: { place: string; field: string; request: () => Promise<Answer> }[] = [
      { place: 'event search', field: 'q', request: () => send('GET', `${apiPaths.events()}?q=${q}`) },
      {
        place: 'box-office order search',
        field: 'q',
        request: () => send('GET', `${apiPaths.orders()}?q=${q}`, { bearer: clerk }),
      },
      {
        place: 'back-office order search',
        field: 'q',
        request: () => send('GET', `${apiPaths.adminOrders()}?q=${q}`, { bearer: admin }),
      },
      {
        place: 'back-office event search',
        field: 'q',
        request: () => send('GET', `${apiPaths.adminEvents()}?q=${q}`, { bearer: admin }),
      },
      {
        place: 'audit log search',
        field: 'q',
        request: () => send('GET', `${apiPaths.auditLog()}?q=${q}`, { bearer: admin }),
      },
      {
        place: 'sign-up',
        field: 'name',
        request: () =>
          send('POST', apiPaths.signUp(), {
            json: { email: `new-${randomUUID()}@example.com`, password: 'a long enough secret', name: `Ada${NUL}` },
          }),
      },
      {
        place: 'venue name',
        field: 'name',
        request: () =>
          send('POST', apiPaths.venues(), {
            bearer: admin,
            json: { name: `Hall${NUL}`, city: 'Graz', timezone: 'Europe/Vienna' },
          }),
      },
      {
        place: 'staff name',
        field: 'name',
        request: () =>
          send('POST', apiPaths.staffInvitations(), {
            bearer: admin,
            json: { email: `nora-${randomUUID()}@example.com`, name: `Nora${NUL}`, role: 'clerk', venueId },
          }),
      },
      {
        place: 'buyer name',
        field: 'buyer.name',
        request: () =>
          send('POST', apiPaths.orders(), {
            bearer: clerk,
            headers: { 'idempotency-key': randomUUID() },
            json: {
              holdId: hold.id,
              buyer: { email: 'bob@example.com', name: `Bob${NUL}` },
              delivery: { method: 'will_call' },
              payment: { method: 'cash', tendered: { amount: 10_000, currency: 'EUR' } },
            },
          }),
      },
      {
        place: 'order note',
        field: 'text',
        request: () => send('POST', apiPaths.adminOrderNotes(orderId), { bearer: admin, json: { text: `call${NUL}` } }),
      },
      {
        place: 'order cancel reason',
        field: 'reason',
        request: () =>
          send('POST', apiPaths.orderCancellation(orderId), {
            bearer: clerk,
            headers: { 'idempotency-key': randomUUID() },
            json: { reason: `changed mind${NUL}` },
          }),
      },
      {
        place: 'event cancel reason',
        field: 'reason',
        request: () =>
          send('POST', apiPaths.eventCancel(spareEventId), {
            bearer: admin,
            headers: { 'idempotency-key': randomUUID() },
            json: { reason: `storm${NUL}damage` },
          }),
      },
    ];
    const answers = await Promise.all(places.map(async (p) => ({ place: p.place, ...(await p.request()) })));
    expect(answers.map(({ place, status, type, field }) => ({ place, status, type, field }))).toEqual(
      places.map(({ place, field }) => ({ place, status: 400, type: `${PROBLEM}validation_failed`, field })),
    );
    for (const answer of answers) expect(answer.contentType).toContain('application/problem+json');

    // Nothing was stored or changed: the order is still paid, the spare event still on sale, no venue named Hall\0.
    expect((await send('GET', apiPaths.order(orderId), { bearer: clerk })).body.state).toBe('paid');
    expect((await send('GET', apiPaths.event(spareEventId))).body.status).toBe('on_sale');
    const venues = await send('GET', apiPaths.venues(), { bearer: admin });
    expect(venues.body.venues.map((v: { name: string }) => v.name)).toEqual(['Hall']);
    // The boundary caught every one: the database never had to refuse anything.
    expect(warnings).toEqual([]);
  });

  it('refuses a lone surrogate (it was stored as U+FFFD), a NUL in a key and in a path, naming each', async () => {
    const hold = await holdTwo(['MAIN-C-1', 'MAIN-C-2'], clerk);
    const order = (buyerName: string) =>
      send('POST', apiPaths.orders(), {
        bearer: clerk,
        headers: { 'idempotency-key': randomUUID() },
        raw:
          `{"holdId":"${hold.id}","buyer":{"email":"eve@example.com","name":"${buyerName}"},` +
          `"delivery":{"method":"will_call"},"payment":{"method":"cash","tendered":{"amount":10000,"currency":"EUR"}}}`,
      });
    const lone = await order('Eve \\ud800');
    expect([lone.status, lone.type, lone.field]).toEqual([400, `${PROBLEM}validation_failed`, 'buyer.name']);
    expect(lone.body.detail).toContain('U+D800');
    const trailing = await order('Eve \\udc00');
    expect([trailing.status, trailing.field]).toEqual([400, 'buyer.name']);

    const key = await send('POST', apiPaths.orderCancellation(orderId), {
      bearer: clerk,
      headers: { 'idempotency-key': randomUUID() },
      raw: '{"reason":"changed mind","\\u0000":1}',
    });
    expect([key.status, key.type, key.field]).toEqual([400, `${PROBLEM}validation_failed`, '\\u0000']);

    const path = await send(
      'POST',
      `/v1/waitlist/claims/${encodeURIComponent(`${'a'.repeat(15)}${NUL}${'b'.repeat(15)}`)}`,
    );
    expect([path.status, path.field]).toEqual([400, 'token']);

    // A pair (a real emoji) is text like any other: the order is made, with the name as typed.
    const fine = await order('Eve \\ud83c\\udfad');
    expect(fine.status, JSON.stringify(fine.body)).toBe(201);
    expect(fine.body.buyer.name).toBe('Eve 🎭');
    expect((await send('GET', apiPaths.order(orderId), { bearer: clerk })).body.state).toBe('paid');
  });
});
