// What the seat chooser is given: the loaded event and what the door does with a choice.
import type { Availability, CreateHold, EventDetail, SeatMap } from '../../../../cloud/contract/index.ts';

export interface Loaded {
  event: EventDetail;
  map: SeatMap;
  availability: Availability;
  tierOf: Uint8Array;
}

export interface ChooserOptions {
  /** Holds (or reserves) the choice; a rejection is shown, and seats someone else took are dropped. */
  onChoose(request: CreateHold): Promise<void>;
  /** The button under chosen seats, e.g. "Hold these 2 seats and check out". */
  actionLabel(count: number): string;
  /** When set, choosing is paused and this says why (e.g. the kiosk is offline). */
  paused?: string | null;
  bestAvailable?: boolean;
  standing?: boolean;
  /** Seats this buyer already holds: shown as theirs (chosen, not grey), the map centred on them. */
  heldSeatIds?: readonly string[];
  /** Seats to choose when the page opens (if still free; not held), the map centred on them. */
  selectSeatIds?: readonly string[];
  /** Said with a failed choice's error, e.g. that the seats held before were given back to try it. */
  errorNote?: string | null;
  /** While the choice is exactly the held seats, the button says this and goes on with the hold (no new one). */
  continueHeld?: { label: string; onContinue(): void };
}
