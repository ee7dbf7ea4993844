// The organizer's transfer rules applied to one request (pure: the caller passes now): whether the event allows
// transfers, until when, how often a place may move, and whether the recipient must bear the buyer's name. The
// same checks run when a transfer is sent and again when it is accepted, so a rule tightened meanwhile holds.
import type { TransferRules } from '../../contract/transfers.ts';

/** What an event follows until its organizer sets rules: transfers allowed until the start, a place moves twice. */
export const DEFAULT_TRANSFER_RULES: TransferRules = {
  allowed: true,
  closeHoursBefore: 0,
  maxTransfers: 2,
  sameNameOnly: false,
};

/** The last moment a transfer may be sent or accepted. */
export const transferClosesAt = (rules: TransferRules, startsAt: Date): Date =>
  new Date(startsAt.getTime() - rules.closeHoursBefore * 3_600_000);

/** Names compared as a person would: case, accents' composed forms and runs of spaces do not matter. */
export const sameName = (a: string, b: string): boolean => {
  const fold = (name: string) => name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase('und');
  return fold(a) === fold(b);
};

export type TransferRefusal =
  | { code: 'transfer_not_allowed' }
  | { code: 'transfer_closed'; closesAt: Date }
  | { code: 'transfer_limit_reached'; ticketIds: string[] }
  | { code: 'transfer_name_mismatch' };

/** Why these tickets may not move to this recipient now, or null when the rules allow it. */
export function transferRefusal(
  rules: TransferRules,
  request: {
    now: Date;
    startsAt: Date;
    tickets: { id: string; transferCount: number }[];
    buyerName: string;
    recipientName: string;
  },
): TransferRefusal | null {
  if (!rules.allowed) return { code: 'transfer_not_allowed' };
  const closesAt = transferClosesAt(rules, request.startsAt);
  if (request.now.getTime() >= closesAt.getTime()) return { code: 'transfer_closed', closesAt };
  const spent = request.tickets.filter((ticket) => ticket.transferCount >= rules.maxTransfers).map((t) => t.id);
  if (spent.length > 0) return { code: 'transfer_limit_reached', ticketIds: spent };
  if (rules.sameNameOnly && !sameName(request.buyerName, request.recipientName)) {
    return { code: 'transfer_name_mismatch' };
  }
  return null;
}
