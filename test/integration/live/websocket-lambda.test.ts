// The live seat view in AWS, end to end on a local DynamoDB (dynalite): the WebSocket function (its routes as API
// Gateway calls them) records subscriptions in the live registry's table, the fan-out's pusher reads the watchers
// there and posts to each through the management API (a local stand-in that answers 410 for a gone connection), and
// a gone connection is forgotten. Postgres is only read (is the event public?). $connect is origin-locked: only a
// connection that came through CloudFront, with its secret X-Origin-Verify header, is admitted.
import { randomUUID } from 'node:crypto';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiGatewayPusher } from '../../../cloud/adapters/live/api-gateway.ts';
import { DynamoLiveRegistry } from '../../../cloud/adapters/live/registry-dynamodb.ts';
import { ORIGIN_VERIFY_HEADER } from '../../../cloud/contract/origin-lock.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { cachedOriginSecret } from '../../../cloud/http/origin-lock.ts';
import { createWebSocketHandler, publicEvents } from '../../../cloud/lambda/websocket-route.ts';
import { startCaptureServer, type CaptureServer } from '../../support/capture-server.ts';
import { freshDb } from '../../support/databases.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { webSocketEvent } from '../../support/lambda-events.ts';
import { buildWorld, type World } from '../../support/world.ts';

const CURRENT = 'current-origin-secret-0123456789';
const PREVIOUS = 'previous-origin-secret-0123456789';

describe('the live view’s WebSocket function and fan-out on DynamoDB', () => {
  let db: Db;
  let world: World;
  let dynamo: LocalDynamo;
  let registry: DynamoLiveRegistry;
  let management: CaptureServer;
  let pusher: ApiGatewayPusher;
  let handler: ReturnType<typeof createWebSocketHandler>;
  const gone = new Set<string>();
  /** Every statement the functions sent to Postgres. */
  const statements: string[] = [];

  const call = async (routeKey: string, connectionId: string, options: Parameters<typeof webSocketEvent>[2] = {}) =>
    (await handler(webSocketEvent(routeKey, connectionId, options), {})) as { statusCode: number; body?: string };
  const send = async (connectionId: string, message: unknown) =>
    JSON.parse((await call('$default', connectionId, { body: JSON.stringify(message) })).body!) as unknown;
  const throughCloudFront = { [ORIGIN_VERIFY_HEADER]: CURRENT };

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    dynamo = await startDynalite();
    registry = new DynamoLiveRegistry(dynamo.client, await dynamo.createRegistryTable(), { pageSize: 2 });
    management = await startCaptureServer((request) => {
      const connectionId = decodeURIComponent(request.url.split('/').pop()!);
      return gone.has(connectionId)
        ? { status: 410, body: { message: 'Gone' }, headers: { 'x-amzn-errortype': 'GoneException' } }
        : { status: 200, body: undefined };
    });
    const client = new ApiGatewayManagementApiClient({
      endpoint: `${management.url}/live`,
      region: 'eu-central-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    pusher = new ApiGatewayPusher(registry, client, () => world.clock.now());
    const reads: Db = {
      ...db,
      query: (sql, params) => {
        statements.push(sql);
        return db.query(sql, params);
      },
    };
    handler = createWebSocketHandler(async () => ({
      registry,
      clock: world.clock,
      canWatch: publicEvents(reads),
      originSecret: cachedOriginSecret(async () => [CURRENT, PREVIOUS]),
    }));
  });
  afterAll(async () => {
    await Promise.all([db?.close(), dynamo?.close(), management?.close()]);
  });

  it('refuses a $connect that did not come through CloudFront (no header, or a wrong one) with 403', async () => {
    expect((await call('$connect', 'conn-direct')).statusCode).toBe(403);
    const wrong = await call('$connect', 'conn-wrong', { headers: { [ORIGIN_VERIFY_HEADER]: `${CURRENT}x` } });
    expect(wrong.statusCode).toBe(403);
  });

  it('admits a $connect through CloudFront: the current secret, or the previous one during a rotation', async () => {
    expect((await call('$connect', 'conn-cf', { headers: throughCloudFront })).statusCode).toBe(200);
    // API Gateway passes header names as the client sent them; CloudFront's may arrive in lower case.
    const previous = await call('$connect', 'conn-cf2', { headers: { 'x-origin-verify': PREVIOUS } });
    expect(previous.statusCode).toBe(200);
  });

  it('subscribes in DynamoDB, pushes a change to every watcher, and forgets a gone connection', async () => {
    const watchers = ['conn-1', 'conn-2', 'conn-3', 'conn-gone'];
    for (const id of watchers) {
      expect((await call('$connect', id, { headers: throughCloudFront })).statusCode).toBe(200);
      expect(await send(id, { type: 'subscribe', eventId: world.eventId })).toEqual({
        type: 'subscribed',
        eventId: world.eventId,
      });
    }
    expect(await send('conn-1', { type: 'subscribe', eventId: randomUUID() })).toMatchObject({
      type: 'error',
      code: 'not_found',
    });
    expect(await send('conn-1', { type: 'ping' })).toEqual({ type: 'pong' });
    // Nothing of the live view was written to the selling database: its only statements read the event.
    expect(statements.length).toBeGreaterThan(0);
    for (const sql of statements) expect(sql.trimStart().toUpperCase().startsWith('SELECT'), sql).toBe(true);

    gone.add('conn-gone');
    const change = {
      type: 'changes' as const,
      eventId: world.eventId,
      changes: [{ seatId: 'MAIN-A-1', status: 'held' as const, version: 2 }],
    };
    management.seen.length = 0;
    expect(await pusher.push(change)).toEqual({ sent: 3, gone: 1 });
    const posted = management.seen.map((r) => decodeURIComponent(r.url.split('/').pop()!)).sort();
    expect(posted).toEqual(watchers);
    for (const request of management.seen) {
      expect(request.method).toBe('POST');
      expect(request.url.startsWith('/live/@connections/')).toBe(true);
      expect(request.body).toEqual(change);
    }
    // The gone connection is forgotten: the next change is not posted to it.
    management.seen.length = 0;
    expect(await pusher.push(change)).toEqual({ sent: 3, gone: 0 });
    expect(management.seen.map((r) => decodeURIComponent(r.url.split('/').pop()!)).sort()).toEqual(
      watchers.filter((id) => id !== 'conn-gone'),
    );
  });

  it('stops pushing to a connection that unsubscribed or disconnected', async () => {
    const eventId = world.eventId;
    for (const id of ['conn-a', 'conn-b', 'conn-c']) {
      await call('$connect', id, { headers: throughCloudFront });
      await send(id, { type: 'subscribe', eventId });
    }
    expect(await send('conn-a', { type: 'unsubscribe', eventId })).toEqual({ type: 'unsubscribed', eventId });
    expect((await call('$disconnect', 'conn-b')).statusCode).toBe(200);
    management.seen.length = 0;
    await pusher.push({ type: 'changes', eventId, changes: [{ seatId: 'MAIN-A-2', status: 'held', version: 2 }] });
    const posted = management.seen.map((r) => decodeURIComponent(r.url.split('/').pop()!));
    expect(posted).toContain('conn-c');
    expect(posted).not.toContain('conn-a');
    expect(posted).not.toContain('conn-b');
    expect(await registry.subscriptionsOf('conn-b')).toEqual(new Set());
  });
});
