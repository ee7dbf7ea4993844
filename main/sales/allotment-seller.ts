// Selling at the counter from the device's allotment, online or not: the seats it reserved are kept in the cache,
// a sale queues the order in the outbox and records the seats it took (allotment_sales) in the same transaction of
// the ledger file (so a sale is either recorded and queued, or neither, and a cache fetched again after damage still
// knows which seats were sold here), and a seat outside the allotment or already sold here, or a sale outside the
// box office's sales window, is refused at once. The sync loop brings the cache in line with the cloud's list of the
// device's allotments (those the back office gave it too): new seats and prices in, seats taken back out.
import { apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { BoxOfficeAllotment, CreateOrder, Hold } from '../../cloud/contract/index.ts';
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

/** A sale outside the box office's sales window for the allotment's event. */
export class AllotmentWindowClosed extends Error {}

/** What a sync changed in the cache: allotments seen for the first time, seats that left it. */
export interface AllotmentSyncResult {
  added: string[];
  removedSeats: number;
}

interface CachedSeat {
  allotment_id: string;
  seat_id: string;
  sold_here: number;
}

/** Whether the seat `s` (a row of allotment_seats) was sold here by a sale the cloud has not refused. */
const SOLD_HERE = `EXISTS (SELECT 1 FROM allotment_sales a JOIN outbox o ON o.id = a.outbox_id
  WHERE a.allotment_id = s.allotment_id AND a.seat_id = s.seat_id AND o.state <> 'rejected')`;

export class AllotmentSeller {
  constructor(
    private readonly db: CacheDb,
    private readonly outbox: Outbox,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Brings the cache in line with the cloud's list of this device's active allotments. Listed seats come in (with
   * their current price while unsold); a seat the cloud no longer lists leaves, unless it was sold here by a sale
   * still waiting for the cloud or one the cloud took (a sale the cloud refused gives its seats back, or lets them
   * go). An allotment the cloud no longer lists (taken back, sales over) keeps only the seats sold from it here.
   */
  sync(allotments: BoxOfficeAllotment[]): AllotmentSyncResult {
    const listed = new Map(allotments.map((a) => [a.id, new Set(a.seats.map((seat) => seat.seatId))]));
    const known = new Set(
      (this.db.prepare('SELECT DISTINCT allotment_id FROM allotment_seats').all() as { allotment_id: string }[]).map(
        (row) => row.allotment_id,
      ),
    );
    const upsertSeat = this.db.prepare(
      `INSERT INTO allotment_seats AS s (allotment_id, event_id, seat_id, price_amount, currency)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (allotment_id, seat_id) DO UPDATE SET price_amount = excluded.price_amount,
         currency = excluded.currency
       WHERE NOT ${SOLD_HERE}`,
    );
    const upsertWindow = this.db.prepare(
      `INSERT INTO allotment_windows (allotment_id, opens_at, closes_at) VALUES (?, ?, ?)
       ON CONFLICT (allotment_id) DO UPDATE SET opens_at = excluded.opens_at, closes_at = excluded.closes_at`,
    );
    const removeSeat = this.db.prepare('DELETE FROM allotment_seats WHERE allotment_id = ? AND seat_id = ?');
    return this.db.transaction(() => {
      for (const allotment of allotments) {
        upsertWindow.run(allotment.id, allotment.sellingWindow.opensAt, allotment.sellingWindow.closesAt);
        for (const seat of allotment.seats) {
          upsertSeat.run(allotment.id, allotment.eventId, seat.seatId, seat.price.amount, seat.price.currency);
        }
      }
      // A sale the cloud refused no longer counts (SOLD_HERE): its seats are on sale here again while listed.
      const cached = this.db
        .prepare(`SELECT s.allotment_id, s.seat_id, ${SOLD_HERE} AS sold_here FROM allotment_seats s`)
        .all() as CachedSeat[];
      let removedSeats = 0;
      for (const seat of cached) {
        const stillListed = listed.get(seat.allotment_id)?.has(seat.seat_id) ?? false;
        if (!stillListed && !seat.sold_here) {
          removeSeat.run(seat.allotment_id, seat.seat_id);
          removedSeats++;
        }
      }
      for (const allotmentId of known) {
        if (!listed.has(allotmentId))
          this.db.prepare('DELETE FROM allotment_windows WHERE allotment_id = ?').run(allotmentId);
      }
      return { added: [...listed.keys()].filter((id) => !known.has(id)), removedSeats };
    })();
  }

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
        `SELECT allotment_id, event_id, seat_id, price_amount, currency, ${SOLD_HERE} AS sold_here
         FROM allotment_seats s ORDER BY allotment_id, seat_id`,
      )
      .all() as {
      allotment_id: string;
      event_id: string;
      seat_id: string;
      price_amount: number;
      currency: string;
      sold_here: number;
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
        sold: row.sold_here === 1,
      });
    }
    return [...views.values()];
  }

  unsold(allotmentId: string): string[] {
    return (
      this.db
        .prepare(`SELECT seat_id FROM allotment_seats s WHERE allotment_id = ? AND NOT ${SOLD_HERE} ORDER BY seat_id`)
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
      `SELECT seat_id, price_amount, currency, ${SOLD_HERE} AS sold_here FROM allotment_seats s
       WHERE allotment_id = ? AND seat_id = ?`,
    );
    const mark = this.db.prepare(
      'INSERT OR IGNORE INTO allotment_sales (outbox_id, allotment_id, seat_id) VALUES (?, ?, ?)',
    );
    const window = this.db
      .prepare('SELECT opens_at, closes_at FROM allotment_windows WHERE allotment_id = ?')
      .get(allotmentId) as { opens_at: string; closes_at: string } | undefined;
    const now = this.clock().toISOString();
    if (window && now < window.opens_at) {
      throw new AllotmentWindowClosed(`Box office sales for this event open at ${window.opens_at}.`);
    }
    if (window && now >= window.closes_at) {
      throw new AllotmentWindowClosed(`Box office sales for this event closed at ${window.closes_at}.`);
    }
    return this.db.transaction(() => {
      const rows = seatIds.map(
        (seatId) =>
          lookup.get(allotmentId, seatId) as
            { seat_id: string; price_amount: number; currency: string; sold_here: number } | undefined,
      );
      const missing = seatIds.filter((_, i) => !rows[i]);
      if (missing.length > 0) throw new AllotmentRefusal('not_in_allotment', missing);
      const sold = rows.filter((r) => r!.sold_here === 1).map((r) => r!.seat_id);
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
