// The live seat view's WebSocket against a stranger: broken and oversized frames, malformed upgrades, floods, too many
// subscriptions or sockets, idle sockets. After each, the server still answers /healthz and a well-behaved client
// still subscribes and sees a hold made over HTTP. The broken frames go to `npm start`'s entry in a child process (it
// is the process that must stay up) over real Postgres; the bounds are checked in-process, with short limits.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { LIVE_CLOSE_IDLE } from '../../../cloud/contract/index.ts';
import { connectionSubscriptions } from '../../../cloud/adapters/live/registry.ts';
import { PostgresLiveRegistry } from '../../../cloud/adapters/live/registry-postgres.ts';
import { answerLiveMessage } from '../../../cloud/adapters/live/protocol.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { createPostgresDb } from '../../../cloud/db/postgres.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { startTestCloud } from '../../support/local-cloud.ts';
import { LiveClient } from '../../support/live-client.ts';
import { createServices, type Services } from '../../../cloud/services/index.ts';
import { createMigratedPostgresDatabase, postgresUrl } from '../../support/databases.ts';
import { OPCODE, RawSocket, frame, textFrame, upgradeRequest } from '../../support/hostile/ws-frames.ts';
import { startLocalProcess, type LocalProcess } from '../../support/local-process.ts';
import { subscribeLive } from '../../../renderer/client/live-socket.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';

/** The live client with the longer reply wait these tests use (a child process on a busy machine). */
const connectLive = (url: string) => LiveClient.connect(url, { replyTimeoutMs: 5000 });

const seatIds = (function* () {
  for (const row of 'ABCDE') for (let n = 1; n <= 10; n++) yield `MAIN-${row}-${n}`;
})();

