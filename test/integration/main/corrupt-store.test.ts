// A damaged store on the venue machine, against the real local cloud: the box office sells from its allotment while
// cut off, is shut down, and one of its files is damaged (garbage bytes, truncated, a broken page). At the next start
// a damaged cache is set aside (kept under a timestamped name) and fetched again from the cloud — allotments and the
// catalog the counter shows offline — while the ledger's unsent sales are pushed exactly once; a damaged ledger is
// set aside and what can be read of it salvaged row by row, and the machine's status says so either way. A cache
// from before the ledger moves its outbox there. A file that is only busy or unreadable is never taken for damage, and a
// ledger gone missing beside an upgraded cache is said.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { startTestCloud } from '../../support/local-cloud.ts';
import type { Principal } from '../../../cloud/services/ports.ts';
import { ledgerFileFor, openDeviceStore } from '../../../main/cache/database.ts';
import { MIGRATIONS } from '../../../main/cache/migrations.ts';
import { Outbox } from '../../../main/cache/outbox.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { buildDevice, type TestDevice } from '../../support/main/device.ts';
import { startNetProxy, type NetProxy } from '../../support/net-proxy.ts';

const admin: Principal = { sub: 'admin-1', groups: ['admin'] };
const PAGE = 4096;

/**
 * Overwrites with garbage a table leaf page (type byte 0x0d) holding `marker`: a page of live rows, not an interior
 * page where old bytes of a split linger. The rest of the file stays readable.
 */
function breakPageWith(file: string, marker: string): void {
  const bytes = readFileSync(file);
  for (let at = bytes.indexOf(marker); at !== -1; at = bytes.indexOf(marker, at + 1)) {
    const page = Math.floor(at / PAGE) * PAGE;
    if (page === 0 || bytes[page] !== 0x0d) continue;
    randomBytes(PAGE).copy(bytes, page);
    writeFileSync(file, bytes);
    return;
  }
  throw new Error(`no leaf page holds ${marker}`);
}

const damage = {
  garbage: (file: string) => writeFileSync(file, randomBytes(readFileSync(file).length)),
  truncated: (file: string) => truncateSync(file, Math.floor(readFileSync(file).length / 2)),
  'a broken page': (file: string) => breakPageWith(file, 'Corrupt Cabaret'),
};

