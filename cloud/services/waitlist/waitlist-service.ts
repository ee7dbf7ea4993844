// Waitlists of sold-out events and tiers: join (only when nothing can be held now), leave with the entry's token,
// claim an offer by the token in its email (the answer is the offer's hold, which checkout buys like any other),
// the staff's view of a line, and the offering pass (offering.ts) that housekeeping runs over every line.
import { randomUUID } from 'node:crypto';
import { findEventRow } from '../../db/events.ts';
import { endHold, findHold } from '../../db/inventory/holds.ts';
import type { Db } from '../../db/port.ts';
import {
  endWaitlistOffer,
  findWaitlistOfferSeconds,
  insertWaitlistEntry,
  listEventsToOfferFor,
  listWaitlistLine,
  lockOfferByClaimToken,
  lockOpenOffer,
  lockWaitlistEntry,
  saveWaitlistOfferSeconds,
  setWaitlistEntryState,
} from '../../db/waitlist.ts';
import { DomainError } from '../../domain/errors.ts';
import { eventFor } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import { assertOnSale } from '../../domain/inventory/hold-rules.ts';
import { isSoldOut } from '../../domain/inventory/waitlist-fit.ts';
import type {
  ClaimedWaitlistOffer,
  JoinedWaitlist,
  JoinWaitlist,
  WaitlistLine,
  WaitlistSettings,
} from '../../contract/index.ts';
import type { EventContexts } from '../catalog/event-context.ts';
import { presentHold } from '../inventory/hold-view.ts';
import { publishChanges } from '../inventory/live-changes.ts';
import type { Clock, LiveBus, Principal } from '../ports.ts';
import { offerPass, readWaitlistInventory } from './offering.ts';
import { isWindowOpen } from '../commerce/sales-windows.ts';
import { readSaleGate } from '../../db/sales-windows.ts';
import { hashWaitlistToken, tokenMatches, WaitlistTokens } from './waitlist-tokens.ts';

/** How long an offer stands when its event has no time of its own. */
export const DEFAULT_OFFER_SECONDS = 30 * 60;
/** Lines a housekeeping pass looks at (the rest at the next pass). */
const EVENTS_PER_PASS = 100;

export interface WaitlistDeps {
  db: Db;
  contexts: EventContexts;
  live: LiveBus;
  clock: Clock;
  /** The secret the entry and claim tokens are derived from. */
  tokenKey: Buffer;
}

export class WaitlistService {
  readonly tokens: WaitlistTokens;

  constructor(private readonly deps: WaitlistDeps) {
    this.tokens = new WaitlistTokens(deps.tokenKey);
  }

  async join(eventId: string, request: JoinWaitlist): Promise<JoinedWaitlist> {
    const { db, contexts, clock } = this.deps;
    const context = await contexts.require(eventId);
    const event = await findEventRow(db, eventId);
    const now = clock.now();
    assertOnSale(
      {
        status: event!.status,
        onSaleFrom: event!.on_sale_from,
        onSaleUntil: event!.on_sale_until,
        perOrderLimit: event!.per_order_limit,
      },
      now,
    );
    if (request.quantity > event!.per_order_limit) {
      throw new DomainError(
        'waitlist_quantity_out_of_range',
        `At most ${event!.per_order_limit} tickets per order for this event; ${request.quantity} were asked for.`,
        { field: 'quantity' },
      );
    }
    const tierIndex = request.tierId === undefined ? undefined : context.tierIndexById.get(request.tierId);
    if (request.tierId !== undefined && tierIndex === undefined) {
      throw new DomainError('validation_failed', 'This event has no such price tier.', { field: 'tierId' });
    }
    if (!isSoldOut(await readWaitlistInventory(db, context, now), tierIndex)) {
      throw new DomainError(
        'waitlist_not_sold_out',
        `${tierIndex === undefined ? 'This event' : 'This price tier'} is not sold out: tickets can be bought now.`,
        { field: request.tierId === undefined ? 'eventId' : 'tierId' },
      );
    }
    const id = randomUUID();
    const token = this.tokens.entryToken(id);
    const inserted = await insertWaitlistEntry(db, {
      id,
      event_id: eventId,
      tier_id: request.tierId ?? null,
      email: request.email,
      quantity: request.quantity,
      token_hash: hashWaitlistToken(token),
      joined_at: now,
      locale: request.locale ?? 'en',
    });
    if (inserted === 'duplicate') {
      throw new DomainError('waitlist_already_joined', 'This email is on the waitlist of this event already.', {
        field: 'email',
      });
    }
    return {
      id,
      eventId,
      tierId: request.tierId ?? null,
      quantity: request.quantity,
      state: 'waiting',
      joinedAt: now.toISOString(),
      token,
    };
  }

  /** Leaves the line; an open offer is withdrawn and its seats freed. Leaving twice is not an error. */
  async leave(entryId: string, token: string | undefined): Promise<void> {
    const { db, clock } = this.deps;
    const now = clock.now();
    const freed = await db.transaction(async (tx) => {
      const entry = await lockWaitlistEntry(tx, entryId);
      // A wrong token looks exactly like a missing entry.
      if (!entry || !tokenMatches(token, entry.token_hash)) throw new DomainError('not_found', 'No such entry.');
      if (entry.state !== 'waiting' && entry.state !== 'offered') return null;
      await setWaitlistEntryState(tx, entryId, 'left', now);
      const offer = await lockOpenOffer(tx, entryId);
      if (!offer) return null;
      await endWaitlistOffer(tx, offer.id, 'withdrawn', now);
      return {
        eventId: entry.event_id,
        ended: await endHold(tx, { id: offer.hold_id, event_id: entry.event_id }, now),
      };
    });
    if (freed) {
      const { eventId, ended } = freed;
      await publishChanges(this.deps.live, eventId, ended.seats, ended.ga ? [ended.ga] : []);
    }
  }

