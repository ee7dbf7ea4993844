// Who may use a hold: its owner (signed in) or whoever has the token it was created with. Checkout asks it as well
// as the hold routes, so it lives beside the other access checks rather than inside inventory.
import { createHash, timingSafeEqual } from 'node:crypto';
import { findHold, type HoldRow } from '../../db/inventory/holds.ts';
import type { Queryable } from '../../db/port.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Principal } from '../ports.ts';

export interface HoldAccess {
  /** The token returned when the hold was created. */
  token?: string;
  principal?: Principal;
}

export const hashHoldToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The hold if the caller owns it; a wrong or missing token looks exactly like a missing hold. */
export async function authorizeHold(db: Queryable, holdId: string, access: HoldAccess): Promise<HoldRow> {
  return assertHoldAccess(await findHold(db, holdId), access);
}

/**
 * The hold (read by the caller, with whatever else it needed in the same round trip) if the caller owns it; a wrong
 * or missing token looks exactly like a missing hold.
 */
export function assertHoldAccess(hold: HoldRow | null, access: HoldAccess): HoldRow {
  // Made only when refused: an error's stack is not free, and most calls are allowed.
  const notFound = () => new DomainError('not_found', 'No such hold.');
  if (!hold) throw notFound();
  if (access.principal && hold.owner_sub && access.principal.sub === hold.owner_sub) return hold;
  if (access.token) {
    const given = Buffer.from(hashHoldToken(access.token), 'hex');
    const stored = Buffer.from(hold.token_hash, 'hex');
    if (given.length === stored.length && timingSafeEqual(given, stored)) return hold;
  }
  throw notFound();
}
