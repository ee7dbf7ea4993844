// Holds: take seats (explicit, best available) or standing places for one buyer, show, extend once, release,
// and sweep expired ones. Every change is committed before it is published to the live seat view. How seats and
// standing places are taken lives in seat-holds.ts and standing-holds.ts; allotments in allotments.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type EndedHold,
  endHold,
  extendHoldExpiry,
  findHold,
  type HoldRow,
  lockExpiredHolds,
  setHoldPresaleCode,
} from '../../db/inventory/holds.ts';
import { DomainError } from '../../domain/errors.ts';
import { assertWithinOrderLimit, extendedExpiry, holdExpiresAt } from '../../domain/inventory/hold-rules.ts';
import type { CreateHold, CreatedHold, Hold } from '../../contract/index.ts';
import { noMeter, type Meter } from '../metrics.ts';
import type { Principal } from '../ports.ts';
import { authorizeHold, hashHoldToken, type HoldAccess } from '../access/hold-access.ts';
import { assertActsForVenue, channelOf } from '../access/venue-access.ts';
import { lifeOf, publish, type HoldDeps } from './hold-deps.ts';
import { presentHold } from './hold-view.ts';
import { holdBestAvailable, holdExplicit } from './seat-holds.ts';
import { holdGa } from './standing-holds.ts';
import { assertTiersOpen, presaleGrant } from '../commerce/presale-access.ts';
import { assertSalesWindowOpen, saleGate } from '../commerce/sales-windows.ts';
import type { AdmissionHeaders } from '../queue/queue-gate.ts';

export class HoldService {
  constructor(
    private readonly deps: HoldDeps,
    private readonly meter: Meter = noMeter,
  ) {}

  async create(
    eventId: string,
    request: CreateHold,
    principal?: Principal,
    admission: AdmissionHeaders = {},
  ): Promise<CreatedHold> {
    const { deps } = this;
    const channel = channelOf(principal);
    // The channel's window and the event's settings stamp in one read: the cached event is current for this sale.
    const gate = await saleGate(deps.db, eventId, channel);
    const context = await deps.contexts.require(eventId, gate.settings_version);
    const now = deps.clock.now();
    const event = context.event;
    assertActsForVenue(principal, event.venue_id);
    const quantity = request.seatIds?.length ?? request.bestAvailable?.quantity ?? request.ga?.quantity ?? 0;
    assertWithinOrderLimit({ perOrderLimit: event.per_order_limit }, quantity);
    // The on-sale: a queued event's web sale needs its admission, whose presale code (if any) counts as typed here.
    const admitted =
      (await deps.queueGate?.check(eventId, channel, gate.settings_version, admission, principal?.sub)) ?? null;
    const typedCode = request.presaleCode ?? (await deps.queueGate?.presaleCodeOf(admitted)) ?? undefined;
    // Tiers sold only with a presale code stay closed without one that unlocks them.
    const presale = await presaleGrant(deps.db, context, typedCode, now);
    assertTiersOpen(context, request, presale.lockedTiers);
    // The channel's own sales window (web, kiosk, box office), when the event sets one.
    assertSalesWindowOpen(gate.window, channel, now, presale.salesOpenFrom);

    const token = randomBytes(24).toString('base64url');
    const base = {
      holdId: randomUUID(),
      eventId,
      tokenHash: hashHoldToken(token),
      ownerSub: principal?.sub ?? null,
      currency: event.currency,
      now,
      expiresAt: holdExpiresAt(now, event.hold_ttl_seconds),
      salesOpenFrom: presale.salesOpenFrom,
    };

    let hold: HoldRow;
    if (request.ga) hold = await holdGa(deps, context, base, request.ga.sectionId, request.ga.quantity);
    else if (request.seatIds) hold = await holdExplicit(deps, context, base, request.seatIds);
    else hold = await holdBestAvailable(deps, context, base, request.bestAvailable!, presale.lockedTiers);
    if (presale.codeId) {
      await setHoldPresaleCode(deps.db, hold.id, presale.codeId);
      hold = { ...hold, presale_code_id: presale.codeId };
    }
    if (admitted) {
      // Let in by the waiting room: its checkout trusts this mark (an admission running out mid-checkout is no loss).
      // The mark keeps the buyer's place to one basket of seats; a hold past it is let go again and refused.
      const made = hold;
      await deps.queueGate!.admitHold({ id: made.id, eventId }, admitted, event.per_order_limit, async () => {
        const ended = await endHold(deps.db, made, now);
        await publish(deps, eventId, ended.seats, ended.ga ? [ended.ga] : []);
      });
      hold = { ...hold, queue_admitted: true };
    }
    this.meter.count('HoldsCreated');
    return { ...presentHold(context, hold, now), token };
  }

  async get(holdId: string, access: HoldAccess): Promise<Hold> {
    const hold = await authorizeHold(this.deps.db, holdId, access);
    const context = await this.deps.contexts.require(hold.event_id);
    return presentHold(context, hold, this.deps.clock.now());
  }

  async extend(holdId: string, access: HoldAccess): Promise<Hold> {
    const { db, contexts, clock } = this.deps;
    const existing = await authorizeHold(db, holdId, access);
    const context = await contexts.require(existing.event_id);
    const now = clock.now();
    const expiresAt = extendedExpiry(lifeOf(existing), now, context.event.hold_ttl_seconds);
    const extended = await db.transaction((tx) => extendHoldExpiry(tx, holdId, expiresAt, now));
    if (!extended) {
      // Lost a race with expiry, release or another extension: report what the hold is now.
      const current = (await findHold(db, holdId))!;
      extendedExpiry(lifeOf(current), now, context.event.hold_ttl_seconds);
      throw new DomainError('conflict', 'This hold changed while it was being extended; try again.', {
        retryable: true,
      });
    }
    return presentHold(context, { ...existing, expires_at: expiresAt, extended: true }, now);
  }

  /** Releases what the hold still holds. Releasing a hold that already ended is a no-op, not an error. */
  async release(holdId: string, access: HoldAccess): Promise<void> {
    const hold = await authorizeHold(this.deps.db, holdId, access);
    if (hold.state === 'converted') {
      throw new DomainError('hold_not_active', 'This hold became an order; refund the order instead.');
    }
    // end_hold() only ends a hold that is still active, so a conversion racing with this release wins cleanly.
    const ended = await endHold(this.deps.db, hold, this.deps.clock.now());
    await publish(this.deps, hold.event_id, ended.seats, ended.ga ? [ended.ga] : []);
  }

  /** Ends expired holds in batches and frees their seats and places. Returns how many holds it ended. */
  async sweepExpired(batchSize = 500): Promise<number> {
    const { db, clock } = this.deps;
    const now = clock.now();
    let total = 0;
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        const holds = await lockExpiredHolds(tx, now, batchSize);
        const ended: { eventId: string; result: EndedHold }[] = [];
        for (const hold of holds) ended.push({ eventId: hold.event_id, result: await endHold(tx, hold, now) });
        return ended;
      });
      const byEvent = new Map<string, EndedHold[]>();
      for (const { eventId, result } of batch) byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), result]);
      for (const [eventId, results] of byEvent) {
        await publish(
          this.deps,
          eventId,
          results.flatMap((r) => r.seats),
          results.flatMap((r) => (r.ga ? [r.ga] : [])),
        );
      }
      total += batch.length;
      if (batch.length < batchSize) return total;
    }
  }
}
