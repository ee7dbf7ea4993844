// The origin lock (issue 20): with a secret configured, the API answers only requests that carry CloudFront's
// X-Origin-Verify header with the secret's value, or that the devices' REST API admitted with a machine's API key;
// anything else (the HTTP API's execute-api address called directly) gets a 403 problem+json. Without a secret (local,
// tests, a machine's own API) nothing changes. Through the Lambda adapter, as API Gateway's events reach it.
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalIdentityIssuer } from '../../../cloud/adapters/identity/local-issuer.ts';
import { ORIGIN_VERIFY_HEADER } from '../../../cloud/contract/origin-lock.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { createApp } from '../../../cloud/http/app.ts';
import { cachedOriginSecret, type OriginSecret } from '../../../cloud/http/origin-lock.ts';
import { freshDb } from '../../support/databases.ts';
import { createHttpHandler } from '../../../cloud/lambda/http.ts';
import * as events from '../../support/lambda-events.ts';
import { buildWorld, type World } from '../../support/world.ts';

const CURRENT = 'current-origin-secret-0123456789';
const PREVIOUS = 'previous-origin-secret-0123456789';

type HandlerEvent = Parameters<ReturnType<typeof createHttpHandler>>[0];
/** The shared event builders, handed over as Hono's event type. */
const apiGatewayEvent = (...args: Parameters<typeof events.apiGatewayEvent>) =>
  events.apiGatewayEvent(...args) as unknown as HandlerEvent;
const restApiEvent = (...args: Parameters<typeof events.restApiEvent>) =>
  events.restApiEvent(...args) as unknown as HandlerEvent;
const context = { functionName: 'api', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 29_000 } as Context;

describe('the origin lock', () => {
  let db: Db;
  let world: World;
  let issuer: LocalIdentityIssuer;

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    issuer = await LocalIdentityIssuer.create('ticketboss-test');
  });
  afterAll(async () => db.close());

  /** The API function as deployed (cloud/lambda/http.ts), over this test's app. */
  const lambda = (originSecret?: OriginSecret) => {
    const handler = createHttpHandler(async () => {
      const options = { services: world.services, verifier: issuer.verifier(), log: () => {} };
      return createApp(originSecret ? { ...options, originSecret } : options).app;
    });
    return (event: HandlerEvent) => handler(event, context);
  };
  const locked = () => lambda(cachedOriginSecret(async () => [CURRENT, PREVIOUS]));
  const body = (result: { body: string }) => JSON.parse(result.body) as { type: string; status: number };

  it('refuses a call to the HTTP API without the header with 403 problem+json', async () => {
    const result = await locked()(apiGatewayEvent('GET', '/v1/events'));
    expect(result.statusCode).toBe(403);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(body(result)).toMatchObject({ type: expect.stringMatching(/\/forbidden$/), status: 403 });
  });

  it('refuses a wrong value', async () => {
    const result = await locked()(
      apiGatewayEvent('GET', '/v1/events', { headers: { [ORIGIN_VERIFY_HEADER.toLowerCase()]: `${CURRENT}x` } }),
    );
    expect(result.statusCode).toBe(403);
  });

  it('passes what CloudFront sends: the current value, or the previous one during a rotation', async () => {
    const handler = locked();
    for (const value of [CURRENT, PREVIOUS]) {
      const result = await handler(
        apiGatewayEvent('GET', '/v1/events', { headers: { [ORIGIN_VERIFY_HEADER.toLowerCase()]: value } }),
      );
      expect(result.statusCode).toBe(200);
    }
  });

  it('keeps the devices’ REST API working: a request API Gateway admitted with a machine’s API key passes', async () => {
    const handler = locked();
    expect((await handler(restApiEvent('GET', '/v1/events', { apiKey: 'machine-key' }))).statusCode).toBe(200);
    // The same API without a key (which API Gateway itself refuses) is not let through by the lock either.
    expect((await handler(restApiEvent('GET', '/v1/events'))).statusCode).toBe(403);
  });

  it('changes nothing without a secret', async () => {
    expect((await lambda()(apiGatewayEvent('GET', '/v1/events'))).statusCode).toBe(200);
  });
});
