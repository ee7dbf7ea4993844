// The events anyone may watch on the live view, kept where the WebSocket function can ask without the selling database
// (AWS: an item per event in the live registry's table, cloud/adapters/live/watchable-dynamodb.ts; `npm start`: the
// events table itself, cloud/adapters/live/watchable-postgres.ts). An event may be watched once it is no draft
// (published, or cancelled: a draft cancelled unpublished too, as the events table and the deploy's list have it), and
// stays so: no status leads back to draft (STATUS_FROM) and no event is deleted, so a reader may remember a yes for
// good. Publishing and cancelling tell the list after the status change commits, never before (a draft is never
// watchable), and tell it again when repeated, so a change whose telling failed is mended by trying again.
export interface WatchableEvents {
  /** From now on anyone may watch these events (telling it again changes nothing). */
  allow(eventIds: readonly string[]): Promise<void>;
  /** Whether anyone may watch the event: published (whatever its status since), not a draft, not unknown. */
  mayWatch(eventId: string): Promise<boolean>;
}
