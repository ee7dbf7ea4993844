// The quote: what a hold would cost with the buyer's ticket types, promo code and delivery, priced exactly as the
// checkout will price it (pricing.ts), shown before paying. Reads only; nothing is held or counted.
import type { Db } from '../../db/port.ts';
import type { Quote, QuoteRequest } from '../../contract/index.ts';
import { authorizeHold, type HoldAccess } from '../access/hold-access.ts';
import type { EventContexts } from '../catalog/event-context.ts';
import type { Clock } from '../ports.ts';
import { priceItems, unlockedTiersOf } from './pricing.ts';

export class Quotes {
  constructor(
    private readonly db: Db,
    private readonly contexts: EventContexts,
    private readonly clock: Clock,
  ) {}

  async quote(holdId: string, access: HoldAccess, request: QuoteRequest): Promise<Quote> {
    const hold = await authorizeHold(this.db, holdId, access);
    const context = await this.contexts.require(hold.event_id);
    const items = {
      seatNos: hold.seat_nos,
      ga: hold.ga_section_id ? { sectionId: hold.ga_section_id, quantity: hold.ga_quantity! } : null,
    };
    const priced = await priceItems(
      this.db,
      context,
      items,
      {
        lines: request.lines,
        code: request.code,
        deliveryMethod: request.delivery?.method ?? null,
        unlockedTierIds: await unlockedTiersOf(this.db, hold.presale_code_id),
      },
      this.clock.now(),
    );
    return { holdId, breakdown: priced.breakdown };
  }
}
