// Holds: take seats (explicit, best available) or standing places for one buyer, show, extend once, release,
// and sweep expired ones. Every change is committed before it is published to the live seat view.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/port.ts';
import { findEventRow, type EventRow } from '../../db/events.ts';
import { findUnavailableSeatIds, readSeatStatusCodes, type SeatChangeRow } from '../../db/inventory/seats.ts';
import {
  endHold,
  extendHoldExpiry,
  findHold,
  holdSeats,
  insertGaHold,
  markAllotment,
  lockExpiredHolds,
  type EndedHold,
  type HoldRow,
  type NewHold,
} from '../../db/inventory/holds.ts';
import { expireGaHolds, takeGaPlaces } from '../../db/inventory/standing.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  assertOnSale,
  assertWithinOrderLimit,
  effectiveHoldState,
  extendedExpiry,
  holdExpiresAt,
  type HoldLife,
  type SaleWindow,
} from '../../domain/inventory/hold-rules.ts';
import { findBestAvailable } from '../../domain/inventory/best-available.ts';
import type { CreateHold, CreatedHold, Hold } from '../../contract/index.ts';
import type { Clock, LiveBus, Principal } from '../ports.ts';
import { priceOfSeats, seatNosOf, type EventContext, type EventContexts } from '../catalog/event-context.ts';
import { publishChanges, type GaChange } from './live-changes.ts';
import { assertActsForVenue } from '../orders/order-access.ts';

const BEST_AVAILABLE_ATTEMPTS = 5;

export interface HoldAccess {
  /** The token returned when the hold was created. */
  token?: string;
  principal?: Principal;
}

type HoldBase = Omit<NewHold, 'totalAmount'>;

const lifeOf = (hold: HoldRow): HoldLife => ({
  state: hold.state,
  expiresAt: hold.expires_at,
  extended: hold.extended,
});

/** The row a just-committed hold has, without reading it back. */
const newHoldRow = (
  base: HoldBase,
  totalAmount: number,
  what: Partial<Pick<HoldRow, 'seat_nos' | 'ga_section_id' | 'ga_quantity'>>,
): HoldRow => ({
  id: base.holdId,
  event_id: base.eventId,
  token_hash: base.tokenHash,
  owner_sub: base.ownerSub,
  state: 'active',
  kind: 'standard',
  seat_nos: [],
  ga_section_id: null,
  ga_quantity: null,
  ...what,
  total_amount: totalAmount,
  currency: base.currency,
  expires_at: base.expiresAt,
  extended: false,
  created_at: base.now,
});

