// The one state document per event that every waiting buyer polls, read through a one-second in-process cache: a poll
// of a cached queue does no database work. When the copy is a second old, the first caller re-reads the row (one
// query; the others wait for that read); when the row itself is a second old, it also computes the next state
// (domain/queue/admission.ts) and writes it with a conditional UPDATE, so two processes never both advance it: the
// loser reads the winner's. A drained queue's advance also reads what its admitted buyers took (seats per buyer).
import type { QueueState } from '../../contract/queue.ts';
import type { Db } from '../../db/port.ts';
import {
  advanceQueueState,
  arrivalsSoFar,
  drainFacts,
  findQueue,
  type QueueRow,
  type QueueStateRow,
} from '../../db/queue.ts';
import { nextQueueState, type QueueProgress } from '../../domain/queue/admission.ts';
import { ExpiringMap } from '../expiring-map.ts';
import type { Clock } from '../ports.ts';

/** How long a copy is served (in process, and by the CDN and the browser: the state's `maxAgeSeconds`). */
export const STATE_TTL_MS = 1_000;

/** At most this many events' copies (or known absences) are kept; expired ones leave on the next load anyway. */
export const STATE_CACHE_MAX = 10_000;

export interface QueueView {
  row: QueueRow;
  state: QueueState;
}

export class QueueStates {
  /** Each event's view (null: no queue, so a repeated unknown id costs no query for a second), bounded. */
  readonly cache = new ExpiringMap<QueueView | null>(STATE_TTL_MS, STATE_CACHE_MAX);
  private readonly loading = new Map<string, Promise<QueueView | null>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** The event's queue as of at most a second ago (null: it has none). `fresh`: re-read now. */
  async get(eventId: string, options: { fresh?: boolean } = {}): Promise<QueueView | null> {
    const cached = this.cache.get(eventId, this.clock.now().getTime());
    if (!options.fresh && cached !== undefined) return cached;
    const pending = this.loading.get(eventId);
    if (pending) return pending;
    const load = this.load(eventId).finally(() => this.loading.delete(eventId));
    this.loading.set(eventId, load);
    return load;
  }

  /** The settings changed here: the next read goes to the database. */
  forget(eventId: string): void {
    this.cache.delete(eventId);
  }

  private async load(eventId: string): Promise<QueueView | null> {
    let row = await findQueue(this.db, eventId);
    if (row?.enabled && row.state) {
      const now = this.clock.now();
      const stale = now.getTime() - row.state.updated_at.getTime() >= STATE_TTL_MS;
      const opening = row.state.arrived_before_opening === null && now >= row.opens_at;
      if (stale || opening) row = await this.advance(row, row.state, now);
    }
    const view = row?.state ? { row, state: documentOf(row, row.state) } : null;
    this.cache.set(eventId, view, this.clock.now().getTime());
    return view;
  }

  private async advance(row: QueueRow, state: QueueStateRow, now: Date): Promise<QueueRow | null> {
    // The drain rule's baskets ride in the same statement as what is left (no statement added to an advance).
    const drains = row.admission_per_minute === null && state.arrived_before_opening !== null;
    const [joined, { free, baskets }] = await Promise.all([
      arrivalsSoFar(this.db, row.event_id),
      drainFacts(this.db, row.event_id, drains),
    ]);
    const next = nextQueueState(
      { opensAt: row.opens_at, admissionPerMinute: row.admission_per_minute, tokenMinutes: row.token_minutes },
      progressOf(state),
      { now, joined, free, ...(baskets ? { baskets } : {}) },
    );
    const written = await advanceQueueState(this.db, row.event_id, state.version, rowOf(next));
    if (written) return { ...row, state: { ...rowOf(next), version: state.version + 1 } };
    return findQueue(this.db, row.event_id);
  }
}

function progressOf(state: QueueStateRow): QueueProgress {
  return {
    arrivedBeforeOpening: state.arrived_before_opening,
    admittedThrough: state.admitted_through,
    joined: state.joined,
    admittingPerMinute: state.admitting_per_minute,
    soldOut: state.sold_out,
    freeAtOpening: state.free_at_opening,
    carry: state.admission_carry,
    checkpoints: state.checkpoints,
    updatedAt: state.updated_at,
  };
}

function rowOf(progress: QueueProgress): Omit<QueueStateRow, 'version'> {
  return {
    arrived_before_opening: progress.arrivedBeforeOpening,
    admitted_through: progress.admittedThrough,
    joined: progress.joined,
    admitting_per_minute: progress.admittingPerMinute,
    admission_carry: progress.carry,
    sold_out: progress.soldOut,
    free_at_opening: progress.freeAtOpening,
    checkpoints: progress.checkpoints,
    updated_at: progress.updatedAt,
  };
}

/** The document buyers see (contract QueueState). */
export function documentOf(row: QueueRow, state: QueueStateRow): QueueState {
  return {
    eventId: row.event_id,
    version: state.version,
    opensAt: row.opens_at.toISOString(),
    open: state.arrived_before_opening !== null,
    arrivedBeforeOpening: state.arrived_before_opening,
    admittedThrough: state.admitted_through,
    joined: state.joined,
    admittingPerMinute: state.admitting_per_minute,
    soldOut: state.sold_out,
    updatedAt: state.updated_at.toISOString(),
    maxAgeSeconds: STATE_TTL_MS / 1000,
  };
}
