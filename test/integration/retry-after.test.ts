// Every 429 and 503 the API sends says when to come back (Retry-After, seconds) in a problem+json with a stable type:
// the rate limit, and a database with no room (too many connections).
import { describe, expect, it } from 'vitest';
import { freshDb } from '../support/databases.ts';
import { RecordingLiveBus } from '../support/world.ts';
import { createServices } from '../../cloud/services/index.ts';
import { createApp } from '../../cloud/http/app.ts';
import { LocalIdentityIssuer } from '../../cloud/adapters/identity/local-issuer.ts';

async function appWith(options: { rateLimits?: Parameters<typeof createApp>[0]['rateLimits'] } = {}) {
  const db = await freshDb('pglite');
  const services = createServices({ db, live: new RecordingLiveBus() });
  const issuer = await LocalIdentityIssuer.create('ticketboss-test');
  const warned: string[] = [];
  const { app } = createApp({
    services,
    verifier: issuer.verifier(),
    warn: (message) => warned.push(message),
    log: () => undefined,
    ...options,
  });
  return { app, services, warned };
}

describe('Retry-After on 429 and 503', () => {
  it('the rate limit answers 429 rate_limited with Retry-After in whole seconds', async () => {
    const { app } = await appWith({ rateLimits: { holds: { limit: 1, windowSeconds: 60 } } });
    const hold = () =>
      app.request('/v1/events/00000000-0000-4000-8000-000000000000/holds', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ seatIds: ['a'] }),
      });
    expect((await hold()).status).not.toBe(429);
    const refused = await hold();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    // Until the one request has slid out of the sliding window: within two windows.
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(120);
    expect(await refused.json()).toMatchObject({ type: 'https://ticketboss.dev/problems/rate_limited', status: 429 });
  });

  it('a database with no room (too many connections) is 503 overloaded with Retry-After, not a 500', async () => {
    const { app, services, warned } = await appWith();
    services.catalog.listEvents = () =>
      Promise.reject(Object.assign(new Error('sorry, too many clients already'), { code: '53300' }));
    const response = await app.request('/v1/events');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    const body = await response.json();
    expect(body).toMatchObject({ type: 'https://ticketboss.dev/problems/overloaded', status: 503, retryable: true });
    expect(JSON.stringify(body)).not.toMatch(/too many clients/);
    expect(warned).toHaveLength(1);
  });
});