const saleWindowOf = (event: EventRow): SaleWindow => ({
  status: event.status,
  onSaleFrom: event.on_sale_from,
  onSaleUntil: event.on_sale_until,
  perOrderLimit: event.per_order_limit,
});

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class HoldService {
  constructor(
    private readonly db: Db,
    private readonly contexts: EventContexts,
    private readonly live: LiveBus,
    private readonly clock: Clock,
  ) {}

  async create(eventId: string, request: CreateHold, principal?: Principal): Promise<CreatedHold> {
    const context = await this.contexts.require(eventId);
    const now = this.clock.now();
    const event = context.event;
    assertActsForVenue(principal, event.venue_id);
    const quantity = request.seatIds?.length ?? request.bestAvailable?.quantity ?? request.ga?.quantity ?? 0;
    assertWithinOrderLimit({ perOrderLimit: event.per_order_limit }, quantity);

    const token = randomBytes(24).toString('base64url');
    const base = {
      holdId: randomUUID(),
      eventId,
      tokenHash: hashToken(token),
      ownerSub: principal?.sub ?? null,
      currency: event.currency,
      now,
      expiresAt: holdExpiresAt(now, event.hold_ttl_seconds),
    };

    let hold: HoldRow;
    if (request.ga) hold = await this.holdGa(context, base, request.ga.sectionId, request.ga.quantity);
    else if (request.seatIds) hold = await this.holdExplicit(context, base, request.seatIds);
    else hold = await this.holdBestAvailable(context, base, request.bestAvailable!);
    return { ...this.present(context, hold, now), token };
  }

  /**
   * An allotment: seats a box office (the device, or a clerk) reserves until sales end, to sell at the counter — also
   * while offline. It is a hold of theirs with a long expiry; orders take seats out of it.
   */
  async createAllotment(eventId: string, seatIds: string[], principal: Principal | undefined): Promise<CreatedHold> {
    if (!principal || !principal.groups.some((g) => g === 'boxoffice' || g === 'clerk' || g === 'admin')) {
      throw new DomainError(principal ? 'forbidden' : 'unauthorized', 'Allotments are for the box office.');
    }
    const context = await this.contexts.require(eventId);
    assertActsForVenue(principal, context.event.venue_id);
    const { layout } = context.seatMap;
    const seatNos = seatNosOf(context, seatIds, 'seatIds').sort((a, b) => a - b);
    const now = this.clock.now();
    const token = randomBytes(24).toString('base64url');
    const totalAmount = priceOfSeats(context, seatNos);
    const base = {
      holdId: randomUUID(),
      eventId,
      tokenHash: hashToken(token),
      ownerSub: principal.sub,
      currency: context.event.currency,
      now,
      expiresAt: context.event.on_sale_until,
    };
    const outcome = await this.db.transaction(async (tx) => {
      const result = await holdSeats(
        tx,
        { ...base, totalAmount },
        seatNos.map((n) => layout.seatIds[n]!),
      );
      if (result.outcome === 'held') await markAllotment(tx, base.holdId);
      return result;
    });
    if (outcome.outcome === 'not_on_sale') {
      await this.explainRefusal(context, now);
      throw new DomainError('event_not_on_sale', 'This event is not on sale.');
    }
    if (outcome.outcome === 'unavailable') {
      throw new DomainError(
        'seats_unavailable',
        `Some seats are not available: ${outcome.seatIds.slice(0, 10).join(', ')}.`,
        {
          seatIds: outcome.seatIds,
        },
      );
    }
    await this.publish(eventId, outcome.seats, []);
    const row = { ...newHoldRow(base, totalAmount, { seat_nos: seatNos }), kind: 'allotment' as const };
    return { ...this.present(context, row, now), token };
  }

  async get(holdId: string, access: HoldAccess): Promise<Hold> {
    const hold = await this.authorize(holdId, access);
    const context = await this.contexts.require(hold.event_id);
    return this.present(context, hold, this.clock.now());
  }

  async extend(holdId: string, access: HoldAccess): Promise<Hold> {
    const existing = await this.authorize(holdId, access);
    const context = await this.contexts.require(existing.event_id);
    const now = this.clock.now();
    const expiresAt = extendedExpiry(lifeOf(existing), now, context.event.hold_ttl_seconds);
    const extended = await this.db.transaction((tx) => extendHoldExpiry(tx, holdId, expiresAt, now));
    if (!extended) {
      // Lost a race with expiry, release or another extension: report what the hold is now.
      const current = (await findHold(this.db, holdId))!;
      extendedExpiry(lifeOf(current), now, context.event.hold_ttl_seconds);
      throw new DomainError('conflict', 'This hold changed while it was being extended; try again.', {
        retryable: true,
      });
    }
    return this.present(context, { ...existing, expires_at: expiresAt, extended: true }, now);
  }

  /** Releases what the hold still holds. Releasing a hold that already ended is a no-op, not an error. */
  async release(holdId: string, access: HoldAccess): Promise<void> {
    const hold = await this.authorize(holdId, access);
    if (hold.state === 'converted') {
      throw new DomainError('hold_not_active', 'This hold became an order; refund the order instead.');
    }
    // end_hold() only ends a hold that is still active, so a conversion racing with this release wins cleanly.
    const ended = await endHold(this.db, hold, this.clock.now());
    await this.publish(hold.event_id, ended.seats, ended.ga ? [ended.ga] : []);
  }

  /** Ends expired holds in batches and frees their seats and places. Returns how many holds it ended. */
  async sweepExpired(batchSize = 500): Promise<number> {
    const now = this.clock.now();
    let total = 0;
    for (;;) {
      const batch = await this.db.transaction(async (tx) => {
        const holds = await lockExpiredHolds(tx, now, batchSize);
        const ended: { eventId: string; result: EndedHold }[] = [];
        for (const hold of holds) ended.push({ eventId: hold.event_id, result: await endHold(tx, hold, now) });
        return ended;
      });
      const byEvent = new Map<string, EndedHold[]>();
      for (const { eventId, result } of batch) byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), result]);
      for (const [eventId, results] of byEvent) {
        await this.publish(
          eventId,
          results.flatMap((r) => r.seats),
          results.flatMap((r) => (r.ga ? [r.ga] : [])),
        );
      }
      total += batch.length;
      if (batch.length < batchSize) return total;
    }
  }

  private async holdExplicit(context: EventContext, base: HoldBase, seatIds: string[]): Promise<HoldRow> {
    const seatNos = seatNosOf(context, seatIds, 'seatIds');
    const held = await this.tryHoldSeats(context, base, seatNos);
    if (!Array.isArray(held)) return held;
    // Normally named by the hold statement itself; looked up again only if the seats changed in between.
    const unavailable =
      held.length > 0 ? held : await findUnavailableSeatIds(this.db, context.event.id, seatIds, base.now);
    if (unavailable.length === 0)
      throw new DomainError('contention', 'The event changed while your seats were being held; try again.');
    throw new DomainError(
      'seats_unavailable',
      `${unavailable.length === 1 ? 'A seat is' : 'Some seats are'} no longer available: ${unavailable.join(', ')}.`,
      {
        seatIds: unavailable,
      },
    );
  }

  private async holdBestAvailable(
    context: EventContext,
    base: HoldBase,
    request: NonNullable<CreateHold['bestAvailable']>,
  ): Promise<HoldRow> {
    const tierIndex = request.tierId === undefined ? undefined : context.tierIndexById.get(request.tierId);
    if (request.tierId !== undefined && tierIndex === undefined) {
      throw new DomainError('validation_failed', 'This event has no such price tier.', {
        field: 'bestAvailable.tierId',
        errors: [{ field: 'bestAvailable.tierId', message: 'no such price tier for this event' }],
      });
    }
    for (let attempt = 0; attempt < BEST_AVAILABLE_ATTEMPTS; attempt++) {
      const codes = await readSeatStatusCodes(this.db, context.event.id, base.now);
      const free = new Uint8Array(codes.length);
      for (let i = 0; i < codes.length; i++) free[i] = codes.charCodeAt(i) === 48 ? 1 : 0;
      const seatNos = findBestAvailable(
        context.seatMap.layout,
        { free, tierOf: context.tierOf, tierRank: context.tierRank },
        {
          quantity: request.quantity,
          ...(tierIndex !== undefined ? { tierIndex } : {}),
          ...(request.accessible ? { accessible: true } : {}),
        },
      );
      if (!seatNos) break;
      const held = await this.tryHoldSeats(context, base, seatNos);
      // Someone took one of those seats between our read and our hold: look again.
      if (!Array.isArray(held)) return held;
    }
    // The cached context does not know the event's current status; if that is why, say so.
    await this.explainRefusal(context, base.now);
    throw new DomainError(
      'no_adjacent_seats',
      `No ${request.quantity} seats together are available${request.tierId ? ' in that price tier' : ''}${request.accessible ? ' with wheelchair access' : ''}. Try fewer seats or another tier.`,
    );
  }

  /** The hold, or the ids of the seats that stood in its way. Throws when the event is not on sale. */
  private async tryHoldSeats(context: EventContext, base: HoldBase, seatNos: number[]): Promise<HoldRow | string[]> {
    const { layout } = context.seatMap;
    // Seat-map order is the lock order every hold uses.
    seatNos = [...seatNos].sort((a, b) => a - b);
    const totalAmount = priceOfSeats(context, seatNos);
    const seatIds = seatNos.map((seatNo) => layout.seatIds[seatNo]!);
    const result = await holdSeats(this.db, { ...base, totalAmount }, seatIds);
    if (result.outcome === 'not_on_sale') {
      await this.explainRefusal(context, base.now);
      return [];
    }
    if (result.outcome === 'unavailable') return result.seatIds;
    await this.publish(context.event.id, result.seats, []);
    return newHoldRow(base, totalAmount, { seat_nos: seatNos });
  }

  private async holdGa(context: EventContext, base: HoldBase, sectionId: string, quantity: number): Promise<HoldRow> {
    const section = context.ga.find((ga) => ga.section_id === sectionId);
    if (!section) {
      throw new DomainError('validation_failed', 'This event has no such standing section.', {
        field: 'ga.sectionId',
        errors: [{ field: 'ga.sectionId', message: 'no such general admission section for this event' }],
      });
    }
    const unitPrice = context.tiers[context.tierIndexById.get(section.tier_id)!]!.price_amount;
    const hold = { ...base, totalAmount: unitPrice * quantity };
    const remaining = await this.db.transaction(async (tx) => {
      let taken = await takeGaPlaces(tx, base.eventId, sectionId, quantity, base.now);
      if (!taken && (await expireGaHolds(tx, base.eventId, sectionId, base.now)) > 0) {
        taken = await takeGaPlaces(tx, base.eventId, sectionId, quantity, base.now);
      }
      if (!taken) return null;
      await insertGaHold(tx, hold, sectionId, quantity);
      return taken.remaining;
    });
    if (remaining === null) {
      await this.explainRefusal(context, base.now);
      throw new DomainError('ga_unavailable', `Not enough standing places left in ${sectionId} for ${quantity}.`);
    }
    await this.publish(base.eventId, [], [{ section_id: sectionId, remaining }]);
    return newHoldRow(base, hold.totalAmount, { ga_section_id: sectionId, ga_quantity: quantity });
  }

  /** The hold statement refused: if the event is the reason, say so (read fresh, not from the cache). */
  private async explainRefusal(context: EventContext, now: Date): Promise<void> {
    const fresh = await findEventRow(this.db, context.event.id);
    if (!fresh) throw new DomainError('not_found', 'No such event.');
    assertOnSale(saleWindowOf(fresh), now);
  }

  /** The hold if the caller owns it; a wrong or missing token looks exactly like a missing hold. */
  async authorize(holdId: string, access: HoldAccess): Promise<HoldRow> {
    const hold = await findHold(this.db, holdId);
    const notFound = new DomainError('not_found', 'No such hold.');
    if (!hold) throw notFound;
    if (access.principal && hold.owner_sub && access.principal.sub === hold.owner_sub) return hold;
    if (access.token) {
      const given = Buffer.from(hashToken(access.token), 'hex');
      const stored = Buffer.from(hold.token_hash, 'hex');
      if (given.length === stored.length && timingSafeEqual(given, stored)) return hold;
    }
    throw notFound;
  }

  private present(context: EventContext, hold: HoldRow, now: Date): Hold {
    const { layout } = context.seatMap;
    const seats = context.seatMap.content.seats;
    const money = (amount: number) => ({ amount, currency: hold.currency });
    const gaTier = hold.ga_section_id
      ? context.ga.find((ga) => ga.section_id === hold.ga_section_id)?.tier_id
      : undefined;
    const gaTierRow = gaTier ? context.tiers[context.tierIndexById.get(gaTier)!] : undefined;
    return {
      id: hold.id,
      eventId: hold.event_id,
      kind: hold.kind,
      status: effectiveHoldState(lifeOf(hold), now),
      seats: hold.seat_nos.map((seatNo) => {
        const seat = seats[seatNo]!;
        const tier = context.tiers[context.tierOf[seatNo]!]!;
        return {
          seatId: layout.seatIds[seatNo]!,
          sectionId: seat.sectionId,
          row: seat.row,
          number: seat.number,
          tierId: tier.id,
          price: money(tier.price_amount),
        };
      }),
      ga:
        hold.ga_section_id && hold.ga_quantity && gaTierRow
          ? {
              sectionId: hold.ga_section_id,
              quantity: hold.ga_quantity,
              tierId: gaTierRow.id,
              unitPrice: money(gaTierRow.price_amount),
            }
          : null,
      total: money(hold.total_amount),
      expiresAt: hold.expires_at.toISOString(),
      extended: hold.extended,
      createdAt: hold.created_at.toISOString(),
    };
  }

  private publish(eventId: string, seats: SeatChangeRow[], ga: GaChange[]): Promise<void> {
    return publishChanges(this.live, eventId, seats, ga);
  }
}
