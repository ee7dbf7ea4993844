// The fan-out's side of the live deltas (issue 20): in AWS the API's seat changes reach the fan-out through the live
// queue, which merges a batch's per event; this writes each merged message as that second's document of its event,
// for the events the shop watches through documents (usesLiveDeltas: large or queued; the others cost no write).
// A second that already has its event's document (another fan-out wrote it) leaves the changes for the next second:
// the writer waits for it, a few times at most, and then hands the event back so the queue delivers it again.
import type { LiveChanges, LiveDelta } from '../../contract/index.ts';
import { readDeltaAudience } from '../../db/live-deltas.ts';
import type { Db } from '../../db/port.ts';
import { usesLiveDeltas } from '../../domain/live/delta-audience.ts';
import { ExpiringMap } from '../expiring-map.ts';
import type { Clock } from '../ports.ts';
import { deltaChanges, type LiveDeltaStore } from './delta-store.ts';

/** How long an event's answer is reused: watched through documents (it stays so), or not (a waiting room may open). */
export const DELTA_EVENT_TTL_MS = 300_000;
export const SOCKET_EVENT_TTL_MS = 10_000;
const EVENTS_MAX = 10_000;

export interface LiveDeltaWriterDeps {
  db: Db;
  store: LiveDeltaStore;
  clock: Clock;
  /** Resolves in the next second of the clock (the fan-out waits with a timer; tests move their clock). */
  nextSecond: () => Promise<void>;
  /** Seconds tried before an event's changes are handed back. */
  tries?: number;
}

export interface DeltaWriteResult {
  written: LiveDelta[];
  /** Events whose changes are not in a document: the caller has their messages delivered again. */
  failed: { eventId: string; error?: unknown }[];
}

export class LiveDeltaWriter {
  private readonly deltaEvents = new ExpiringMap<true>(DELTA_EVENT_TTL_MS, EVENTS_MAX);
  private readonly socketEvents = new ExpiringMap<true>(SOCKET_EVENT_TTL_MS, EVENTS_MAX);

  constructor(private readonly deps: LiveDeltaWriterDeps) {}

  /**
   * Writes each event's merged changes (one message per event) as its document of this second, where it uses them.
   * Never rejects (the fan-out runs it beside its pushes): what fails is in `failed`.
   */
  async write(merged: LiveChanges[]): Promise<DeltaWriteResult> {
    const result: DeltaWriteResult = { written: [], failed: [] };
    let deltaEvents: Set<string>;
    try {
      deltaEvents = await this.deltaEventsOf(merged.map((message) => message.eventId));
    } catch (error) {
      // Which events use documents is not known: every one is handed back.
      return { ...result, failed: merged.map((message) => ({ eventId: message.eventId, error })) };
    }
    let pending = merged.filter((message) => deltaEvents.has(message.eventId));
    const tries = this.deps.tries ?? 3;
    for (let attempt = 0; attempt < tries && pending.length > 0; attempt++) {
      if (attempt > 0) await this.deps.nextSecond();
      const now = this.deps.clock.now();
      const outcomes = await Promise.allSettled(
        pending.map((message) => this.deps.store.append(message.eventId, now, deltaChanges(message))),
      );
      const waiting: LiveChanges[] = [];
      outcomes.forEach((outcome, index) => {
        const message = pending[index]!;
        if (outcome.status === 'rejected') result.failed.push({ eventId: message.eventId, error: outcome.reason });
        else if (outcome.value) result.written.push(outcome.value);
        else waiting.push(message);
      });
      pending = waiting;
    }
    result.failed.push(...pending.map((message) => ({ eventId: message.eventId })));
    return result;
  }

  /** Which of these events are watched through documents (one query for those not known lately). */
  private async deltaEventsOf(eventIds: string[]): Promise<Set<string>> {
    const now = this.deps.clock.now().getTime();
    const known = (eventId: string) =>
      this.deltaEvents.get(eventId, now) ?? this.socketEvents.get(eventId, now) ?? false;
    const unknown = [...new Set(eventIds)].filter((eventId) => !known(eventId));
    if (unknown.length > 0) {
      const rows = new Map((await readDeltaAudience(this.deps.db, unknown)).map((row) => [row.event_id, row]));
      for (const eventId of unknown) {
        const row = rows.get(eventId);
        if (row && usesLiveDeltas(row.seat_count, row.queued)) {
          this.socketEvents.delete(eventId);
          this.deltaEvents.set(eventId, true, now);
        } else {
          this.deltaEvents.delete(eventId);
          this.socketEvents.set(eventId, true, now);
        }
      }
    }
    return new Set(eventIds.filter((eventId) => this.deltaEvents.get(eventId, now)));
  }
}
