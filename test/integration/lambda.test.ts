// The same Hono app as an API Gateway HTTP API (payload v2) Lambda handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createHttpHandler } from '../../cloud/lambda/http.ts';
import { freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';

type HandlerEvent = Parameters<ReturnType<typeof createHttpHandler>>[0];

/** A realistic API Gateway HTTP API v2 event (typed by @types/aws-lambda, handed over as Hono's event type). */
function apiGatewayEvent(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; query?: string } = {},
): HandlerEvent {
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: options.query ?? '',
    headers: {
      host: 'api.ticketboss.example',
      'user-agent': 'vitest',
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '203.0.113.9',
      ...options.headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'api.ticketboss.example',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '24/Nov/2026:10:00:00 +0000',
      timeEpoch: 1795514400000,
    },
    isBase64Encoded: false,
    ...(options.body !== undefined ? { body: options.body } : {}),
  };
  return event as unknown as HandlerEvent;
}

const context = {
  functionName: 'http',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 29_000,
} as unknown as Context;

describe('Lambda HTTP handler', () => {
  let db: Db;
  let world: World;
  let handler: ReturnType<typeof createHttpHandler>;
  let builds = 0;

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    const { app } = await testApi(world.services);
    handler = createHttpHandler(async () => {
      builds++;
      return app;
    });
  });
  afterAll(async () => db.close());

  it('answers a GET with status, headers and a JSON body', async () => {
    const result = (await handler(apiGatewayEvent('GET', `/v1/events/${world.eventId}`), context)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(result.body)).toMatchObject({ id: world.eventId, status: 'on_sale' });
  });

  it('creates a hold from a POST body and returns 201 with a Location', async () => {
    const event = apiGatewayEvent('POST', `/v1/events/${world.eventId}/holds`, {
      body: JSON.stringify({ seatIds: ['MAIN-A-1'] }),
      headers: { 'content-type': 'application/json' },
    });
    const result = (await handler(event, context)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    expect(result.statusCode).toBe(201);
    const hold = JSON.parse(result.body);
    expect(result.headers.location).toBe(`/v1/holds/${hold.id}`);
  });

  it('returns problem+json for bad input, and builds the app only once', async () => {
    const event = apiGatewayEvent('POST', `/v1/events/${world.eventId}/holds`, {
      body: '{"seatIds":',
      headers: { 'content-type': 'application/json' },
    });
    const result = (await handler(event, context)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    expect(result.statusCode).toBe(400);
    expect(result.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body).type).toMatch(/malformed_json$/);
    expect(builds).toBe(1);
  });

  it('gzips large responses as base64 when the client accepts it', async () => {
    const event = apiGatewayEvent('GET', `/v1/seatmaps/${world.seatmapId}`, { headers: { 'accept-encoding': 'gzip' } });
    const result = (await handler(event, context)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
      isBase64Encoded: boolean;
    };
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-encoding']).toBe('gzip');
    expect(result.isBase64Encoded).toBe(true);
    const { gunzipSync } = await import('node:zlib');
    expect(JSON.parse(gunzipSync(Buffer.from(result.body, 'base64')).toString()).seats).toHaveLength(50);
  });
});
