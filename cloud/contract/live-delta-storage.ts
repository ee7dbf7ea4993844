// live deltas (issue 20): what a shared store of the delta documents (S3) and its bucket's lifecycle agree on. No
// schemas here: the shop's first-load code reads the kept time through the version rules (domain/live/delta-versions).
/**
 * How long a shared store (S3) keeps each document at least: its lifecycle deletes documents a day after they were
 * written (S3 counts whole days, so between one and two). Far beyond the window the API serves, so a head's `oldest`
 * stays honest between writes: every version from `oldest` to the head is there while the head is read.
 */
export const LIVE_DELTA_KEPT_SECONDS = 86_400;

/** The tag a shared store's documents carry, which its lifecycle rule deletes by (heads are kept: the numbering). */
export const LIVE_DELTA_TAG = { key: 'ticketboss-live', value: 'delta' } as const;
