// The same Hono app as an API Gateway HTTP API (payload v2) Lambda handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { apiGatewayEvent as buildEvent } from '../support/lambda-events.ts';
import { createHttpHandler } from '../../cloud/lambda/http.ts';
import { freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';

type HandlerEvent = Parameters<ReturnType<typeof createHttpHandler>>[0];

/** The shared event builder, handed over as Hono's event type. */
const apiGatewayEvent = (...args: Parameters<typeof buildEvent>) => buildEvent(...args) as unknown as HandlerEvent;

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
