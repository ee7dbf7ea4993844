// The Lambda functions as AWS runs them: the esbuild bundles (dist output, not the source), called with API Gateway,
// SQS, EventBridge and CloudFormation events, against a real Postgres. Every AWS service they call is one local HTTP
// server that records each request, so the exact requests are checked: SQS (SendMessage, SendMessageBatch), SES
// (SendEmail), API Gateway (CreateApiKey, CreateUsagePlanKey), the WebSocket management API (PostToConnection), the
// Cognito JWKS download and the CloudFormation custom-resource answer. The live registry's table is a local DynamoDB
// (dynalite), as the estate configures it (LIVE_REGISTRY_TABLE).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { apiGatewayEvent, restApiEvent, webSocketEvent } from '../support/lambda-events.ts';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { buildLambdas } from '../../scripts/build-lambda.ts';
import { hostLambdaArch } from '../../scripts/lambda-native.ts';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import type { Db } from '../../cloud/db/port.ts';
import { createPostgresDatabase, postgresUrl } from '../support/databases.ts';
import { startPostgresServer } from '../support/postgres-server.ts';
import { buildWorld, type World } from '../support/world.ts';
import { startCaptureServer, type CaptureServer, type CapturedRequest } from '../support/capture-server.ts';
import { startDynalite, type LocalDynamo } from '../support/dynalite.ts';
import { DynamoLiveRegistry } from '../../cloud/adapters/live/registry-dynamodb.ts';
import { LIVE_REGISTRY_TABLE_ENV } from '../../cloud/contract/live-registry-table.ts';

const POOL = 'eu-central-1_TestPool1';
const ISSUER = `https://cognito-idp.eu-central-1.amazonaws.com/${POOL}`;
const SECRET_ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:TicketBossAppSecret-AbCdEf';
const appSecret = JSON.stringify({ master: randomUUID() + randomUUID() });
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const QUEUE = (name: string, base: string) => `${base}/123456789012/${name}`;

interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}
/** One seat's change as the live view gets it. */
type Change = { seatId: string; status: string; version: number };
type Handler<E = unknown, R = unknown> = (event: E, context?: unknown) => Promise<R>;

