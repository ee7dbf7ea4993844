// Copies of an event for the back office: a duplicate (one new draft) and a series (one draft per date, all in one
// transaction, e.g. every Friday for ten weeks). A copy has the template's seat map, tiers (with their sections and
// seats), price list (ticket types, prices, presale-only tiers), fees, refund policy and sales windows; every date of
// the template (on-sale period, windows) keeps its distance to the start, so a copy a week later opens a week later.
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/port.ts';
import { loadPriceList, replacePriceList } from '../../db/commerce/price-lists.ts';
import {
  loadFeeSettings,
  loadRefundPolicy,
  saveFeeSettings,
  saveRefundPolicy,
} from '../../db/commerce/event-settings.ts';
import { findStaffEvent } from '../../db/admin-events.ts';
import { loadSalesWindows, replaceSalesWindows } from '../../db/sales-windows.ts';
import type {
  CreateEvent,
  CreateEventSeries,
  DuplicateEvent,
  EventSeries,
  PriceList,
  StaffEvent,
} from '../../contract/index.ts';
import { recordStaffAction } from '../audit/audit-log.ts';
import type { Clock, Principal } from '../ports.ts';
import type { EventAdmin } from './event-admin.ts';
import { insertDraftEvent, planTiers } from './event-making.ts';
import { auditedEvent, staffEventSummary, tierLayout } from './event-view.ts';

type Template = Awaited<ReturnType<EventAdmin['staffEvent']>>;

export class EventCopies {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly events: EventAdmin,
  ) {}

  async duplicate(principal: Principal | undefined, eventId: string, input: DuplicateEvent): Promise<StaffEvent> {
    const template = await this.events.staffEvent(principal, eventId);
    const startsAt = input.startsAt ? new Date(input.startsAt) : template.starts_at;
    const [copy] = await this.copy(principal!, template, [startsAt], {
      action: 'event.duplicate',
      name: input.name ?? `${template.name} (copy)`,
    });
    return this.events.get(principal, copy!);
  }

  async series(principal: Principal | undefined, eventId: string, input: CreateEventSeries): Promise<EventSeries> {
    const template = await this.events.staffEvent(principal, eventId);
    const starts = input.startsAt.map((at) => new Date(at)).sort((a, b) => a.getTime() - b.getTime());
    const ids = await this.copy(principal!, template, starts, { action: 'event.series', name: template.name });
    const rows = await Promise.all(ids.map((id) => findStaffEvent(this.db, id)));
    return { events: rows.map((row) => staffEventSummary(row!)) };
  }

  /** Makes one draft per start in one transaction; returns their ids in start order. */
  private async copy(
    staff: Principal,
    template: Template,
    starts: Date[],
    how: { action: 'event.duplicate' | 'event.series'; name: string },
  ): Promise<string[]> {
    const tiers = await tierLayout(this.db, template.id);
    const tierInputs = tiers.map((tier) => ({
      name: tier.name,
      price: tier.price,
      color: tier.color,
      sectionIds: tier.sectionIds,
      seatIds: tier.seatIds,
    }));
    const plan = await planTiers(this.db, template.seatmap_id, tierInputs);
    const [priceList, fees, refundPolicy, windows] = await Promise.all([
      loadPriceList(this.db, template.id),
      loadFeeSettings(this.db, template.id),
      loadRefundPolicy(this.db, template.id),
      loadSalesWindows(this.db, template.id),
    ]);
    return this.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const startsAt of starts) {
        const shift = (date: Date) => new Date(date.getTime() + startsAt.getTime() - template.starts_at.getTime());
        const input: CreateEvent = {
          name: how.name,
          description: template.description,
          seatmapId: template.seatmap_id,
          startsAt: startsAt.toISOString(),
          doorsAt: template.doors_at ? shift(template.doors_at).toISOString() : null,
          onSaleFrom: shift(template.on_sale_from).toISOString(),
          onSaleUntil: shift(template.on_sale_until).toISOString(),
          perOrderLimit: template.per_order_limit,
          holdTtlSeconds: template.hold_ttl_seconds,
          currency: template.currency.trim(),
          codePolicy: template.code_policy,
          tiers: tierInputs,
        };
        const made = await insertDraftEvent(tx, input, plan);
        const tierIds = new Map(tiers.map((tier, index) => [tier.id, made.tiers[index]!.id]));
        if (priceList) await replacePriceList(tx, copiedPriceList(priceList, made.event.id, tierIds));
        if (fees) await saveFeeSettings(tx, made.event.id, fees);
        if (refundPolicy) await saveRefundPolicy(tx, made.event, refundPolicy);
        const shifted = windows.map((w) => ({ ...w, opens_at: shift(w.opens_at), closes_at: shift(w.closes_at) }));
        await replaceSalesWindows(tx, made.event.id, shifted);
        await this.record(tx, staff, template, made.event, how.action);
        ids.push(made.event.id);
      }
      return ids;
    });
  }

  private record(
    tx: Queryable,
    staff: Principal,
    template: Template,
    copy: Parameters<typeof auditedEvent>[0],
    action: string,
  ) {
    const when = copy.starts_at.toISOString().slice(0, 16).replace('T', ' ');
    return recordStaffAction(
      tx,
      staff,
      {
        action,
        objectType: 'event',
        objectId: copy.id,
        venueId: copy.venue_id,
        summary: `Copied ${template.name} to a draft on ${when} UTC`,
        after: { ...auditedEvent(copy), copiedFrom: template.id },
      },
      this.clock.now(),
    );
  }
}

/** The template's price list for the copy: its tiers' new ids, and new ids for its ticket types (one event each). */
function copiedPriceList(list: PriceList, eventId: string, tierIds: Map<string, string>): PriceList {
  const typeIds = new Map(list.ticketTypes.map((type) => [type.id, randomUUID()]));
  return {
    ...list,
    eventId,
    ticketTypes: list.ticketTypes.map((type) => ({ ...type, id: typeIds.get(type.id)! })),
    entries: list.entries.map((entry) => ({
      ...entry,
      tierId: tierIds.get(entry.tierId)!,
      ticketTypeId: typeIds.get(entry.ticketTypeId)!,
    })),
    hiddenTierIds: list.hiddenTierIds.map((tierId) => tierIds.get(tierId)!),
  };
}
