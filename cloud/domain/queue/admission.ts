// How far admission reaches, as pure rules: the next state of an event's queue from the last one, the clock, how many
// joined and how much is left to sell; a buyer's place from its arrival number; and when to ask again. The service
// runs `nextQueueState` at most once a second per event and stores the result in the one state row.
import { permutedPlace, type PermutationKey } from './permutation.ts';

/** Seats a buyer is taken to hold until enough admitted buyers were seen to measure it (the drain rule's prior). */
export const SEATS_PER_BUYER = 2;
/** Admitted buyers seen before their own average replaces the prior. */
export const BUYERS_TO_MEASURE = 20;
/**
 * The largest average the drain rule believes: a few bulk baskets (a hold may take 100 seats) must not shrink the
 * admitted to a trickle. It sets the floor: at least ⌈free ÷ this⌉ buyers are admitted beyond those served.
 */
export const MAX_SEATS_PER_BUYER = 8;

/** What the admitted buyers took since the opening: their holds that still take seats (held or sold), and those seats. */
export interface AdmittedBaskets {
  buyers: number;
  seats: number;
}

/**
 * Seats per buyer for the drain rule: the prior until BUYERS_TO_MEASURE admitted buyers were seen, then their average
 * since the opening, between 1 and MAX_SEATS_PER_BUYER.
 */
export function seatsPerBuyer(baskets: AdmittedBaskets | undefined): number {
  if (!baskets || baskets.buyers < BUYERS_TO_MEASURE) return SEATS_PER_BUYER;
  return Math.min(MAX_SEATS_PER_BUYER, Math.max(1, baskets.seats / baskets.buyers));
}
/** How often a checkpoint of `admittedThrough` is kept (the drain rule and the measured rate read them). */
export const CHECKPOINT_EVERY_MS = 60_000;

export interface QueueRules {
  opensAt: Date;
  /** null: admit as fast as the inventory drains. */
  admissionPerMinute: number | null;
  tokenMinutes: number;
}

export interface Checkpoint {
  at: number;
  through: number;
}

export interface QueueProgress {
  /** null until the queue opens; then the arrivals before it, frozen. */
  arrivedBeforeOpening: number | null;
  admittedThrough: number;
  joined: number;
  admittingPerMinute: number | null;
  soldOut: boolean;
  /** Seats and places free when it opened (null until then). */
  freeAtOpening: number | null;
  /** A fixed rate's fraction of a place not given yet. */
  carry: number;
  checkpoints: Checkpoint[];
  updatedAt: Date;
}

export const initialProgress = (now: Date): QueueProgress => ({
  arrivedBeforeOpening: null,
  admittedThrough: 0,
  joined: 0,
  admittingPerMinute: null,
  soldOut: false,
  freeAtOpening: null,
  carry: 0,
  checkpoints: [],
  updatedAt: now,
});

/** The first batch of a fixed rate when the queue opens: ten seconds' worth, at least one. */
export const firstBatch = (perMinute: number): number => Math.max(1, Math.ceil(perMinute / 6));

/**
 * The queue's next state. Before the opening nobody is admitted. At the opening the arrivals so far are frozen (they
 * are shuffled among themselves), for good (moving the opening later does not close it again). After it, admission never goes back and never passes the arrivals so far (a lull
 * banks no admissions for a later crowd): at a fixed rate it advances with time; without one it keeps about
 * (free ÷ seats per buyer) admitted buyers beyond those done, where done is the seats taken since the opening
 * ÷ seats per buyer, or everyone admitted a token's lifetime ago when more (each took seats or lapsed), seats per
 * buyer measured from the admitted buyers' baskets (`seatsPerBuyer`). Sold out: it stops.
 */