describe('a damaged store on the venue machine', () => {
  let cloud: LocalCloud;
  let proxy: NetProxy;
  let venueId: string;
  let eventId: string;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-corrupt-store-'));
  const machines: TestDevice[] = [];
  const clerk = { email: 'desk@hall.example', password: 'counter-pass-1234' };
  let row = 0;

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Graz', timezone: 'Europe/Vienna' });
    venueId = venue.id;
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, smallHall(8, 14));
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Corrupt Cabaret' });
    await cloud.services.identity.createStaff({ ...clerk, name: 'Desk Clerk', role: 'clerk', venueId });
    proxy = await startNetProxy(cloud.url);
  }, 120_000);
  afterAll(async () => {
    for (const machine of machines) machine.close();
    await proxy?.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (machineDir: string) => {
    const machine = buildDevice(machineDir, proxy.url);
    machines.push(machine);
    return machine;
  };
  const stop = (machine: TestDevice) => {
    machine.close();
    machines.splice(machines.indexOf(machine), 1);
  };
  /** Until the call goes through (the first after the cut may meet a connection it left dead). */
  const eventually = (call: () => Promise<unknown>) =>
    expect
      .poll(
        () =>
          call().then(
            () => true,
            () => false,
          ),
        { timeout: 15_000 },
      )
      .toBe(true);

  /** A paired counter given a row of seats by the back office, which it pulled and browsed, then sold offline. */
  async function counterWithOfflineSales(sales: number, unsold = 0) {
    proxy.restore();
    const machineDir = mkdtempSync(join(dir, 'counter-'));
    const machine = start(machineDir);
    const pairing = await cloud.services.identity.createPairingCode({ venueId, kind: 'boxoffice', name: 'Desk' }, 'a');
    await machine.device.register(pairing.code);
    await machine.device.signInStaff(clerk.email, clerk.password);
    const rowName = String.fromCharCode(65 + row++);
    const allotted = Array.from({ length: sales + unsold }, (_, n) => `MAIN-${rowName}-${n + 1}`);
    const seatIds = allotted.slice(0, sales);
    const deviceId = machine.device.requireRegistered().deviceId;
    const { id: allotmentId } = await cloud.services.backofficeOrders.allotments.assign(
      eventId,
      { deviceId, seatIds: allotted },
      admin,
    );
    await machine.allotments.pull({ force: true });
    const event = await machine.catalog.get<{ seatmapId: string }>(apiPaths.event(eventId));
    await machine.catalog.get(apiPaths.seatMap(event.value.seatmapId));
    proxy.cut();
    // Long names, so a ledger's sales spread over several pages.
    const buyers = seatIds.map((_, n) => `${rowName} buyer ${n} ${'of a long line '.repeat(6)}`.trim());
    for (const [n, seatId] of seatIds.entries()) {
      const sale = await machine.handle('allotment:sellCash', {
        allotmentId,
        seatIds: [seatId],
        buyerName: buyers[n]!,
        tendered: { amount: 5000, currency: 'EUR' },
      });
      expect(sale.ok, JSON.stringify(sale)).toBe(true);
    }
    expect(machine.device.status().sync.pending).toBe(sales);
    stop(machine);
    return { machineDir, allotmentId, allotted, seatIds, buyers, cacheFile: join(machineDir, 'device.db') };
  }

  const ordersOf = async (buyers: string[]) =>
    (
      await cloud.services.db.query<{ buyer_name: string; n: number }>(
        `SELECT buyer_name, count(*)::int AS n FROM orders WHERE event_id = $1 AND buyer_name = ANY($2)
         GROUP BY buyer_name ORDER BY buyer_name`,
        [eventId, buyers],
      )
    ).rows;

  /** Back online: the sync loop pushes the outbox and, after a rebuild, fetches the allotments and catalog again. */
  async function syncUntilDrained(machine: TestDevice) {
    proxy.restore();
    await expect.poll(async () => (await machine.device.syncNow()).sync.pending, { timeout: 20_000 }).toBe(0);
    await machine.device.syncNow();
  }

  for (const [how, spoil] of Object.entries(damage)) {
    it(`sets aside a cache file of ${how}, fetches it again, and pushes the unsent sales once`, async () => {
      const counter = await counterWithOfflineSales(3, 2);
      spoil(counter.cacheFile);
      const machine = start(counter.machineDir);

      const status = machine.device.status();
      expect(status.registered).toBe(true);
      expect(status.sync.pending).toBe(3);
      expect(status.storage).toEqual([
        expect.objectContaining({ file: 'cache', keptAs: expect.stringContaining('device.db.corrupt-') }),
      ]);
      expect(existsSync(status.storage![0]!.keptAs!)).toBe(true);

      // Back online, the allotment comes from the cloud again before the sales are pushed: the seats sold here are
      // still sold (the ledger has them), so the clerk cannot sell them twice.
      proxy.restore();
      await eventually(() => machine.allotments.pull({ force: true }));
      expect(machine.allotments.list()).toEqual([
        expect.objectContaining({
          allotmentId: counter.allotmentId,
          seats: counter.allotted.map((seatId) =>
            expect.objectContaining({ seatId, sold: counter.seatIds.includes(seatId) }),
          ),
        }),
      ]);
      await syncUntilDrained(machine);
      expect(await ordersOf(counter.buyers)).toEqual(counter.buyers.map((buyer_name) => ({ buyer_name, n: 1 })));
      // The catalog the counter shows offline is back too.
      proxy.cut();
      const event = await machine.catalog.get<{ name: string; seatmapId: string }>(apiPaths.event(eventId));
      expect(event).toMatchObject({ offline: true, value: { name: 'Corrupt Cabaret' } });
      expect((await machine.catalog.get(apiPaths.seatMap(event.value.seatmapId))).offline).toBe(true);
      proxy.restore();
      stop(machine);
    }, 90_000);
  }

  it('salvages a ledger with a broken page row by row, pushes what it read once, and says what it lost', async () => {
    const counter = await counterWithOfflineSales(14);
    const ledgerFile = ledgerFileFor(counter.cacheFile);
    breakPageWith(ledgerFile, counter.buyers[6]!);
    const machine = start(counter.machineDir);

    const status = machine.device.status();
    const notice = status.storage?.[0];
    expect(notice).toMatchObject({ file: 'ledger', keptAs: expect.stringContaining('device-ledger.db.corrupt-') });
    expect(existsSync(notice!.keptAs!)).toBe(true);
    expect(notice!.unreadableSales).toBeGreaterThan(0);
    expect(notice!.unreadableSales).toBeLessThan(14);
    expect(status.sync.pending + notice!.unreadableSales).toBe(14);
    expect(status.registered).toBe(true); // its credential was on a page still readable

    await syncUntilDrained(machine);
    const landed = await ordersOf(counter.buyers);
    expect(landed).toHaveLength(14 - notice!.unreadableSales);
    expect(landed.every((order) => order.n === 1)).toBe(true);
    expect(landed.map((order) => order.buyer_name)).not.toContain(counter.buyers[6]);
    stop(machine);
  }, 90_000);

  it('keeps a ledger of garbage bytes for recovery by hand and starts unpaired, saying so', async () => {
    const counter = await counterWithOfflineSales(1);
    const ledgerFile = ledgerFileFor(counter.cacheFile);
    damage.garbage(ledgerFile);
    const machine = start(counter.machineDir);
    const status = machine.device.status();
    expect(status).toMatchObject({ registered: false, sync: { pending: 0 } });
    expect(status.storage).toEqual([
      expect.objectContaining({ file: 'ledger', salvagedRows: 0, problem: expect.stringContaining('not a database') }),
    ]);
    expect(readFileSync(status.storage![0]!.keptAs!).length).toBeGreaterThan(0);
    stop(machine);
  }, 90_000);

  it('moves the outbox, allotment sales and credential of a cache from before the ledger into the ledger', () => {
    const file = join(mkdtempSync(join(dir, 'old-')), 'device.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    MIGRATIONS.slice(0, 6).forEach((sql, version) => {
      old.exec(sql);
      old.pragma(`user_version = ${version + 1}`);
    });
    old.exec(`INSERT INTO allotment_seats VALUES ('a1', 'e1', 'MAIN-A-1', 5000, 'EUR', 'sale-1')`);
    old.exec(`INSERT INTO outbox (id, kind, method, path, body, idempotency_key, next_attempt_at, created_at)
      VALUES ('sale-1', 'allotment_sale', 'POST', '/v1/orders', '{"holdId":"a1","allotmentSeatIds":["MAIN-A-1"]}',
        'key-1', '2026-01-01', '2026-01-01')`);
    old.exec(`INSERT INTO device_settings VALUES ('credential', x'7b7d', 0)`);
    old.close();

    const store = openDeviceStore(file);
    expect(store.notices).toEqual([]);
    expect(new Outbox(store.db).due(new Date('2027-01-01')).map((entry) => entry.id)).toEqual(['sale-1']);
    expect(store.db.prepare(`SELECT count(*) AS n FROM main.sqlite_master WHERE name = 'outbox'`).get()).toEqual({
      n: 0,
    });
    expect(store.db.prepare('SELECT outbox_id FROM ledger.allotment_sales').all()).toEqual([{ outbox_id: 'sale-1' }]);
    expect(store.db.prepare('SELECT key FROM ledger.device_settings').all()).toEqual([{ key: 'credential' }]);
    store.db.close();
  });
  /** A store made and closed, as a machine leaves it: its cache file, and the names in its folder. */
  function closedStore() {
    const file = join(mkdtempSync(join(dir, 'store-')), 'device.db');
    const store = openDeviceStore(file);
    store.db.prepare(`INSERT INTO ledger.device_settings VALUES ('credential', x'7b7d', 0)`).run();
    store.db.close();
    const files = { cache: file, ledger: ledgerFileFor(file) };
    const setAsideIn = () => readdirSync(join(file, '..')).filter((name) => name.includes('.corrupt-'));
    return { file, files, setAsideIn };
  }

  for (const kind of ['ledger', 'cache'] as const) {
    it(`throws for a ${kind} file that cannot be opened (a folder in its place) and sets nothing aside`, () => {
      const { file, files, setAsideIn } = closedStore();
      rmSync(files[kind]);
      mkdirSync(files[kind]);
      expect(() => openDeviceStore(file)).toThrow(expect.objectContaining({ code: 'SQLITE_CANTOPEN' }));
      expect(setAsideIn()).toEqual([]);
      expect(existsSync(files[kind])).toBe(true);
    });

    it(`throws for a ${kind} file another connection holds in a write transaction, and sets nothing aside`, () => {
      const { file, files, setAsideIn } = closedStore();
      const holder = new Database(files[kind]);
      holder.pragma('locking_mode = EXCLUSIVE');
      holder.exec('BEGIN IMMEDIATE');
      holder.exec(`CREATE TABLE held (n INTEGER)`);
      try {
        expect(() => openDeviceStore(file, undefined, { busyTimeoutMs: 50 })).toThrow(
          expect.objectContaining({ code: 'SQLITE_BUSY' }),
        );
        expect(setAsideIn()).toEqual([]);
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
      // Once the other writer is done the same files open as they were, credential and all.
      const store = openDeviceStore(file);
      expect(store.notices).toEqual([]);
      expect(store.db.prepare('SELECT key FROM ledger.device_settings').all()).toEqual([{ key: 'credential' }]);
      store.db.close();
    });
  }

  it('waits for a write transaction of another connection in WAL mode and opens the store sound', () => {
    const { file, files, setAsideIn } = closedStore();
    const writer = new Database(files.ledger);
    writer.exec('BEGIN IMMEDIATE');
    writer.exec(`INSERT INTO door_scans VALUES ('t1', 'e1', 'A-1', 'north', '2026-01-01', 1)`);
    try {
      const store = openDeviceStore(file, undefined, { busyTimeoutMs: 50 });
      expect(store.notices).toEqual([]);
      store.db.close();
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect(setAsideIn()).toEqual([]);
  });

  it('says so when the ledger is missing beside an upgraded cache, and starts an empty one', () => {
    const machineDir = mkdtempSync(join(dir, 'lost-ledger-'));
    const first = start(machineDir);
    stop(first);
    const ledgerFile = ledgerFileFor(join(machineDir, 'device.db'));
    for (const suffix of ['', '-wal', '-shm']) rmSync(ledgerFile + suffix, { force: true });

    const machine = start(machineDir);
    const status = machine.device.status();
    expect(status).toMatchObject({ registered: false, sync: { pending: 0 } });
    expect(status.storage).toEqual([
      expect.objectContaining({
        file: 'ledger',
        keptAs: null,
        problem: expect.stringContaining('ledger file was missing'),
      }),
    ]);
    expect(existsSync(ledgerFile)).toBe(true);
    stop(machine);
    // The new ledger is the machine's from now on: the next start finds nothing to say.
    const again = start(machineDir);
    expect(again.device.status().storage).toBeUndefined();
    stop(again);
  });
});
