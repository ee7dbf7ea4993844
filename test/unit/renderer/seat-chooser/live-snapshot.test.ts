// The seat chooser's snapshot read again after its live subscription is confirmed (issue 18, the snapshot/subscribe
// gap): what the live view said during the read wins over the read, and what the result shows differently from the
// screen comes back as changes (so a chosen seat that went in the gap is dropped).
import { describe, expect, it } from 'vitest';
import { snapshotUnderHeard } from '../../../../renderer/modes/shared/seat-chooser/live-snapshot.ts';
import { STATUS, type StatusCode } from '../../../../renderer/seatmap/model.ts';

const { available, held, sold } = STATUS;
const asIs = (_seat: number, status: StatusCode) => status;

describe('a snapshot read again under the changes heard meanwhile', () => {
  it('shows a seat taken in the gap (in the new read, not on the screen) and reports it', () => {
    const shown = Uint8Array.of(available, available, available);
    const fresh = Uint8Array.of(available, held, available);
    const { statuses, changed } = snapshotUnderHeard(shown, fresh, new Map(), asIs);
    expect([...statuses]).toEqual([available, held, available]);
    expect(changed).toEqual([{ seat: 1, status: held }]);
  });

  it('keeps a change heard while the read ran over the older read, and reports nothing already on the screen', () => {
    // Seat 2 was sold after the read's moment; the screen already shows it from the live message.
    const shown = Uint8Array.of(available, available, sold);
    const fresh = Uint8Array.of(available, available, held);
    const { statuses, changed } = snapshotUnderHeard(shown, fresh, new Map([[2, sold]]), asIs);
    expect([...statuses]).toEqual([available, available, sold]);
    expect(changed).toEqual([]);
  });

  it("shows the buyer's own held seats as theirs, heard or read", () => {
    const own = new Set([0]);
    const seenAs = (seat: number, status: StatusCode) => (status === held && own.has(seat) ? available : status);
    const shown = Uint8Array.of(available, available);
    const fresh = Uint8Array.of(available, available);
    const { statuses, changed } = snapshotUnderHeard(
      shown,
      fresh,
      new Map([
        [0, held],
        [1, held],
      ]),
      seenAs,
    );
    expect([...statuses]).toEqual([available, held]);
    expect(changed).toEqual([{ seat: 1, status: held }]);
  });

  it('leaves the read it was given as it was', () => {
    const fresh = Uint8Array.of(available);
    snapshotUnderHeard(Uint8Array.of(available), fresh, new Map([[0, sold]]), asIs);
    expect([...fresh]).toEqual([available]);
  });
});
