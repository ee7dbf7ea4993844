// The live view of large events as delta documents (issue 20). The selling path is untouched: the LivePublisher
// port (LiveBus) it already calls after each commit is wrapped here, and each publish only appends the message to an
// in-memory list; once a second `flush` merges each event's list (per seat the newest version, per standing section
// the last count: coalesceChanges, as the WebSocket fan-out does) into that second's document. Readers get the head
// and the documents; neither needs a subscription, a connection row or any query but the event's first look-up.
import type { LiveChanges, LiveDelta, LiveHead } from '../../contract/index.ts';
import type { Db } from '../../db/port.ts';
import { findEventRow } from '../../db/events.ts';
import { DomainError } from '../../domain/errors.ts';
import { coalesceChanges } from '../inventory/coalesce.ts';
import { ExpiringMap } from '../expiring-map.ts';
import type { Clock, LiveBus } from '../ports.ts';
import { canAppend, deltaChanges, type LiveDeltaReader } from './delta-store.ts';

/** Events known to be public, remembered so a head read costs no query; forgotten wholesale past this many. */
const KNOWN_EVENTS_MAX = 10_000;

/** How long an id found to be no public event is answered 404 without a query (the CDN keeps that 404 as long). */
export const UNKNOWN_EVENT_TTL_MS = 10_000;

export class LiveDeltas {
  private pending = new Map<string, LiveChanges[]>();
  private readonly publicEvents = new Set<string>();
  /** Ids recently found to be no public event (bounded: random ids must not grow it). */
  readonly unknownEvents = new ExpiringMap<true>(UNKNOWN_EVENT_TTL_MS, KNOWN_EVENTS_MAX);

  constructor(
    private readonly db: Db,
    /** A store that can append gets what is published recorded and flushed; a read-only one (AWS) is only read. */
    private readonly store: LiveDeltaReader,
    private readonly clock: Clock,
  ) {}

  /** The bus the selling path publishes to: the given one, and this log's list for the next document. */
  recording(inner: LiveBus): LiveBus {
    if (!canAppend(this.store)) return inner;
    return {
      publish: (message) => {
        const list = this.pending.get(message.eventId);
        if (list) list.push(message);
        else this.pending.set(message.eventId, [message]);
        return inner.publish(message);
      },
    };
  }

  /** Writes this second's document of every event that changed (the local server calls it once a second). */
  async flush(): Promise<LiveDelta[]> {
    const store = this.store;
    if (this.pending.size === 0 || !canAppend(store)) return [];
    const now = this.clock.now();
    const batches = this.pending;
    this.pending = new Map();
    const written: LiveDelta[] = [];
    for (const [eventId, messages] of batches) {
      const [merged] = coalesceChanges(messages);
      const document = await store.append(eventId, now, deltaChanges(merged!));
      if (document) written.push(document);
      // This second has its document already: the changes wait for the next one, ahead of anything newer.
      else this.pending.set(eventId, [...messages, ...(this.pending.get(eventId) ?? [])]);
    }
    return written;
  }

  async head(eventId: string): Promise<LiveHead> {
    await this.mustBePublic(eventId);
    const head = await this.store.head(eventId);
    return { eventId, version: head.version, oldest: head.oldest, generatedAt: this.clock.now().toISOString() };
  }

  /** The version a snapshot read after this is current to (no check: the snapshot's own read checks the event). */
  async version(eventId: string): Promise<number> {
    return (await this.store.head(eventId)).version;
  }

  async delta(eventId: string, version: number): Promise<LiveDelta> {
    await this.mustBePublic(eventId);
    const found = await this.store.get(eventId, version);
    if (found === 'gone') {
      throw new DomainError('live_delta_gone', 'That change list is no longer kept; read the availability again.', {
        field: 'version',
      });
    }
    if (!found) throw new DomainError('not_found', 'No change list of that version yet.', { field: 'version' });
    return found;
  }

  private async mustBePublic(eventId: string): Promise<void> {
    if (this.publicEvents.has(eventId)) return;
    const now = this.clock.now().getTime();
    if (this.unknownEvents.get(eventId, now)) throw noSuchEvent();
    const event = await findEventRow(this.db, eventId);
    if (!event || event.status === 'draft') {
      this.unknownEvents.set(eventId, true, now);
      throw noSuchEvent();
    }
    if (this.publicEvents.size >= KNOWN_EVENTS_MAX) this.publicEvents.clear();
    this.publicEvents.add(eventId);
  }
}

const noSuchEvent = () => new DomainError('not_found', 'No such event.', { field: 'eventId' });
