// Browser tests: real Chromium through playwright-core (never a downloaded browser), and a local cloud with the web
// shop on a fresh database, with a theatre event on sale.
import { inject } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { startLocalCloud, type LocalCloud } from '../../cloud/local/server.ts';
import { generateTheatre } from '../../cloud/domain/seatmap/generator.ts';
import { CHROMIUM_ARGS } from './chromium.ts';
import { freshDb } from './databases.ts';
import type { PassesSettings } from '../../cloud/services/passes/ports.ts';
import type { Clock } from '../../cloud/services/ports.ts';

export const chromiumPath = (): string | null => inject('chromiumPath');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath()!, args: CHROMIUM_ARGS });
}

export interface ShopWorld {
  cloud: LocalCloud;
  eventId: string;
  eventName: string;
  venueId: string;
  /** Seat ids in seat-map order, for picking seats to click. */
  seatIds: string[];
}

/** The theatre's sections and their two tiers, as every shop test sells them. */
const THEATRE_TIERS = [
  {
    name: 'Stalls',
    price: { amount: 8900, currency: 'EUR' },
    sectionIds: ['ORCH-L', 'ORCH-C', 'ORCH-R', 'BOX-L1', 'BOX-L2', 'BOX-R1', 'BOX-R2'],
    seatIds: [],
  },
  { name: 'Circle', price: { amount: 4900, currency: 'EUR' }, sectionIds: ['MEZZ', 'BALC'], seatIds: [] },
];

/**
 * An event on the theatre's seat map, on sale from an hour ago for six days and held a week from now, in euros with
 * the Stalls (€89) and Circle (€49) tiers; its id.
 */
export async function createTheatreEvent(
  admin: LocalCloud['services']['admin'],
  options: { seatmapId: string; name: string; description?: string; holdTtlSeconds?: number },
): Promise<string> {
  const now = Date.now();
  const { id } = await admin.createEvent({
    name: options.name,
    description: options.description ?? 'Ballet',
    seatmapId: options.seatmapId,
    startsAt: new Date(now + 7 * 86_400_000).toISOString(),
    onSaleFrom: new Date(now - 3_600_000).toISOString(),
    onSaleUntil: new Date(now + 6 * 86_400_000).toISOString(),
    perOrderLimit: 8,
    holdTtlSeconds: options.holdTtlSeconds ?? 600,
    currency: 'EUR',
    tiers: THEATRE_TIERS,
  });
  await admin.setEventStatus(id, 'on_sale');
  return id;
}

/** The local cloud serving the shop, with one theatre event on sale (hold time as given). */
export async function startShop(
  options: { holdTtlSeconds?: number; name?: string; passes?: PassesSettings; clock?: Clock } = {},
): Promise<ShopWorld> {
  const db = await freshDb('pglite');
  const cloud = await startLocalCloud({
    port: 0,
    db,
    seed: false,
    sweepIntervalMs: 500,
    ...(options.passes ? { passes: options.passes } : {}), // passes (issue 19)
    ...(options.clock ? { clock: options.clock } : {}), // the on-sale (issue 20): a test moves time
  });
  const admin = cloud.services.admin;
  const venue = await admin.createVenue({ name: 'Grand Theatre', city: 'Vienna', timezone: 'Europe/Vienna' });
  const theatre = generateTheatre('Grand Theatre');
  const map = await admin.importSeatMap(venue.id, theatre);
  const name = options.name ?? 'Swan Lake';
  const id = await createTheatreEvent(admin, { seatmapId: map.id, name, holdTtlSeconds: options.holdTtlSeconds });
  return {
    cloud: {
      ...cloud,
      close: async () => {
        await cloud.close();
        await db.close();
      },
    },
    eventId: id,
    eventName: name,
    venueId: venue.id,
    seatIds: theatre.seats.map((s) => s.id),
  };
}
