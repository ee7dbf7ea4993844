// The live seat screen's statuses: a change heard while the screen reads its statuses again is not lost under the
// snapshot, whenever in the read it was committed and whenever its message arrives; a connection that came back does
// not bring back changes from before the drop over the fresh read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  initialLiveSeatState,
  liveSeatReducer,
  type HeardChange,
  type LiveSeatAction,
  type LiveSeatState,
} from '../../../../renderer/modes/admin/seats/live-seat-state.ts';
import { STATUS } from '../../../../renderer/seatmap/model.ts';

const run = (state: LiveSeatState, ...actions: LiveSeatAction[]) => actions.reduce(liveSeatReducer, state);
const shown = (state: LiveSeatState) => (state.statuses ? [...state.statuses] : null);
const changes = (...list: HeardChange[]): LiveSeatAction => ({ type: 'changes', changes: list });
const snapshot = (...statuses: number[]): LiveSeatAction => ({ type: 'snapshot', statuses: Uint8Array.from(statuses) });
const { available, held, sold } = STATUS;

describe('the live seat screen`s statuses', () => {
  it('keeps a sale heard while a reload was read, though the snapshot was read before it', () => {
    const open = run(initialLiveSeatState(Uint8Array.from([available, available])));
    // The reload starts, then seat 1 is sold elsewhere and heard; the snapshot, read before the sale, comes in.
    const after = run(open, changes({ seat: 1, status: sold, version: 3 }), snapshot(available, available));
    expect(shown(after)).toEqual([available, sold]);
    // A later change of the seat still counts, and an older one heard late does not.
    expect(shown(run(after, changes({ seat: 1, status: available, version: 4 })))).toEqual([available, available]);
    expect(shown(run(after, changes({ seat: 0, status: held, version: 2 }), snapshot(held, sold)))).toEqual([
      held,
      sold,
    ]);
  });

  it('shows what was heard during the first read once it comes in', () => {
    const first = run(initialLiveSeatState(null), changes({ seat: 0, status: held, version: 1 }));
    expect(shown(first)).toBeNull();
    expect(shown(run(first, snapshot(available, available)))).toEqual([held, available]);
  });

  it('does not lay changes from before a dropped connection over the read made when it came back', () => {
    // Seat 0 was held, then (while the connection was down, unheard) sold and given back: the fresh read says free.
    const before = run(
      initialLiveSeatState(Uint8Array.from([available])),
      changes({ seat: 0, status: held, version: 1 }),
    );
    expect(shown(run(before, { type: 'reconnected' }, snapshot(available)))).toEqual([available]);
  });

  it('ends on the seats` true statuses however a reload and the live messages interleave', () => {
    const seats = 4;
    const commit = fc.record({ seat: fc.nat(seats - 1), status: fc.constantFrom(available, held, sold) });
    fc.assert(
      fc.property(fc.array(commit, { maxLength: 20 }), fc.nat(), fc.nat(), (commits, readAt, heardAt) => {
        // Commits numbered per seat (the seat's version); the snapshot is read after `read` of them and comes in
        // after `heard` messages arrived (messages arrive in commit order, each after its commit).
        const versions = new Array<number>(seats).fill(0);
        const messages = commits.map(({ seat, status }) => ({ seat, status, version: ++versions[seat]! }));
        const truthAfter = (count: number) => {
          const truth = new Array<number>(seats).fill(available);
          for (const m of messages.slice(0, count)) truth[m.seat] = m.status;
          return truth;
        };
        const read = readAt % (messages.length + 1);
        const heard = heardAt % (messages.length + 1);
        let state = initialLiveSeatState(Uint8Array.from(truthAfter(0)));
        for (const m of messages.slice(0, heard)) state = liveSeatReducer(state, changes(m));
        state = liveSeatReducer(state, snapshot(...truthAfter(read)));
        for (const m of messages.slice(heard)) state = liveSeatReducer(state, changes(m));
        expect(shown(state)).toEqual(truthAfter(messages.length));
      }),
    );
  });
});
