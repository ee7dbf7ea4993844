// The live seat view in AWS, end to end on a local DynamoDB (dynalite): the WebSocket function (its routes as API
// Gateway calls them) records subscriptions in the live registry's table, the fan-out's pusher reads the watchers
// there and posts to each through the management API (a local stand-in that answers 410 for a gone connection), and
// a gone connection is forgotten. Whether an event may be watched is in the same table (an item per published event),
// so the function has no Postgres at all. $connect is origin-locked: only a connection that came through CloudFront,
// with its secret X-Origin-Verify header, is admitted.
import { randomUUID } from 'node:crypto';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiGatewayPusher } from '../../../cloud/adapters/live/api-gateway.ts';
import { DynamoLiveRegistry } from '../../../cloud/adapters/live/registry-dynamodb.ts';
import { DynamoWatchableEvents } from '../../../cloud/adapters/live/watchable-dynamodb.ts';
import { ORIGIN_VERIFY_HEADER } from '../../../cloud/contract/origin-lock.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { cachedOriginSecret } from '../../../cloud/http/origin-lock.ts';
import { createWebSocketHandler } from '../../../cloud/lambda/websocket-route.ts';
import { AdminService } from '../../../cloud/services/admin/admin-service.ts';
import { startCaptureServer, type CaptureServer } from '../../support/capture-server.ts';
import { freshDb } from '../../support/databases.ts';
import { startDynalite, type LocalDynamo } from '../../support/dynalite.ts';
import { webSocketEvent } from '../../support/lambda-events.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';

const CURRENT = 'current-origin-secret-0123456789';
const PREVIOUS = 'previous-origin-secret-0123456789';

describe('the live view’s WebSocket function and fan-out on DynamoDB', () => {
  let db: Db;
  let world: World;
  let dynamo: LocalDynamo;
  let registry: DynamoLiveRegistry;
  let watchable: DynamoWatchableEvents;
  let management: CaptureServer;
  let pusher: ApiGatewayPusher;
  let handler: ReturnType<typeof createWebSocketHandler>;
  const gone = new Set<string>();

  const call = async (routeKey: string, connectionId: string, options: Parameters<typeof webSocketEvent>[2] = {}) =>
    (await handler(webSocketEvent(routeKey, connectionId, options), {})) as { statusCode: number; body?: string };
  const send = async (connectionId: string, message: unknown) =>
    JSON.parse((await call('$default', connectionId, { body: JSON.stringify(message) })).body!) as unknown;
  const throughCloudFront = { [ORIGIN_VERIFY_HEADER]: CURRENT };

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    dynamo = await startDynalite();
    const table = await dynamo.createRegistryTable();
    registry = new DynamoLiveRegistry(dynamo.client, table, { pageSize: 2 });
    watchable = new DynamoWatchableEvents(dynamo.client, table);
    // The world's event was published before the list existed: the deploy's custom resource lists it.
    await watchable.allow([world.eventId]);
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
    handler = createWebSocketHandler(async () => ({
      registry,
      clock: world.clock,
      canWatch: (eventId) => watchable.mayWatch(eventId),
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

  it('refuses a draft with the same error, and lets it be watched as soon as its publish is answered', async () => {
    const { id: draftId } = await world.services.admin.createEvent({
      name: 'Not yet',
      description: '',
      seatmapId: world.seatmapId,
      startsAt: '2030-03-01T19:00:00Z',
      onSaleFrom: '2030-01-01T10:00:00Z',
      onSaleUntil: '2030-03-01T18:00:00Z',
      perOrderLimit: 8,
      holdTtlSeconds: 600,
      currency: 'EUR',
      tiers: [
        {
          name: 'All',
          price: { amount: 5000, currency: 'EUR' },
          sectionIds: smallHall().sections.map((section) => section.id),
          seatIds: [],
        },
      ],
    });
    await call('$connect', 'conn-early', { headers: throughCloudFront });
    const refused = { type: 'error', code: 'not_found', detail: 'No such event.' };
    expect(await send('conn-early', { type: 'subscribe', eventId: draftId })).toEqual(refused);
    // Asking for a draft's own status moves nothing, and lists nothing.
    const admin = new AdminService(db, watchable);
    await admin.setEventStatus(draftId, 'draft');
    expect(await send('conn-early', { type: 'subscribe', eventId: draftId })).toEqual(refused);
    // The publish's answer comes after the list has it: the next subscribe, on the same instance that just said no
    // (a no is not remembered), is admitted, with no wait.
    await admin.setEventStatus(draftId, 'on_sale');
    expect(await send('conn-early', { type: 'subscribe', eventId: draftId })).toEqual({
      type: 'subscribed',
      eventId: draftId,
    });
    // Paused or cancelled, a published event may still be watched (its seats still change).
    await admin.setEventStatus(draftId, 'paused');
    await call('$connect', 'conn-later', { headers: throughCloudFront });
    expect(await send('conn-later', { type: 'subscribe', eventId: draftId })).toMatchObject({ type: 'subscribed' });
  });
});
