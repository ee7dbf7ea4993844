// The back office's events through the HTTP API (PGlite): the list shows drafts and filters by status, venue, dates
// and words a page at a time; the edit form's event has its tiers with their sections and seats; edits are checked
// (dates in order, cancelled events kept as they were, a published event's seat map fixed); a duplicate and a series
// copy tiers, prices, fees, refund policy and sales windows; another venue's manager gets 404; all is audited.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';

const PROBLEM = 'https://ticketboss.dev/problems/';
const DAY = 86_400_000;
type Summary = { id: string; name: string; status: string; startsAt: string };

describe('back-office events on pglite', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let manager: string;
  let otherManager: string;
  let clerk: string;
  let draftId: string;
  const t0 = new Date('2030-01-10T12:00:00Z').getTime();
  const at = (days: number) => new Date(t0 + days * DAY).toISOString();

  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
  // The world's clock stands still, so entries are compared as a set of actions.
  const actions = async (objectId: string) =>
    (await db.query<{ action: string }>('SELECT action FROM audit_log WHERE object_id = $1', [objectId])).rows
      .map((row) => row.action)
      .sort();

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    api = await testApi(world.services);
    const other = await world.services.admin.createVenue({ name: 'Far', city: 'Oslo', timezone: 'Europe/Oslo' });
    const farMap = await world.services.admin.importSeatMap(other.id, smallHall(1, 2));
    await world.services.admin.createEvent({
      name: 'Far Away Gala',
      description: '',
      seatmapId: farMap.id,
      currency: 'EUR',
      perOrderLimit: 4,
      holdTtlSeconds: 600,
      startsAt: at(5),
      onSaleFrom: at(-1),
      onSaleUntil: at(4),
      tiers: [{ name: 'All', price: { amount: 100, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] }],
    });
    manager = await api.issuer.issue({ sub: 'manager-a', groups: ['venue_manager'], venueId: world.venueId });
    otherManager = await api.issuer.issue({ sub: 'manager-b', groups: ['venue_manager'], venueId: other.id });
    clerk = await api.issuer.issue({ sub: 'clerk-a', groups: ['clerk'], venueId: world.venueId });
  });
  afterAll(async () => {
    await db.close();
  });

  it('creates a draft with two tiers over the venue map, refusing another venue’s map on its field', async () => {
    const body = {
      name: 'Spring Recital',
      description: 'Strings and a choir',
      seatmapId: world.seatmapId,
      currency: 'EUR',
      startsAt: at(20),
      onSaleFrom: at(1),
      onSaleUntil: at(19),
      tiers: [
        { name: 'Front', price: { amount: 4500, currency: 'EUR' }, sectionIds: ['MAIN'], seatIds: [] },
        {
          name: 'Back',
          price: { amount: 2500, currency: 'EUR' },
          sectionIds: ['PIT'],
          seatIds: ['MAIN-E-1', 'MAIN-E-2'],
        },
      ],
    };
    const created = await api.call('POST', apiPaths.adminEvents(), { body, bearer: manager });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    draftId = created.body.id;
    expect(await actions(draftId)).toEqual(['event.create']);

    const far = await api.call('POST', apiPaths.adminEvents(), { body, bearer: otherManager });
    expect(far.status).toBe(400);
    expect(fieldsOf(far.body)).toEqual(['seatmapId']);
    expect((await api.call('POST', apiPaths.adminEvents(), { body, bearer: clerk })).status).toBe(403);
  });

  it('lists drafts too, filtered by status, venue, dates and words, a page at a time', async () => {
    const list = (query: string, bearer = manager) => api.call('GET', `${apiPaths.adminEvents()}?${query}`, { bearer });
    const mine = await list('');
    expect(mine.status).toBe(200);
    expect(mine.body.events.map((e: Summary) => e.name)).toEqual(['Spring Recital', 'Test Event']);
    expect(mine.body.total).toBe(2);
    const all = await list('sort=newest', api.adminToken);
    expect(all.body.events.map((e: Summary) => e.name)).toEqual(['Spring Recital', 'Far Away Gala', 'Test Event']);
    expect((await list('status=draft')).body.events.map((e: Summary) => e.id)).toEqual([draftId]);
    expect((await list('q=choir')).body.events.map((e: Summary) => e.id)).toEqual([draftId]);
    expect((await list(`from=${encodeURIComponent(at(25))}`)).body.events.map((e: Summary) => e.name)).toEqual([
      'Test Event',
    ]);
    const page = await list('limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.body.events.map((e: Summary) => e.name)).toEqual(['Test Event']);
    // Filtering by another venue shows nothing of it to this manager.
    const farVenue = (await list('', otherManager)).body.events[0].venue.id;
    expect((await list(`venueId=${farVenue}`)).body.events).toEqual([]);
    const bad = await list('status=sold_out');
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toContain('status');
    expect((await list('', clerk)).status).toBe(403);
  });

  it('gives the edit form its tiers with sections and seats, and hides it from another venue', async () => {
    const form = await api.call('GET', apiPaths.adminEvent(draftId), { bearer: manager });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({
      name: 'Spring Recital',
      description: 'Strings and a choir',
      seatmap: { id: world.seatmapId, version: 1 },
      venue: { id: world.venueId, timezone: 'Europe/Berlin' },
      salesWindows: [],
    });
    expect(
      form.body.tiers.map((t: { name: string; sectionIds: string[]; seatIds: string[] }) => [
        t.name,
        t.sectionIds,
        t.seatIds,
      ]),
    ).toEqual([
      ['Front', ['MAIN'], []],
      ['Back', ['PIT'], ['MAIN-E-1', 'MAIN-E-2']],
    ]);
    expect((await api.call('GET', apiPaths.adminEvent(draftId), { bearer: otherManager })).status).toBe(404);
    expect((await api.call('GET', apiPaths.adminEvent(randomUUID()), { bearer: manager })).status).toBe(404);
  });

  it('edits fields, refusing dates out of order on their field, and audits what changed', async () => {
    const path = apiPaths.adminEvent(draftId);
    const late = await api.call('PATCH', path, { body: { onSaleUntil: at(21) }, bearer: manager });
    expect(late.status).toBe(400);
    expect(late.body.type).toBe(PROBLEM + 'validation_failed');
    expect(fieldsOf(late.body)).toEqual(['onSaleUntil']);
    const backwards = await api.call('PATCH', path, { body: { onSaleFrom: at(19.5) }, bearer: manager });
    expect(fieldsOf(backwards.body)).toEqual(['onSaleFrom']);
    const unknown = await api.call('PATCH', path, { body: { seatmapId: randomUUID() }, bearer: manager });
    expect(unknown.status).toBe(400);
    expect((await api.call('PATCH', path, { body: { name: 'Mine' }, bearer: otherManager })).status).toBe(404);

    const edited = await api.call('PATCH', path, {
      body: { name: 'Spring Recital II', perOrderLimit: 6 },
      bearer: manager,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      name: 'Spring Recital II',
      perOrderLimit: 6,
      description: 'Strings and a choir',
    });
    const entry = await db.query<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_log WHERE object_id = $1 AND action = 'event.update'`,
      [draftId],
    );
    expect(entry.rows).toEqual([
      { before: { name: 'Spring Recital', perOrderLimit: 10 }, after: { name: 'Spring Recital II', perOrderLimit: 6 } },
    ]);
  });

  it("replaces a draft's tiers, but not a published event's seat map", async () => {
    const tiers = [
      { name: 'Everywhere', price: { amount: 3000, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] },
    ];
    const wrongCurrency = await api.call('PUT', apiPaths.eventTiers(draftId), {
      body: { tiers: [{ ...tiers[0], price: { amount: 1, currency: 'USD' } }] },
      bearer: manager,
    });
    expect(fieldsOf(wrongCurrency.body)).toEqual(['tiers.0.price.currency']);
    const set = await api.call('PUT', apiPaths.eventTiers(draftId), { body: { tiers }, bearer: manager });
    expect(set.status).toBe(200);
    expect(set.body.tiers.map((t: { name: string }) => t.name)).toEqual(['Everywhere']);
    const prices = await api.call('GET', apiPaths.eventPriceList(draftId), { bearer: manager });
    expect(prices.body.entries).toEqual([expect.objectContaining({ tierId: set.body.tiers[0].id, amount: 3000 })]);

    const published = await api.call('PUT', apiPaths.eventTiers(world.eventId), { body: { tiers }, bearer: manager });
    expect(published.status).toBe(409);
    expect(fieldsOf(published.body)).toEqual(['tiers']);
    expect(await actions(draftId)).toEqual(['event.create', 'event.tiers', 'event.update']);
  });

  it('duplicates an event with its prices, fees, refund policy and sales windows, a week later', async () => {
    const manage = (method: string, path: string, body?: unknown) =>
      api.call(method, path, { bearer: manager, ...(body === undefined ? {} : { body }) });
    const list = (await manage('GET', apiPaths.eventPriceList(world.eventId))).body;
    const child = { id: randomUUID(), kind: 'child', name: 'Child' };
    expect(
      (
        await manage('PUT', apiPaths.eventPriceList(world.eventId), {
          ticketTypes: [...list.ticketTypes, child],
          entries: [
            ...list.entries,
            { tierId: list.entries[0].tierId, ticketTypeId: child.id, amount: 2000, currency: 'EUR' },
          ],
          hiddenTierIds: [],
        })
      ).status,
    ).toBe(200);
    const fees = { currency: 'EUR', serviceFee: { kind: 'fixed', amount: 150 }, orderFee: null, deliveryFees: [] };
    expect((await manage('PUT', apiPaths.eventFees(world.eventId), fees)).status).toBe(200);
    const policy = {
      refundableUntilDaysBefore: 7,
      refundFee: null,
      refundServiceFees: false,
      refundOrderFee: false,
      refundDeliveryFee: false,
    };
    expect((await manage('PUT', apiPaths.eventRefundPolicy(world.eventId), policy)).status).toBe(200);
    const windows = { windows: [{ channel: 'web', opensAt: at(-1), closesAt: at(28) }] };
    expect((await manage('PUT', apiPaths.eventSalesWindows(world.eventId), windows)).status).toBe(200);

    const copy = await manage('POST', apiPaths.eventDuplicate(world.eventId), { startsAt: at(37) });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Test Event (copy)', status: 'draft', startsAt: at(37) });
    // Every date keeps its distance to the start: a week later opens and closes a week later.
    expect(copy.body.onSaleFrom).toBe(at(6));
    expect(copy.body.salesWindows).toEqual([{ channel: 'web', opensAt: at(6), closesAt: at(35) }]);
    const copied = (await manage('GET', apiPaths.eventPriceList(copy.body.id))).body;
    expect(copied.ticketTypes.map((t: { name: string }) => t.name)).toEqual(['Adult', 'Child']);
    expect(copied.ticketTypes.map((t: { id: string }) => t.id)).not.toContain(child.id);
    expect(copied.entries.map((e: { amount: number; tierId: string }) => [e.amount, e.tierId])).toEqual([
      [5000, copy.body.tiers[0].id],
      [2000, copy.body.tiers[0].id],
    ]);
    expect((await manage('GET', apiPaths.eventFees(copy.body.id))).body.serviceFee).toEqual({
      kind: 'fixed',
      amount: 150,
    });
    expect((await manage('GET', apiPaths.eventRefundPolicy(copy.body.id))).body.refundableUntilDaysBefore).toBe(7);
    expect(await actions(copy.body.id)).toEqual(['event.duplicate']);
    expect(
      (await api.call('POST', apiPaths.eventDuplicate(world.eventId), { body: {}, bearer: otherManager })).status,
    ).toBe(404);
  });

  it('audits every setting of the event and venue, and codes made and disabled', async () => {
    // The duplicate's test set the price list, fees, refund policy and sales windows of the world's event.
    expect(await actions(world.eventId)).toEqual([
      'event.fees',
      'event.price_list',
      'event.refund_policy',
      'event.sales_windows',
    ]);
    const fees = await db.query<{ before: unknown; after: unknown; actor_sub: string }>(
      `SELECT before, after, actor_sub FROM audit_log WHERE object_id = $1 AND action = 'event.fees'`,
      [world.eventId],
    );
    expect(fees.rows[0]).toMatchObject({
      actor_sub: 'manager-a',
      before: { fees: { serviceFee: null } },
      after: { fees: { serviceFee: { kind: 'fixed', amount: 150 } } },
    });
    // A tier's shown price follows its adult price in the price list (the shop's legend, the list's "from" price).
    const list = (await api.call('GET', apiPaths.eventPriceList(world.eventId), { bearer: manager })).body;
    const adult = list.ticketTypes.find((type: { kind: string }) => type.kind === 'adult').id;
    const entries = list.entries.map((entry: { ticketTypeId: string; amount: number }) =>
      entry.ticketTypeId === adult ? { ...entry, amount: 6000 } : entry,
    );
    const repriced = await api.call('PUT', apiPaths.eventPriceList(world.eventId), {
      bearer: manager,
      body: { ticketTypes: list.ticketTypes, entries, hiddenTierIds: [] },
    });
    expect(repriced.status).toBe(200);
    const shown = await api.call('GET', apiPaths.event(world.eventId));
    expect(shown.body.tiers[0].price).toEqual({ amount: 6000, currency: 'EUR' });
    const tax = { label: 'VAT', ratePpm: 100_000, mode: 'inclusive', feesTaxable: true };
    expect((await api.call('PUT', apiPaths.venueTax(world.venueId), { body: tax, bearer: manager })).status).toBe(200);
    expect((await api.call('PUT', apiPaths.venueTax(world.venueId), { body: tax, bearer: otherManager })).status).toBe(
      404,
    );
    expect(await actions(world.venueId)).toEqual(['venue.tax']);

    const promo = await api.call('POST', apiPaths.promoCodes(), {
      bearer: manager,
      body: {
        eventId: world.eventId,
        code: 'spring-10',
        discount: { kind: 'percent', basisPoints: 1000 },
        scope: {},
        validFrom: null,
        validUntil: null,
        maxUses: null,
        maxUsesPerBuyer: null,
      },
    });
    expect(promo.status).toBe(201);
    expect((await api.call('POST', apiPaths.codeDisabling(promo.body.id), { bearer: otherManager })).status).toBe(404);
    expect((await api.call('POST', apiPaths.codeDisabling(promo.body.id), { bearer: manager })).status).toBe(204);
    expect(await actions(promo.body.id)).toEqual(['code.create', 'code.disable']);
  });

  it('makes a weekly series of drafts in one go, and none when one date is refused', async () => {
    const starts = [at(44), at(51), at(58)];
    const series = await api.call('POST', apiPaths.eventSeries(world.eventId), {
      body: { startsAt: starts },
      bearer: manager,
    });
    expect(series.status).toBe(201);
    expect(series.body.events.map((e: Summary) => [e.name, e.status, e.startsAt])).toEqual(
      starts.map((start) => ['Test Event', 'draft', start]),
    );
    const twice = await api.call('POST', apiPaths.eventSeries(world.eventId), {
      body: { startsAt: [at(44), at(44)] },
      bearer: manager,
    });
    expect(twice.status).toBe(400);
    expect(fieldsOf(twice.body)).toContain('startsAt');
    const none = await api.call('POST', apiPaths.eventSeries(world.eventId), {
      body: { startsAt: [] },
      bearer: manager,
    });
    expect(none.status).toBe(400);
    const drafts = await api.call('GET', `${apiPaths.adminEvents()}?status=draft&q=Test`, { bearer: manager });
    expect(drafts.body.total).toBe(4);
  });

  it('publishes and pauses with audit entries, and cancels through the cancellation', async () => {
    const status = (eventId: string, value: string, bearer = manager) =>
      api.call('POST', apiPaths.eventStatus(eventId), { body: { status: value }, bearer });
    expect((await status(draftId, 'on_sale', otherManager)).status).toBe(404);
    expect((await status(draftId, 'on_sale', clerk)).status).toBe(403);
    expect((await status(draftId, 'on_sale')).status).toBe(200);
    // Published: its date moves only by postponing (buyers told); the form sent back with the same date is no move.
    const form = (await api.call('GET', apiPaths.adminEvent(draftId), { bearer: manager })).body as {
      startsAt: string;
    };
    const moved = await api.call('PATCH', apiPaths.adminEvent(draftId), {
      body: { startsAt: new Date(Date.parse(form.startsAt) + DAY).toISOString() },
      bearer: manager,
    });
    expect(moved.status).toBe(409);
    expect(fieldsOf(moved.body)).toContain('startsAt');
    const same = await api.call('PATCH', apiPaths.adminEvent(draftId), {
      body: { name: 'Published name', startsAt: form.startsAt },
      bearer: manager,
    });
    expect(same.status).toBe(200);
    expect((await status(draftId, 'paused')).status).toBe(200);
    expect((await status(draftId, 'draft')).status).toBe(409);
    expect((await status(draftId, 'on_sale')).status).toBe(200);
    expect((await status(draftId, 'cancelled')).status).toBe(200);
    expect(
      (await api.call('PATCH', apiPaths.adminEvent(draftId), { body: { name: 'Back' }, bearer: manager })).status,
    ).toBe(409);
    expect(await actions(draftId)).toEqual([
      'event.cancel',
      'event.create',
      'event.pause',
      'event.publish',
      'event.resume',
      'event.tiers',
      'event.update',
      'event.update',
    ]);
  });
});
