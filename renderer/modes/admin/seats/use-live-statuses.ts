// The seat screen's statuses kept live while it is open: the last snapshot the screen read, then every change the
// live seat view sends (a seat sold or held in the shop, at a kiosk or a counter), stale versions ignored, and the
// changes heard while a snapshot was read applied again on top of it (live-seat-state.ts). Each time the live view
// confirms the subscription, `onSubscribed` reads a fresh snapshot: on open (the first read ran before the
// subscription, so a change made in between would be missed) and after a dropped connection comes back.
import { useEffect, useReducer, useRef } from 'react';
import { subscribeLive } from '../../../client/live-socket.ts';
import { STATUS } from '../../../seatmap/model.ts';
import { initialLiveSeatState, liveSeatReducer, type HeardChange } from './live-seat-state.ts';

export function useLiveStatuses({
  eventId,
  indexById,
  snapshot,
  onSubscribed,
}: {
  eventId: string;
  indexById: Map<string, number>;
  /** The statuses last read (null while the first read runs). */
  snapshot: Uint8Array | null;
  /** Reads the snapshot again (it comes back through `snapshot`). */
  onSubscribed(): void;
}): Uint8Array | null {
  const [state, dispatch] = useReducer(liveSeatReducer, snapshot, initialLiveSeatState);
  useEffect(() => dispatch({ type: 'snapshot', statuses: snapshot }), [snapshot]);
  const subscribed = useRef(onSubscribed);
  subscribed.current = onSubscribed;

  useEffect(() => {
    dispatch({ type: 'reconnected' });
    const subscription = subscribeLive('', eventId, {
      onChanges(message) {
        const changes: HeardChange[] = [];
        for (const change of message.changes) {
          const seat = indexById.get(change.seatId);
          if (seat !== undefined) changes.push({ seat, status: STATUS[change.status], version: change.version });
        }
        if (changes.length > 0) dispatch({ type: 'changes', changes });
      },
      onSubscribed: () => {
        // Forgotten before the fresh read starts: whatever is heard from now on is applied on top of it.
        dispatch({ type: 'reconnected' });
        subscribed.current();
      },
    });
    return () => subscription.close();
  }, [eventId, indexById]);

  return state.statuses;
}