/** /healthz answers, and a new client subscribes to the event and sees a hold made over HTTP. */
async function stillServes(url: string, eventId: string): Promise<void> {
  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
  const client = await connectLive(url);
  client.send({ type: 'subscribe', eventId });
  expect(await client.next()).toEqual({ type: 'subscribed', eventId });
  const seatId = seatIds.next().value!;
  const hold = await fetch(`${url}/v1/events/${eventId}/holds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seatIds: [seatId] }),
  });
  expect(hold.status).toBe(201);
  expect(await client.next()).toMatchObject({ type: 'changes', eventId, changes: [{ seatId, status: 'held' }] });
  await client.close();
}

async function makeEvents(services: Services, count: number): Promise<string[]> {
  const venue = await services.admin.createVenue({ name: 'Hostile Hall', city: 'Oslo', timezone: 'Europe/Oslo' });
  const map = await services.admin.importSeatMap(venue.id, smallHall());
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(await createOnSaleEvent(services, map.id, ['MAIN', 'PIT'], { name: `Live ${i}`, holdTtlSeconds: 600 }));
  return ids;
}

describe.skipIf(!postgresUrl())(
  'a hostile WebSocket client never stops `npm start` (child process, real Postgres)',
  () => {
    let db: Db;
    let api: LocalProcess;
    let eventId: string;
    const varDir = mkdtempSync(join(tmpdir(), 'ticketboss-live-hostile-'));

    beforeAll(async () => {
      const databaseUrl = await createMigratedPostgresDatabase();
      db = createPostgresDb({ connectionString: databaseUrl, maxConnections: 8 });
      [eventId] = (await makeEvents(createServices({ db, live: { publish: async () => {} } }), 1)) as [string];
      api = await startLocalProcess({ DATABASE_URL: databaseUrl, VAR_DIR: varDir });
    });
    afterAll(async () => {
      api?.child.kill('SIGTERM');
      await api?.exited;
      await db?.close();
      rmSync(varDir, { recursive: true, force: true });
    });

    const broken: [string, () => Buffer, number][] = [
      ['a 5,000-byte text frame', () => textFrame('x'.repeat(5000)), 1009],
      ['a 10 MB frame', () => textFrame(Buffer.alloc(10 * 1024 * 1024, 0x61)), 1009],
      ['a frame declaring 2^53 bytes', () => textFrame('{}', { declaredLength: 2 ** 53 - 1 }), 1009],
      ['a reserved opcode', () => frame({ opcode: 0x3, payload: '{}' }), 1002],
      ['reserved bits set', () => textFrame('{"type":"ping"}', { rsv: 0b100 }), 1002],
      ['an unmasked frame', () => textFrame('{"type":"ping"}', { mask: false }), 1002],
      ['invalid UTF-8 in a text frame', () => textFrame(Buffer.from([0x7b, 0xc3, 0x28, 0x7d])), 1007],
      ['a ping over 125 bytes', () => frame({ opcode: OPCODE.ping, payload: Buffer.alloc(200) }), 1002],
      ['a fragmented ping', () => frame({ opcode: OPCODE.ping, fin: false }), 1002],
      ['a continuation with nothing to continue', () => frame({ opcode: OPCODE.continuation, payload: 'x' }), 1002],
      [
        'a close frame with an invalid code',
        () => frame({ opcode: OPCODE.close, payload: Buffer.from([0x03, 0xe7]) }),
        1002,
      ],
    ];

    it('closes a socket that sends a broken frame with its close code, and keeps serving', async () => {
      const outcomes = await Promise.all(
        broken.map(async ([, make]) => {
          const raw = await RawSocket.upgrade(api.url);
          raw.write(make());
          return raw.closed();
        }),
      );
      expect(Object.fromEntries(broken.map(([name], i) => [name, outcomes[i]]))).toEqual(
        Object.fromEntries(broken.map(([name, , code]) => [name, code])),
      );
      expect(api.child.exitCode).toBeNull();
      await stillServes(api.url, eventId);
    });

    it('refuses a malformed upgrade with a problem, survives a reset mid-handshake, and keeps serving', async () => {
      const host = new URL(api.url).host;
      const statusOf = async (request: string) => {
        const raw = await RawSocket.open(api.url, request);
        const status = await raw.status();
        raw.destroy();
        return { status, response: raw.response };
      };
      expect((await statusOf(upgradeRequest(host, '/v1/live', { 'Sec-WebSocket-Key': null }))).status).toBe(400);
      expect((await statusOf(upgradeRequest(host, '/v1/live', { 'Sec-WebSocket-Version': '99' }))).status).toBe(400);
      expect((await statusOf(upgradeRequest(host, '/v1/elsewhere'))).status).toBe(404);
      // A request target that is not a URL at all (`new URL` throws on it).
      expect((await statusOf(upgradeRequest(host, '//['))).status).toBe(404);
      // Reset while the upgrade is half written, and right after it is written.
      const half = await RawSocket.open(api.url, upgradeRequest(host, '/v1/live').slice(0, 40));
      half.socket.resetAndDestroy();
      const whole = await RawSocket.open(api.url);
      whole.socket.resetAndDestroy();
      await Promise.all([half.ended, whole.ended]);
      expect(api.child.exitCode).toBeNull();
      await stillServes(api.url, eventId);
    });

    it('over Postgres rows (no DynamoDB table), admits at most 20 subscriptions per connection whose subscribes run at once', async () => {
      // The WebSocket Lambda's path without a DynamoDB table: the protocol over the connection's rows in Postgres, 30
      // subscribes at once (the DynamoDB registry's own: test/integration/live/live-registry.test.ts).
      const subscriptions = connectionSubscriptions(new PostgresLiveRegistry(db), `conn-${randomUUID()}`, {
        now: () => new Date(),
      });
      const answers = await Promise.all(
        Array.from({ length: 30 }, () =>
          answerLiveMessage(
            JSON.stringify({ type: 'subscribe', eventId: randomUUID() }),
            subscriptions,
            async () => true,
          ),
        ),
      );
      expect(answers.filter((a) => a.type === 'subscribed')).toHaveLength(20);
      expect(answers.filter((a) => a.type === 'error' && a.code === 'too_many_subscriptions')).toHaveLength(10);
      expect((await subscriptions.list()).size).toBe(20);
      // One it already watches is still answered as watched.
      const watched = answers.find((a) => a.type === 'subscribed')!;
      const again = JSON.stringify({ ...watched, type: 'subscribe' });
      expect(await answerLiveMessage(again, subscriptions, async () => true)).toEqual(watched);
    });
  },
);

describe('what one live socket may do is bounded (in-process, PGlite, short limits)', () => {
  let cloud: LocalCloud & { db: Db };
  let eventIds: string[];
  const limits = {
    maxSubscriptions: 3,
    socketsPerAddress: 6,
    maxSockets: 8,
    idleUnsubscribedMs: 300,
    messageBurst: 10,
    messagesPerSecond: 5,
  };

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false, liveLimits: limits });
    eventIds = await makeEvents(cloud.services, 4);
  });
  afterAll(async () => cloud?.close());

  it('answers one subscription too many with an error of the protocol, and keeps the socket', async () => {
    const client = await connectLive(cloud.url);
    for (const eventId of eventIds.slice(0, 3)) {
      client.send({ type: 'subscribe', eventId });
      expect(await client.next()).toEqual({ type: 'subscribed', eventId });
    }
    client.send({ type: 'subscribe', eventId: eventIds[3] });
    expect(await client.next()).toMatchObject({ type: 'error', code: 'too_many_subscriptions' });
    client.send({ type: 'ping' });
    expect(await client.next()).toEqual({ type: 'pong' });
    expect(cloud.live.subscriberCount(eventIds[3]!)).toBe(0);
    await client.close();
  });

  it('answers a message that is not the protocol (binary, not JSON) with an error, and closes a flood with 1008', async () => {
    const raw = await RawSocket.upgrade(cloud.url);
    raw.write(frame({ opcode: OPCODE.binary, payload: Buffer.from([1, 2, 3]) }));
    expect(JSON.parse((await raw.nextFrame())!.payload.toString())).toMatchObject({ type: 'error' });
    raw.write(Buffer.concat(Array.from({ length: 200 }, () => textFrame('{"type":"ping"}'))));
    expect(await raw.closed()).toBe(1008);
    const outcome = await raw.ended;
    const pongs = outcome.frames.filter((f) => f.opcode === OPCODE.text && f.payload.toString().includes('pong'));
    expect(pongs.length).toBeLessThanOrEqual(limits.messageBurst);
  });

  it('refuses one socket too many from an address with 429 before the handshake (503 when the hub is full)', async () => {
    await vi.waitFor(() => expect(cloud.live.socketCount()).toBe(0));
    const open = await Promise.all(
      Array.from({ length: limits.socketsPerAddress }, () => RawSocket.upgrade(cloud.url)),
    );
    const refused = await RawSocket.open(cloud.url);
    expect(await refused.status()).toBe(429);
    expect(refused.response).toMatch(/content-type: application\/problem\+json/i);
    await refused.ended;
    open.pop()!.destroy();
    await vi.waitFor(() => expect(cloud.live.socketCount()).toBe(limits.socketsPerAddress - 1));
    const admitted = await RawSocket.upgrade(cloud.url);
    // Another address has room of its own, until the hub as a whole is full: 503.
    const other = { localAddress: '127.0.0.2' };
    const elsewhere = await Promise.all([1, 2].map(() => RawSocket.upgrade(cloud.url, '/v1/live', other)));
    const full = await RawSocket.open(cloud.url, undefined, other);
    expect(await full.status()).toBe(503);
    for (const raw of [...open, admitted, ...elsewhere]) raw.destroy();
  });

  it('keeps no socket that closed while its subscribe waited on the database', async () => {
    // 200 clients subscribe and hang up at once (in fives: an address may hold 6) while a transaction holds the
    // database (PGlite has one connection): each close is handled while canWatch still waits to read the event, and
    // the subscribe answered after it must not add the gone socket.
    const eventId = eventIds[1]!;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let busy!: () => void;
    const isBusy = new Promise<void>((resolve) => (busy = resolve));
    const transaction = cloud.db.transaction(async () => {
      busy();
      await held;
    });
    await isBusy;
    for (let batch = 0; batch < 40; batch++) {
      const sockets = await Promise.all(Array.from({ length: 5 }, () => RawSocket.upgrade(cloud.url)));
      for (const raw of sockets) {
        raw.write(textFrame(JSON.stringify({ type: 'subscribe', eventId })));
        raw.socket.end();
      }
      await Promise.all(sockets.map((raw) => raw.ended));
      await vi.waitFor(() => expect(cloud.live.socketCount()).toBe(0), { interval: 5 });
    }
    release();
    await transaction;
    // One more subscribe answered: every earlier lookup of the event (one connection, in order) is done.
    const client = await connectLive(cloud.url);
    client.send({ type: 'subscribe', eventId });
    expect(await client.next()).toEqual({ type: 'subscribed', eventId });
    expect(cloud.live.subscriberCount(eventId)).toBe(1);
    await client.close();
    await vi.waitFor(() => expect(cloud.live.subscriberCount(eventId)).toBe(0), { interval: 5 });
  });

  it("the browser's live socket takes an idle close (its subscribe refused) for no outage", async () => {
    await vi.waitFor(() => expect(cloud.live.socketCount()).toBe(0));
    vi.stubGlobal('WebSocket', WebSocket);
    const statuses: boolean[] = [];
    // No such event: the subscribe is refused, the socket watches nothing and the hub closes it as idle.
    const subscription = subscribeLive(cloud.url, randomUUID(), {
      onChanges: () => undefined,
      onSubscribed: () => undefined,
      onStatus: (online) => statuses.push(online),
    });
    try {
      await vi.waitFor(() => expect(statuses).toEqual([true]), { interval: 5 });
      await vi.waitFor(() => expect(cloud.live.socketCount()).toBe(0), { interval: 5 });
      expect(statuses).toEqual([true]);
    } finally {
      subscription.close();
      vi.unstubAllGlobals();
    }
  });

  it('closes a socket that watches nothing after the idle time, and keeps one that watches', async () => {
    await vi.waitFor(() => expect(cloud.live.socketCount()).toBe(0));
    const watcher = await connectLive(cloud.url);
    watcher.send({ type: 'subscribe', eventId: eventIds[0] });
    expect(await watcher.next()).toMatchObject({ type: 'subscribed' });
    const idle = await RawSocket.upgrade(cloud.url);
    expect(await idle.closed(3000)).toBe(LIVE_CLOSE_IDLE);
    watcher.send({ type: 'ping' });
    expect(await watcher.next()).toEqual({ type: 'pong' });
    expect(watcher.socket.readyState).toBe(WebSocket.OPEN);
    await watcher.close();
    await stillServes(cloud.url, eventIds[0]!);
  });
});
