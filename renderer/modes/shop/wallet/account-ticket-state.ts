// accounts (issue 19): a ticket's state on the account's "My tickets", in words: valid, used (with when the door
// admitted it, in the venue's zone), refunded, cancelled, exchanged, or transferred (the transfer part's state: the
// ticket went to someone else and new ones were issued to them).
import type { Order, Ticket } from '../../../../cloud/contract/index.ts';
import type { Translate } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { ticketStateWords } from './wallet-data.ts';

/** The states a ticket of the account can be in; `transferred` is written by transfers (migration 0031). */
export type AccountTicketState = Ticket['status'] | 'transferred' | 'used';

export interface AccountTicket {
  status: Ticket['status'] | 'transferred';
  usedAt?: string | null | undefined;
}

/** What the ticket is now: a valid ticket the door admitted is `used`. */
export const accountTicketState = (ticket: AccountTicket): AccountTicketState =>
  ticket.status === 'valid' && ticket.usedAt ? 'used' : ticket.status;

export function accountTicketStateWords(
  t: Translate,
  ticket: AccountTicket,
  order: Pick<Order, 'exchangedTo'>,
  timeZone: string | null,
): string {
  if (ticket.status === 'valid' && ticket.usedAt) {
    return timeZone
      ? t('account.ticket.usedAt', { when: formatDateTime(ticket.usedAt, timeZone) })
      : t('account.ticket.used');
  }
  return ticketStateWords(t, { status: ticket.status }, order);
}
