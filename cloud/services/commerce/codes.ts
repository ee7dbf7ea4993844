// Promo and presale codes as the event's staff make, list and disable them. A code is stored by its lookup key
// (domain/pricing/code-text.ts), as written (what people are shown) and with its rule as given: a promo code's
// discount and scope, a presale code's name and the tiers it unlocks. Uses are counted by the database
// (db/codes/uses.ts) when an order redeems one.
import { randomUUID } from 'node:crypto';
import {
  createCode,
  createCodeBatch,
  disableBatch,
  disableCode,
  findCode,
  listBatch,
  listBatches,
  listCodes,
  type CodeRow,
} from '../../db/codes/codes.ts';
import { listTiers } from '../../db/events.ts';
import { loadPriceList } from '../../db/commerce/price-lists.ts';
import type { Db, Queryable } from '../../db/port.ts';
import { DomainError } from '../../domain/errors.ts';
import { newAccessCodes } from '../../domain/pricing/access-codes.ts';
import { codeKey } from '../../domain/pricing/code-text.ts';
import type {
  CreatePresaleCode,
  CreatePromoCode,
  CreatedPresaleCode,
  EventCodes,
  PresaleCode,
  PromoCode,
  PromoDiscount,
  PromoScope,
} from '../../contract/index.ts';
import { authorizeStaff } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { Clock, Principal } from '../ports.ts';
import type { CommerceSettings } from './settings.ts';

/** What a code's rule column holds. */
export type PromoCodeRule = { discount: PromoDiscount; scope: PromoScope };
export type PresaleCodeRule = { name: string; unlocksTierIds: string[] };

const invalid = (field: string, message: string) =>
  new DomainError('validation_failed', `${field}: ${message}`, { field, errors: [{ field, message }] });
const iso = (date: Date | null) => date?.toISOString() ?? null;

export function promoView(row: CodeRow, uses: number): PromoCode {
  const rule = row.rule as PromoCodeRule;
  return {
    id: row.id,
    eventId: row.event_id!,
    code: row.display_code ?? row.code,
    discount: rule.discount,
    scope: rule.scope,
    validFrom: iso(row.valid_from),
    validUntil: iso(row.valid_until),
    maxUses: row.max_uses,
    maxUsesPerBuyer: row.max_uses_per_buyer,
    uses,
    createdAt: row.created_at.toISOString(),
  };
}

function presaleView(row: CodeRow, counts: { id: string; kind: PresaleCode['kind']; issued: number; used: number }) {
  const rule = row.rule as PresaleCodeRule;
  return {
    id: counts.id,
    eventId: row.event_id!,
    name: rule.name,
    kind: counts.kind,
    code: counts.kind === 'shared' ? (row.display_code ?? row.code) : null,
    unlocksTierIds: rule.unlocksTierIds,
    validFrom: iso(row.valid_from),
    validUntil: iso(row.valid_until),
    issued: counts.issued,
    used: counts.used,
  } satisfies PresaleCode;
}

export class CodeAdmin {
  constructor(
    private readonly db: Db,
    private readonly settings: CommerceSettings,
    private readonly clock: Clock,
  ) {}

