// Where an event's delta documents are kept (issue 20): the port, and the in-process store the local server uses
// (the last LIVE_DELTA_WINDOW_SECONDS of documents in memory; older ones answer `gone`). In AWS the same documents
// are objects in S3 under the API's own paths, served by CloudFront (adapters/live/s3-deltas.ts).
import type { LiveDelta } from '../../contract/index.ts';
import {
  deltaLookup,
  LIVE_DELTA_WINDOW_SECONDS,
  mayWriteDelta,
  secondOf,
  versionBase,
} from '../../domain/live/delta-versions.ts';

export interface DeltaHead {
  version: number;
  oldest: number;
}

/** What a reader of the documents needs (the API's snapshot and routes): in AWS a read-only view of the store. */
export interface LiveDeltaReader {
  /** The event's newest version and the oldest still served (an event without documents: the writer's base). */
  head(eventId: string): Promise<DeltaHead>;
  /** A document, `gone` when it left the window, null when it is not made yet. */
  get(eventId: string, version: number): Promise<LiveDelta | 'gone' | null>;
}

/** What the writer needs besides: in AWS only the fan-out writes (the local server's LiveDeltas flush does here). */
export interface LiveDeltaStore extends LiveDeltaReader {
  /**
   * Makes the event's next document of these changes at `now`, unless the event already has one of this second or
   * the next version would pass the clock's second (then null: the caller keeps the changes for the next second).
   */
  append(eventId: string, now: Date, changes: Pick<LiveDelta, 'changes' | 'ga'>): Promise<LiveDelta | null>;
}

export const canAppend = (store: LiveDeltaReader): store is LiveDeltaStore => 'append' in store;

/** A second's merged message of one event as a document's changes (standing counts only when there are any). */
export const deltaChanges = (merged: Pick<LiveDelta, 'changes' | 'ga'>): Pick<LiveDelta, 'changes' | 'ga'> => ({
  changes: merged.changes,
  ...(merged.ga && merged.ga.length > 0 ? { ga: merged.ga } : {}),
});

interface EventDeltas {
  head: number;
  /** Kept documents, oldest first (versions head − length + 1 … head). */
  documents: LiveDelta[];
  lastSecond: number | null;
}

export class MemoryLiveDeltaStore implements LiveDeltaStore {
  private readonly events = new Map<string, EventDeltas>();
  private readonly base: number;

  constructor(
    private readonly now: () => Date,
    private readonly windowSeconds = LIVE_DELTA_WINDOW_SECONDS,
  ) {
    this.base = versionBase(now());
  }

  async head(eventId: string): Promise<DeltaHead> {
    const deltas = this.events.get(eventId);
    if (!deltas) return { version: this.base, oldest: this.base + 1 };
    this.prune(deltas);
    return { version: deltas.head, oldest: deltas.head - deltas.documents.length + 1 };
  }

  async get(eventId: string, version: number): Promise<LiveDelta | 'gone' | null> {
    const { version: head, oldest } = await this.head(eventId);
    const found = deltaLookup(version, head, oldest);
    if (found !== 'kept') return found === 'gone' ? 'gone' : null;
    const documents = this.events.get(eventId)!.documents;
    return documents[documents.length - 1 - (head - version)]!;
  }

  async append(eventId: string, now: Date, changes: Pick<LiveDelta, 'changes' | 'ga'>): Promise<LiveDelta | null> {
    let deltas = this.events.get(eventId);
    if (!deltas) this.events.set(eventId, (deltas = { head: this.base, documents: [], lastSecond: null }));
    if (!mayWriteDelta(deltas.head, deltas.lastSecond, now)) return null;
    const second = secondOf(now);
    const document: LiveDelta = {
      eventId,
      version: deltas.head + 1,
      previous: deltas.head,
      at: new Date(second * 1000).toISOString(),
      ...deltaChanges(changes),
    };
    deltas.documents.push(document);
    deltas.head = document.version;
    deltas.lastSecond = second;
    this.prune(deltas);
    return document;
  }

  private prune(deltas: EventDeltas): void {
    const oldestSecond = secondOf(this.now()) - this.windowSeconds;
    let drop = 0;
    while (drop < deltas.documents.length && secondOf(new Date(deltas.documents[drop]!.at)) < oldestSecond) drop++;
    if (drop > 0) deltas.documents.splice(0, drop);
  }
}
