// When something breaks on our side, the caller gets a 500 problem+json with no internals, and it is logged.
import { describe, expect, it } from 'vitest';
import { freshDb } from '../support/databases.ts';
import { RecordingLiveBus } from '../support/world.ts';
import { createServices } from '../../cloud/services/index.ts';
import { createApp } from '../../cloud/http/app.ts';
import { LocalIdentityIssuer } from '../../cloud/adapters/identity/local-issuer.ts';

describe('internal errors', () => {
  it('answer 500 problem+json without a stack, and log the error', async () => {
    const db = await freshDb('pglite');
    const services = createServices({ db, live: new RecordingLiveBus() });
    const logged: unknown[] = [];
    const issuer = await LocalIdentityIssuer.create('ticketboss-test');
    const { app } = createApp({ services, verifier: issuer.verifier(), log: (_message, error) => logged.push(error) });
    await db.close(); // every query now fails
    const response = await app.request('/v1/events');
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const body = await response.json();
    expect(body).toMatchObject({
      type: 'https://ticketboss.dev/problems/internal',
      status: 500,
      instance: '/v1/events',
    });
    expect(JSON.stringify(body)).not.toMatch(/at |\.ts|closed/i);
    expect(logged).toHaveLength(1);
  });
});
