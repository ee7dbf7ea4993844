// The events anyone may watch, read from the events table itself: what `npm start` (the `ws` hub, in the process that
// sells) and the tests use. There the selling database is the list, so telling it of a publish has nothing to do.
import { findEventRow } from '../../db/events.ts';
import type { Queryable } from '../../db/port.ts';
import type { WatchableEvents } from '../../services/admin/watchable-events.ts';

export class PostgresWatchableEvents implements WatchableEvents {
  constructor(private readonly db: Queryable) {}

  /** The publish itself made the event watchable here (its row is what mayWatch reads). */
  async allow(): Promise<void> {}

  async mayWatch(eventId: string): Promise<boolean> {
    const row = await findEventRow(this.db, eventId);
    return row !== null && row.status !== 'draft';
  }
}
