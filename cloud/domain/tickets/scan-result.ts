// What the door is told when a ticket is refused, the same words from the cloud (POST /v1/scans) and from a box
// office checking offline (main/door).
import type { ScanResult } from '../../contract/index.ts';

export type RefusalReason = NonNullable<ScanResult['reason']>;

export const REFUSALS: Record<RefusalReason, string> = {
  invalid_code: 'Not a genuine ticket: the code is forged, altered or unreadable.',
  unknown_ticket: 'No such ticket.',
  other_event: 'This ticket is for another event.',
  other_venue: 'This ticket is for another venue.',
  refunded: 'This ticket was refunded.',
  void: 'This ticket was cancelled.',
  event_cancelled: 'This event was cancelled: the ticket is void and has been refunded.',
  code_expired: 'This code is too old (or the phone’s clock is wrong): ask for the live code on the phone.',
  code_replayed: 'This code was already shown here: ask for the live code on the phone.',
  static_code_refused: 'This event takes the live code on the ticket holder’s phone, not a copy of the ticket.',
  transferred: 'This ticket was passed on to someone else: their new ticket has another code.',
};

export const refusedScan = (
  reason: RefusalReason,
  ticket: ScanResult['ticket'] = null,
  detail: string = REFUSALS[reason],
): ScanResult => ({ result: 'refused', reason, detail, ticket, usedAt: null, usedGate: null });
