// The seat screen's statuses kept live while it is open: the last snapshot the screen read, then every change the
// live seat view sends (a seat sold or held in the shop, at a kiosk or a counter), stale versions ignored; after a
// dropped connection comes back, `onReconnect` reads a fresh snapshot (changes may have been missed).
import { useEffect, useRef, useState } from 'react';
import { subscribeLive } from '../../../client/live-socket.ts';
import { STATUS } from '../../../seatmap/model.ts';

export function useLiveStatuses({
  eventId,
  indexById,
  snapshot,
  onReconnect,
}: {
  eventId: string;
  indexById: Map<string, number>;
  /** The statuses last read (null while the first read runs). */
  snapshot: Uint8Array | null;
  onReconnect(): void;
}): Uint8Array | null {
  const [statuses, setStatuses] = useState(snapshot);
  useEffect(() => setStatuses(snapshot), [snapshot]);
  const reconnected = useRef(onReconnect);
  reconnected.current = onReconnect;

  useEffect(() => {
    const versions = new Map<number, number>();
    const subscription = subscribeLive('', eventId, {
      onChanges(message) {
        const changes: [seat: number, status: number][] = [];
        for (const change of message.changes) {
          const seat = indexById.get(change.seatId);
          if (seat === undefined || (versions.get(seat) ?? -1) >= change.version) continue;
          versions.set(seat, change.version);
          changes.push([seat, STATUS[change.status]]);
        }
        if (changes.length === 0) return;
        setStatuses((current) => {
          if (!current) return current;
          const next = current.slice();
          for (const [seat, status] of changes) next[seat] = status;
          return next;
        });
      },
      onReconnect: () => reconnected.current(),
    });
    return () => subscription.close();
  }, [eventId, indexById]);

  return statuses;
}
