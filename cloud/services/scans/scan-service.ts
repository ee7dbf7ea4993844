// The door: a scanned code is checked (signature, key still accepted, event, venue, ticket state) and a valid
// ticket is admitted once, whichever gate is first; a second scan says when and where it was used. A rotating code
// (a phone's, cloud/domain/tickets/README.md) is checked for its two signatures, the clock rule and replays first,
// and must come from the phone the ticket is bound to now; a static code is refused where the event's policy says
// so.
import type { KeyObject } from 'node:crypto';
import type { Db } from '../../db/port.ts';
import { admitTicket, findTicketForScan } from '../../db/tickets.ts';
import type { ScanRequest, ScanResult, TicketRevocations } from '../../contract/index.ts';
import { listRevokedTickets } from '../../db/event-changes.ts';
import { DomainError } from '../../domain/errors.ts';
import { may, venuesOf } from '../../domain/staff-roles.ts';
import { ticketKeyId, verifyTicketCode, type VerifiedTicketCode } from '../../domain/tickets/ticket-code.ts';
import { refusedScan } from '../../domain/tickets/scan-result.ts';
import {
  MAX_CODE_SKEW_SECONDS,
  isRotatingCode,
  readRotatingCode,
  type VerifiedRotatingCode,
} from '../../domain/tickets/rotating-code.ts';
import { staticCodeAdmitted } from '../../domain/tickets/code-policy.ts';
import { recordRotatingCodeSighting } from '../../db/ticket-device-keys.ts';
import type { Clock, Principal } from '../ports.ts';

export class ScanService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Every public key whose codes are still accepted (the current one first). */
    private readonly publicKeys: KeyObject[],
  ) {}

  /** The accepted keys, for scanners that verify offline. */
  keys() {
    return this.publicKeys.map((key) => ({
      keyId: ticketKeyId(key),
      alg: 'Ed25519' as const,
      publicKey: (key.export({ format: 'jwk' }) as { x: string }).x,
    }));
  }

  /**
   * Tickets of the venue's coming events that are void or refunded, for a door that checks offline: box offices and
   * clerks get their own venue's, admins name one.
   */
  async revocations(principal: Principal | undefined, venueId: string | undefined): Promise<TicketRevocations> {
    const doors = doorVenues(principal, 'The revocation list is for door staff and box-office machines.');
    // Staff of one venue get theirs; an admin or a manager of several names one.
    const venue = venueId ?? (doors !== 'all' && doors.length === 1 ? doors[0] : undefined);
    if (!venue) throw new DomainError('validation_failed', 'Name the venue.', { field: 'venueId' });
    if (doors !== 'all' && !doors.includes(venue)) throw new DomainError('not_found', 'Not found.');
    const now = this.clock.now();
    const tickets = await listRevokedTickets(this.db, venue, new Date(now.getTime() - 2 * 86_400_000));
    return {
      venueId: venue,
      generatedAt: now.toISOString(),
      tickets: tickets.map((t) => ({
        id: t.id,
        eventId: t.event_id,
        reason: t.event_status === 'cancelled' ? ('event_cancelled' as const) : t.status,
      })),
    };
  }

  async scan(request: ScanRequest, principal: Principal | undefined): Promise<ScanResult> {
    const doors = doorVenues(principal, 'Scanning is for door staff and box-office machines.');
    // A scan made offline and synced later is judged by the time it was read: the clock rule and the admission.
    const when = request.scannedAt ? new Date(request.scannedAt) : this.clock.now();
    const read = this.readCode(request.code, when);
    if ('refusal' in read) return refusedScan(read.refusal);
    const fields = read.fields;
    const ticket = await findTicketForScan(this.db, fields.ticketId);
    if (!ticket || ticket.event_id !== fields.eventId) return refusedScan('unknown_ticket');
    const about = { id: ticket.id, eventId: ticket.event_id, seat: fields.seat };
    if ('time' in fields) {
      // A credential of a phone the ticket was re-keyed away from is still signed, but no longer the ticket's.
      const bound = ticket.device_public_key;
      if (!bound || !fields.devicePublicKey.equals(Buffer.from(bound))) return refusedScan('invalid_code');
      // Remembered only once it is the bound phone's: an old phone cannot use up the new one's times.
      const firstSight = await recordRotatingCodeSighting(this.db, {
        ticketId: fields.ticketId,
        codeTime: fields.time,
        seenAt: this.clock.now(),
        forgetBefore: new Date(this.clock.now().getTime() - 2 * MAX_CODE_SKEW_SECONDS * 1000),
      });
      if (!firstSight) return refusedScan('code_replayed', about);
    }
    if (doors !== 'all' && !doors.includes(ticket.venue_id)) {
      return refusedScan('other_venue', about);
    }
    if (request.eventId && request.eventId !== ticket.event_id) {
      return refusedScan('other_event', about);
    }
    const sale = { channel: ticket.channel, deliveryMethod: ticket.delivery_method };
    if (!('time' in fields) && !staticCodeAdmitted(ticket.code_policy, sale)) {
      return refusedScan('static_code_refused', about);
    }
    if (ticket.event_status === 'cancelled') return refusedScan('event_cancelled', about);
    if (ticket.status !== 'valid') {
      return refusedScan(ticket.status, about);
    }
    if (await admitTicket(this.db, ticket.id, { when, gate: request.gate, by: principal!.sub })) {
      return {
        result: 'admitted',
        reason: null,
        detail: 'Welcome.',
        ticket: about,
        usedAt: when.toISOString(),
        usedGate: request.gate,
      };
    }
    const used = (await findTicketForScan(this.db, ticket.id))!;
    if (used.status !== 'valid') return refusedScan(used.status, about, 'This ticket was just cancelled.');
    return {
      result: 'already_used',
      reason: null,
      detail: `Already used at ${used.used_at!.toISOString()} at gate ${used.used_gate}.`,
      ticket: about,
      usedAt: used.used_at!.toISOString(),
      usedGate: used.used_gate,
    };
  }

  /** A static or a rotating code's fields (by its version byte), or why it is refused before the ticket is looked up. */
  private readCode(
    code: string,
    now: Date,
  ): { fields: VerifiedTicketCode | VerifiedRotatingCode } | { refusal: 'invalid_code' | 'code_expired' } {
    if (isRotatingCode(code)) {
      const check = readRotatingCode(this.publicKeys, code, now);
      if (!check.ok) return { refusal: check.reason === 'code_expired' ? 'code_expired' : 'invalid_code' };
      return { fields: check.code };
    }
    const fields = verifyTicketCode(this.publicKeys, code);
    return fields ? { fields } : { refusal: 'invalid_code' };
  }
}

/**
 * The venues whose doors the principal scans at: a box-office machine its own, staff with door:scan theirs
 * (domain/staff-roles.ts: door stewards, clerks, venue managers, admins everywhere).
 */
function doorVenues(principal: Principal | undefined, refusal: string): 'all' | string[] {
  if (!principal) throw new DomainError('unauthorized', 'Sign in as door staff first.');
  if (principal.groups.includes('boxoffice')) return principal.venueId ? [principal.venueId] : [];
  if (!may(principal, 'door:scan')) throw new DomainError('forbidden', refusal);
  return venuesOf(principal);
}