export function nextQueueState(
  rules: QueueRules,
  previous: QueueProgress,
  facts: { now: Date; joined: number; free: number; baskets?: AdmittedBaskets },
): QueueProgress {
  const { now, free } = facts;
  const joined = Math.max(previous.joined, facts.joined);
  const soldOut = free <= 0;
  const base = { ...previous, joined, soldOut, updatedAt: now };
  // Once open it stays open: an opening moved later after it happened keeps the places given.
  if (previous.arrivedBeforeOpening === null && now.getTime() < rules.opensAt.getTime()) {
    return { ...base, arrivedBeforeOpening: null, admittedThrough: 0, admittingPerMinute: null, carry: 0 };
  }
  const opening = previous.arrivedBeforeOpening === null;
  const arrivedBeforeOpening = previous.arrivedBeforeOpening ?? joined;
  const freeAtOpening = previous.freeAtOpening ?? free;
  let target: number;
  let carry = 0;
  if (rules.admissionPerMinute !== null) {
    const perMinute = rules.admissionPerMinute;
    if (opening) target = firstBatch(perMinute);
    else {
      const allowance = previous.carry + (perMinute * (now.getTime() - previous.updatedAt.getTime())) / 60_000;
      const step = Math.floor(Math.max(0, allowance));
      target = previous.admittedThrough + step;
      carry = target > joined ? 0 : allowance - step;
    }
  } else {
    // Done: the buyers served (the seats taken ÷ seats per buyer), or, when more, everyone admitted a token's
    // lifetime ago: by then each took seats or let the admission lapse. Without that, buyers who walk away would keep
    // their places in flight for ever and the last seats would never be offered. A lapsed buyer who comes back may
    // renew and find the seats gone (a bounded over-admission, which beats seats left unsold).
    const perBuyer = seatsPerBuyer(facts.baskets);
    const served = Math.floor(Math.max(0, freeAtOpening - free) / perBuyer);
    const done = Math.max(served, admittedBy(previous.checkpoints, now.getTime() - rules.tokenMinutes * 60_000));
    target = done + Math.ceil(Math.max(0, free) / perBuyer);
  }
  const admittedThrough = soldOut
    ? previous.admittedThrough
    : Math.max(previous.admittedThrough, Math.min(target, joined));
  const checkpoints = keepCheckpoints(previous.checkpoints, now, admittedThrough, rules.tokenMinutes);
  return {
    ...base,
    arrivedBeforeOpening,
    freeAtOpening,
    admittedThrough,
    carry,
    checkpoints,
    admittingPerMinute: rules.admissionPerMinute ?? measuredRate(checkpoints, now, admittedThrough),
  };
}

/** How far admission had reached at `moment`: the newest checkpoint at or before it (0 when none is that old). */
export function admittedBy(points: Checkpoint[], moment: number): number {
  let through = 0;
  for (const point of points) if (point.at <= moment) through = point.through;
  return through;
}

/** One checkpoint a minute, kept for the token's lifetime and five minutes more. */
function keepCheckpoints(points: Checkpoint[], now: Date, through: number, tokenMinutes: number): Checkpoint[] {
  const last = points.at(-1);
  const added =
    !last || now.getTime() - last.at >= CHECKPOINT_EVERY_MS ? [...points, { at: now.getTime(), through }] : points;
  const keepAfter = now.getTime() - (tokenMinutes + 5) * 60_000;
  return added.filter((point) => point.at >= keepAfter);
}

/** Places a minute since the oldest checkpoint at least ten seconds old (null without one). */
function measuredRate(points: Checkpoint[], now: Date, through: number): number | null {
  const oldest = points.find((point) => now.getTime() - point.at >= 10_000);
  if (!oldest) return null;
  return ((through - oldest.through) * 60_000) / (now.getTime() - oldest.at);
}

/**
 * A buyer's place from its arrival number: arrivals before the opening (n ≤ N) are shuffled among themselves by the
 * event's permutation; later ones keep their arrival order after them. null before the opening.
 */
export function placeOf(arrival: number, arrivedBeforeOpening: number | null, key: PermutationKey): number | null {
  if (arrivedBeforeOpening === null) return null;
  return arrival <= arrivedBeforeOpening ? permutedPlace(arrival, arrivedBeforeOpening, key) : arrival;
}

/** When a buyer should ask again (Retry-After seconds): the opening, or the place reached at the recent rate. */
export function secondsUntilAdmission(
  place: number | null,
  state: { opensAt: Date; admittedThrough: number; admittingPerMinute: number | null },
  now: Date,
): number {
  const clamp = (seconds: number) => Math.min(300, Math.max(1, Math.ceil(seconds)));
  if (place === null || now.getTime() < state.opensAt.getTime()) {
    return clamp((state.opensAt.getTime() - now.getTime()) / 1000);
  }
  const ahead = place - state.admittedThrough;
  if (ahead <= 0) return 1;
  const rate = state.admittingPerMinute;
  return rate && rate > 0 ? clamp((ahead * 60) / rate) : 30;
}
