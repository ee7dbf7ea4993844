// Commerce settings an event's or venue's staff keep: the price list (ticket types, tier × type prices, tiers sold
// only with a presale code), fees, the buyer refund policy, and the venue's tax. Each change is checked against the
// event (its tiers, its currency), replaces the setting as a whole and is written to the audit log in its transaction.
// Events' settings need events:manage at the event's venue, a venue's tax venue:manage (staff-access.ts).
import { setTierPrices } from '../../db/admin-events.ts';
import { listTiers, type EventRow } from '../../db/events.ts';
import {
  loadFeeSettings,
  loadRefundPolicy,
  saveFeeSettings,
  saveRefundPolicy,
} from '../../db/commerce/event-settings.ts';
import { loadPriceList, replacePriceList, ticketTypesOfOtherEvents } from '../../db/commerce/price-lists.ts';
import { loadVenueTax, saveVenueTax } from '../../db/commerce/taxes.ts';
import type { Db, Queryable } from '../../db/port.ts';
import { findVenue } from '../../db/venues.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  PriceList,
  type FeeSettings,
  type RefundPolicy,
  type SetPriceList,
  type TaxSettings,
} from '../../contract/index.ts';
import { authorizeStaff, eventFor } from '../access/staff-access.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { Clock, Principal } from '../ports.ts';

const invalid = (field: string, message: string) =>
  new DomainError('validation_failed', `${field}: ${message}`, { field, errors: [{ field, message }] });

