// One way to reach an event as staff (staff-access.ts eventFor), through the HTTP app: a venue manager of venue B gets
// the very same 404 problem for an event of venue A as for an id that does not exist, on every event route that
// loads the event for staff (event page, seat management, allotments, prices, fees, sales windows, cancellation,
// waitlist, check-in report, an export asked for); a role without the capability gets 403 before anything is read. And the staff
// writes that were not audited are: the waitlist settings and the retry of a failed job (jobs:manage, the owner's).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../../cloud/db/audit.ts';
import { insertOutboxJobs, markOutboxFailed } from '../../../cloud/db/outbox.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';

const EVENT_PATHS: [string, (eventId: string) => string][] = [
  ['event page', (id) => `/v1/admin/events/${id}`],
  ['seat management', (id) => `/v1/admin/events/${id}/seats`],
  ['allotments', (id) => `/v1/admin/events/${id}/allotments`],
  ['price list', (id) => `/v1/admin/events/${id}/price-list`],
  ['fees', (id) => `/v1/admin/events/${id}/fees`],
  ['sales windows', (id) => `/v1/admin/events/${id}/sales-windows`],
  ['cancellation', (id) => `/v1/admin/events/${id}/cancellation`],
  ['waitlist', (id) => `/v1/admin/events/${id}/waitlist`],
  ['check-in report', (id) => `/v1/admin/reports/events/${id}/check-ins`],
];

describe('staff reach an event one way (PGlite)', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let managerA: string;
  let managerB: string;
  let stewardA: string;

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    api = await testApi(world.services);
    const venueB = (await world.services.admin.createVenue({ name: 'B', city: 'X', timezone: 'Europe/Paris' })).id;
    managerA = await api.issuer.issue({ sub: randomUUID(), groups: ['venue_manager'], venueIds: [world.venueId] });
    managerB = await api.issuer.issue({ sub: randomUUID(), groups: ['venue_manager'], venueIds: [venueB] });
    stewardA = await api.issuer.issue({ sub: randomUUID(), groups: ['door_steward'], venueId: world.venueId });
  });
  afterAll(async () => db.close());

  it.each(EVENT_PATHS)('%s: another venue’s event is the same 404 as no event at all', async (_name, path) => {
    const own = await api.call('GET', path(world.eventId), { bearer: managerA });
    const other = await api.call('GET', path(world.eventId), { bearer: managerB });
    const missing = await api.call('GET', path(randomUUID()), { bearer: managerB });
    // Their own venue's manager reaches it (a cancellation not made yet is its own 404, with its own words).
    expect(own.status).toBeLessThan(500);
    expect(own.body.detail).not.toBe(missing.body.detail);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    // Same type, title and words: nothing tells an id of venue A from an id of nothing.
    const { instance: _a, ...otherProblem } = other.body as Record<string, unknown>;
    const { instance: _b, ...missingProblem } = missing.body as Record<string, unknown>;
    expect(otherProblem).toEqual(missingProblem);
    // A role without the capability is refused before the event is looked at.
    expect((await api.call('GET', path(randomUUID()), { bearer: stewardA })).status).toBe(403);
  });

  it('export: asking for another venue’s event is the same 404 as for no event at all', async () => {
    const ask = (eventId: string, bearer: string) =>
      api.call('POST', '/v1/admin/exports', { bearer, body: { dataset: 'orders', format: 'csv', eventId } });
    const own = await ask(world.eventId, managerA);
    const other = await ask(world.eventId, managerB);
    const missing = await ask(randomUUID(), managerB);
    expect(own.status).toBe(202);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    const { instance: _a, ...otherProblem } = other.body as Record<string, unknown>;
    const { instance: _b, ...missingProblem } = missing.body as Record<string, unknown>;
    expect(otherProblem).toEqual(missingProblem);
    expect((await ask(randomUUID(), stewardA)).status).toBe(403);
  });

  it('audits a change of the waitlist settings, before and after, in its event’s venue', async () => {
    const path = `/v1/admin/events/${world.eventId}/waitlist/settings`;
    expect((await api.call('PUT', path, { bearer: managerB, body: { offerSeconds: 600 } })).status).toBe(404);
    const set = await api.call('PUT', path, { bearer: managerA, body: { offerSeconds: 600 } });
    expect(set.status, JSON.stringify(set.body)).toBeLessThan(300);
    const [entry, ...more] = await searchAuditEntries(db, { objectId: world.eventId, text: 'waitlist', limit: 10 });
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      action: 'event.waitlist_settings',
      venue_ids: [world.venueId],
      before: { offerSeconds: 1800 },
      after: { offerSeconds: 600 },
    });
  });

  it('lets only the owner see and retry failed jobs (jobs:manage), and audits the retry', async () => {
    const jobId = randomUUID();
    await insertOutboxJobs(
      db,
      [{ id: jobId, topic: 'ticket.email', aggregateId: randomUUID(), payload: {} }],
      new Date(),
    );
    await markOutboxFailed(db, jobId, { error: 'mailbox full', retryAt: null });
    const retry = `/v1/admin/jobs/${jobId}/retry`;
    expect((await api.call('GET', '/v1/admin/jobs/dead', { bearer: managerA })).status).toBe(403);
    expect((await api.call('POST', retry, { bearer: managerA })).status).toBe(403);
    const dead = await api.call('GET', '/v1/admin/jobs/dead', { bearer: api.adminToken });
    expect(dead.body.jobs.map((job: { id: string }) => job.id)).toContain(jobId);
    expect((await api.call('POST', retry, { bearer: api.adminToken })).status).toBe(202);
    // Once retried it is no longer dead: a second retry finds nothing, and writes nothing.
    expect((await api.call('POST', retry, { bearer: api.adminToken })).status).toBe(404);
    const entries = await searchAuditEntries(db, { objectType: 'job', objectId: jobId, limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'job.retry',
      actor_sub: 'admin-1',
      venue_ids: [],
      summary: expect.stringContaining('mailbox full'),
      before: { state: 'dead' },
      after: { state: 'pending' },
    });
  });
});
