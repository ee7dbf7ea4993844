// SQL for waitlists: entries (who waits for how many, in which order), offers (the hold made for an entry, until
// when, whether its email went out) and each event's offer time. The offering pass takes an event's line under a
// transaction-scoped advisory lock, so two passes never offer to the same line at once.
import type { OrderLocale } from '../contract/index.ts';
import type { Queryable } from './port.ts';

export type WaitlistEntryStateRow = 'waiting' | 'offered' | 'claimed' | 'expired' | 'left';
export type WaitlistOfferStateRow = 'open' | 'claimed' | 'expired' | 'withdrawn';

export interface WaitlistEntryRow {
  id: string;
  event_id: string;
  tier_id: string | null;
  email: string;
  quantity: number;
  state: WaitlistEntryStateRow;
  token_hash: string;
  joined_at: Date;
  /** The language the entry was joined in; its offer email is written in it (migration 0028). */
  locale: OrderLocale;
}

export interface WaitlistOfferRow {
  id: string;
  entry_id: string;
  event_id: string;
  hold_id: string;
  state: WaitlistOfferStateRow;
  offered_at: Date;
  expires_at: Date;
  emailed_at: Date | null;
}

const ENTRY_COLUMNS = 'e.id, e.event_id, e.tier_id, e.email, e.quantity, e.state, e.token_hash, e.joined_at, e.locale';
const OFFER_COLUMNS = 'o.id, o.entry_id, o.event_id, o.hold_id, o.state, o.offered_at, o.expires_at, o.emailed_at';
const UNIQUE_VIOLATION = '23505';