export class CommerceSettings {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Told when an event's tiers changed (their shown prices), so this process's cached copy is dropped. */
    private readonly tiersChanged: (eventId: string) => void = () => {},
  ) {}

  /** The event, after checking that the principal may manage events of its venue. */
  async eventFor(principal: Principal | undefined, eventId: string): Promise<EventRow> {
    return eventFor(this.db, principal, 'events:manage', eventId);
  }

  /** Records a change of one of the event's (or venue's) settings, in the change's transaction. */
  private audit(
    tx: Queryable,
    principal: Principal | undefined,
    object: { type: 'event' | 'venue'; id: string; venueId: string; name: string },
    setting: { action: string; words: string; before: unknown; after: unknown },
  ) {
    return recordStaffAction(
      tx,
      principal!,
      {
        action: setting.action,
        objectType: object.type,
        objectId: object.id,
        venueId: object.venueId,
        summary: `Changed the ${setting.words} of ${object.name}`,
        before: { [setting.words]: setting.before },
        after: { [setting.words]: setting.after },
      },
      this.clock.now(),
    );
  }

  private eventObject = (event: EventRow) =>
    ({ type: 'event', id: event.id, venueId: event.venue_id, name: event.name }) as const;

  async priceList(principal: Principal | undefined, eventId: string): Promise<PriceList> {
    await this.eventFor(principal, eventId);
    return (await loadPriceList(this.db, eventId))!;
  }

  /** Replaces the price list: every price names a tier of the event and a type of the list, in its currency. */
  async setPriceList(principal: Principal | undefined, eventId: string, input: SetPriceList): Promise<PriceList> {
    const event = await this.eventFor(principal, eventId);
    const tierIds = new Set((await listTiers(this.db, [eventId])).map((tier) => tier.id));
    const typeIds = new Set(input.ticketTypes.map((type) => type.id));
    input.entries.forEach((entry, index) => {
      if (!tierIds.has(entry.tierId)) throw invalid(`entries.${index}.tierId`, 'no such price tier in this event');
      if (!typeIds.has(entry.ticketTypeId)) {
        throw invalid(`entries.${index}.ticketTypeId`, 'no such ticket type in this price list');
      }
      if (entry.currency !== event.currency) {
        throw invalid(`entries.${index}.currency`, `the event is sold in ${event.currency}`);
      }
    });
    input.hiddenTierIds.forEach((tierId, index) => {
      if (!tierIds.has(tierId)) throw invalid(`hiddenTierIds.${index}`, 'no such price tier in this event');
    });
    const taken = await ticketTypesOfOtherEvents(this.db, eventId, [...typeIds]);
    if (taken.length > 0) {
      const index = input.ticketTypes.findIndex((type) => type.id === taken[0]);
      throw invalid(`ticketTypes.${index}.id`, 'this id is a ticket type of another event');
    }
    const parsed = PriceList.safeParse({ eventId, currency: event.currency, ...input });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalid(issue.path.map(String).join('.') || 'ticketTypes', issue.message);
    }
    const before = await loadPriceList(this.db, eventId);
    // A tier's shown price is its adult price: the shop's legend and the list's "from" price follow the price list.
    const adult = parsed.data.ticketTypes.find((type) => type.kind === 'adult')!;
    const adultPrices = parsed.data.entries
      .filter((entry) => entry.ticketTypeId === adult.id)
      .map((entry) => ({ tierId: entry.tierId, amount: entry.amount }));
    await this.db.transaction(async (tx) => {
      await replacePriceList(tx, parsed.data);
      await setTierPrices(tx, eventId, adultPrices);
      await this.audit(tx, principal, this.eventObject(event), {
        action: 'event.price_list',
        words: 'price list',
        before: before && priceLines(before),
        after: priceLines(parsed.data),
      });
    });
    this.tiersChanged(eventId);
    return (await loadPriceList(this.db, eventId))!;
  }

  async fees(principal: Principal | undefined, eventId: string): Promise<FeeSettings> {
    await this.eventFor(principal, eventId);
    return (await loadFeeSettings(this.db, eventId))!;
  }

  async setFees(principal: Principal | undefined, eventId: string, fees: FeeSettings): Promise<FeeSettings> {
    const event = await this.eventFor(principal, eventId);
    if (fees.currency !== event.currency) throw invalid('currency', `the event is sold in ${event.currency}`);
    const before = await loadFeeSettings(this.db, eventId);
    await this.db.transaction(async (tx) => {
      await saveFeeSettings(tx, eventId, fees);
      await this.audit(tx, principal, this.eventObject(event), {
        action: 'event.fees',
        words: 'fees',
        before,
        after: fees,
      });
    });
    return (await loadFeeSettings(this.db, eventId))!;
  }

  async refundPolicy(principal: Principal | undefined, eventId: string): Promise<RefundPolicy> {
    await this.eventFor(principal, eventId);
    return (await loadRefundPolicy(this.db, eventId))!;
  }

  async setRefundPolicy(
    principal: Principal | undefined,
    eventId: string,
    policy: RefundPolicy,
  ): Promise<RefundPolicy> {
    const event = await this.eventFor(principal, eventId);
    const before = await loadRefundPolicy(this.db, eventId);
    await this.db.transaction(async (tx) => {
      await saveRefundPolicy(tx, event, policy);
      await this.audit(tx, principal, this.eventObject(event), {
        action: 'event.refund_policy',
        words: 'refund policy',
        before,
        after: policy,
      });
    });
    return (await loadRefundPolicy(this.db, eventId))!;
  }

  async venueTax(principal: Principal | undefined, venueId: string): Promise<TaxSettings> {
    await this.venueFor(principal, venueId);
    return loadVenueTax(this.db, venueId);
  }

  async setVenueTax(principal: Principal | undefined, venueId: string, tax: TaxSettings): Promise<TaxSettings> {
    const venue = await this.venueFor(principal, venueId);
    const before = await loadVenueTax(this.db, venueId);
    await this.db.transaction(async (tx) => {
      await saveVenueTax(tx, venueId, tax);
      const object = { type: 'venue', id: venueId, venueId, name: venue.name } as const;
      await this.audit(tx, principal, object, { action: 'venue.tax', words: 'tax', before, after: tax });
    });
    return loadVenueTax(this.db, venueId);
  }

  private async venueFor(principal: Principal | undefined, venueId: string) {
    authorizeStaff(principal, 'venue:manage', venueId);
    const venue = await findVenue(this.db, venueId);
    if (!venue) throw new DomainError('not_found', 'No such venue.');
    return venue;
  }
}

/** A price list as an audit entry keeps it: types by name, prices by tier and type. */
function priceLines(list: PriceList) {
  const typeName = new Map(list.ticketTypes.map((type) => [type.id, type.name]));
  return {
    ticketTypes: list.ticketTypes.map((type) => type.name),
    prices: list.entries.map((entry) => ({
      tierId: entry.tierId,
      type: typeName.get(entry.ticketTypeId),
      amount: entry.amount,
      currency: entry.currency,
    })),
    hiddenTierIds: list.hiddenTierIds,
  };
}