  async createPromo(principal: Principal | undefined, input: CreatePromoCode): Promise<PromoCode> {
    const event = await this.settings.eventFor(principal, input.eventId);
    const tierIds = new Set((await listTiers(this.db, [event.id])).map((tier) => tier.id));
    const typeIds = new Set((await loadPriceList(this.db, event.id))!.ticketTypes.map((type) => type.id));
    input.scope.tierIds?.forEach((tierId, index) => {
      if (!tierIds.has(tierId)) throw invalid(`scope.tierIds.${index}`, 'no such price tier in this event');
    });
    input.scope.ticketTypeIds?.forEach((typeId, index) => {
      if (!typeIds.has(typeId)) throw invalid(`scope.ticketTypeIds.${index}`, 'no such ticket type in this event');
    });
    if (input.discount.kind === 'fixed' && input.discount.currency !== event.currency) {
      throw invalid('discount.currency', `the event is sold in ${event.currency}`);
    }
    const rule: PromoCodeRule = { discount: input.discount, scope: input.scope };
    const now = this.clock.now();
    const created = await this.db.transaction(async (tx) => {
      const made = await createCode(tx, {
        id: randomUUID(),
        venueId: event.venue_id,
        eventId: event.id,
        code: keyOf(input.code),
        displayCode: displayOf(input.code),
        kind: 'promo',
        rule,
        maxUses: input.maxUses,
        maxUsesPerBuyer: input.maxUsesPerBuyer,
        validFrom: input.validFrom === null ? null : new Date(input.validFrom),
        validUntil: input.validUntil === null ? null : new Date(input.validUntil),
        now,
      });
      if (made === 'code_taken') throw codeTaken();
      const view = promoView(made, 0);
      await this.record(tx, principal!, event, now, {
        action: 'code.create',
        objectId: made.id,
        summary: `Made promo code ${view.code} for ${event.name}`,
        after: { code: view.code, discount: view.discount, scope: view.scope, maxUses: view.maxUses },
      });
      return view;
    });
    return created;
  }

  /** A shared presale code, or a batch of single-use codes (each may be redeemed by one order). */
  async createPresale(principal: Principal | undefined, input: CreatePresaleCode): Promise<CreatedPresaleCode> {
    const event = await this.settings.eventFor(principal, input.eventId);
    const tierIds = new Set((await listTiers(this.db, [event.id])).map((tier) => tier.id));
    input.unlocksTierIds.forEach((tierId, index) => {
      if (!tierIds.has(tierId)) throw invalid(`unlocksTierIds.${index}`, 'no such price tier in this event');
    });
    const rule: PresaleCodeRule = { name: input.name, unlocksTierIds: input.unlocksTierIds };
    const window = {
      validFrom: input.validFrom === null ? null : new Date(input.validFrom),
      validUntil: input.validUntil === null ? null : new Date(input.validUntil),
    };
    const now = this.clock.now();
    if (input.issue.kind === 'shared') {
      const shared = input.issue;
      return this.db.transaction(async (tx) => {
        const created = await createCode(tx, {
          id: randomUUID(),
          venueId: event.venue_id,
          eventId: event.id,
          code: keyOf(shared.code),
          displayCode: displayOf(shared.code),
          kind: 'presale',
          rule,
          maxUses: null,
          maxUsesPerBuyer: null,
          ...window,
          now,
        });
        if (created === 'code_taken') throw codeTaken();
        const view = presaleView(created, { id: created.id, kind: 'shared', issued: 1, used: 0 });
        await this.record(tx, principal!, event, now, {
          action: 'code.create',
          objectId: created.id,
          summary: `Made presale code ${view.code} (${input.name}) for ${event.name}`,
          after: { name: input.name, code: view.code, unlocksTierIds: input.unlocksTierIds },
        });
        return { ...view, codes: [created.display_code ?? created.code] };
      });
    }
    const batchId = randomUUID();
    const { count } = input.issue;
    const codes = await this.db.transaction(async (tx) => {
      let wanted = newAccessCodes(count);
      const made: string[] = [];
      // A generated code the venue already has live is made again (rare: 40 random bits a code).
      for (let round = 0; wanted.length > 0; round++) {
        if (round > 5) throw new Error('could not make distinct presale codes');
        const batch = { batchId, venueId: event.venue_id, eventId: event.id, kind: 'presale' as const, rule, now };
        const { taken } = await createCodeBatch(tx, { ...batch, ...window, codes: wanted.map(keyOf) });
        const refused = new Set(taken);
        made.push(...wanted.map(keyOf).filter((code) => !refused.has(code)));
        wanted = newAccessCodes(taken.length);
      }
      await this.record(tx, principal!, event, now, {
        action: 'code.create',
        objectId: batchId,
        summary: `Made ${made.length} single-use presale codes (${input.name}) for ${event.name}`,
        after: { name: input.name, issued: made.length, unlocksTierIds: input.unlocksTierIds },
      });
      return made;
    });
    const first = await listBatch(this.db, batchId, { limit: 1 });
    const row = (await findCode(this.db, first[0]!.id))!;
    return {
      ...presaleView(row, { id: batchId, kind: 'single_use', issued: codes.length, used: 0 }),
      codes: codes.sort(),
    };
  }

