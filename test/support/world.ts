// A small world for tests: a venue, a seat map and an on-sale event built through the admin service,
// plus a clock the test can move and a live bus that records what was published.
import type { DocumentComposer } from '../../cloud/services/fulfilment/fulfilment-service.ts';
import type { CreateEvent, LiveChanges, SeatMapImport } from '../../cloud/contract/index.ts';
import type { Db } from '../../cloud/db/port.ts';
import type { EmailSender } from '../../cloud/services/fulfilment/ports.ts';
import type { DispatcherOptions } from '../../cloud/services/jobs/outbox-dispatcher.ts';
import { createServices, type Services } from '../../cloud/services/index.ts';
import type { PassesSettings } from '../../cloud/services/passes/ports.ts';
import { SandboxPaymentProvider } from '../../cloud/adapters/payments/sandbox.ts';
import type { Clock, ExportStore, LiveBus, StaffDirectory } from '../../cloud/services/ports.ts';
import { LocalFileExportStore } from '../../cloud/adapters/exports/local-files.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WatchableEvents } from '../../cloud/services/admin/watchable-events.ts';

export class ManualClock implements Clock {
  constructor(private current = new Date('2030-01-10T12:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export class RecordingLiveBus implements LiveBus {
  readonly messages: LiveChanges[] = [];
  async publish(message: LiveChanges): Promise<void> {
    this.messages.push(message);
  }
}

/** A small hall: `rows` rows of `seatsPerRow` seats in section MAIN (row A nearest the stage), plus a GA pit. */
export function smallHall(rows = 5, seatsPerRow = 10, gaCapacity = 20): SeatMapImport {
  const seats: SeatMapImport['seats'] = [];
  for (let r = 0; r < rows; r++) {
    for (let n = 0; n < seatsPerRow; n++) {
      const row = String.fromCharCode(65 + r);
      seats.push({
        id: `MAIN-${row}-${n + 1}`,
        sectionId: 'MAIN',
        row,
        number: String(n + 1),
        x: 100 + n * 10,
        y: 100 + r * 12,
      });
    }
  }
  return {
    name: 'Small Hall',
    width: 400,
    height: 300,
    stage: {
      label: 'Stage',
      polygon: [
        [100, 20],
        [190, 20],
        [190, 60],
        [100, 60],
      ],
    },
    sections: [
      {
        id: 'MAIN',
        name: 'Main',
        kind: 'seated',
        polygon: [
          [90, 90],
          [200, 90],
          [200, 170],
          [90, 170],
        ],
      },
      {
        id: 'PIT',
        name: 'Pit',
        kind: 'ga',
        polygon: [
          [90, 65],
          [200, 65],
          [200, 85],
          [90, 85],
        ],
        capacity: gaCapacity,
      },
    ],
    seats,
  };
}

/** An event on sale now over a seat map, every section at one price: for tests and benchmarks. */
export async function createOnSaleEvent(
  services: Services,
  seatmapId: string,
  sectionIds: string[],
  options: { name?: string; currency?: string; amount?: number; perOrderLimit?: number; holdTtlSeconds?: number } = {},
): Promise<string> {
  const now = Date.now();
  const currency = options.currency ?? 'EUR';
  const { id } = await services.admin.createEvent({
    name: options.name ?? 'On sale now',
    description: '',
    seatmapId,
    currency,
    perOrderLimit: options.perOrderLimit ?? 8,
    holdTtlSeconds: options.holdTtlSeconds ?? 600,
    startsAt: new Date(now + 86_400_000).toISOString(),
    onSaleFrom: new Date(now - 60_000).toISOString(),
    onSaleUntil: new Date(now + 3_600_000).toISOString(),
    tiers: [{ name: 'All', price: { amount: options.amount ?? 5000, currency }, sectionIds, seatIds: [] }],
  });
  await services.admin.setEventStatus(id, 'on_sale');
  return id;
}

export interface World {
  services: Services;
  clock: ManualClock;
  live: RecordingLiveBus;
  sandbox: SandboxPaymentProvider;
  eventId: string;
  seatmapId: string;
  venueId: string;
}

export async function buildWorld(
  db: Db,
  options: {
    map?: SeatMapImport;
    event?: Partial<CreateEvent>;
    tiers?: CreateEvent['tiers'];
    /** Fulfilment's email sender: with one, the outbox runs the email jobs. */
    email?: EmailSender;
    /** Where fulfilment makes its emails (in this process by default). */
    composer?: DocumentComposer;
    jobs?: DispatcherOptions;
    /** Where the world's clock starts (2030-01-10 by default; the real time when code under test uses its own). */
    now?: Date;
    /** Where exports are written (files in a fresh temp dir by default). */
    exportStore?: ExportStore;
    /** Where export jobs log why one failed (the jobs' logger in AWS). */
    exportLog?: (message: string, error: unknown) => void;
    /** The user pool in front of staff accounts (a Cognito stand-in); none by default. */
    staffDirectory?: StaffDirectory;
    /** passes (issue 19): wallet pass settings and ports; no passes offered by default. */
    passes?: PassesSettings;
    /** The live view's list of watchable events (the events table itself by default, as on `npm start`). */
    watchableEvents?: WatchableEvents;
  } = {},
): Promise<World> {
  const clock = new ManualClock(options.now);
  const live = new RecordingLiveBus();
  const sandbox = new SandboxPaymentProvider(db, () => 'http://sandbox.test');
  const services = createServices({
    db,
    live,
    clock,
    providers: { sandbox },
    idempotencyLeaseSeconds: 5,
    publicUrl: () => 'https://shop.test',
    // redirects: the shops the tests' payments return to (any other return address is refused).
    shopOrigins: () => ['https://shop.test', 'https://shop.example', 'https://a.example'],
    ...(options.email ? { email: options.email } : {}),
    ...(options.composer ? { composer: options.composer } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
    exportStore: options.exportStore ?? new LocalFileExportStore(mkdtempSync(join(tmpdir(), 'ticketboss-exports-'))),
    ...(options.staffDirectory ? { staffDirectory: options.staffDirectory } : {}),
    ...(options.exportLog ? { exportLog: options.exportLog } : {}),
    ...(options.passes ? { passes: options.passes } : {}),
    ...(options.watchableEvents ? { watchableEvents: options.watchableEvents } : {}),
  });
  const venue = await services.admin.createVenue({ name: 'Test Venue', city: 'Testville', timezone: 'Europe/Berlin' });
  const map = options.map ?? smallHall();
  const seatMap = await services.admin.importSeatMap(venue.id, map);
  const now = clock.now().getTime();
  const sectionIds = map.sections.map((s) => s.id);
  const { id: eventId } = await services.admin.createEvent({
    name: 'Test Event',
    description: '',
    seatmapId: seatMap.id,
    startsAt: new Date(now + 30 * 86_400_000).toISOString(),
    onSaleFrom: new Date(now - 86_400_000).toISOString(),
    onSaleUntil: new Date(now + 29 * 86_400_000).toISOString(),
    perOrderLimit: 8,
    holdTtlSeconds: 600,
    currency: 'EUR',
    tiers: options.tiers ?? [{ name: 'Standard', price: { amount: 5000, currency: 'EUR' }, sectionIds, seatIds: [] }],
    ...options.event,
  });
  await services.admin.setEventStatus(eventId, 'on_sale');
  return { services, clock, live, sandbox, eventId, seatmapId: seatMap.id, venueId: venue.id };
}
