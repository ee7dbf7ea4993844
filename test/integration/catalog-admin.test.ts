// The public catalog and the admin endpoints through HTTP, on PGlite and real Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../support/databases.ts';
import { ManualClock, RecordingLiveBus, smallHall } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { createServices, type Services } from '../../cloud/services/index.ts';
import { seedDemoData, type SeedResult } from '../../cloud/services/seed.ts';
import type { Db } from '../../cloud/db/port.ts';

describe.each(dbKinds())('catalog and admin on %s', (kind) => {
  let db: Db;
  let services: Services;
  let api: TestApi;
  let seeded: SeedResult;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    db = await freshDb(kind);
    services = createServices({ db, live: new RecordingLiveBus(), clock });
    seeded = (await seedDemoData(services))!;
    api = await testApi(services);
  }, 180_000);
  afterAll(async () => db.close());

  it('seeds once: a theatre, a 60,000+ seat stadium and four events on sale with 3–5 tiers', async () => {
    expect(await seedDemoData(services)).toBeNull();
    const { body } = await api.call('GET', '/v1/events');
    expect(body.events).toHaveLength(4);
    for (const event of body.events) {
      const detail = await api.call('GET', `/v1/events/${event.id}`);
      expect(detail.body.tiers.length).toBeGreaterThanOrEqual(3);
      expect(detail.body.tiers.length).toBeLessThanOrEqual(5);
    }
    const venues = new Set(body.events.map((e: { venue: { id: string } }) => e.venue.id));
    expect(venues.size).toBe(2);
  });

  it('lists upcoming events soonest first with venue and price range, and filters them', async () => {
    const { status, body } = await api.call('GET', '/v1/events');
    expect(status).toBe(200);
    const starts = body.events.map((e: { startsAt: string }) => Date.parse(e.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const flute = body.events.find((e: { name: string }) => e.name === 'The Magic Flute');
    expect(flute.venue).toMatchObject({ name: 'Grand Theatre', timezone: 'Europe/Vienna' });
    expect(flute.priceRange).toEqual({
      min: { amount: 2900, currency: 'EUR' },
      max: { amount: 12900, currency: 'EUR' },
    });
    const inStadium = await api.call('GET', `/v1/events?venueId=${seeded.venues.stadium}`);
    expect(inStadium.body.events.every((e: { venue: { id: string } }) => e.venue.id === seeded.venues.stadium)).toBe(
      true,
    );
    const search = await api.call('GET', '/v1/events?q=swan');
    expect(search.body.events.map((e: { name: string }) => e.name)).toEqual(['Swan Lake']);
    const bad = await api.call('GET', '/v1/events?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('limit');
  });

  it('shows one event with tiers, seat → tier runs and standing sections', async () => {
    const stadiumEvent = seeded.events.find((e) => e.name === 'Northern Lights Tour')!;
    const { body } = await api.call('GET', `/v1/events/${stadiumEvent.id}`);
    expect(body.seatmapId).toBe(seeded.seatmaps.stadium);
    expect(body.ga).toEqual([expect.objectContaining({ sectionId: 'FLOOR', capacity: 8000 })]);
    const covered = body.seatTiers.reduce((sum: number, run: number[]) => sum + run[1]!, 0);
    expect(covered).toBeGreaterThanOrEqual(60_000);
    expect(body.seatTiers.length).toBeLessThan(200);
    expect((await api.call('GET', '/v1/events/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const notUuid = await api.call('GET', '/v1/events/42');
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.errors[0].field).toBe('eventId');
  });

  it('serves a seat map with a long-lived ETag and answers 304 when it matches', async () => {
    const first = await api.call('GET', `/v1/seatmaps/${seeded.seatmaps.theatre}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toContain('immutable');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.body.seats.length).toBeGreaterThan(2_300);
    expect(first.body.sections.map((s: { id: string }) => s.id)).toContain('ORCH-C');
    const again = await api.call('GET', `/v1/seatmaps/${seeded.seatmaps.theatre}`, {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    const stale = await api.call('GET', `/v1/seatmaps/${seeded.seatmaps.theatre}`, {
      headers: { 'if-none-match': '"old"' },
    });
    expect(stale.status).toBe(200);
  });

  it('keeps the stadium availability snapshot small', async () => {
    const stadiumEvent = seeded.events.find((e) => e.name === 'Northern Lights Tour')!;
    const response = await api.app.request(`/v1/events/${stadiumEvent.id}/availability`);
    const text = await response.text();
    const body = JSON.parse(text);
    const packedBytes = Buffer.from(body.statuses, 'base64').length;
    console.log(
      `stadium availability: ${body.seatCount} seats, ${packedBytes} packed bytes, ${text.length} bytes of JSON`,
    );
    expect(body.seatCount).toBeGreaterThanOrEqual(60_000);
    expect(packedBytes).toBe(Math.ceil(body.seatCount / 4));
    expect(text.length).toBeLessThan(25_000);
    expect(body.tiers.reduce((sum: number, t: { available: number }) => sum + t.available, 0)).toBe(body.seatCount);
    const gzipped = await api.app.request(`/v1/events/${stadiumEvent.id}/availability`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const compressed = (await gzipped.arrayBuffer()).byteLength;
    console.log(`stadium availability gzipped: ${compressed} bytes`);
    expect(compressed).toBeLessThan(2_000);
  });

  it('guards admin endpoints: 401 without a token, 403 without the admin role', async () => {
    const venue = { name: 'Hall', city: 'Berlin', timezone: 'Europe/Berlin' };
    expect((await api.call('POST', '/v1/admin/venues', { body: venue })).status).toBe(401);
    expect((await api.call('POST', '/v1/admin/venues', { body: venue, bearer: api.customerToken })).status).toBe(403);
    expect((await api.call('POST', '/v1/admin/venues', { body: venue, bearer: 'not.a.jwt' })).status).toBe(401);
    const foreign = await (
      await import('../../cloud/adapters/identity/local-issuer.ts')
    ).LocalIdentityIssuer.create('ticketboss-test');
    const forged = await foreign.issue({ sub: 'x', groups: ['admin'] });
    expect((await api.call('POST', '/v1/admin/venues', { body: venue, bearer: forged })).status).toBe(401);
  });

  it('creates a venue, imports a seat map, creates an event and puts it on sale', async () => {
    const admin = api.adminToken;
    const venue = await api.call('POST', '/v1/admin/venues', {
      body: { name: 'Hall', city: 'Berlin', timezone: 'Europe/Berlin' },
      bearer: admin,
    });
    expect(venue.status).toBe(201);
    const badZone = await api.call('POST', '/v1/admin/venues', {
      body: { name: 'Hall', city: 'Berlin', timezone: 'Mars/Olympus' },
      bearer: admin,
    });
    expect(badZone.status).toBe(400);
    expect(badZone.body.errors[0].field).toBe('timezone');

    const map = await api.call('POST', `/v1/admin/venues/${venue.body.id}/seatmaps`, {
      body: smallHall(),
      bearer: admin,
    });
    expect(map.status).toBe(201);
    expect(map.body).toMatchObject({ version: 1, seatCount: 50, gaCapacity: 20 });
    const second = await api.call('POST', `/v1/admin/venues/${venue.body.id}/seatmaps`, {
      body: smallHall(),
      bearer: admin,
    });
    expect(second.body.version).toBe(2);

    const now = Date.now();
    const eventBody = {
      name: 'Jazz Night',
      seatmapId: map.body.id,
      startsAt: new Date(now + 10 * 86_400_000).toISOString(),
      onSaleFrom: new Date(now - 3_600_000).toISOString(),
      onSaleUntil: new Date(now + 9 * 86_400_000).toISOString(),
      currency: 'EUR',
      tiers: [
        { name: 'Front', price: { amount: 4500, currency: 'EUR' }, sectionIds: ['MAIN'], seatIds: [] },
        { name: 'Pit', price: { amount: 3000, currency: 'EUR' }, sectionIds: ['PIT'], seatIds: ['MAIN-E-1'] },
      ],
    };
    const created = await api.call('POST', '/v1/admin/events', { body: eventBody, bearer: admin });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    expect(created.body.seatTiers).toEqual([
      [0, 40, 0],
      [40, 1, 1],
      [41, 9, 0],
    ]);
    expect((await api.call('GET', `/v1/events/${created.body.id}`)).status).toBe(404);
    expect(
      (await api.call('POST', `/v1/events/${created.body.id}/holds`, { body: { seatIds: ['MAIN-A-1'] } })).status,
    ).toBe(409);

    const onSale = await api.call('POST', `/v1/admin/events/${created.body.id}/status`, {
      body: { status: 'on_sale' },
      bearer: admin,
    });
    expect(onSale.status).toBe(200);
    expect(onSale.body.status).toBe('on_sale');
    expect((await api.call('GET', `/v1/events/${created.body.id}`)).status).toBe(200);
    // The draft was seen (and cached) before it went on sale: holds of every kind work now.
    const best = await api.call('POST', `/v1/events/${created.body.id}/holds`, {
      body: { bestAvailable: { quantity: 2 } },
    });
    expect(best.status).toBe(201);
    expect(
      (
        await api.call('POST', `/v1/events/${created.body.id}/holds`, {
          body: { ga: { sectionId: 'PIT', quantity: 2 } },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api.call('POST', `/v1/admin/events/${created.body.id}/status`, {
          body: { status: 'draft' },
          bearer: admin,
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await api.call('POST', `/v1/admin/events/${created.body.id}/status`, {
          body: { status: 'cancelled' },
          bearer: admin,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api.call('POST', `/v1/admin/events/${created.body.id}/status`, {
          body: { status: 'on_sale' },
          bearer: admin,
        })
      ).status,
    ).toBe(409);

    const uncovered = await api.call('POST', '/v1/admin/events', {
      body: { ...eventBody, tiers: [{ ...eventBody.tiers[0], sectionIds: ['MAIN', 'NOPE'] }] },
      bearer: admin,
    });
    expect(uncovered.status).toBe(422);
    expect(uncovered.body.entries).toEqual(
      expect.arrayContaining(['tiers[0]: no section NOPE', 'section PIT has no price tier']),
    );
  });

  it('rejects a bad seat map, naming every offending entry', async () => {
    const venue = await api.call('POST', '/v1/admin/venues', {
      body: { name: 'Hall 2', city: 'Berlin', timezone: 'Europe/Berlin' },
      bearer: api.adminToken,
    });
    const map = smallHall(2, 3);
    map.seats.push({ ...map.seats[0]! });
    map.seats.push({ id: 'X-1', sectionId: 'NOWHERE', row: 'A', number: '1', x: 0, y: 0 });
    const response = await api.call('POST', `/v1/admin/venues/${venue.body.id}/seatmaps`, {
      body: map,
      bearer: api.adminToken,
    });
    expect(response.status).toBe(422);
    expect(response.body.type).toMatch(/seatmap_invalid$/);
    expect(response.body.entries).toEqual(
      expect.arrayContaining([
        'seat id MAIN-A-1 is used twice',
        'MAIN row A seat 1 (MAIN-A-1) is labelled twice',
        'seat X-1 in NOWHERE: no such section',
      ]),
    );
    const shape = await api.call('POST', `/v1/admin/venues/${venue.body.id}/seatmaps`, {
      body: { ...map, seats: [{ id: 'Y' }] },
      bearer: api.adminToken,
    });
    expect(shape.status).toBe(400);
    expect(shape.body.errors[0].field).toMatch(/^seats\.0\./);
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM seatmaps WHERE venue_id = $1', [
      venue.body.id,
    ]);
    expect(count.rows[0]!.n).toBe(0);
  });

  it('lets browsers on other origins call the API and read its errors (CORS)', async () => {
    const preflight = await api.call('OPTIONS', '/v1/events/00000000-0000-4000-8000-000000000000/holds', {
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-hold-token',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-Hold-Token');
    const ok = await api.call('GET', '/v1/events', { headers: { origin: 'https://shop.example' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await api.call('GET', '/v1/events/00000000-0000-4000-8000-000000000000', {
      headers: { origin: 'https://shop.example' },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    const created = await api.call('POST', `/v1/events/${seeded.events[0]!.id}/holds`, {
      body: { bestAvailable: { quantity: 1 } },
    });
    expect(created.headers.get('access-control-expose-headers')).toContain('Location');
    const released = await api.call('DELETE', `/v1/holds/${created.body.id}`, { holdToken: created.body.token });
    expect(released.status).toBe(204);
    expect(released.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('publishes an OpenAPI 3.1 document generated from the request schemas', async () => {
    const { status, body } = await api.call('GET', '/v1/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const operations = Object.values(body.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (p) => Object.values(p).map((o) => o.operationId),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'listEvents',
        'getEvent',
        'getSeatMap',
        'getAvailability',
        'createHold',
        'getHold',
        'extendHold',
        'releaseHold',
        'createVenue',
        'importSeatMap',
        'createEvent',
        'setEventStatus',
        'createOrder',
        'getOrder',
        'completePayment',
        'retryPayment',
        'listMyOrders',
        'searchOrders',
        'refundOrder',
        'cancelOrder',
        'signUp',
        'confirmSignUp',
        'signIn',
        'signInDevice',
        'whoAmI',
        'listClaimableOrders',
        'claimOrders',
        'createStaff',
        'registerDevice',
      ]),
    );
    const createOrder = body.paths['/v1/orders'].post;
    expect(createOrder.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    );
    expect(Object.keys(createOrder.requestBody.content['application/json'].schema.properties)).toEqual([
      'holdId',
      'allotmentSeatIds',
      'buyer',
      'delivery',
      'payment',
      'lines',
      'code',
      'locale',
    ]);
    const createHold = body.paths['/v1/events/{eventId}/holds'].post;
    const schema = createHold.requestBody.content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(['seatIds', 'bestAvailable', 'ga', 'presaleCode']);
    // Commerce: the quote of a hold and the price list are described from their schemas too.
    const quote = body.paths['/v1/holds/{holdId}/quote'].post;
    expect(Object.keys(quote.requestBody.content['application/json'].schema.properties)).toEqual([
      'lines',
      'code',
      'delivery',
    ]);
    expect(body.paths['/v1/admin/events/{eventId}/price-list'].put.security).toEqual([{ bearer: [] }]);
    expect(schema.properties.bestAvailable.properties.quantity).toMatchObject({ type: 'integer', minimum: 1 });
    expect(createHold.parameters).toContainEqual(
      expect.objectContaining({ name: 'eventId', in: 'path', required: true }),
    );
    expect(createHold.responses['409'].content['application/problem+json']).toBeDefined();
  });
});
