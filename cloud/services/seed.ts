// Demo content for a fresh database: a theatre and a stadium, and events at both, on sale.
import { randomBytes } from 'node:crypto';
import type { CreateEvent, StaffRole } from '../contract/index.ts';
import { generateStadium, generateTheatre } from '../domain/seatmap/generator.ts';
import type { Services } from './index.ts';

const DAY = 24 * 3600 * 1000;

export interface DemoCredentials {
  staff: { email: string; password: string; role: StaffRole; venue?: string }[];
  devices: { id: string; secret: string; kind: 'kiosk' | 'boxoffice'; venue: string }[];
}

export interface SeedResult {
  venues: { theatre: string; stadium: string };
  seatmaps: { theatre: string; stadium: string };
  events: { id: string; name: string }[];
  /** Demo staff and devices, with their passwords and secrets (random, shown to whoever started the demo). */
  credentials: DemoCredentials;
}

/** Seeds only an empty database; returns null when there is data already. */
export async function seedDemoData(services: Services): Promise<SeedResult | null> {
  const existing = await services.db.query<{ n: number }>('SELECT count(*)::int AS n FROM venues');
  if (existing.rows[0]!.n > 0) return null;
  const now = services.clock.now();
  const at = (days: number, hourUtc: number) => {
    const date = new Date(now.getTime() + days * DAY);
    date.setUTCHours(hourUtc, 0, 0, 0);
    return date.toISOString();
  };

  const theatre = await services.admin.createVenue({
    name: 'Grand Theatre',
    city: 'Vienna',
    timezone: 'Europe/Vienna',
  });
  const stadium = await services.admin.createVenue({
    name: 'City Stadium',
    city: 'Manchester',
    timezone: 'Europe/London',
  });
  const stadiumLayout = generateStadium({ name: 'City Stadium (concert)' });
  const theatreMap = await services.admin.importSeatMap(theatre.id, generateTheatre('Grand Theatre'));
  const stadiumMap = await services.admin.importSeatMap(stadium.id, stadiumLayout);

  const theatreTiers = (currency: string, prices: [number, number, number, number]): CreateEvent['tiers'] => [
    {
      name: 'Premium',
      price: { amount: prices[0], currency },
      sectionIds: ['ORCH-C', 'BOX-L1', 'BOX-L2', 'BOX-R1', 'BOX-R2'],
      seatIds: [],
    },
    { name: 'Orchestra', price: { amount: prices[1], currency }, sectionIds: ['ORCH-L', 'ORCH-R'], seatIds: [] },
    { name: 'Mezzanine', price: { amount: prices[2], currency }, sectionIds: ['MEZZ'], seatIds: [] },
    { name: 'Balcony', price: { amount: prices[3], currency }, sectionIds: ['BALC'], seatIds: [] },
  ];
  const stadiumSections = stadiumLayout.sections.map((s) => s.id);
  const ring = (prefix: string, from: number, to: number) =>
    stadiumSections.filter((id) => id.startsWith(prefix) && Number(id.slice(1)) >= from && Number(id.slice(1)) <= to);
  // Sections 1–10 and 31–40 of each ring face the stage side; the far end is cheaper.
  const stadiumTiers = (currency: string, prices: number[]): CreateEvent['tiers'] => [
    { name: 'Standing Floor', price: { amount: prices[0]!, currency }, sectionIds: ['FLOOR'], seatIds: [] },
    { name: 'Lower Tier', price: { amount: prices[1]!, currency }, sectionIds: ring('1', 1, 40), seatIds: [] },
    { name: 'Middle Tier', price: { amount: prices[2]!, currency }, sectionIds: ring('2', 1, 36), seatIds: [] },
    {
      name: 'Upper Tier Side',
      price: { amount: prices[3]!, currency },
      sectionIds: [...ring('3', 1, 11), ...ring('3', 34, 44)],
      seatIds: [],
    },
    { name: 'Upper Tier End', price: { amount: prices[4]!, currency }, sectionIds: ring('3', 12, 33), seatIds: [] },
  ];

  const specs: CreateEvent[] = [
    {
      name: 'The Magic Flute',
      description: "Mozart's opera in a new staging.",
      seatmapId: theatreMap.id,
      startsAt: at(14, 18),
      onSaleFrom: at(-30, 8),
      onSaleUntil: at(14, 17),
      perOrderLimit: 10,
      holdTtlSeconds: 600,
      currency: 'EUR',
      tiers: theatreTiers('EUR', [12900, 8900, 5900, 2900]),
    },
    {
      name: 'Swan Lake',
      description: 'The classic ballet with full orchestra.',
      seatmapId: theatreMap.id,
      startsAt: at(40, 18),
      onSaleFrom: at(-10, 8),
      onSaleUntil: at(40, 17),
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      currency: 'EUR',
      tiers: theatreTiers('EUR', [9900, 7500, 4900, 2500]),
    },
    {
      name: 'Northern Lights Tour',
      description: 'Stadium concert, doors open 18:00.',
      seatmapId: stadiumMap.id,
      startsAt: at(21, 19),
      onSaleFrom: at(-20, 9),
      onSaleUntil: at(21, 18),
      perOrderLimit: 8,
      holdTtlSeconds: 480,
      currency: 'GBP',
      tiers: stadiumTiers('GBP', [8500, 9500, 7000, 5500, 4000]),
    },
    {
      name: 'Cup Final Fan Festival',
      description: 'Big-screen final with live acts.',
      seatmapId: stadiumMap.id,
      startsAt: at(60, 14),
      onSaleFrom: at(-5, 9),
      onSaleUntil: at(60, 13),
      perOrderLimit: 6,
      holdTtlSeconds: 480,
      currency: 'GBP',
      tiers: stadiumTiers('GBP', [3000, 3500, 2800, 2200, 1500]),
    },
  ];
  const events: SeedResult['events'] = [];
  for (const spec of specs) {
    const { id } = await services.admin.createEvent(spec);
    await services.admin.setEventStatus(id, 'on_sale');
    events.push({ id, name: spec.name });
  }
  return {
    venues: { theatre: theatre.id, stadium: stadium.id },
    seatmaps: { theatre: theatreMap.id, stadium: stadiumMap.id },
    events,
    credentials: await seedDemoAccounts(services, [
      { id: theatre.id, name: 'Grand Theatre', slug: 'theatre' },
      { id: stadium.id, name: 'City Stadium', slug: 'stadium' },
    ]),
  };
}

