// Codes for tests and benchmarks: a venue to hang them on, and a code made with every field defaulted (an unlimited
// promo code with a fresh text, valid for any event at any time) unless the caller says otherwise.
import { randomUUID } from 'node:crypto';
import { createCode, type CodeRow, type NewCode } from '../../cloud/db/codes/codes.ts';
import type { Queryable } from '../../cloud/db/port.ts';

/** A venue row alone (no seat map, no events): enough for codes valid at any event of it. */
export async function insertVenue(db: Queryable, name = 'Code Hall'): Promise<string> {
  const venueId = randomUUID();
  await db.query(`INSERT INTO venues (id, name, city, timezone) VALUES ($1, $2, 'Leeds', 'Europe/London')`, [
    venueId,
    name,
  ]);
  return venueId;
}

export async function makeCode(
  db: Queryable,
  code: Partial<NewCode> & { venueId: string; now: Date },
): Promise<CodeRow> {
  const made = await createCode(db, {
    id: randomUUID(),
    eventId: null,
    code: `T${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
    kind: 'promo',
    rule: { percentOff: 10 },
    maxUses: null,
    maxUsesPerBuyer: null,
    validFrom: null,
    validUntil: null,
    ...code,
  });
  if (made === 'code_taken') throw new Error(`code ${code.code ?? ''} taken`);
  return made;
}
