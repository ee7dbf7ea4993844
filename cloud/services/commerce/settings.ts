// Commerce settings an event's or venue's staff keep: the price list (ticket types, tier × type prices, tiers sold
// only with a presale code), fees, the buyer refund policy, and the venue's tax. Each change is checked against the
// event (its tiers, its currency) and replaces the setting as a whole.
import { findEventRow, listTiers, type EventRow } from '../../db/events.ts';
import {
  loadFeeSettings,
  loadRefundPolicy,
  saveFeeSettings,
  saveRefundPolicy,
} from '../../db/commerce/event-settings.ts';
import { loadPriceList, replacePriceList, ticketTypesOfOtherEvents } from '../../db/commerce/price-lists.ts';
import { loadVenueTax, saveVenueTax } from '../../db/commerce/taxes.ts';
import type { Db } from '../../db/port.ts';
import { findVenue } from '../../db/venues.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  PriceList,
  type FeeSettings,
  type RefundPolicy,
  type SetPriceList,
  type TaxSettings,
} from '../../contract/index.ts';
import { assertStaffOfVenue } from '../access/venue-access.ts';
import type { Principal } from '../ports.ts';

const invalid = (field: string, message: string) =>
  new DomainError('validation_failed', `${field}: ${message}`, { field, errors: [{ field, message }] });

export class CommerceSettings {
  constructor(private readonly db: Db) {}

  /** The event, after checking that the principal is staff of its venue. */
  async eventFor(principal: Principal | undefined, eventId: string): Promise<EventRow> {
    const event = await findEventRow(this.db, eventId);
    if (!event) throw new DomainError('not_found', 'No such event.');
    assertStaffOfVenue(principal, event.venue_id);
    return event;
  }

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
    await this.db.transaction((tx) => replacePriceList(tx, parsed.data));
    return (await loadPriceList(this.db, eventId))!;
  }

  async fees(principal: Principal | undefined, eventId: string): Promise<FeeSettings> {
    await this.eventFor(principal, eventId);
    return (await loadFeeSettings(this.db, eventId))!;
  }

  async setFees(principal: Principal | undefined, eventId: string, fees: FeeSettings): Promise<FeeSettings> {
    const event = await this.eventFor(principal, eventId);
    if (fees.currency !== event.currency) throw invalid('currency', `the event is sold in ${event.currency}`);
    await saveFeeSettings(this.db, eventId, fees);
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
    await saveRefundPolicy(this.db, event, policy);
    return (await loadRefundPolicy(this.db, eventId))!;
  }

  async venueTax(principal: Principal | undefined, venueId: string): Promise<TaxSettings> {
    await this.venueFor(principal, venueId);
    return loadVenueTax(this.db, venueId);
  }

  async setVenueTax(principal: Principal | undefined, venueId: string, tax: TaxSettings): Promise<TaxSettings> {
    await this.venueFor(principal, venueId);
    await saveVenueTax(this.db, venueId, tax);
    return loadVenueTax(this.db, venueId);
  }

  private async venueFor(principal: Principal | undefined, venueId: string): Promise<void> {
    assertStaffOfVenue(principal, venueId);
    if (!(await findVenue(this.db, venueId))) throw new DomainError('not_found', 'No such venue.');
  }
}