  /** The event's live promo codes and presale codes (batches as one), with their uses. */
  async list(principal: Principal | undefined, eventId: string): Promise<EventCodes> {
    const event = await this.settings.eventFor(principal, eventId);
    const singles = await listCodes(this.db, event.venue_id, { eventId });
    const promoCodes = singles.filter((row) => row.kind === 'promo').map((row) => promoView(row, row.used));
    const presaleCodes: PresaleCode[] = singles
      .filter((row) => row.kind === 'presale')
      .map((row) => presaleView(row, { id: row.id, kind: 'shared', issued: 1, used: row.used }));
    for (const batch of await listBatches(this.db, event.venue_id)) {
      if (batch.event_id !== eventId || batch.disabled === batch.codes) continue;
      const first = await listBatch(this.db, batch.batch_id, { limit: 1 });
      const row = (await findCode(this.db, first[0]!.id))!;
      presaleCodes.push(
        presaleView(row, { id: batch.batch_id, kind: 'single_use', issued: batch.codes, used: batch.used }),
      );
    }
    return { promoCodes, presaleCodes };
  }

  /** Disables a code, or every code of a batch (by the batch's id); it is no longer accepted at checkout. */
  async disable(principal: Principal | undefined, codeId: string): Promise<void> {
    authorizeStaff(principal, 'events:manage');
    const code = (await findCode(this.db, codeId)) ?? (await this.firstOfBatch(codeId));
    if (!code) throw new DomainError('not_found', 'No such code.');
    const staff = authorizeStaff(principal, 'events:manage', code.venue_id);
    const now = this.clock.now();
    const shown = code.display_code ?? code.code;
    await this.db.transaction(async (tx) => {
      const disabled =
        code.id === codeId ? Number(await disableCode(tx, codeId, now)) : await disableBatch(tx, codeId, now);
      if (disabled === 0) return;
      await this.record(tx, staff, { id: code.event_id ?? code.venue_id, venue_id: code.venue_id }, now, {
        action: 'code.disable',
        objectId: codeId,
        summary: code.id === codeId ? `Disabled code ${shown}` : `Disabled ${disabled} single-use presale codes`,
        before: { disabled: false },
        after: { disabled: true },
      });
    });
  }

  private record(
    tx: Queryable,
    staff: Principal,
    event: { id: string; venue_id: string },
    now: Date,
    entry: {
      action: string;
      objectId: string;
      summary: string;
      before?: Record<string, unknown>;
      after: Record<string, unknown>;
    },
  ) {
    const { action, objectId, summary, before, after } = entry;
    return recordStaffAction(
      tx,
      staff,
      {
        action,
        objectType: 'code',
        objectId,
        venueId: event.venue_id,
        summary,
        before,
        after: { ...after, eventId: event.id },
      },
      now,
    );
  }

  private async firstOfBatch(batchId: string): Promise<CodeRow | null> {
    const [first] = await listBatch(this.db, batchId, { limit: 1 });
    return first ? findCode(this.db, first.id) : null;
  }
}

/** The code as the organizer wrote it, for people: trimmed, upper case, inner spaces as one. */
function displayOf(typed: string): string {
  return typed.trim().replace(/\s+/g, ' ').toUpperCase();
}

function keyOf(typed: string): string {
  const key = codeKey(typed);
  if (!key) throw invalid('code', '3 to 32 letters and digits');
  return key;
}

const codeTaken = () =>
  new DomainError('code_taken', 'The venue already has a live code with this text.', { field: 'code' });
