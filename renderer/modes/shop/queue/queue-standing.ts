// Where a buyer stands, from the one state document everyone polls and their own place: people ahead, an estimate in
// minutes from the recent admission rate, the share of the way done, and whether to ask for admission now. Pure.
import type { QueueState } from '../../../../cloud/contract/queue.ts';
import { formatCountdown } from '../../../ui/format.ts';

export interface Standing {
  /** Null before the opening (arrivals before it get a random place then) and until the place is learnt. */
  ahead: number | null;
  /** About how many minutes until admission (0: less than one); null when there is no rate to go by. */
  minutes: number | null;
  /** 0..1 of the way from the front of the line to the buyer's place. */
  progress: number;
  /** Ask for admission now: the place is reached, or it opened and the place is still to be learnt. */
  askAdmission: boolean;
}

export function standing(state: QueueState, place: number | null): Standing {
  if (!state.open || state.soldOut) return { ahead: null, minutes: null, progress: 0, askAdmission: false };
  if (place === null) return { ahead: null, minutes: null, progress: 0, askAdmission: true };
  const ahead = Math.max(0, place - state.admittedThrough - 1);
  const rate = state.admittingPerMinute;
  return {
    ahead,
    minutes: rate && rate > 0 ? Math.ceil(ahead / rate) : null,
    progress: Math.min(1, state.admittedThrough / place),
    askAdmission: place <= state.admittedThrough,
  };
}

/** The time to the opening as h:mm:ss (m:ss under an hour). */
export function countdown(milliseconds: number): string {
  const hours = Math.floor(Math.max(0, Math.ceil(milliseconds / 1000)) / 3600);
  const rest = formatCountdown(milliseconds - hours * 3_600_000);
  return hours > 0 ? `${hours}:${rest.padStart(5, '0')}` : rest;
}