/** Adds an entry to the line; 'duplicate' when this email already has a live entry for the event. */
export async function insertWaitlistEntry(
  db: Queryable,
  entry: Omit<WaitlistEntryRow, 'state'>,
): Promise<'inserted' | 'duplicate'> {
  try {
    await db.query(
      `INSERT INTO waitlist_entries (id, event_id, tier_id, email, quantity, token_hash, joined_at, updated_at, locale)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
      [
        entry.id,
        entry.event_id,
        entry.tier_id,
        entry.email,
        entry.quantity,
        entry.token_hash,
        entry.joined_at.toISOString(),
        entry.locale,
      ],
    );
    return 'inserted';
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) return 'duplicate';
    throw error;
  }
}

/** The entry, locked against a pass offering to it meanwhile. */
export async function lockWaitlistEntry(db: Queryable, entryId: string): Promise<WaitlistEntryRow | null> {
  const result = await db.query<WaitlistEntryRow>(
    `SELECT ${ENTRY_COLUMNS} FROM waitlist_entries e WHERE e.id = $1 FOR UPDATE`,
    [entryId],
  );
  return result.rows[0] ?? null;
}

export async function setWaitlistEntryState(
  db: Queryable,
  entryId: string,
  state: WaitlistEntryStateRow,
  now: Date,
): Promise<void> {
  await db.query(`UPDATE waitlist_entries SET state = $2, updated_at = $3 WHERE id = $1`, [
    entryId,
    state,
    now.toISOString(),
  ]);
}

/**
 * Takes the event's line for one offering pass (until the transaction ends); false when another pass has it now,
 * which then offers whatever this one would have.
 */
export async function tryLockWaitlistLine(db: Queryable, eventId: string): Promise<boolean> {
  const result = await db.query<{ locked: boolean }>(
    `SELECT pg_try_advisory_xact_lock(hashtextextended('waitlist:' || $1::text, 0)) AS locked`,
    [eventId],
  );
  return result.rows[0]!.locked;
}

/** The event's waiting entries in join order (at most `limit`), locked. */
export async function lockWaitingEntries(db: Queryable, eventId: string, limit: number): Promise<WaitlistEntryRow[]> {
  const result = await db.query<WaitlistEntryRow>(
    `SELECT ${ENTRY_COLUMNS} FROM waitlist_entries e WHERE e.event_id = $1 AND e.state = 'waiting'
     ORDER BY e.joined_at, e.id LIMIT $2 FOR UPDATE`,
    [eventId, limit],
  );
  return result.rows;
}

/**
 * Events on sale now with someone waiting, and events with an offer lapsed by now: what an offering pass has to look
 * at. A line whose event went off sale, or whose web sales window is not open now (an offer is a web sale), waits
 * (nothing could be offered) until it is on sale again.
 */
export async function listEventsToOfferFor(db: Queryable, now: Date, limit: number): Promise<string[]> {
  const result = await db.query<{ event_id: string }>(
    `SELECT event_id FROM (
       SELECT DISTINCT w.event_id FROM waitlist_entries w JOIN events e ON e.id = w.event_id
       WHERE w.state = 'waiting' AND e.status = 'on_sale' AND e.on_sale_from <= $1 AND e.on_sale_until > $1
         AND NOT EXISTS (SELECT 1 FROM event_sales_windows s WHERE s.event_id = e.id AND s.channel = 'web'
                         AND NOT (s.opens_at <= $1 AND s.closes_at > $1))
       UNION SELECT DISTINCT event_id FROM waitlist_offers WHERE state = 'open' AND expires_at <= $1
     ) AS due ORDER BY event_id LIMIT $2`,
    [now.toISOString(), limit],
  );
  return result.rows.map((row) => row.event_id);
}

export async function insertWaitlistOffer(
  db: Queryable,
  offer: Omit<WaitlistOfferRow, 'state' | 'emailed_at'> & { claim_token_hash: string },
): Promise<void> {
  await db.query(
    `INSERT INTO waitlist_offers (id, entry_id, event_id, hold_id, claim_token_hash, offered_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      offer.id,
      offer.entry_id,
      offer.event_id,
      offer.hold_id,
      offer.claim_token_hash,
      offer.offered_at.toISOString(),
      offer.expires_at.toISOString(),
    ],
  );
}

/** A waitlist offer's hold is made already extended: nobody can move it past the offer's expiry. */
export async function markHoldUnextendable(db: Queryable, holdId: string): Promise<void> {
  await db.query(`UPDATE holds SET extended = true WHERE id = $1`, [holdId]);
}

/** Open offers of the event past their expiry, locked. */
export async function lockLapsedOffers(db: Queryable, eventId: string, now: Date): Promise<WaitlistOfferRow[]> {
  const result = await db.query<WaitlistOfferRow>(
    `SELECT ${OFFER_COLUMNS} FROM waitlist_offers o WHERE o.event_id = $1 AND o.state = 'open' AND o.expires_at <= $2
     ORDER BY o.expires_at FOR UPDATE`,
    [eventId, now.toISOString()],
  );
  return result.rows;
}

/** The entry's open offer, locked. */
export async function lockOpenOffer(db: Queryable, entryId: string): Promise<WaitlistOfferRow | null> {
  const result = await db.query<WaitlistOfferRow>(
    `SELECT ${OFFER_COLUMNS} FROM waitlist_offers o WHERE o.entry_id = $1 AND o.state = 'open' FOR UPDATE`,
    [entryId],
  );
  return result.rows[0] ?? null;
}

export async function endWaitlistOffer(
  db: Queryable,
  offerId: string,
  state: Exclude<WaitlistOfferStateRow, 'open'>,
  now: Date,
): Promise<void> {
  await db.query(`UPDATE waitlist_offers SET state = $2, ended_at = $3 WHERE id = $1`, [
    offerId,
    state,
    now.toISOString(),
  ]);
}

/** The offer a claim token opens, locked, with its entry. */
export async function lockOfferByClaimToken(
  db: Queryable,
  claimTokenHash: string,
): Promise<(WaitlistOfferRow & { email: string }) | null> {
  const result = await db.query<WaitlistOfferRow & { email: string }>(
    `SELECT ${OFFER_COLUMNS}, e.email FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id
     WHERE o.claim_token_hash = $1 FOR UPDATE OF o`,
    [claimTokenHash],
  );
  return result.rows[0] ?? null;
}

/** What the offer email needs: the offer, who to write to, how many, and in which language. */
export async function findOfferForEmail(
  db: Queryable,
  offerId: string,
): Promise<(WaitlistOfferRow & { email: string; quantity: number; locale: OrderLocale }) | null> {
  const result = await db.query<WaitlistOfferRow & { email: string; quantity: number; locale: OrderLocale }>(
    `SELECT ${OFFER_COLUMNS}, e.email, e.quantity, e.locale
     FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id
     WHERE o.id = $1`,
    [offerId],
  );
  return result.rows[0] ?? null;
}

export async function markOfferEmailed(db: Queryable, offerId: string, now: Date): Promise<void> {
  await db.query(`UPDATE waitlist_offers SET emailed_at = $2 WHERE id = $1 AND emailed_at IS NULL`, [
    offerId,
    now.toISOString(),
  ]);
}

export interface WaitlistLineRow extends Omit<WaitlistEntryRow, 'token_hash'> {
  offer_hold_id: string | null;
  offer_state: WaitlistOfferStateRow | null;
  offered_at: Date | null;
  offer_expires_at: Date | null;
}

/** Every entry of the event in join order, each with its latest offer. */
export async function listWaitlistLine(db: Queryable, eventId: string, limit: number): Promise<WaitlistLineRow[]> {
  const result = await db.query<WaitlistLineRow>(
    `SELECT e.id, e.event_id, e.tier_id, e.email, e.quantity, e.state, e.joined_at, e.locale,
            o.hold_id AS offer_hold_id, o.state AS offer_state, o.offered_at, o.expires_at AS offer_expires_at
     FROM waitlist_entries e
     LEFT JOIN LATERAL (SELECT * FROM waitlist_offers x WHERE x.entry_id = e.id ORDER BY x.offered_at DESC LIMIT 1) o
       ON true
     WHERE e.event_id = $1 ORDER BY e.joined_at, e.id LIMIT $2`,
    [eventId, limit],
  );
  return result.rows;
}

/** The event's offer time in seconds; null when it has none of its own. */
export async function findWaitlistOfferSeconds(db: Queryable, eventId: string): Promise<number | null> {
  const result = await db.query<{ offer_seconds: number }>(
    'SELECT offer_seconds FROM waitlist_settings WHERE event_id = $1',
    [eventId],
  );
  return result.rows[0]?.offer_seconds ?? null;
}

export async function saveWaitlistOfferSeconds(db: Queryable, eventId: string, offerSeconds: number): Promise<void> {
  await db.query(
    `INSERT INTO waitlist_settings (event_id, offer_seconds) VALUES ($1, $2)
     ON CONFLICT (event_id) DO UPDATE SET offer_seconds = EXCLUDED.offer_seconds`,
    [eventId, offerSeconds],
  );
}
