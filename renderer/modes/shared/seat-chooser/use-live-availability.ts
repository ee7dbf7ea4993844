// The event's seat statuses and standing places as others hold and buy them: the snapshot, then every live change
// (stale versions ignored), and a fresh snapshot each time the live view confirms the subscription (on open: a change
// made between the page's snapshot and its subscription is seen; after a reconnect: changes may have been missed).
// The caller hears of each batch of seat changes to repaint the map and drop chosen seats that went. Seats the buyer
// holds themselves (`ownSeats`) count as available to them: they are the buyer's to keep or give back, not someone
// else's grey seats.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Availability } from '../../../../cloud/contract/index.ts';
import { unpackStatuses } from '../../../../cloud/domain/inventory/availability-pack.ts';
import type { LiveHandlers, TicketingClient } from '../../../client/ticketing-client.ts';
import { STATUS, type StatusCode } from '../../../seatmap/model.ts';
import { snapshotReads, snapshotUnderHeard, type SeatChange } from './live-snapshot.ts';

export type { SeatChange };

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const NO_SEATS: RefObject<ReadonlySet<number>> = { current: new Set() };

/** The status as this buyer sees it: their own held seats are theirs to choose. */
const seenBy = (own: ReadonlySet<number>, seat: number, status: StatusCode): StatusCode =>
  status === STATUS.held && own.has(seat) ? STATUS.available : status;

function statusesOf(availability: Availability, own: ReadonlySet<number>): Uint8Array {
  const codes = unpackStatuses(fromBase64(availability.statuses), availability.seatCount);
  for (const seat of own) codes[seat] = seenBy(own, seat, codes[seat]! as StatusCode);
  return codes;
}

export function useLiveAvailability({
  client,
  eventId,
  initial,
  indexById,
  onSeatChanges,
  ownSeats = NO_SEATS,
  queued = false,
}: {
  client: TicketingClient;
  eventId: string;
  initial: Availability;
  indexById: Map<string, number>;
  /** Called from the subscription with each batch of seat changes, after `live` holds them. */
  onSeatChanges(changes: SeatChange[]): void;
  /** Seats this buyer holds (read when a snapshot or change comes). */
  ownSeats?: RefObject<ReadonlySet<number>>;
  /** The event has a waiting room: watched through delta documents (live deltas, issue 20) where offered. */
  queued?: boolean;
}) {
  // The statuses the page opened with: what a map's engine is made from (it is then given `live` whole, and each
  // change after that through onSeatChanges, never a newer array through React: a render's copy can be older than a
  // change the engine was given between that render and its effect).
  const [first] = useState(() => statusesOf(initial, ownSeats.current));
  // What the live channel starts from: the snapshot the page opened with (its size and live version).
  const [start] = useState(() => ({ snapshot: initial, queued }));
  const [ga, setGa] = useState(initial.ga);
  // The seats' statuses as of the last live change: the snapshot, then every change applied to it. The engine keeps
  // its own copy; this one is for choosing, describing and the list view (re-rendered on each change).
  const live = useRef(first);
  const [, setLiveVersion] = useState(0);
  // The latest listener, read when a message comes, so a new render does not resubscribe.
  const listener = useRef(onSeatChanges);
  listener.current = onSeatChanges;

  // Live: others' holds and sales change colour at once. The snapshot the page opened with was read before the
  // subscription, so a change made in between would never be seen: once the server confirms the subscription (and
  // again after every reconnect), the snapshot is read again, and what is heard while that read runs is applied on top.
  useEffect(() => {
    const versions = new Map<number, number>();
    // Since the running read began: each seat's newest status heard, and each standing section's places left.
    let heard = new Map<number, StatusCode>();
    let heardGa = new Map<string, number>();
    // Retried with back-off while the subscription lives; a failed or cached (offline) answer is never laid over
    // what the live view has heard (see snapshotReads).
    const snapshot = snapshotReads({
      fetch: () => client.getAvailability(eventId),
      begin() {
        heard = new Map();
        heardGa = new Map();
      },
      apply(fresh) {
        const own = ownSeats.current;
        const { statuses: codes, changed } = snapshotUnderHeard(
          live.current,
          statusesOf(fresh, own),
          heard,
          (seat, status) => seenBy(own, seat, status),
        );
        live.current = codes;
        setLiveVersion((version) => version + 1);
        setGa(fresh.ga.map((g) => (heardGa.has(g.sectionId) ? { ...g, remaining: heardGa.get(g.sectionId)! } : g)));
        // What the read shows differently is told like a live change, so chosen seats that went are dropped.
        if (changed.length > 0) listener.current(changed);
      },
    });

    // live deltas (issue 20): a large or queued event's client may watch through delta documents from `start`.
    const subscribe = (handlers: LiveHandlers) => client.subscribe(eventId, handlers, start);
    const subscription = subscribe({
      onChanges(message) {
        const changes: SeatChange[] = [];
        for (const change of message.changes) {
          const seat = indexById.get(change.seatId);
          if (seat === undefined || (versions.get(seat) ?? -1) >= change.version) continue;
          versions.set(seat, change.version);
          heard.set(seat, STATUS[change.status]);
          changes.push({ seat, status: seenBy(ownSeats.current, seat, STATUS[change.status]) });
        }
        if (changes.length > 0) {
          const next = live.current.slice();
          for (const { seat, status } of changes) next[seat] = status;
          live.current = next;
          setLiveVersion((version) => version + 1);
          listener.current(changes);
        }
        if (message.ga) {
          for (const update of message.ga) heardGa.set(update.sectionId, update.remaining);
          setGa((current) =>
            current.map((g) => {
              const update = message.ga!.find((u) => u.sectionId === g.sectionId);
              return update ? { ...g, remaining: update.remaining } : g;
            }),
          );
        }
      },
      onSubscribed: () => snapshot.read(),
    });
    return () => {
      snapshot.stop();
      subscription.close();
    };
  }, [client, eventId, indexById, ownSeats, start]);

  /** Seats that became the buyer's own (a hold just made): held ones turn available to them, on the map too. */
  const claim = useCallback((seats: Iterable<number>): SeatChange[] => {
    const changes: SeatChange[] = [];
    for (const seat of seats) if (live.current[seat] === STATUS.held) changes.push({ seat, status: STATUS.available });
    if (changes.length > 0) {
      const next = live.current.slice();
      for (const { seat, status } of changes) next[seat] = status;
      live.current = next;
      setLiveVersion((version) => version + 1);
    }
    return changes;
  }, []);

  return { first, ga, live, claim };
}
