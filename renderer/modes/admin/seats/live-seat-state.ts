// What the live seat screen shows, as a pure reducer: the statuses last read plus the changes the live seat view sent
// since. A read (snapshot) may have been taken before changes that arrived while it ran, so every change heard since
// the last snapshot came in is applied again on top of the next one; only the newest version of a seat counts. After
// a dropped connection the changes heard before the drop are forgotten (newer ones may have been missed: the fresh
// snapshot read on reconnect knows better).

export interface HeardChange {
  seat: number;
  status: number;
  version: number;
}

export interface LiveSeatState {
  /** What the screen shows (null while the first read runs). */
  statuses: Uint8Array | null;
  /** The newest change heard for each seat since the last snapshot came in (or the connection came back). */
  heard: ReadonlyMap<number, HeardChange>;
}

export type LiveSeatAction =
  | { type: 'snapshot'; statuses: Uint8Array | null }
  | { type: 'changes'; changes: readonly HeardChange[] }
  /** The connection came back (changes may have been missed) or was opened for another event. */
  | { type: 'reconnected' };

export const initialLiveSeatState = (statuses: Uint8Array | null): LiveSeatState => ({ statuses, heard: new Map() });

export function liveSeatReducer(state: LiveSeatState, action: LiveSeatAction): LiveSeatState {
  switch (action.type) {
    case 'snapshot': {
      // A null snapshot is a read under way: what is heard meanwhile waits for it.
      if (!action.statuses) return { ...state, statuses: null };
      return { statuses: applied(action.statuses, state.heard.values()), heard: new Map() };
    }
    case 'changes': {
      const heard = new Map(state.heard);
      const fresh: HeardChange[] = [];
      for (const change of action.changes) {
        if ((heard.get(change.seat)?.version ?? -1) >= change.version) continue;
        heard.set(change.seat, change);
        fresh.push(change);
      }
      if (fresh.length === 0) return state;
      return { statuses: state.statuses && applied(state.statuses, fresh), heard };
    }
    case 'reconnected':
      return state.heard.size === 0 ? state : { ...state, heard: new Map() };
  }
}

function applied(statuses: Uint8Array, changes: Iterable<HeardChange>): Uint8Array {
  const next = statuses.slice();
  for (const change of changes) next[change.seat] = change.status;
  return next;
}
