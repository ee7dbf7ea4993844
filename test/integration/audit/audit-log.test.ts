// The audit log on PGlite and real Postgres: an entry commits or rolls back with its change, keeps only what changed,
// cannot be altered or removed, and is found by venue, object, actor and words, newest first, a page at a time.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditEntries } from '../../../cloud/db/audit.ts';
import type { Db } from '../../../cloud/db/port.ts';
import { changedFields, recordStaffAction } from '../../../cloud/services/audit/audit-log.ts';
import type { Principal } from '../../../cloud/services/ports.ts';
import { dbKinds, freshDb } from '../../support/databases.ts';

const venueA = randomUUID();
const venueB = randomUUID();
const manager: Principal = { sub: 'sub-anna', email: 'anna@hall.example', groups: ['venue_manager'] };
const owner: Principal = { sub: 'sub-owner', email: 'owner@example.com', groups: ['admin'] };

describe.each(dbKinds())('audit log on %s', (kind) => {
  let db: Db;
  const t0 = new Date('2027-03-01T10:00:00Z');
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  beforeAll(async () => {
    db = await freshDb(kind);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('commits an entry with its change and loses it with a rolled-back one', async () => {
    await db.transaction(async (tx) => {
      await recordStaffAction(
        tx,
        manager,
        {
          action: 'event.publish',
          objectType: 'event',
          objectId: 'ev-1',
          venueId: venueA,
          summary: 'Published Spring Gala',
          before: { status: 'draft', name: 'Spring Gala' },
          after: { status: 'on_sale', name: 'Spring Gala' },
        },
        at(1),
      );
    });
    await expect(
      db.transaction(async (tx) => {
        await recordStaffAction(
          tx,
          manager,
          { action: 'event.cancel', objectType: 'event', objectId: 'ev-1', venueId: venueA, summary: 'Cancelled' },
          at(2),
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const entries = await searchAuditEntries(db, { objectType: 'event', objectId: 'ev-1', limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'event.publish',
      actor_sub: 'sub-anna',
      actor_email: 'anna@hall.example',
      actor_role: 'venue_manager',
      venue_id: venueA,
      before: { status: 'draft' },
      after: { status: 'on_sale' },
    });
  });

  it('cannot be changed or removed once written', async () => {
    await expect(db.query(`UPDATE audit_log SET summary = 'nothing happened'`)).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect((await searchAuditEntries(db, { limit: 10 })).length).toBeGreaterThan(0);
  });

  it('is found by venue, actor and words, newest first, page by page without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) {
      await db.transaction((tx) =>
        recordStaffAction(
          tx,
          i % 2 === 0 ? owner : manager,
          {
            action: i % 3 === 0 ? 'order.refund' : 'seat.block',
            objectType: i % 3 === 0 ? 'order' : 'seat',
            objectId: `obj-${i}`,
            venueId: i < 5 ? venueA : venueB,
            summary: i % 3 === 0 ? `Refunded order K7Q-${i} for Jo Müller` : `Blocked house seat A-${i}`,
          },
          at(10 + i),
        ),
      );
    }
    const ofB = await searchAuditEntries(db, { venueIds: [venueB], limit: 10 });
    expect(ofB.map((e) => e.object_id)).toEqual(['obj-6', 'obj-5']);
    expect(
      (await searchAuditEntries(db, { actorSub: 'sub-owner', limit: 10 })).every((e) => e.actor_sub === 'sub-owner'),
    ).toBe(true);
    const refunds = await searchAuditEntries(db, { text: 'refund müll', limit: 10 });
    expect(refunds.map((e) => e.object_id)).toEqual(['obj-6', 'obj-3', 'obj-0']);
    expect((await searchAuditEntries(db, { text: 'anna@hall.example', limit: 10 })).length).toBeGreaterThan(0);
    // Text that means something to tsquery is read as words, never as syntax.
    expect(await searchAuditEntries(db, { text: "')|!:* &", limit: 10 })).toHaveLength(8);
    expect(await searchAuditEntries(db, { text: "A-4') | ('x", limit: 10 })).toHaveLength(0);

    const seen: string[] = [];
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const page = await searchAuditEntries(db, { venueIds: [venueA, venueB], limit: 3, ...(after ? { after } : {}) });
      if (page.length === 0) break;
      seen.push(...page.map((e) => e.object_id));
      after = { at: page.at(-1)!.at, id: page.at(-1)!.id };
    }
    expect(seen).toEqual(['obj-6', 'obj-5', 'obj-4', 'obj-3', 'obj-2', 'obj-1', 'obj-0', 'ev-1']);
  });
});

describe('changedFields', () => {
  it('keeps the fields that differ, deeply, and both sides whole on a creation or removal', () => {
    expect(
      changedFields(
        { name: 'A', tiers: [{ id: 1, price: 10 }], same: true },
        { name: 'A', tiers: [{ id: 1, price: 12 }], same: true, added: 1 },
      ),
    ).toEqual({ before: { tiers: [{ id: 1, price: 10 }] }, after: { tiers: [{ id: 1, price: 12 }], added: 1 } });
    expect(changedFields(undefined, { name: 'A' })).toEqual({ before: null, after: { name: 'A' } });
  });
});
