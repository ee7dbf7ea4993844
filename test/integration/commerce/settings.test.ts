// Commerce settings through the HTTP API on PGlite: an event's price list, fees and refund policy, a venue's tax,
// promo and presale codes; staff of the venue only; bad settings answered problem+json with a stable type and field.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { freshDb } from '../../support/databases.ts';
import { buildWorld, type World } from '../../support/world.ts';
import { testApi, type ApiResponse, type TestApi } from '../../support/api.ts';

const PROBLEM = 'https://ticketboss.dev/problems/';

describe('commerce settings on pglite', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let tierId: string;
  let adultId: string;
  let managerToken: string;
  let otherManagerToken: string;
  let clerkToken: string;

  const admin = (method: string, path: string, body?: unknown) =>
    api.call(method, path, { bearer: api.adminToken, ...(body === undefined ? {} : { body }) });
  const expectProblem = (response: ApiResponse, status: number, type: string, field: string) => {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.type).toBe(PROBLEM + type);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  };

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db);
    api = await testApi(world.services);
    // Settings are the venue managers' (events:manage at the event's venue): a clerk sells, it does not set prices.
    managerToken = await api.issuer.issue({ sub: 'manager-1', groups: ['venue_manager'], venueId: world.venueId });
    otherManagerToken = await api.issuer.issue({ sub: 'manager-2', groups: ['venue_manager'], venueId: randomUUID() });
    clerkToken = await api.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: world.venueId });
    const list = (await admin('GET', apiPaths.eventPriceList(world.eventId))).body;
    tierId = list.entries[0].tierId;
    adultId = list.ticketTypes[0].id;
  });
  afterAll(async () => db.close());

  it('starts every event with one Adult type at its tiers’ prices, no fees, no tax, no buyer refunds', async () => {
    const list = await admin('GET', apiPaths.eventPriceList(world.eventId));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      currency: 'EUR',
      ticketTypes: [{ kind: 'adult', name: 'Adult', maxPerOrder: null }],
      entries: [{ tierId, ticketTypeId: adultId, amount: 5000, currency: 'EUR' }],
      hiddenTierIds: [],
    });
    expect((await admin('GET', apiPaths.eventFees(world.eventId))).body).toEqual({
      currency: 'EUR',
      serviceFee: null,
      orderFee: null,
      deliveryFees: [],
    });
    expect((await admin('GET', apiPaths.venueTax(world.venueId))).body).toMatchObject({ ratePpm: 0 });
    expect((await admin('GET', apiPaths.eventRefundPolicy(world.eventId))).body).toMatchObject({
      refundableUntilDaysBefore: null,
    });
  });

  it('replaces the price list, fees, refund policy and tax, and reads them back', async () => {
    const childId = randomUUID();
    const list = await api.call('PUT', apiPaths.eventPriceList(world.eventId), {
      bearer: managerToken,
      body: {
        ticketTypes: [
          { id: adultId, kind: 'adult', name: 'Adult' },
          { id: childId, kind: 'child', name: 'Child (under 14)', maxPerOrder: 2 },
        ],
        entries: [
          { tierId, ticketTypeId: adultId, amount: 5000, currency: 'EUR' },
          { tierId, ticketTypeId: childId, amount: 2500, currency: 'EUR' },
        ],
      },
    });
    expect(list.status).toBe(200);
    expect(list.body.ticketTypes.map((t: { name: string }) => t.name)).toEqual(['Adult', 'Child (under 14)']);
    expect(list.body.entries).toHaveLength(2);

    const fees = {
      currency: 'EUR',
      serviceFee: { kind: 'fixed', amount: 150 },
      orderFee: { kind: 'percent', basisPoints: 250 },
      deliveryFees: [{ method: 'mail', amount: 400 }],
    };
    expect((await admin('PUT', apiPaths.eventFees(world.eventId), fees)).body).toEqual(fees);
    const policy = {
      refundableUntilDaysBefore: 7,
      refundFee: { kind: 'fixed', amount: 100 },
      refundServiceFees: false,
      refundOrderFee: false,
      refundDeliveryFee: true,
    };
    expect((await admin('PUT', apiPaths.eventRefundPolicy(world.eventId), policy)).body).toEqual(policy);
    const tax = { label: 'VAT', ratePpm: 190_000, mode: 'inclusive', feesTaxable: true };
    expect((await admin('PUT', apiPaths.venueTax(world.venueId), tax)).body).toEqual(tax);
    expect((await admin('GET', apiPaths.venueTax(world.venueId))).body).toEqual(tax);
  });

  it('refuses bad settings with problem+json naming the field', async () => {
    const entry = { tierId, ticketTypeId: adultId, amount: 5000, currency: 'EUR' };
    const adult = { id: adultId, kind: 'adult', name: 'Adult' };
    const putList = (body: object) => admin('PUT', apiPaths.eventPriceList(world.eventId), body);
    expectProblem(
      await putList({ ticketTypes: [adult], entries: [{ ...entry, amount: -1 }] }),
      400,
      'validation_failed',
      'entries.0.amount',
    );
    expectProblem(
      await putList({ ticketTypes: [adult], entries: [{ ...entry, ticketTypeId: randomUUID() }] }),
      400,
      'validation_failed',
      'entries.0.ticketTypeId',
    );
    expectProblem(
      await putList({ ticketTypes: [adult], entries: [{ ...entry, tierId: randomUUID() }] }),
      400,
      'validation_failed',
      'entries.0.tierId',
    );
    expectProblem(
      await putList({ ticketTypes: [{ ...adult, kind: 'child' }], entries: [] }),
      400,
      'validation_failed',
      'ticketTypes',
    );
    expectProblem(
      await admin('PUT', apiPaths.venueTax(world.venueId), {
        label: 'VAT',
        ratePpm: 1_000_001,
        mode: 'exclusive',
        feesTaxable: false,
      }),
      400,
      'validation_failed',
      'ratePpm',
    );
    expectProblem(
      await admin('PUT', apiPaths.eventFees(world.eventId), {
        currency: 'EUR',
        serviceFee: { kind: 'percent', basisPoints: 10_001 },
      }),
      400,
      'validation_failed',
      'serviceFee.basisPoints',
    );
    expectProblem(
      await admin('PUT', apiPaths.eventFees(world.eventId), { currency: 'USD' }),
      400,
      'validation_failed',
      'currency',
    );
    const promo = { eventId: world.eventId, code: 'SPRING-10', discount: { kind: 'percent', basisPoints: 1000 } };
    expectProblem(
      await admin('POST', apiPaths.promoCodes(), { ...promo, discount: { kind: 'percent', basisPoints: 10_001 } }),
      400,
      'validation_failed',
      'discount.basisPoints',
    );
    expectProblem(
      await admin('POST', apiPaths.promoCodes(), {
        ...promo,
        validFrom: '2030-02-01T00:00:00Z',
        validUntil: '2030-01-01T00:00:00Z',
      }),
      400,
      'validation_failed',
      'validUntil',
    );
    expectProblem(
      await admin('POST', apiPaths.promoCodes(), { ...promo, scope: { ticketTypeIds: [randomUUID()] } }),
      400,
      'validation_failed',
      'scope.ticketTypeIds.0',
    );
  });

  it('lets only staff of the venue see or change its settings', async () => {
    const path = apiPaths.eventFees(world.eventId);
    expect((await api.call('GET', path)).status).toBe(401);
    expect((await api.call('GET', path, { bearer: api.customerToken })).status).toBe(403);
    // To a manager of another venue, its events and settings do not exist; a clerk of the venue may not see them.
    expect((await api.call('GET', path, { bearer: otherManagerToken })).status).toBe(404);
    expect(
      (
        await api.call('PUT', apiPaths.venueTax(world.venueId), {
          bearer: otherManagerToken,
          body: {
            label: 'VAT',
            ratePpm: 0,
            mode: 'exclusive',
            feesTaxable: false,
          },
        })
      ).status,
    ).toBe(404);
    expect((await api.call('GET', path, { bearer: managerToken })).status).toBe(200);
    expect((await api.call('GET', path, { bearer: clerkToken })).status).toBe(403);
    expect((await admin('GET', apiPaths.eventFees(randomUUID()))).status).toBe(404);
  });

  it('makes promo codes and presale codes (shared and a batch), lists them with uses, and disables them', async () => {
    const promo = await admin('POST', apiPaths.promoCodes(), {
      eventId: world.eventId,
      code: 'summer-25',
      discount: { kind: 'percent', basisPoints: 2500 },
      maxUses: 50,
    });
    expect(promo.status).toBe(201);
    // Shown as the organizer wrote it (upper case); matched by its key.
    expect(promo.body).toMatchObject({ code: 'SUMMER-25', maxUses: 50, uses: 0 });
    expectProblem(
      await admin('POST', apiPaths.promoCodes(), {
        eventId: world.eventId,
        code: 'Summer 25',
        discount: { kind: 'percent', basisPoints: 500 },
      }),
      409,
      'code_taken',
      'code',
    );
    const shared = await admin('POST', apiPaths.presaleCodes(), {
      eventId: world.eventId,
      name: 'Fan club',
      unlocksTierIds: [tierId],
      issue: { kind: 'shared', code: 'FANS-2030' },
    });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ kind: 'shared', code: 'FANS-2030', codes: ['FANS-2030'] });
    const batch = await admin('POST', apiPaths.presaleCodes(), {
      eventId: world.eventId,
      name: 'Mailing list',
      unlocksTierIds: [tierId],
      issue: { kind: 'single_use', count: 25 },
    });
    expect(batch.status).toBe(201);
    expect(batch.body).toMatchObject({ kind: 'single_use', code: null, issued: 25 });
    expect(new Set(batch.body.codes).size).toBe(25);

    const listed = (await admin('GET', apiPaths.eventCodes(world.eventId))).body;
    expect(listed.promoCodes.map((c: { code: string }) => c.code)).toEqual(['SUMMER-25']);
    expect(listed.presaleCodes.map((c: { name: string; issued: number }) => [c.name, c.issued]).sort()).toEqual([
      ['Fan club', 1],
      ['Mailing list', 25],
    ]);

    expect((await api.call('POST', apiPaths.codeDisabling(promo.body.id), { bearer: otherManagerToken })).status).toBe(
      404,
    );
    expect((await admin('POST', apiPaths.codeDisabling(promo.body.id))).status).toBe(204);
    expect((await admin('POST', apiPaths.codeDisabling(batch.body.id))).status).toBe(204);
    const after = (await admin('GET', apiPaths.eventCodes(world.eventId))).body;
    expect(after.promoCodes).toEqual([]);
    expect(after.presaleCodes.map((c: { name: string }) => c.name)).toEqual(['Fan club']);
    expect((await admin('POST', apiPaths.codeDisabling(randomUUID()))).status).toBe(404);
  });
});
