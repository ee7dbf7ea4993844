// The device cache as plain Node: migrations, crash safety (the writing process killed mid-write, the file reopened,
// nothing committed lost, nothing half-written), and the outbox pushed to the real local cloud exactly once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCache } from '../../../main/cache/database.ts';
import { MIGRATIONS } from '../../../main/cache/migrations.ts';
import { Outbox } from '../../../main/cache/outbox.ts';
import { OutboxPusher, httpSender, type CloudSender } from '../../../main/sync/outbox-pusher.ts';
import { startLocalCloud, type LocalCloud } from '../../../cloud/local/server.ts';
import { freshDb } from '../../support/databases.ts';
import { cashSale, holdForDevice as holdForSale } from '../../support/main/device-sales.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';

const dir = mkdtempSync(join(tmpdir(), 'ticketboss-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('device cache', () => {
  it('migrates a new file to the latest schema once, and reopens it as it was', () => {
    const file = join(dir, 'migrate.db');
    const db = openCache(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('ledger.journal_mode', { simple: true })).toBe('wal');
    new Outbox(db).enqueue({ kind: 'test', method: 'POST', path: '/x', body: { a: 1 } });
    db.close();
    const again = openCache(file);
    expect(new Outbox(again).pendingCount()).toBe(1);
    again.close();
  });

  it('loses nothing committed and keeps nothing half-written when the process is killed mid-write', async () => {
    for (let round = 0; round < 3; round++) {
      const file = join(dir, `crash-${round}.db`);
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/main/cache-writer.ts', file], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let lastCommitted = 0;
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          const lines = chunk.toString().trim().split('\n');
          lastCommitted = Number(lines.at(-1));
          if (lastCommitted >= 200 + round * 150 && !child.killed) {
            child.kill('SIGKILL');
            resolve();
          }
        });
      });
      await new Promise((resolve) => child.once('exit', resolve));
      const db = openCache(file);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const outbox = new Outbox(db);
      const count = outbox.pendingCount();
      // Everything the writer saw committed is there (it may have committed one more before it died).
      expect(count).toBeGreaterThanOrEqual(lastCommitted);
      expect(count).toBeLessThanOrEqual(lastCommitted + 1);
      const bodies = outbox.due(new Date(Date.now() + 1000), 10_000).map((e) => (e.body as { n: number }).n);
      expect(bodies).toEqual(Array.from({ length: count }, (_, n) => n));
      db.close();
    }
  }, 60_000);
});

describe('outbox pushed to the real local cloud', () => {
  let cloud: LocalCloud;
  let eventId: string;
  let token: string;
  let seatIds: string[];

  beforeAll(async () => {
    const db = await freshDb('pglite');
    cloud = await startLocalCloud({ port: 0, db, seed: false });
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Bonn', timezone: 'Europe/Berlin' });
    const map = smallHall(4, 10);
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, map);
    seatIds = map.seats.map((s) => s.id);
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Counter Night' });
    const device = await cloud.services.identity.createDevice({
      venueId: venue.id,
      kind: 'boxoffice',
      name: 'Counter 1',
    });
    token = await cloud.issuer.issue({ sub: device.id, groups: ['boxoffice'], venueId: venue.id });
  });
  afterAll(async () => cloud?.close());

  const holdForDevice = (seatId: string) => holdForSale(cloud.url, eventId, token, seatId);

  it('applies each mutation once, even when the first answer is lost, and never lets a refusal block the queue', async () => {
    const db = openCache(join(dir, `push-${randomUUID()}.db`));
    const outbox = new Outbox(db);
    const first = outbox.enqueue(cashSale(await holdForDevice(seatIds[0]!)));
    const refused = outbox.enqueue(cashSale(randomUUID())); // no such hold: refused for good
    const third = outbox.enqueue(cashSale(await holdForDevice(seatIds[1]!)));

    // The first push reaches the cloud, but its answer is lost on the way back.
    const real = httpSender(cloud.url, () => token);
    let loseNext = true;
    const flaky: CloudSender = async (entry) => {
      const answer = await real(entry);
      if (loseNext) {
        loseNext = false;
        throw new Error('connection reset');
      }
      return answer;
    };
    let now = new Date();
    const pusher = new OutboxPusher(outbox, flaky, () => now);
    expect(await pusher.push()).toEqual({ applied: 0, rejected: 0, stopped: true });
    now = new Date(now.getTime() + 10 * 60_000); // past the backoff
    expect(await pusher.push()).toEqual({ applied: 2, rejected: 1, stopped: false });

    expect(outbox.get(first.id)!.state).toBe('applied');
    expect(outbox.get(third.id)!.state).toBe('applied');
    expect(outbox.get(refused.id)).toMatchObject({ state: 'rejected', reason: 'No such hold.' });
    expect(outbox.rejected().map((e) => e.id)).toEqual([refused.id]);
    const orders = await cloud.services.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE event_id = $1 AND state = 'paid'`,
      [eventId],
    );
    expect(orders.rows[0]!.n).toBe(2);
    db.close();
  });

  it('waits with backoff while the cloud is unreachable, then delivers', async () => {
    const db = openCache(join(dir, `down-${randomUUID()}.db`));
    const outbox = new Outbox(db);
    const entry = outbox.enqueue(cashSale(await holdForDevice(seatIds[2]!)));
    let now = new Date();
    const down = new OutboxPusher(
      outbox,
      httpSender('http://127.0.0.1:9', () => token),
      () => now,
    );
    expect((await down.push()).stopped).toBe(true);
    expect(outbox.get(entry.id)!.attempts).toBe(1);
    expect(outbox.due(now)).toEqual([]); // not before its backoff
    now = new Date(now.getTime() + 10 * 60_000);
    const up = new OutboxPusher(
      outbox,
      httpSender(cloud.url, () => token),
      () => now,
    );
    expect(await up.push()).toEqual({ applied: 1, rejected: 0, stopped: false });
    db.close();
  });
});