  /** The offer's hold and its token, to buy through checkout until the offer expires. */
  async claim(token: string): Promise<ClaimedWaitlistOffer> {
    const { db, contexts, clock } = this.deps;
    const now = clock.now();
    const offer = await db.transaction(async (tx) => {
      const found = await lockOfferByClaimToken(tx, hashWaitlistToken(token));
      if (!found) throw new DomainError('not_found', 'No such offer.');
      if (found.state === 'expired' || found.state === 'withdrawn' || found.expires_at <= now) {
        throw new DomainError(
          'waitlist_offer_expired',
          'This offer has expired; the places went to the next person in line.',
          { field: 'token' },
        );
      }
      if (found.state === 'open') {
        await endWaitlistOffer(tx, found.id, 'claimed', now);
        await setWaitlistEntryState(tx, found.entry_id, 'claimed', now);
      }
      return found;
    });
    const hold = (await findHold(db, offer.hold_id))!;
    const context = await contexts.require(hold.event_id);
    return {
      entryId: offer.entry_id,
      hold: { ...presentHold(context, hold, now), token },
      offerExpiresAt: offer.expires_at.toISOString(),
    };
  }

  /** An event's line in join order, for its venue's staff. */
  async line(eventId: string, principal: Principal | undefined): Promise<WaitlistLine> {
    // The line is the counter's: whoever sells at the venue's box office sees it.
    await eventFor(this.deps.db, principal, 'boxoffice:sell', eventId);
    const [rows, offerSeconds] = await Promise.all([
      listWaitlistLine(this.deps.db, eventId, 5000),
      this.offerSeconds(eventId),
    ]);
    return {
      eventId,
      offerSeconds,
      entries: rows.map((row) => ({
        id: row.id,
        email: row.email,
        quantity: row.quantity,
        tierId: row.tier_id,
        state: row.state,
        joinedAt: row.joined_at.toISOString(),
        offer:
          row.offer_hold_id && row.offer_state && row.offered_at && row.offer_expires_at
            ? {
                holdId: row.offer_hold_id,
                state: row.offer_state,
                offeredAt: row.offered_at.toISOString(),
                expiresAt: row.offer_expires_at.toISOString(),
              }
            : null,
      })),
    };
  }

  async setSettings(eventId: string, settings: WaitlistSettings, principal: Principal | undefined): Promise<void> {
    // How long an offer stands is the event's setting, not the counter's.
    const event = await eventFor(this.deps.db, principal, 'events:manage', eventId);
    const before = await this.offerSeconds(eventId);
    await this.deps.db.transaction(async (tx) => {
      await saveWaitlistOfferSeconds(tx, eventId, settings.offerSeconds);
      await recordStaffAction(
        tx,
        principal!,
        {
          action: 'event.waitlist_settings',
          objectType: 'event',
          objectId: eventId,
          venueId: event.venue_id,
          summary: `Set waitlist offers of ${event.name} to stand ${settings.offerSeconds % 60 === 0 ? `${settings.offerSeconds / 60} min` : `${settings.offerSeconds} s`}`,
          before: { offerSeconds: before },
          after: { offerSeconds: settings.offerSeconds },
        },
        this.deps.clock.now(),
      );
    });
  }

  /** Runs the offering pass over every line with someone waiting or an offer lapsed; returns offers made. */
  async offerFreedPlaces(): Promise<number> {
    const eventIds = await listEventsToOfferFor(this.deps.db, this.deps.clock.now(), EVENTS_PER_PASS);
    let offered = 0;
    const failures: unknown[] = [];
    // One line failing (a lock wait that timed out, say) does not keep the others from their offers this run.
    for (const eventId of eventIds) {
      try {
        offered += await this.offerFor(eventId);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
    return offered;
  }

  /** One pass over one event's line (a no-op when another pass has it now); returns offers made. */
  async offerFor(eventId: string): Promise<number> {
    const { db, contexts, clock, live } = this.deps;
    // An offer is a web sale: made only while the web window is open (the event's stamp comes with it).
    const gate = await readSaleGate(db, eventId, 'web');
    if (!gate) return 0;
    const context = await contexts.event(eventId, gate.settings_version);
    if (!context) return 0;
    const offerSeconds = await this.offerSeconds(eventId);
    const now = clock.now();
    const options = {
      now,
      offerSeconds,
      offering: isWindowOpen(gate.window, now),
      offerUntil: gate.window?.closes_at ?? null,
    };
    const result = await db.transaction((tx) => offerPass(tx, context, this.tokens, options));
    if (!result) return 0;
    await publishChanges(live, eventId, result.seats, result.ga);
    return result.offered;
  }

  private async offerSeconds(eventId: string): Promise<number> {
    return (await findWaitlistOfferSeconds(this.deps.db, eventId)) ?? DEFAULT_OFFER_SECONDS;
  }
}
