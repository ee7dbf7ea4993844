// Promo and presale codes in the database (cloud/db/codes), on PGlite and on a real Postgres server: made one at a
// time or in a batch, found at checkout, counted against their limits, released exactly once, listed and disabled.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../../support/databases.ts';
import { buildWorld, createOnSaleEvent, type World } from '../../support/world.ts';
import {
  createCode,
  createCodeBatch,
  disableBatch,
  disableCode,
  findCodeForCheckout,
  listBatch,
  listBatches,
  listCodes,
  type CodeRow,
  type NewCode,
} from '../../../cloud/db/codes/codes.ts';
import {
  codeUsage,
  listOrderRedemptions,
  redeemCode,
  releaseOrderRedemptions,
  releaseRedemption,
} from '../../../cloud/db/codes/uses.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { codeKey } from '../../../cloud/domain/pricing/code-text.ts';
import { makeCode } from '../../support/codes.ts';

describe.each(dbKinds())('codes on %s', (kind) => {
  let db: Db;
  let world: World;
  let otherEventId: string;
  const now = new Date('2030-01-10T12:00:00Z');
  let serial = 0;

  const newCode = (options: Partial<NewCode> = {}) =>
    makeCode(db, { venueId: world.venueId, code: `CODE${++serial}`, now, ...options });
  const redeem = (code: CodeRow, buyerKey = `buyer-${randomUUID()}`, orderId = randomUUID()) =>
    redeemCode(db, { codeId: code.id, orderId, buyerKey, now });
  const slotsOf = async (codeId: string) =>
    (
      await db.query<{ shard: number; capacity: number; used: number }>(
        'SELECT shard, capacity, used FROM code_use_slots WHERE code_id = $1 ORDER BY shard',
        [codeId],
      )
    ).rows;

  beforeAll(async () => {
    db = await freshDb(kind);
    world = await buildWorld(db);
    otherEventId = await createOnSaleEvent(world.services, world.seatmapId, ['MAIN', 'PIT'], { name: 'Other' });
  });
  afterAll(async () => db.close());

  // The service computes a code's key (codeKey, domain/pricing/code-text.ts); the database keeps and finds that key
  // as given, so the rule of what makes two codes the same lives in one place.
  const key = (typed: string) => codeKey(typed)!;

  it('stores the key it is given and the rule as given', async () => {
    const rule = { percentOff: 15, tiers: ['a'], nested: { x: [1, 2] } };
    const code = await newCode({ code: key('summer - sale 1'), rule, maxUses: 10, maxUsesPerBuyer: 2 });
    expect(code.code).toBe('SUMMERSA1E1');
    const asGiven = await newCode({ code: 'RAWTEXT' });
    expect(asGiven.code).toBe('RAWTEXT');
    expect(code.rule).toEqual(rule);
    expect(code).toMatchObject({ kind: 'promo', max_uses: 10, max_uses_per_buyer: 2, event_id: null });
  });

  it('splits a limited code into shards whose capacities add up to its limit; an unlimited code has none', async () => {
    const big = await newCode({ maxUses: 1000 });
    const bigSlots = await slotsOf(big.id);
    expect(bigSlots).toHaveLength(16);
    expect(bigSlots.reduce((sum, s) => sum + s.capacity, 0)).toBe(1000);
    expect(Math.max(...bigSlots.map((s) => s.capacity)) - Math.min(...bigSlots.map((s) => s.capacity))).toBe(1);
    const small = await newCode({ maxUses: 5 });
    expect((await slotsOf(small.id)).map((s) => s.capacity)).toEqual([1, 1, 1, 1, 1]);
    const unlimited = await newCode();
    expect(await slotsOf(unlimited.id)).toEqual([]);
  });

  it('keeps one live code of a text per venue; a disabled one frees the text', async () => {
    const first = await newCode({ code: key('VIP-ONLY') });
    const again = await createCode(db, {
      id: randomUUID(),
      venueId: world.venueId,
      eventId: null,
      code: key('vip only'),
      kind: 'presale',
      rule: {},
      maxUses: null,
      maxUsesPerBuyer: null,
      validFrom: null,
      validUntil: null,
      now,
    });
    expect(again).toBe('code_taken');
    expect(await disableCode(db, first.id, now)).toBe(true);
    expect(await disableCode(db, first.id, now)).toBe(false);
    const second = await newCode({ code: key('vipOnly'), kind: 'presale' });
    expect(second.code).toBe('V1P0N1Y');
    const found = await findCodeForCheckout(db, { venueId: world.venueId, eventId: null, code: key('VIP ONLY'), now });
    expect(found).toEqual({ usable: true, code: second });
  });

  it('finds a code at checkout and says which rule refuses it', async () => {
    const lookup = (code: string, eventId: string | null = world.eventId, at = now) =>
      findCodeForCheckout(db, { venueId: world.venueId, eventId, code, now: at });
    const forEvent = await newCode({ code: 'ONLYTHIS', eventId: world.eventId });
    const anyEvent = await newCode({ code: 'ANYSHOW' });
    const windowed = await newCode({
      code: 'WINDOW',
      validFrom: new Date(now.getTime() + 60_000),
      validUntil: new Date(now.getTime() + 120_000),
    });
    expect(await lookup('ONLYTHIS')).toEqual({ usable: true, code: forEvent });
    expect(await lookup('ONLYTHIS', otherEventId)).toEqual({ usable: false, reason: 'other_event', code: forEvent });
    expect(await lookup('ANYSHOW', otherEventId)).toEqual({ usable: true, code: anyEvent });
    expect(await lookup('WINDOW')).toMatchObject({ usable: false, reason: 'not_yet_valid', code: { id: windowed.id } });
    expect(await lookup('WINDOW', world.eventId, new Date(now.getTime() + 60_000))).toMatchObject({ usable: true });
    expect(await lookup('WINDOW', world.eventId, new Date(now.getTime() + 120_000))).toMatchObject({
      usable: false,
      reason: 'expired',
    });
    expect(await lookup('NOSUCHCODE')).toBeNull();
    expect(await findCodeForCheckout(db, { venueId: randomUUID(), eventId: null, code: 'ANYSHOW', now })).toBeNull();
    await disableCode(db, anyEvent.id, now);
    expect(await lookup('ANYSHOW')).toBeNull();
  });

  it('counts uses up to the limit and refuses the next as exhausted', async () => {
    const code = await newCode({ maxUses: 3 });
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await redeem(code));
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, false, false]);
    expect(outcomes[3]).toEqual({ ok: false, reason: 'exhausted' });
    expect(await codeUsage(db, code.id)).toEqual({ used: 3, remaining: 0 });
    expect((await slotsOf(code.id)).map((s) => s.used)).toEqual([1, 1, 1]);
  });

  it('gives a released use back exactly once', async () => {
    const code = await newCode({ maxUses: 2 });
    const first = await redeem(code);
    await redeem(code);
    expect(await redeem(code)).toEqual({ ok: false, reason: 'exhausted' });
    if (!first.ok) throw new Error('not redeemed');
    expect(await releaseRedemption(db, first.redemptionId, now)).toBe(true);
    expect(await releaseRedemption(db, first.redemptionId, now)).toBe(false);
    expect(await codeUsage(db, code.id)).toEqual({ used: 1, remaining: 1 });
    expect((await redeem(code)).ok).toBe(true);
    expect(await redeem(code)).toEqual({ ok: false, reason: 'exhausted' });
    expect(await releaseRedemption(db, randomUUID(), now)).toBe(false);
    expect(await codeUsage(db, code.id)).toEqual({ used: 2, remaining: 0 });
  });

  it('holds each buyer to the per-buyer limit without spending a use on a refusal', async () => {
    const code = await newCode({ maxUses: 10, maxUsesPerBuyer: 2 });
    const [a1, a2, a3] = [await redeem(code, 'ann'), await redeem(code, 'ann'), await redeem(code, 'ann')];
    expect([a1.ok, a2.ok]).toEqual([true, true]);
    expect(a3).toEqual({ ok: false, reason: 'buyer_limit' });
    expect(await codeUsage(db, code.id)).toEqual({ used: 2, remaining: 8 });
    expect((await redeem(code, 'bob')).ok).toBe(true);
    if (!a1.ok) throw new Error('not redeemed');
    await releaseRedemption(db, a1.redemptionId, now);
    expect((await redeem(code, 'ann')).ok).toBe(true);
    expect(await redeem(code, 'ann')).toEqual({ ok: false, reason: 'buyer_limit' });
    expect(await codeUsage(db, code.id)).toEqual({ used: 3, remaining: 7 });

    const unlimited = await newCode({ maxUsesPerBuyer: 1 });
    expect((await redeem(unlimited, 'cat')).ok).toBe(true);
    expect(await redeem(unlimited, 'cat')).toEqual({ ok: false, reason: 'buyer_limit' });
    expect((await redeem(unlimited, 'dan')).ok).toBe(true);
  });

  it('counts an order once however often it redeems the same code', async () => {
    const code = await newCode({ maxUses: 5 });
    const orderId = randomUUID();
    const first = await redeem(code, 'eve', orderId);
    const second = await redeem(code, 'eve', orderId);
    expect(first.ok && second.ok && second.redemptionId === first.redemptionId).toBe(true);
    expect(await codeUsage(db, code.id)).toEqual({ used: 1, remaining: 4 });
  });

  it('counts an unlimited code without any slot row and reports no remainder', async () => {
    const code = await newCode();
    for (let i = 0; i < 25; i++) expect((await redeem(code)).ok).toBe(true);
    expect(await slotsOf(code.id)).toEqual([]);
    expect(await codeUsage(db, code.id)).toEqual({ used: 25, remaining: null });
    const redemptions = await db.query<{ shard: number | null }>(
      'SELECT shard FROM code_redemptions WHERE code_id = $1',
      [code.id],
    );
    expect(redemptions.rows.every((r) => r.shard === null)).toBe(true);
    expect(await codeUsage(db, randomUUID())).toBeNull();
  });

  it('releases every code of an order at once, once', async () => {
    const limited = await newCode({ maxUses: 4 });
    const unlimited = await newCode();
    const orderId = randomUUID();
    await redeem(limited, 'fay', orderId);
    await redeem(unlimited, 'fay', orderId);
    await redeem(limited, 'gus');
    expect(await releaseOrderRedemptions(db, orderId, now)).toBe(2);
    expect(await releaseOrderRedemptions(db, orderId, now)).toBe(0);
    expect(await codeUsage(db, limited.id)).toEqual({ used: 1, remaining: 3 });
    expect(await codeUsage(db, unlimited.id)).toEqual({ used: 0, remaining: null });
    const listed = await listOrderRedemptions(db, orderId);
    expect(listed).toHaveLength(2);
    expect(listed.every((r) => r.released_at?.getTime() === now.getTime())).toBe(true);
  });

  it('rolls a redemption back with the transaction that made it', async () => {
    const code = await newCode({ maxUses: 1 });
    await expect(
      db.transaction(async (tx) => {
        expect((await redeemCode(tx, { codeId: code.id, orderId: randomUUID(), buyerKey: 'hal', now })).ok).toBe(true);
        throw new Error('checkout failed');
      }),
    ).rejects.toThrow('checkout failed');
    expect(await codeUsage(db, code.id)).toEqual({ used: 0, remaining: 1 });
    expect((await redeem(code)).ok).toBe(true);
  });

  it('lists single codes with their uses, by event, disabled ones on request', async () => {
    const venue = await world.services.admin.createVenue({ name: 'List Hall', city: 'Bonn', timezone: 'UTC' });
    const make = (options: Partial<NewCode>) => newCode({ venueId: venue.id, ...options });
    const a = await make({ code: 'LISTA', maxUses: 3, now: new Date(now.getTime() + 1) });
    const b = await make({ code: 'LISTB', eventId: world.eventId, now: new Date(now.getTime() + 2) });
    const c = await make({ code: 'LISTC', now: new Date(now.getTime() + 3) });
    await redeem(a);
    await redeem(b);
    await redeem(b);
    await disableCode(db, c.id, now);
    const listed = await listCodes(db, venue.id);
    expect(listed.map((row) => [row.code, row.used])).toEqual([
      ['LISTB', 2],
      ['LISTA', 1],
    ]);
    expect((await listCodes(db, venue.id, { eventId: world.eventId })).map((row) => row.code)).toEqual(['LISTB']);
    expect((await listCodes(db, venue.id, { includeDisabled: true })).map((row) => row.code)).toEqual([
      'LISTC',
      'LISTB',
      'LISTA',
    ]);
  });

  it('makes 10,000 single-use codes in one statement, quickly, and lists, counts and disables them by batch', async () => {
    const venue = await world.services.admin.createVenue({ name: 'Batch Hall', city: 'Kiel', timezone: 'UTC' });
    await newCode({ venueId: venue.id, code: 'FAN00042' });
    const codes = Array.from({ length: 10_000 }, (_, i) => `fan-${String(i).padStart(5, '0')}`);
    const batchId = randomUUID();
    const started = performance.now();
    const made = await createCodeBatch(db, {
      batchId,
      venueId: venue.id,
      eventId: world.eventId,
      kind: 'presale',
      rule: { unlocksTier: 'presale' },
      codes: [...codes, 'FAN-00007'].map(key),
      validFrom: null,
      validUntil: null,
      now,
    });
    const elapsedMs = performance.now() - started;
    console.log(`codes on ${kind}: a batch of 10,000 single-use codes made in ${elapsedMs.toFixed(0)} ms`);
    expect(elapsedMs).toBeLessThan(10_000);
    expect(made).toEqual({ created: 9_999, taken: ['FAN00042', 'FAN00007'] });

    const slots = await db.query<{ shards: number; capacity: number }>(
      `SELECT count(*)::int AS shards, sum(s.capacity)::int AS capacity
       FROM code_use_slots s JOIN codes c ON c.id = s.code_id WHERE c.batch_id = $1`,
      [batchId],
    );
    expect(slots.rows[0]).toEqual({ shards: 9_999, capacity: 9_999 });

    const found = await findCodeForCheckout(db, {
      venueId: venue.id,
      eventId: world.eventId,
      code: 'FAN00123',
      now,
    });
    expect(found).toMatchObject({ usable: true, code: { batch_id: batchId, kind: 'presale', max_uses: 1 } });
    const single = found!.code;
    expect((await redeem(single)).ok).toBe(true);
    expect(await redeem(single)).toEqual({ ok: false, reason: 'exhausted' });

    const exported: string[] = [];
    let used = 0;
    for (let after: string | undefined; ;) {
      const page = await listBatch(db, batchId, { limit: 4_000, ...(after ? { after } : {}) });
      if (page.length === 0) break;
      exported.push(...page.map((row) => row.code));
      used += page.reduce((sum, row) => sum + row.used, 0);
      after = page.at(-1)!.code;
    }
    expect(exported).toHaveLength(9_999);
    expect(exported[0]).toBe('FAN00000');
    expect(new Set(exported).size).toBe(9_999);
    expect(used).toBe(1);
    expect(await listCodes(db, venue.id)).toHaveLength(1);

    expect(await listBatches(db, venue.id)).toEqual([
      {
        batch_id: batchId,
        kind: 'presale',
        event_id: world.eventId,
        codes: 9_999,
        used: 1,
        disabled: 0,
        created_at: now,
      },
    ]);
    expect(await disableBatch(db, batchId, now)).toBe(9_999);
    expect(await findCodeForCheckout(db, { venueId: venue.id, eventId: null, code: 'FAN00124', now })).toBeNull();
    expect((await listBatches(db, venue.id))[0]).toMatchObject({ disabled: 9_999 });
  });
});
