// The orders this machine sold or handled, each in the last state it saw: what a reprint prints when the cloud cannot
// be reached.
import type { Order } from '../../cloud/contract/index.ts';
import type { CacheDb } from './database.ts';

export class KnownOrders {
  constructor(
    private readonly db: CacheDb,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Keeps this state of the order over any older one, and answers the order so a caller can pass it on. */
  remember(order: Order): Order {
    this.db
      .prepare(
        `INSERT INTO orders (id, event_id, content, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET content = excluded.content, updated_at = excluded.updated_at`,
      )
      .run(order.id, order.eventId, JSON.stringify(order), this.clock().toISOString());
    return order;
  }

  get(orderId: string): Order | null {
    const row = this.db.prepare('SELECT content FROM orders WHERE id = ?').get(orderId) as
      { content: string } | undefined;
    return row ? (JSON.parse(row.content) as Order) : null;
  }
}
