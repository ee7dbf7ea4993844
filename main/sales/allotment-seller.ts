// Selling at the counter from the device's allotment, online or not: the seats it reserved are kept in the cache,
// a sale marks them sold and queues the order in the outbox in the same SQLite transaction (so a sale is either
// recorded and queued, or neither), and a seat outside the allotment or already sold here is refused at once.
import { apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { CreateOrder, Hold } from '../../cloud/contract/index.ts';
import type { AllotmentView } from '../../preload/bridge.ts';
import type { CacheDb } from '../cache/database.ts';
import type { Outbox, OutboxEntry } from '../cache/outbox.ts';

export class AllotmentRefusal extends Error {
  constructor(
    readonly reason: 'not_in_allotment' | 'already_sold',
    readonly seatIds: string[],
  ) {
    super(
      reason === 'not_in_allotment'
        ? `Not in this counter's allotment: ${seatIds.join(', ')}.`
        : `Already sold here: ${seatIds.join(', ')}.`,
    );
  }
}

export class AllotmentSeller {
  constructor(
    private readonly db: CacheDb,
    private readonly outbox: Outbox,
  ) {}

  /** Keeps an allotment the cloud gave this device (seats already sold here stay sold). */
  keep(allotment: Hold): void {
    const insert = this.db.prepare(
      `INSERT INTO allotment_seats (allotment_id, event_id, seat_id, price_amount, currency) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (allotment_id, seat_id) DO NOTHING`,
    );
    this.db.transaction(() => {
      for (const seat of allotment.seats) {
        insert.run(allotment.id, allotment.eventId, seat.seatId, seat.price.amount, seat.price.currency);
      }
    })();
  }

  /** Every allotment kept here, its seats in order, each with its price and whether it was sold here. */
  list(): AllotmentView[] {
    const rows = this.db
      .prepare(
        `SELECT allotment_id, event_id, seat_id, price_amount, currency, sold_by FROM allotment_seats
         ORDER BY allotment_id, seat_id`,
      )
      .all() as {
      allotment_id: string;
      event_id: string;
      seat_id: string;
      price_amount: number;
      currency: string;
      sold_by: string | null;
    }[];
    const views = new Map<string, AllotmentView>();
    for (const row of rows) {
      let view = views.get(row.allotment_id);
      // The cloud prices an allotment's seats in its event's currency, so any of its rows says which that is.
      if (!view) {
        view = { allotmentId: row.allotment_id, eventId: row.event_id, currency: row.currency, seats: [] };
        views.set(row.allotment_id, view);
      }
      view.seats.push({
        seatId: row.seat_id,
        price: { amount: row.price_amount, currency: row.currency },
        sold: row.sold_by !== null,
      });
    }
    return [...views.values()];
  }

  unsold(allotmentId: string): string[] {
    return (
      this.db
        .prepare('SELECT seat_id FROM allotment_seats WHERE allotment_id = ? AND sold_by IS NULL ORDER BY seat_id')
        .all(allotmentId) as { seat_id: string }[]
    ).map((r) => r.seat_id);
  }

  /** A cash sale of these allotment seats: recorded here and queued for the cloud together. */
  sellForCash(
    allotmentId: string,
    seatIds: string[],
    sale: { buyer: CreateOrder['buyer']; tendered: number },
  ): OutboxEntry {
    const lookup = this.db.prepare(
      'SELECT seat_id, price_amount, currency, sold_by FROM allotment_seats WHERE allotment_id = ? AND seat_id = ?',
    );
    const mark = this.db.prepare('UPDATE allotment_seats SET sold_by = ? WHERE allotment_id = ? AND seat_id = ?');
    return this.db.transaction(() => {
      const rows = seatIds.map(
        (seatId) =>
          lookup.get(allotmentId, seatId) as
            { seat_id: string; price_amount: number; currency: string; sold_by: string | null } | undefined,
      );
      const missing = seatIds.filter((_, i) => !rows[i]);
      if (missing.length > 0) throw new AllotmentRefusal('not_in_allotment', missing);
      const sold = rows.filter((r) => r!.sold_by !== null).map((r) => r!.seat_id);
      if (sold.length > 0) throw new AllotmentRefusal('already_sold', sold);
      const total = rows.reduce((sum, r) => sum + r!.price_amount, 0);
      if (sale.tendered < total)
        throw new RangeError(`Cash tendered (${sale.tendered}) is less than the total (${total}).`);
      const body: CreateOrder = {
        holdId: allotmentId,
        allotmentSeatIds: seatIds,
        buyer: sale.buyer,
        delivery: { method: 'print_at_venue' },
        payment: { method: 'cash', tendered: { amount: sale.tendered, currency: rows[0]!.currency } },
      };
      const entry = this.outbox.enqueue({
        kind: 'allotment_sale',
        method: apiRoutes.createOrder.method,
        path: apiPaths.orders(),
        body,
      });
      for (const seatId of seatIds) mark.run(entry.id, allotmentId, seatId);
      return entry;
    })();
  }
}
