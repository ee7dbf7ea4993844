// A presale code given at admission (issue 20): the admission token carries it, and the buyer's holds sell the tiers
// it unlocks without typing it again; an admission without it keeps them closed. Through the HTTP API on PGlite.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, smallHall, type World } from '../../support/world.ts';
import { testApi, type TestApi } from '../../support/api.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import { PROBLEM_BASE } from '../../../cloud/contract/index.ts';
import { solveChallenge } from '../../../cloud/domain/queue/pow.ts';

const FRONT_ROW = Array.from({ length: 10 }, (_, i) => `MAIN-A-${i + 1}`);

describe('a presale code applied at admission', () => {
  let db: Db;
  let world: World;
  let api: TestApi;

  const admin = (method: string, path: string, body?: unknown) =>
    api.call(method, path, { bearer: api.adminToken, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db, {
      map: smallHall(10, 10),
      tiers: [
        { name: 'Front', price: { amount: 8000, currency: 'EUR' }, sectionIds: [], seatIds: FRONT_ROW },
        { name: 'Standard', price: { amount: 5000, currency: 'EUR' }, sectionIds: ['MAIN', 'PIT'], seatIds: [] },
      ],
    });
    api = await testApi(world.services);
    const list = (await admin('GET', apiPaths.eventPriceList(world.eventId))).body;
    const frontId = list.entries[0].tierId as string;
    const hidden = await admin('PUT', apiPaths.eventPriceList(world.eventId), {
      ticketTypes: list.ticketTypes,
      entries: list.entries,
      hiddenTierIds: [frontId],
    });
    expect(hidden.status, JSON.stringify(hidden.body)).toBe(200);
    const presale = await admin('POST', apiPaths.presaleCodes(), {
      eventId: world.eventId,
      name: 'Fan club',
      unlocksTierIds: [frontId],
      issue: { kind: 'shared', code: 'FANCLUB' },
    });
    expect(presale.status).toBe(201);
    const queue = await admin('PUT', apiPaths.adminEventQueue(world.eventId), {
      enabled: true,
      opensAt: new Date(world.clock.now().getTime() - 60_000).toISOString(),
      admissionPerMinute: 600,
      onePlacePer: 'session',
      challengeBits: 2,
      tokenMinutes: 10,
    });
    expect(queue.status).toBe(200);
  });
  afterAll(async () => db.close());

  /** Joins, waits for the state's next write, and asks for admission (with the code, if any). */
  const admitted = async (presaleCode?: string) => {
    const session = randomUUID().replace(/-/g, '');
    const challenge = (await api.call('GET', apiPaths.queueChallenge(world.eventId))).body;
    const nonce = await solveChallenge(challenge.challenge, session, challenge.bits);
    const joined = await api.call('POST', apiPaths.queueJoin(world.eventId), {
      body: { session, challenge: challenge.challenge, nonce },
    });
    expect(joined.status).toBe(201);
    world.clock.advance(1_000);
    const admission = await api.call('POST', apiPaths.queueAdmission(world.eventId), {
      body: { ticket: joined.body.ticket, ...(presaleCode ? { presaleCode } : {}) },
    });
    expect(admission.status, JSON.stringify(admission.body)).toBe(200);
    return { 'x-queue-admission': admission.body.token as string, 'x-queue-session': session };
  };

  it("opens the code's tiers to the admitted buyer's holds, and only to them", async () => {
    const withCode = await admitted('fan club');
    const held = await api.call('POST', apiPaths.eventHolds(world.eventId), {
      body: { seatIds: ['MAIN-A-1'] },
      headers: withCode,
    });
    expect(held.status, JSON.stringify(held.body)).toBe(201);

    const withoutCode = await admitted();
    const refused = await api.call('POST', apiPaths.eventHolds(world.eventId), {
      body: { seatIds: ['MAIN-A-2'] },
      headers: withoutCode,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe(`${PROBLEM_BASE}tier_locked`);
  });
});