/**
 * A demo account of every role: the owner (admin), a venue manager of the first venue (the theatre), a clerk per
 * venue, a door steward of the first venue; and a kiosk and a box-office machine per venue, each with a random secret.
 */
async function seedDemoAccounts(
  services: Services,
  venues: { id: string; name: string; slug: string }[],
): Promise<DemoCredentials> {
  const secret = () => randomBytes(12).toString('base64url');
  const credentials: DemoCredentials = { staff: [], devices: [] };
  const account = async (email: string, name: string, role: StaffRole, venue?: { id: string; name: string }) => {
    const password = secret();
    await services.identity.createStaff({
      email,
      password,
      name,
      role,
      ...(venue && role === 'venue_manager' ? { venueIds: [venue.id] } : {}),
      ...(venue && role !== 'venue_manager' ? { venueId: venue.id } : {}),
    });
    credentials.staff.push({ email, password, role, ...(venue ? { venue: venue.name } : {}) });
  };
  await account('admin@ticketboss.local', 'Demo Admin', 'admin');
  const [first] = venues;
  if (first) {
    await account(`manager.${first.slug}@ticketboss.local`, `Manager of ${first.name}`, 'venue_manager', first);
  }
  for (const venue of venues) {
    await account(`clerk.${venue.slug}@ticketboss.local`, `Clerk at ${venue.name}`, 'clerk', venue);
    for (const kind of ['kiosk', 'boxoffice'] as const) {
      const device = await services.identity.createDevice({
        venueId: venue.id,
        kind,
        name: `${venue.name} ${kind === 'kiosk' ? 'kiosk 1' : 'box office 1'}`,
      });
      credentials.devices.push({ id: device.id, secret: device.secret, kind, venue: venue.name });
    }
  }
  if (first) await account(`door.${first.slug}@ticketboss.local`, `Door at ${first.name}`, 'door_steward', first);
  return credentials;
}
