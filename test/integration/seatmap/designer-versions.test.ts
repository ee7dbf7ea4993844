// A design from the seat-map designer saved through the API: its tiers and flags come back as drawn, and saving a
// new version never changes the map a published event was created on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, productionDbKinds } from '../../support/databases.ts';
import { ManualClock, RecordingLiveBus } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { createServices } from '../../../cloud/services/index.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { SeatedSectionSpec, type SeatMapImport } from '../../../cloud/contract/index.ts';
import { emptyDesign } from '../../../cloud/domain/seatmap/design/document.ts';
import { addSeatedSection, addStandingArea } from '../../../cloud/domain/seatmap/design/sections.ts';
import {
  defineTier,
  moveSection,
  paintSectionTier,
  paintTier,
  setSeatFlag,
} from '../../../cloud/domain/seatmap/design/edits.ts';

function smallVenue(): SeatMapImport {
  let map = emptyDesign('Riverside Hall', 1000, 800);
  map = defineTier(map, { key: 'front', name: 'Front', color: '#7c3aed' }).map;
  map = defineTier(map, { key: 'back', name: 'Back' }).map;
  const block = (input: object) => SeatedSectionSpec.parse(input);
  map = addSeatedSection(
    map,
    block({
      id: 'STALLS',
      name: 'Stalls',
      origin: [500, 200],
      rows: 4,
      seatsPerRow: 12,
      aislesAfter: [6],
      tier: 'front',
    }),
  ).map;
  map = addSeatedSection(
    map,
    block({
      id: 'CIRCLE',
      name: 'Circle',
      origin: [500, 60],
      curveRadius: 320,
      rows: 3,
      seatsPerRow: 20,
      tier: 'back',
    }),
  ).map;
  map = addStandingArea(map, {
    id: 'BAR',
    name: 'Bar standing',
    x: 60,
    y: 600,
    width: 200,
    height: 120,
    capacity: 80,
    tier: 'back',
  }).map;
  map = paintTier(map, [0, 1], 'back').map;
  map = setSeatFlag(map, [47], 'wheelchair', true).map;
  return setSeatFlag(map, [46], 'companion', true).map;
}

describe.each(productionDbKinds())('seat-map designer versions on %s', (kind) => {
  let db: Db;
  let api: TestApi;
  let venueId: string;

  beforeAll(async () => {
    db = await freshDb(kind);
    api = await testApi(createServices({ db, live: new RecordingLiveBus(), clock: new ManualClock(new Date()) }));
    const venue = await api.call('POST', '/v1/admin/venues', {
      body: { name: 'Riverside', city: 'Hamburg', timezone: 'Europe/Berlin' },
      bearer: api.adminToken,
    });
    venueId = venue.body.id;
  }, 180_000);
  afterAll(async () => db.close());

  const save = (map: SeatMapImport) =>
    api.call('POST', `/v1/admin/venues/${venueId}/seatmaps`, { body: map, bearer: api.adminToken });

  it('stores a design with its tiers and flags, and reads it back as drawn', async () => {
    const design = smallVenue();
    const saved = await save(design);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ version: 1, seatCount: 108, gaCapacity: 80 });
    const { body } = await api.call('GET', `/v1/seatmaps/${saved.body.id}`);
    expect(body.tiers).toEqual(design.tiers);
    expect(body.sections.map((s: { id: string; tier?: string }) => [s.id, s.tier])).toEqual([
      ['STALLS', 'front'],
      ['CIRCLE', 'back'],
      ['BAR', 'back'],
    ]);
    expect(body.seats[0]).toMatchObject({ id: 'STALLS-A-1', tier: 'back' });
    expect(body.seats[47]).toMatchObject({ wheelchair: true });
    expect(body.seats[46]).toMatchObject({ companion: true });
    expect(body.seats.length).toBe(design.seats.length);
  });

  it('refuses a seat painted with a tier the map does not list, naming it', async () => {
    const design = smallVenue();
    design.seats[3] = { ...design.seats[3]!, tier: 'vip' };
    const refused = await save(design);
    expect(refused.status).toBe(422);
    expect(refused.body.entries).toContain('seat STALLS-A-4: vip is not a tier of the map');
  });

  it('keeps a published event on the version it was created on when a new version is saved', async () => {
    const first = smallVenue();
    const v1 = await save(first);
    const now = Date.now();
    const event = await api.call('POST', '/v1/admin/events', {
      bearer: api.adminToken,
      body: {
        name: 'Quartet',
        seatmapId: v1.body.id,
        startsAt: new Date(now + 7 * 86_400_000).toISOString(),
        onSaleFrom: new Date(now - 3_600_000).toISOString(),
        onSaleUntil: new Date(now + 6 * 86_400_000).toISOString(),
        currency: 'EUR',
        tiers: [
          { name: 'Front', price: { amount: 4000, currency: 'EUR' }, sectionIds: ['STALLS'] },
          { name: 'Back', price: { amount: 2500, currency: 'EUR' }, sectionIds: ['CIRCLE', 'BAR'] },
        ],
      },
    });
    expect(event.status).toBe(201);
    const published = await api.call('POST', `/v1/admin/events/${event.body.id}/status`, {
      bearer: api.adminToken,
      body: { status: 'on_sale' },
    });
    expect(published.status).toBe(200);

    // The venue redraws: the circle moves, a block goes, the stalls lose their tier.
    let second = moveSection(first, 'CIRCLE', 0, 40).map;
    second = paintSectionTier(second, 'STALLS', null).map;
    second = { ...second, seats: second.seats.slice(0, 30) };
    const v2 = await save(second);
    expect(v2.body).toMatchObject({ version: 3, seatCount: 30 });

    const detail = await api.call('GET', `/v1/events/${event.body.id}`);
    expect(detail.body.seatmapId).toBe(v1.body.id);
    const kept = await api.call('GET', `/v1/seatmaps/${v1.body.id}`);
    expect(kept.body.version).toBe(2);
    expect(kept.body.seats).toHaveLength(first.seats.length);
    // Stored as real (float4): the same places to a hundredth of a unit.
    const moved = kept.body.seats.filter(
      (s: { x: number; y: number }, i: number) =>
        Math.abs(s.x - first.seats[i]!.x) > 0.01 || Math.abs(s.y - first.seats[i]!.y) > 0.01,
    );
    expect(moved).toEqual([]);
    expect(kept.body.sections[0].tier).toBe('front');
    // The event still sells every seat of its own version: the seat → tier runs cover all 108 of them.
    const covered = detail.body.seatTiers.reduce((sum: number, run: number[]) => sum + run[1]!, 0);
    expect(covered).toBe(first.seats.length);
  });
});
