// live deltas in AWS (issue 20), through the Lambda handlers as Lambda calls them (real Postgres, the S3 stand-in
// for the bucket, no AWS network): the fan-out writes each queued or large event's merged changes of an SQS batch as
// that second's document and head (a small event's cost no write), the next batch the next document; the API's
// snapshots name the head they are current to (an event without documents: 0).
import { randomUUID } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { liveDeltaKey, liveHeadKey } from '../../../cloud/adapters/live/s3-deltas.ts';
import { LiveDelta, LiveHead, type Availability, type LiveChanges } from '../../../cloud/contract/index.ts';
import { migrate } from '../../../cloud/db/migrate.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { createPostgresDb } from '../../../cloud/db/postgres.ts';
import { saveQueueSettings } from '../../../cloud/db/queue.ts';
import { createPostgresDatabase, postgresUrl } from '../../support/databases.ts';
import { apiGatewayEvent } from '../../support/lambda-events.ts';
import { startS3Stub, type S3Stub } from '../../support/s3-stub.ts';
import { buildWorld, createOnSaleEvent, type World } from '../../support/world.ts';

type Handler = (event: unknown, context?: unknown) => Promise<unknown>;
const BUCKET = 'ticketboss-live-deltas';

const batch = (messages: LiveChanges[]): SQSEvent => ({
  Records: messages.map((message) => ({
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body: JSON.stringify(message),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-central-1:123456789012:ticketboss-live',
    awsRegion: 'eu-central-1',
  })),
});
const held = (eventId: string, seatId: string, version: number, status: 'held' | 'sold' = 'held'): LiveChanges => ({
  type: 'changes',
  eventId,
  changes: [{ seatId, status, version }],
});

describe.skipIf(!postgresUrl())('the fan-out writes live delta documents (Lambda handlers, S3 stand-in)', () => {
  let db: Db;
  let world: World;
  let stub: S3Stub;
  let queuedEvent: string;
  let fanout: Handler;
  let api: Handler;
  const savedEnv = { ...process.env };
  const json = (key: string): unknown => JSON.parse(stub.objects.get(key)!.body.toString());

  beforeAll(async () => {
    stub = await startS3Stub(BUCKET);
    const databaseUrl = await createPostgresDatabase();
    db = createPostgresDb({ connectionString: databaseUrl, maxConnections: 2 });
    await migrate(db);
    world = await buildWorld(db, { now: new Date() });
    queuedEvent = await createOnSaleEvent(world.services, world.seatmapId, ['MAIN', 'PIT'], { name: 'Queued' });
    await saveQueueSettings(
      db,
      {
        event_id: queuedEvent,
        enabled: true,
        opens_at: new Date(),
        admission_per_minute: null,
        one_place_per: 'session',
        challenge_bits: 0,
        token_minutes: 10,
      },
      'test',
      new Date(),
    );
    Object.assign(process.env, {
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      DATABASE_URL: databaseUrl,
      APP_SECRET: JSON.stringify({ master: randomUUID() + randomUUID() }),
      // No connection watches these events: the pushes send nothing.
      WS_MANAGEMENT_ENDPOINT: 'https://live.example/live',
      LIVE_DELTAS_BUCKET: BUCKET,
      S3_ENDPOINT: stub.url,
    });
    // Loaded afresh, as a Lambda's init: a worker runs many files, and another may have loaded them with its settings.
    vi.resetModules();
    fanout = (await import('../../../cloud/lambda/live-fanout.ts')).handler as Handler;
    api = (await import('../../../cloud/lambda/api.ts')).handler as Handler;
  }, 120_000);

  afterAll(async () => {
    process.env = savedEnv;
    await db?.close();
    await stub?.close();
  });

  const snapshot = async (eventId: string) => {
    const result = (await api(apiGatewayEvent('GET', `/v1/events/${eventId}/availability`), {
      awsRequestId: randomUUID(),
    })) as { statusCode: number; body: string };
    expect(result.statusCode, result.body).toBe(200);
    return JSON.parse(result.body) as Availability;
  };

  it('writes a queued event’s merged batch as one document and its head; a small event’s costs nothing', async () => {
    const answer = await fanout(
      batch([
        held(queuedEvent, 'MAIN-A-1', 1),
        held(world.eventId, 'MAIN-A-1', 1),
        held(queuedEvent, 'MAIN-A-1', 2, 'sold'),
        held(queuedEvent, 'MAIN-A-2', 1),
      ]),
    );
    expect(answer).toEqual({ batchItemFailures: [] });

    const document = LiveDelta.parse(json(liveDeltaKey(queuedEvent, 1)));
    expect(document).toMatchObject({ eventId: queuedEvent, version: 1, previous: 0 });
    expect(document.changes).toEqual(
      expect.arrayContaining([
        { seatId: 'MAIN-A-1', status: 'sold', version: 2 },
        { seatId: 'MAIN-A-2', status: 'held', version: 1 },
      ]),
    );
    expect(document.changes).toHaveLength(2);
    expect(LiveHead.parse(json(liveHeadKey(queuedEvent)))).toMatchObject({ version: 1, oldest: 1 });
    // The small event (50 seats, no waiting room) is watched over the WebSocket: nothing of it in the bucket.
    expect([...stub.objects.keys()].filter((key) => key.includes(world.eventId))).toEqual([]);
  });

  it('writes the next batch as the next document (waiting for the next second when this one has its document)', async () => {
    const answer = await fanout(batch([held(queuedEvent, 'MAIN-A-3', 1)]));
    expect(answer).toEqual({ batchItemFailures: [] });
    const document = LiveDelta.parse(json(liveDeltaKey(queuedEvent, 2)));
    expect(document).toMatchObject({ version: 2, previous: 1, changes: [{ seatId: 'MAIN-A-3' }] });
    expect(Date.parse(document.at)).toBeGreaterThan(Date.parse(LiveDelta.parse(json(liveDeltaKey(queuedEvent, 1))).at));
    expect(LiveHead.parse(json(liveHeadKey(queuedEvent)))).toMatchObject({ version: 2 });
  });

  it('gives the API a read-only view: snapshots name the head they are current to, and the API writes nothing', async () => {
    const puts = stub.calls.filter((call) => call.operation === 'PutObject').length;
    expect((await snapshot(queuedEvent)).liveVersion).toBe(2);
    // An event without documents: version 0 (its first document will be 1).
    expect((await snapshot(world.eventId)).liveVersion).toBe(0);
    expect(stub.calls.filter((call) => call.operation === 'PutObject').length).toBe(puts);
  });
});