function httpEvent(
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
) {
  return apiGatewayEvent(method, path, {
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
}

const wsEvent = (routeKey: string, connectionId: string, body?: string) =>
  webSocketEvent(routeKey, connectionId, body !== undefined ? { body } : {});

const sqsEvent = (bodies: string[]): SQSEvent => ({
  Records: bodies.map(
    (body) =>
      ({
        messageId: randomUUID(),
        receiptHandle: 'r',
        body,
        attributes: {},
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:eu-central-1:123456789012:q',
        awsRegion: 'eu-central-1',
      }) as unknown as SQSRecord,
  ),
});

describe.skipIf(!postgresUrl())('Lambda bundles against real Postgres', () => {
  let out: string;
  let aws: CaptureServer;
  let db: Db;
  let world: World;
  let databaseUrl: string;
  let cognitoKey: CryptoKey;
  const savedEnv = { ...process.env };
  const fns: Record<string, Handler> = {};
  const goneConnections = new Set<string>();
  let dynamo: LocalDynamo;
  let registry: DynamoLiveRegistry;
  /** The connections watching the world's event, as the live registry's table holds them. */
  const watchers = async () => {
    const ids: string[] = [];
    for await (const page of registry.watchersOf(world.eventId, new Date())) ids.push(...page);
    return ids.sort();
  };

  const cognitoToken = async (claims: { sub: string; groups: string[]; clientId?: string; expiresIn?: string }) =>
    new SignJWT({
      'cognito:groups': claims.groups,
      token_use: 'access',
      client_id: claims.clientId ?? 'shop-client',
      scope: 'openid',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(ISSUER)
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime(claims.expiresIn ?? '1h')
      .sign(cognitoKey);

  const call = async (method: string, path: string, options: Parameters<typeof httpEvent>[2] = {}) => {
    const result = (await fns.api!(httpEvent(method, path, options), { awsRequestId: 'r' })) as HttpResult;
    return { ...result, json: result.body ? (JSON.parse(result.body) as Record<string, any>) : null }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const requests = (predicate: (request: CapturedRequest) => boolean) => aws.seen.filter(predicate);
  const sqsCalls = (action: string) => requests((r) => r.headers['x-amz-target'] === `AmazonSQS.${action}`);
  /**
   * Runs the tick bundle with its clock (Date, shared with the bundles in this process) set to `now`; by default for
   * one pass (no time left after it), or as long as `remaining` says.
   */
  const tickAt = async (now: number, remaining: () => number = () => 0) => {
    vi.useFakeTimers({ toFake: ['Date'], now });
    try {
      return (await fns.tick!({ source: 'aws.events' }, { getRemainingTimeInMillis: remaining })) as {
        swept: number;
      };
    } finally {
      vi.useRealTimers();
    }
  };
  const liveMessages = (sent: CapturedRequest[]) =>
    sent
      .map((r) => r.body as { QueueUrl: string; MessageBody: string })
      .filter((body) => body.QueueUrl === QUEUE('ticketboss-live', aws.url))
      .map((body) => body.MessageBody);
  const seatStatus = async (seatId: string) =>
    (
      await db.query<{ status: string }>('SELECT status FROM event_seats WHERE event_id = $1 AND seat_id = $2', [
        world.eventId,
        seatId,
      ])
    ).rows[0]?.status;
  /** Runs `work` while the live queue answers every SendMessage with a 500. */
  const whileLiveQueueDown = async <T>(work: () => Promise<T>): Promise<T> => {
    const answer = aws.answer as (request: CapturedRequest) => { status: number; body: unknown };
    aws.answer = (request) =>
      request.headers['x-amz-target'] === 'AmazonSQS.SendMessage'
        ? { status: 500, body: { __type: 'InternalError', message: 'down' } }
        : answer(request);
    try {
      return await work();
    } finally {
      aws.answer = answer;
    }
  };

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256', { extractable: true });
    cognitoKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    aws = await startCaptureServer((request) => {
      if (request.url === `/${POOL}/.well-known/jwks.json`) return { status: 200, body: { keys: [jwk] } };
      const target = String(request.headers['x-amz-target'] ?? '');
      if (target === 'secretsmanager.GetSecretValue')
        return { status: 200, body: { ARN: SECRET_ARN, Name: 'TicketBossAppSecret', SecretString: appSecret } };
      // SQS answers carry the body's MD5, which the SDK checks.
      if (target === 'AmazonSQS.SendMessage') {
        const body = (request.body as { MessageBody: string }).MessageBody;
        return { status: 200, body: { MessageId: randomUUID(), MD5OfMessageBody: md5(body) } };
      }
      if (target === 'AmazonSQS.SendMessageBatch') {
        const entries = (request.body as { Entries: { Id: string; MessageBody: string }[] }).Entries;
        const successful = entries.map((e) => ({
          Id: e.Id,
          MessageId: randomUUID(),
          MD5OfMessageBody: md5(e.MessageBody),
        }));
        return { status: 200, body: { Successful: successful, Failed: [] } };
      }
      if (request.url === '/apikeys')
        return { status: 201, body: { id: 'key-id-1', value: 'device-api-key-value-0123456789', enabled: true } };
      if (request.url.startsWith('/usageplans/')) return { status: 201, body: { id: 'key-id-1', type: 'API_KEY' } };
      if (request.url === '/v2/email/outbound-emails') return { status: 200, body: { MessageId: 'ses-1' } };
      if (request.url.startsWith('/live/@connections/')) {
        const id = decodeURIComponent(request.url.split('/').pop()!);
        return goneConnections.has(id)
          ? { status: 410, body: { message: 'Gone' }, headers: { 'x-amzn-errortype': 'GoneException' } }
          : { status: 200, body: undefined };
      }
      if (request.url.startsWith('/cfn/')) return { status: 200, body: undefined };
      return { status: 404, body: { message: `no stand-in for ${request.method} ${request.url}` } };
    });

    // For this machine's arch, so the bundle's native module loads here (deploys build for arm64).
    out = await buildLambdas(mkdtempSync(join(tmpdir(), 'ticketboss-lambda-')), { arch: hostLambdaArch() });
    databaseUrl = await createPostgresDatabase();
    dynamo = await startDynalite();
    const table = await dynamo.createRegistryTable();
    registry = new DynamoLiveRegistry(dynamo.client, table);
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      [LIVE_REGISTRY_TABLE_ENV]: table,
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_ENDPOINT_URL_SQS: aws.url,
      AWS_ENDPOINT_URL_API_GATEWAY: aws.url,
      DATABASE_URL: databaseUrl,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.url,
      APP_SECRET_ARN: SECRET_ARN,
      COGNITO_USER_POOL_ID: POOL,
      COGNITO_CLIENT_IDS: 'shop-client,desktop-client',
      COGNITO_ENDPOINT: aws.url,
      JOBS_QUEUE_URL: QUEUE('ticketboss-jobs', aws.url),
      EXPORTS_QUEUE_URL: QUEUE('ticketboss-exports', aws.url),
      LIVE_QUEUE_URL: QUEUE('ticketboss-live', aws.url),
      DEVICE_USAGE_PLAN_ID: 'plan-1',
      WS_MANAGEMENT_ENDPOINT: `${aws.url}/live`,
      SES_REGION: 'eu-central-1',
      SES_ENDPOINT: aws.url,
      SES_CONFIGURATION_SET: 'ticketboss',
      EMAIL_FROM: 'TicketBoss <tickets@shop.ticketboss.example>',
      PUBLIC_URL: 'https://shop.ticketboss.example',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      TICK_PASS_EVERY_MS: '50',
      TICK_MARGIN_MS: '0',
    });
    for (const name of ['api', 'websocket', 'live-fanout', 'jobs', 'exports', 'tick', 'migrate']) {
      const module = (await import(pathToFileURL(join(out, `${name}.mjs`)).href)) as { handler: Handler };
      fns[name] = module.handler;
    }
    // Deploy time: the custom resource migrates the empty database and makes the app role.
    await fns.migrate!({
      RequestType: 'Create',
      ResponseURL: `${aws.url}/cfn/response?X-Amz-Signature=abc`,
      StackId: 'arn:aws:cloudformation:eu-central-1:123456789012:stack/TicketBoss/1',
      RequestId: 'req-1',
      LogicalResourceId: 'Migrations',
      ResourceProperties: {},
    });
    db = createPostgresDb({ connectionString: databaseUrl, maxConnections: 2 });
    world = await buildWorld(db, { now: new Date() });
  }, 120_000);

  afterAll(async () => {
    process.env = savedEnv;
    await db?.close();
    await aws?.close();
    await dynamo?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('carries the ticket image’s fonts, Noto Sans Arabic among them (a Lambda has no system fonts)', () => {
    for (const font of [
      'inter/400Regular/Inter_400Regular.ttf',
      'inter/700Bold/Inter_700Bold.ttf',
      'noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
      'noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
    ]) {
      expect(existsSync(join(out, 'node_modules/@expo-google-fonts', font)), font).toBe(true);
    }
  });

  it('reads the app secret from Secrets Manager once per function instance', async () => {
    await call('GET', `/v1/events/${world.eventId}`);
    const reads = requests((r) => r.headers['x-amz-target'] === 'secretsmanager.GetSecretValue');
    // One per function that has served an invocation so far (api), not one per request.
    expect(reads.length).toBe(1);
    expect(reads[0]!.body).toEqual({ SecretId: SECRET_ARN });
    expect(reads[0]!.headers.authorization).toMatch(/\/eu-central-1\/secretsmanager\/aws4_request/);
  });

  it('migrates at deploy time through the custom resource, and answers CloudFormation', async () => {
    const answer = requests((r) => r.url.startsWith('/cfn/'))[0]!;
    expect(answer.method).toBe('PUT');
    expect(answer.body).toMatchObject({
      Status: 'SUCCESS',
      RequestId: 'req-1',
      LogicalResourceId: 'Migrations',
      StackId: 'arn:aws:cloudformation:eu-central-1:123456789012:stack/TicketBoss/1',
      PhysicalResourceId: 'ticketboss-migrations',
    });
    expect((answer.body as { Reason: string }).Reason).toMatch(/applied: 0001_inventory, .*0008_live_subscriptions/);
    const role = await db.query<{ rolconfig: string[] }>(`SELECT rolconfig FROM pg_roles WHERE rolname = 'ticketboss'`);
    expect(role.rows[0]!.rolconfig).toEqual(expect.arrayContaining(['lock_timeout=3s', 'statement_timeout=20s']));
    // Again (an update): nothing to apply, still a success.
    await fns.migrate!({
      RequestType: 'Update',
      ResponseURL: `${aws.url}/cfn/2`,
      StackId: 's',
      RequestId: 'req-2',
      LogicalResourceId: 'Migrations',
      PhysicalResourceId: 'ticketboss-migrations',
      ResourceProperties: {},
    });
    expect(requests((r) => r.url === '/cfn/2')[0]!.body).toMatchObject({ Status: 'SUCCESS', Reason: 'applied: none' });
  });

  it('migrates with the master secret from Secrets Manager over verified TLS, and fails loudly when TLS does not verify', async () => {
    const server = await startPostgresServer({ tlsOnly: true, maxConnections: 20 });
    const masterArn = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:TicketBossMaster-XyZ';
    const answer = aws.answer as (request: CapturedRequest) => { status: number; body: unknown };
    aws.answer = (request) =>
      (request.body as { SecretId?: string } | null)?.SecretId === masterArn
        ? {
            status: 200,
            body: {
              ARN: masterArn,
              SecretString: JSON.stringify({
                username: 'postgres',
                password: 'unused',
                host: 'localhost',
                port: server.port,
                dbname: 'postgres',
              }),
            },
          }
        : answer(request);
    const env = { ...process.env };
    delete process.env.DATABASE_URL;
    process.env.MASTER_SECRET_ARN = masterArn;
    const resource = (id: string) => ({
      RequestType: 'Create',
      ResponseURL: `${aws.url}/cfn/${id}`,
      StackId: 's',
      RequestId: id,
      LogicalResourceId: 'Migrations',
      ResourceProperties: {},
    });
    try {
      // With AWS's RDS CA bundle, this server's own CA is unknown: no connection, CloudFormation hears FAILED.
      await fns.migrate!(resource('tls-unknown-ca'));
      expect(requests((r) => r.url === '/cfn/tls-unknown-ca')[0]!.body).toMatchObject({ Status: 'FAILED' });
      // With the server's CA: migrated, over TLS (the server admits nothing else).
      process.env.MASTER_DB_CA_FILE = server.caFile!;
      await fns.migrate!(resource('tls-ok'));
      expect(requests((r) => r.url === '/cfn/tls-ok')[0]!.body).toMatchObject({ Status: 'SUCCESS' });
      const check = createPostgresDb({
        connectionString: `${server.url}?sslmode=no-verify`,
        maxConnections: 1,
        ssl: true,
      });
      expect(
        (await check.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]!.n,
      ).toBeGreaterThan(7);
      await check.close();
    } finally {
      process.env = env;
      aws.answer = answer;
      await server.stop();
    }
  });

  it('serves the API: a JSON answer, and a problem+json 4xx for bad input', async () => {
    const event = await call('GET', `/v1/events/${world.eventId}`);
    expect(event.statusCode).toBe(200);
    expect(event.json).toMatchObject({ id: world.eventId, status: 'on_sale' });
    const bad = await call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: 'MAIN-A-1' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json).toMatchObject({ type: expect.stringContaining('validation'), errors: expect.anything() });
  });

  it('serves the devices’ REST API (payload v1, stage not in the path) from the same function', async () => {
    const result = (await fns.api!(
      restApiEvent('GET', `/v1/events/${world.eventId}`, { apiKey: 'device-api-key-value-0123456789' }),
      { awsRequestId: 'r' },
    )) as HttpResult;
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ id: world.eventId });
  });

  it('reuses its database connections across invocations', async () => {
    const connections = async () =>
      (
        await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()',
        )
      ).rows[0]!.n;
    await call('GET', `/v1/events/${world.eventId}`);
    const before = await connections();
    for (let i = 0; i < 20; i++) expect((await call('GET', `/v1/events/${world.eventId}`)).statusCode).toBe(200);
    expect(await connections()).toBe(before);
  });

  it('accepts Cognito access tokens of its app clients only, with groups and venue from cognito:groups', async () => {
    const admin = await cognitoToken({ sub: 'cognito-admin', groups: ['admin'] });
    expect((await call('GET', '/v1/admin/jobs/dead', { token: admin })).statusCode).toBe(200);
    const jwks = requests((r) => r.url === `/${POOL}/.well-known/jwks.json`);
    expect(jwks.length).toBe(1); // fetched once, then cached
    expect(jwks[0]!.method).toBe('GET');
    const customer = await cognitoToken({ sub: 'cognito-customer', groups: [] });
    expect((await call('GET', '/v1/admin/jobs/dead', { token: customer })).statusCode).toBe(403);
    const otherClient = await cognitoToken({ sub: 'x', groups: ['admin'], clientId: 'someone-else' });
    expect((await call('GET', '/v1/admin/jobs/dead', { token: otherClient })).statusCode).toBe(401);
    const expired = await cognitoToken({ sub: 'x', groups: ['admin'], expiresIn: '-1m' });
    expect((await call('GET', '/v1/admin/jobs/dead', { token: expired })).statusCode).toBe(401);
  });

  it('sells at a counter: the seat change goes to the live queue, the tickets email out through SQS, the job Lambda and SES', async () => {
    const clerk = await cognitoToken({
      sub: 'cognito-clerk',
      groups: ['clerk', `venue-${world.venueId}`],
      clientId: 'desktop-client',
    });
    const hold = await call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds: ['MAIN-B-1', 'MAIN-B-2'] },
      token: clerk,
    });
    expect(hold.statusCode, hold.body).toBe(201);
    const live = sqsCalls('SendMessage').at(-1)!;
    expect(live.url).toBe('/');
    expect(live.headers.authorization).toMatch(/Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/sqs\/aws4_request/);
    expect((live.body as { QueueUrl: string }).QueueUrl).toBe(QUEUE('ticketboss-live', aws.url));
    const change = JSON.parse((live.body as { MessageBody: string }).MessageBody);
    expect(change).toMatchObject({ type: 'changes', eventId: world.eventId });
    expect(change.changes.map((c: { seatId: string }) => c.seatId).sort()).toEqual(['MAIN-B-1', 'MAIN-B-2']);

    const order = await call('POST', '/v1/orders', {
      token: clerk,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        holdId: hold.json!.id,
        buyer: { email: 'grace@example.com', name: 'Grace Hopper' },
        delivery: { method: 'email' },
        payment: { method: 'cash', tendered: { amount: 20_000, currency: 'EUR' } },
      },
    });
    expect(order.statusCode, order.body).toBe(201);
    expect(order.json!.state).toBe('paid');

    // The tick relays the order's outbox jobs to the jobs queue…
    const relayedBefore = sqsCalls('SendMessageBatch').length;
    const tick = (await fns.tick!({ source: 'aws.events' }, { getRemainingTimeInMillis: () => 0 })) as {
      relayed: number;
    };
    expect(tick.relayed).toBeGreaterThan(0);
    const batches = sqsCalls('SendMessageBatch').slice(relayedBefore);
    const entries = batches.flatMap(
      (b) => (b.body as { QueueUrl: string; Entries: { Id: string; MessageBody: string }[] }).Entries,
    );
    expect((batches[0]!.body as { QueueUrl: string }).QueueUrl).toBe(QUEUE('ticketboss-jobs', aws.url));
    const messages = entries.map((e) => JSON.parse(e.MessageBody) as { jobId: string; topic: string });
    expect(messages.length).toBe(tick.relayed);
    // …relayed once: a second tick while their lease runs sends nothing.
    expect(((await fns.tick!({}, { getRemainingTimeInMillis: () => 0 })) as { relayed: number }).relayed).toBe(0);

    // The job Lambda runs them: the tickets email leaves through SES, and each job is done.
    const sesBefore = requests((r) => r.url === '/v2/email/outbound-emails').length;
    const result = (await fns.jobs!(sqsEvent(entries.map((e) => e.MessageBody)))) as { batchItemFailures: unknown[] };
    expect(result.batchItemFailures).toEqual([]);
    const sent = requests((r) => r.url === '/v2/email/outbound-emails').slice(sesBefore);
    expect(sent.length).toBe(1);
    expect(sent[0]!.body).toMatchObject({
      Destination: { ToAddresses: ['grace@example.com'] },
      ConfigurationSetName: 'ticketboss',
    });
    const raw = Buffer.from(
      (sent[0]!.body as { Content: { Raw: { Data: string } } }).Content.Raw.Data,
      'base64',
    ).toString();
    expect(raw).toMatch(/Content-Type: image\/png/i);
    expect(raw).toMatch(/^From: TicketBoss <tickets@shop\.ticketboss\.example>$/m);
    const states = await db.query<{ state: string }>('SELECT state FROM outbox WHERE id = ANY($1::uuid[])', [
      messages.map((m) => m.jobId),
    ]);
    expect(states.rows.every((row) => row.state === 'done')).toBe(true);
    // A duplicate delivery (SQS is at-least-once) does nothing.
    await fns.jobs!(sqsEvent(entries.map((e) => e.MessageBody)));
    expect(requests((r) => r.url === '/v2/email/outbound-emails').length).toBe(sesBefore + 1);
  });

  it('pairs a kiosk with an API Gateway key made in the usage plan', async () => {
    const admin = await cognitoToken({ sub: 'cognito-admin', groups: ['admin'] });
    const code = await call('POST', '/v1/admin/devices/pairing-codes', {
      token: admin,
      body: { venueId: world.venueId, kind: 'kiosk', name: 'Foyer kiosk 1' },
    });
    expect(code.statusCode, code.body).toBe(201);
    const paired = await call('POST', '/v1/devices/pair', { body: { code: code.json!.code } });
    expect(paired.statusCode, paired.body).toBe(201);
    expect(paired.json).toMatchObject({ kind: 'kiosk', apiKey: 'device-api-key-value-0123456789' });
    const create = requests((r) => r.url === '/apikeys').at(-1)!;
    expect(create.method).toBe('POST');
    expect(create.headers.authorization).toMatch(
      /Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/apigateway\/aws4_request/,
    );
    expect(create.body).toMatchObject({
      name: `device-${paired.json!.id}`,
      enabled: true,
      tags: { device: paired.json!.id, venue: world.venueId, kind: 'kiosk' },
    });
    // The key goes into the plan whose id the stack gave (DEVICE_USAGE_PLAN_ID), with no lookup of plans first.
    expect(requests((r) => r.url.startsWith('/usageplans') && r.method === 'GET')).toEqual([]);
    const link = requests((r) => r.url === '/usageplans/plan-1/keys').at(-1)!;
    expect(link.body).toEqual({ keyId: 'key-id-1', keyType: 'API_KEY' });
    // Registered directly by an admin (no pairing code): a key all the same.
    const registered = await call('POST', '/v1/admin/devices', {
      token: admin,
      body: { venueId: world.venueId, kind: 'boxoffice', name: 'Counter 9' },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    expect(registered.json!.apiKey).toBe('device-api-key-value-0123456789');
    expect(requests((r) => r.url === '/apikeys').at(-1)!.body).toMatchObject({ name: `device-${registered.json!.id}` });
  });

  it('keeps live subscriptions in DynamoDB, none in Postgres: $connect, subscribe, refusals, $disconnect', async () => {
    const ws = fns.websocket! as Handler<unknown, { statusCode: number; body?: string }>;
    expect((await ws(wsEvent('$connect', 'conn-A='))).statusCode).toBe(200);
    const subscribed = await ws(
      wsEvent('subscribe', 'conn-A=', JSON.stringify({ type: 'subscribe', eventId: world.eventId })),
    );
    expect(JSON.parse(subscribed.body!)).toEqual({ type: 'subscribed', eventId: world.eventId });
    const unknown = await ws(
      wsEvent('subscribe', 'conn-A=', JSON.stringify({ type: 'subscribe', eventId: randomUUID() })),
    );
    expect(JSON.parse(unknown.body!)).toMatchObject({ type: 'error', code: 'not_found' });
    const garbage = await ws(wsEvent('$default', 'conn-A=', '{nope'));
    expect(JSON.parse(garbage.body!)).toMatchObject({ type: 'error', code: 'malformed_json' });
    const pong = await ws(wsEvent('ping', 'conn-A=', '{"type":"ping"}'));
    expect(JSON.parse(pong.body!)).toEqual({ type: 'pong' });
    expect(await registry.subscriptionsOf('conn-A=')).toEqual(new Set([world.eventId]));
    expect(await watchers()).toEqual(['conn-A=']);
    expect((await db.query('SELECT 1 FROM live_subscriptions')).rows).toEqual([]);
    await ws(wsEvent('$disconnect', 'conn-A='));
    expect(await registry.subscriptionsOf('conn-A=')).toEqual(new Set());
    expect(await watchers()).toEqual([]);
  });

  it('lets an event be watched once published: through the API at once, and every earlier one at deploy', async () => {
    const ws = fns.websocket! as Handler<unknown, { statusCode: number; body?: string }>;
    const subscribe = async (eventId: string) =>
      JSON.parse((await ws(wsEvent('subscribe', 'conn-P=', JSON.stringify({ type: 'subscribe', eventId })))).body!);
    const draft = async () => {
      const day = 86_400_000;
      const made = await world.services.admin.createEvent({
        name: 'Published later',
        description: '',
        seatmapId: world.seatmapId,
        startsAt: new Date(Date.now() + 30 * day).toISOString(),
        onSaleFrom: new Date(Date.now() - day).toISOString(),
        onSaleUntil: new Date(Date.now() + 29 * day).toISOString(),
        perOrderLimit: 8,
        holdTtlSeconds: 600,
        currency: 'EUR',
        tiers: [{ name: 'All', price: { amount: 5000, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] }],
      });
      return made.id;
    };
    const refused = { type: 'error', code: 'not_found', detail: 'No such event.' };
    await ws(wsEvent('$connect', 'conn-P='));
    // Published through the API function: watchable when its answer comes, on an instance that said no before.
    const viaApi = await draft();
    expect(await subscribe(viaApi)).toEqual(refused);
    const admin = await cognitoToken({ sub: 'cognito-admin', groups: ['admin'] });
    const published = await call('POST', `/v1/admin/events/${viaApi}/status`, {
      token: admin,
      body: { status: 'on_sale' },
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(await subscribe(viaApi)).toEqual({ type: 'subscribed', eventId: viaApi });
    // Published where the list was not told (before it existed): listed by the deploy's custom resource.
    const before = await draft();
    await world.services.admin.setEventStatus(before, 'on_sale');
    expect(await subscribe(before)).toEqual(refused);
    await fns.migrate!({
      RequestType: 'Update',
      ResponseURL: `${aws.url}/cfn/watchable`,
      StackId: 's',
      RequestId: 'req-watchable',
      LogicalResourceId: 'Migrations',
      PhysicalResourceId: 'ticketboss-migrations',
      ResourceProperties: {},
    });
    expect(requests((r) => r.url === '/cfn/watchable')[0]!.body).toMatchObject({ Status: 'SUCCESS' });
    expect(await subscribe(before)).toEqual({ type: 'subscribed', eventId: before });
    // A draft stays refused after both.
    expect(await subscribe(await draft())).toEqual(refused);
    await ws(wsEvent('$disconnect', 'conn-P='));
  });

  it('fans a seat change out to every watcher through the management API, and forgets connections that are gone', async () => {
    const ws = fns.websocket!;
    for (const id of ['conn-1', 'conn-2', 'conn-gone']) {
      await ws(wsEvent('$connect', id));
      await ws(wsEvent('subscribe', id, JSON.stringify({ type: 'subscribe', eventId: world.eventId })));
    }
    goneConnections.add('conn-gone');
    const change = {
      type: 'changes',
      eventId: world.eventId,
      changes: [{ seatId: 'MAIN-C-1', status: 'held', version: 7 }],
    };
    // A batch of three changes to the event: merged into one push per watcher, the newest version of each seat.
    const earlier = { ...change, changes: [{ seatId: 'MAIN-C-1', status: 'available', version: 6 }] };
    const other = { ...change, changes: [{ seatId: 'MAIN-C-2', status: 'sold', version: 3 }] };
    const before = aws.seen.length;
    const result = (await fns['live-fanout']!(sqsEvent([earlier, change, other].map((m) => JSON.stringify(m))))) as {
      batchItemFailures: unknown[];
    };
    expect(result.batchItemFailures).toEqual([]);
    const posts = aws.seen.slice(before).filter((r) => r.url.startsWith('/live/@connections/'));
    expect(posts.map((p) => decodeURIComponent(p.url.split('/').pop()!)).sort()).toEqual([
      'conn-1',
      'conn-2',
      'conn-gone',
    ]);
    for (const post of posts) {
      expect(post.method).toBe('POST');
      expect(post.headers.authorization).toMatch(/\/eu-central-1\/execute-api\/aws4_request/);
      expect(post.body).toEqual({
        type: 'changes',
        eventId: world.eventId,
        changes: [
          { seatId: 'MAIN-C-1', status: 'held', version: 7 },
          { seatId: 'MAIN-C-2', status: 'sold', version: 3 },
        ],
      });
    }
    expect(await watchers()).toEqual(['conn-1', 'conn-2']);
  });

  it('gives the app role rows to read and write, not the schema', async () => {
    const grants = await db.query<{ privilege_type: string }>(
      `SELECT DISTINCT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'ticketboss' ORDER BY 1`,
    );
    expect(grants.rows.map((r) => r.privilege_type)).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    const schema = await db.query<{ create: boolean }>(
      `SELECT has_schema_privilege('ticketboss', 'public', 'CREATE') AS create`,
    );
    expect(schema.rows[0]!.create).toBe(false);
  });

  it('still holds the seats when the live queue is down (watchers catch up from the snapshot)', async () => {
    const hold = await whileLiveQueueDown(() =>
      call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-D-1'] } }),
    );
    expect(hold.statusCode, hold.body).toBe(201);
  });

  it('pushes a seat freed by the tick to a watcher: hold, expiry, tick → live queue → fan-out → PostToConnection', async () => {
    const ws = fns.websocket! as Handler<unknown, { statusCode: number; body?: string }>;
    await ws(wsEvent('$connect', 'conn-expiry'));
    const subscribed = await ws(
      wsEvent('subscribe', 'conn-expiry', JSON.stringify({ type: 'subscribe', eventId: world.eventId })),
    );
    expect(JSON.parse(subscribed.body!)).toEqual({ type: 'subscribed', eventId: world.eventId });
    const sentBefore = sqsCalls('SendMessage').length;
    const hold = await call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-E-1'] } });
    expect(hold.statusCode, hold.body).toBe(201);
    const [held] = liveMessages(sqsCalls('SendMessage').slice(sentBefore)).map(
      (body) => (JSON.parse(body) as { changes: Change[] }).changes,
    );
    expect(held).toEqual([expect.objectContaining({ seatId: 'MAIN-E-1', status: 'held' })]);

    // The hold's time (the event's TTL) runs out; the next tick releases it and queues the change.
    const tickSentBefore = sqsCalls('SendMessage').length;
    const tick = await tickAt(Date.parse(hold.json!.expiresAt) + 1000);
    expect(tick.swept).toBeGreaterThanOrEqual(1);
    const queued = liveMessages(sqsCalls('SendMessage').slice(tickSentBefore));
    expect(queued.length).toBeGreaterThan(0);

    // SQS hands the queued message to the fan-out, which posts it to the watcher's connection.
    const before = aws.seen.length;
    const result = (await fns['live-fanout']!(sqsEvent(queued))) as { batchItemFailures: unknown[] };
    expect(result.batchItemFailures).toEqual([]);
    const posts = aws.seen
      .slice(before)
      .filter((r) => r.url.startsWith('/live/@connections/'))
      .filter((r) => decodeURIComponent(r.url.split('/').pop()!) === 'conn-expiry');
    expect(posts.length).toBe(1);
    const pushed = posts[0]!.body as { type: string; eventId: string; changes: Change[] };
    expect(pushed).toMatchObject({ type: 'changes', eventId: world.eventId });
    const freed = pushed.changes.find((c) => c.seatId === 'MAIN-E-1');
    expect(freed).toMatchObject({ status: 'available' });
    expect(freed!.version).toBeGreaterThan(held![0]!.version);
  });

  it('still frees expired seats in the tick when the live queue is down (watchers catch up from the snapshot)', async () => {
    const hold = await call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-E-2'] } });
    expect(hold.statusCode, hold.body).toBe(201);
    const tick = await whileLiveQueueDown(() => tickAt(Date.parse(hold.json!.expiresAt) + 1000));
    expect(tick.swept).toBeGreaterThanOrEqual(1);
    expect(await seatStatus('MAIN-E-2')).toBe('available');
  });

  it('sweeps in every pass of its run, not once a minute: a hold that runs out while the tick runs is freed in that run', async () => {
    const hold = await call('POST', `/v1/events/${world.eventId}/holds`, { body: { seatIds: ['MAIN-E-3'] } });
    expect(hold.statusCode, hold.body).toBe(201);
    const expiresAt = Date.parse(hold.json!.expiresAt);
    const sentBefore = sqsCalls('SendMessage').length;
    // The run starts a second before the hold runs out; after its first pass the clock passes the expiry, and the
    // function has time for one pass more (the deadline is read twice a pass: before the pause and after it).
    let reads = 0;
    const remaining = () => {
      reads++;
      if (reads === 1) vi.setSystemTime(expiresAt + 1000);
      return reads <= 2 ? 1000 : 0;
    };
    await tickAt(expiresAt - 1000, remaining);
    expect(reads).toBe(3);
    expect(await seatStatus('MAIN-E-3')).toBe('available');
    const freed = liveMessages(sqsCalls('SendMessage').slice(sentBefore)).flatMap(
      (body) => (JSON.parse(body) as { changes: Change[] }).changes,
    );
    expect(freed).toContainEqual(expect.objectContaining({ seatId: 'MAIN-E-3', status: 'available' }));
  });
});
