// What an operator sees of the Lambdas in CloudWatch and X-Ray, from the handlers as Lambda calls them (real Postgres,
// Amazon Pay, SQS and SES stood in for locally), with tracing on as in AWS:
// - the business metrics, read back from the EMF lines the handlers write to stdout: holds made, 409s (contention),
//   orders paid, payment failures, and each job's age; a metric that is not written fails the test;
// - the trace: each invocation's subsegment (cold start and service annotated) and the AWS SDK calls inside it reach
//   the X-Ray daemon's UDP port, and a handler works the same when nothing listens there.
import { createSocket, type Socket } from 'node:dgram';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrate } from '../../cloud/db/migrate.ts';
import type { Db } from '../../cloud/db/port.ts';
import { createPostgresDb } from '../../cloud/db/postgres.ts';
import { startCaptureServer, type CaptureServer } from '../support/capture-server.ts';
import { createPostgresDatabase, postgresUrl } from '../support/databases.ts';
import { FakeAmazonPay } from '../support/fake-amazon-pay.ts';
import { apiGatewayEvent } from '../support/lambda-events.ts';
import { buildWorld, type World } from '../support/world.ts';

type Handler = (event: unknown, context?: unknown) => Promise<unknown>;
interface HttpResult {
  statusCode: number;
  body: string;
}
interface Emf {
  _aws: {
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  [key: string]: unknown;
}

const SERVICE = 'ticketboss-observed';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe.skipIf(!postgresUrl())('Lambda metrics (EMF) and traces (X-Ray)', () => {
  let db: Db;
  let world: World;
  let aws: CaptureServer;
  let pay: FakeAmazonPay;
  let daemon: Socket;
  const segments: Record<string, unknown>[] = [];
  const stdout: string[] = [];
  const writeStdout = process.stdout.write.bind(process.stdout);
  const savedEnv = { ...process.env };
  let api: Handler;
  let jobs: Handler;

  /** The EMF lines written while `work` ran. */
  const metricsOf = async (work: () => Promise<unknown>): Promise<Emf[]> => {
    const from = stdout.length;
    await work();
    return stdout
      .slice(from)
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{"_aws"'))
      .map((line) => JSON.parse(line) as Emf);
  };
  /** The values of one metric in these lines, after checking it is declared in the TicketBoss namespace. */
  const valuesOf = (lines: Emf[], name: string, unit: string): number[] =>
    lines.flatMap((line) => {
      const declared = line._aws.CloudWatchMetrics.find((d) => d.Metrics.some((m) => m.Name === name));
      if (!declared) return [];
      expect(declared.Namespace).toBe('TicketBoss');
      expect(declared.Metrics.find((m) => m.Name === name)!.Unit).toBe(unit);
      expect(declared.Dimensions).toEqual([['service']]);
      expect(line.service).toBe(SERVICE);
      return [line[name]].flat() as number[];
    });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    (await api(
      apiGatewayEvent(method, path, {
        headers: { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
      { awsRequestId: randomUUID() },
    )) as HttpResult;
  /** A web order for one seat, paid with Amazon Pay, whose buyer approves (or declines) at Amazon. */
  const webOrder = async (seatId: string, buyerSays: 'approve' | 'decline') => {
    const hold = await call('POST', `/v1/events/${world.eventId}/holds`, { seatIds: [seatId] });
    expect(hold.statusCode, hold.body).toBe(201);
    const held = JSON.parse(hold.body) as { id: string; token: string };
    const order = await call(
      'POST',
      '/v1/orders',
      {
        holdId: held.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        delivery: { method: 'email' },
        payment: { method: 'amazon_pay', returnUrl: 'https://shop.ticketboss.example/back' },
      },
      { 'idempotency-key': randomUUID(), 'x-hold-token': held.token },
    );
    expect(order.statusCode, order.body).toBe(201);
    const created = JSON.parse(order.body) as { id: string; accessToken: string };
    const session = [...pay.sessions.values()].at(-1)!;
    if (buyerSays === 'approve') pay.approve(session.id);
    else pay.decline(session.id);
    return call('POST', `/v1/orders/${created.id}/payments/complete`, undefined, {
      'idempotency-key': randomUUID(),
      'x-order-token': created.accessToken,
    }).then((result) => ({ ...result, orderId: created.id }));
  };

  beforeAll(async () => {
    daemon = createSocket('udp4');
    daemon.on('message', (message) => {
      // Each datagram: a JSON header line, then the (sub)segment document.
      const document = message.toString().split('\n')[1];
      if (document) segments.push(JSON.parse(document) as Record<string, unknown>);
    });
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    pay = new FakeAmazonPay(publicKey);
    await pay.start();
    aws = await startCaptureServer((request) => {
      const target = String(request.headers['x-amz-target'] ?? '');
      if (target === 'AmazonSQS.SendMessage') {
        const body = (request.body as { MessageBody: string }).MessageBody;
        return { status: 200, body: { MessageId: randomUUID(), MD5OfMessageBody: md5(body) } };
      }
      if (request.url === '/v2/email/outbound-emails') return { status: 200, body: { MessageId: randomUUID() } };
      return { status: 404, body: { message: `no stand-in for ${request.method} ${request.url}` } };
    });
    const databaseUrl = await createPostgresDatabase();
    db = createPostgresDb({ connectionString: databaseUrl, maxConnections: 2 });
    await migrate(db);
    world = await buildWorld(db, { now: new Date() });
    Object.assign(process.env, {
      // As Lambda sets it for a function with active tracing: tracing is on, the invocation's trace is sampled.
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      LAMBDA_TASK_ROOT: '/var/task',
      _X_AMZN_TRACE_ID: `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)};Parent=53995c3f42cd8ad8;Sampled=1`,
      AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${(daemon.address() as AddressInfo).port}`,
      POWERTOOLS_SERVICE_NAME: SERVICE,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_ENDPOINT_URL_SQS: aws.url,
      DATABASE_URL: databaseUrl,
      APP_SECRET: JSON.stringify({
        master: randomUUID() + randomUUID(),
        amazonPayPrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      }),
      AMAZON_PAY_PUBLIC_KEY_ID: 'SANDBOX-AFAKEKEYID',
      AMAZON_PAY_STORE_ID: 'amzn1.application-oa2-client.test',
      AMAZON_PAY_BASE_URL: pay.url,
      LIVE_QUEUE_URL: `${aws.url}/123456789012/ticketboss-live`,
      SES_REGION: 'eu-central-1',
      SES_ENDPOINT: aws.url,
      EMAIL_FROM: 'TicketBoss <tickets@shop.ticketboss.example>',
      PUBLIC_URL: 'https://shop.ticketboss.example',
    });
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      stdout.push(String(chunk));
      return writeStdout(chunk, ...rest);
    }) as typeof process.stdout.write;
    // Imported only now, afresh (a worker runs many files, and another may have loaded them under its own settings):
    // the tracer reads its settings when the module loads, as in a Lambda's init.
    vi.resetModules();
    api = (await import('../../cloud/lambda/api.ts')).handler as Handler;
    jobs = (await import('../../cloud/lambda/jobs.ts')).handler as Handler;
  }, 120_000);

  afterAll(async () => {
    process.stdout.write = writeStdout;
    process.env = savedEnv;
    await db?.close();
    await aws?.close();
    await pay?.stop();
    daemon?.close();
  });

  it('counts each hold made, and each request refused with a 409 (contention)', async () => {
    const first = await metricsOf(async () => {
      const hold = await call('POST', `/v1/events/${world.eventId}/holds`, { seatIds: ['MAIN-A-1'] });
      expect(hold.statusCode, hold.body).toBe(201);
    });
    expect(valuesOf(first, 'HoldsCreated', 'Count')).toEqual([1]);
    expect(valuesOf(first, 'Contention', 'Count')).toEqual([]);
    const taken = await metricsOf(async () => {
      const again = await call('POST', `/v1/events/${world.eventId}/holds`, { seatIds: ['MAIN-A-1'] });
      expect(again.statusCode, again.body).toBe(409);
    });
    expect(valuesOf(taken, 'Contention', 'Count')).toEqual([1]);
    expect(valuesOf(taken, 'HoldsCreated', 'Count')).toEqual([]);
    // A plain read counts nothing and writes no metrics line at all.
    expect(await metricsOf(() => call('GET', `/v1/events/${world.eventId}`))).toEqual([]);
  });

  it('counts an order paid, and a payment the provider declined', async () => {
    let paid: Awaited<ReturnType<typeof webOrder>> | undefined;
    const sale = await metricsOf(async () => {
      paid = await webOrder('MAIN-B-1', 'approve');
    });
    expect(paid!.statusCode, paid!.body).toBe(200);
    expect(JSON.parse(paid!.body)).toMatchObject({ state: 'paid' });
    expect(valuesOf(sale, 'OrdersPaid', 'Count')).toEqual([1]);
    expect(valuesOf(sale, 'HoldsCreated', 'Count')).toEqual([1]);
    expect(valuesOf(sale, 'PaymentFailures', 'Count')).toEqual([]);

    let declined: HttpResult | undefined;
    const failure = await metricsOf(async () => {
      declined = await webOrder('MAIN-B-2', 'decline');
    });
    expect(declined!.statusCode, declined!.body).toBe(402);
    expect(valuesOf(failure, 'PaymentFailures', 'Count')).toEqual([1]);
    expect(valuesOf(failure, 'OrdersPaid', 'Count')).toEqual([]);
  });

  it('measures each job’s age, from the sale that wrote it to its run in the jobs function', async () => {
    const paid = await webOrder('MAIN-C-1', 'approve');
    expect(paid.statusCode, paid.body).toBe(200);
    const written = await db.query<{ id: string; topic: string; created_at: Date }>(
      'SELECT id, topic, created_at FROM outbox WHERE aggregate_id = $1',
      [paid.orderId],
    );
    expect(written.rows.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const event: SQSEvent = {
      Records: written.rows.map((job) => ({
        messageId: randomUUID(),
        receiptHandle: 'r',
        body: JSON.stringify({ jobId: job.id, topic: job.topic }),
        attributes: {} as SQSEvent['Records'][number]['attributes'],
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:eu-central-1:123456789012:jobs',
        awsRegion: 'eu-central-1',
      })),
    };
    const started = Date.now();
    const lines = await metricsOf(() => jobs(event));
    const ages = valuesOf(lines, 'JobAge', 'Milliseconds');
    expect(ages).toHaveLength(written.rows.length);
    for (const age of ages) {
      expect(age).toBeGreaterThanOrEqual(50);
      expect(age).toBeLessThanOrEqual(Date.now() - Math.min(...written.rows.map((r) => r.created_at.getTime())));
    }
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('sends each invocation’s subsegment, annotated, with its AWS SDK calls, to the X-Ray daemon', async () => {
    const before = segments.length;
    const hold = await call('POST', `/v1/events/${world.eventId}/holds`, { seatIds: ['MAIN-D-1'] });
    expect(hold.statusCode, hold.body).toBe(201);
    await expect.poll(() => segments.slice(before).some((s) => s.name === '## api')).toBe(true);
    const handler = segments.slice(before).find((s) => s.name === '## api')!;
    expect(handler).toMatchObject({
      annotations: { ColdStart: expect.any(Boolean), Service: SERVICE },
      trace_id: process.env._X_AMZN_TRACE_ID!.match(/Root=([^;]+)/)![1],
    });
    // The seat change sent to the live queue: a subsegment of the handler's, named for the service and operation.
    await expect.poll(() => segments.slice(before).some((s) => s.name === 'SQS')).toBe(true);
    const sqs = segments.slice(before).find((s) => s.name === 'SQS')!;
    expect(sqs).toMatchObject({ namespace: 'aws', aws: { operation: 'SendMessage' }, parent_id: handler.id });
  });

  it('answers all the same when no X-Ray daemon listens', async () => {
    daemon.close();
    const hold = await call('POST', `/v1/events/${world.eventId}/holds`, { seatIds: ['MAIN-D-2'] });
    expect(hold.statusCode, hold.body).toBe(201);
    daemon = createSocket('udp4');
  });
});
