// An event's code policy at the door (cloud/domain/tickets/README.md): whether a ticket's static code is admitted.
// Under `rotating_only` the phone's rotating code is the ticket, and a static code (a screenshot of the emailed one, a
// forwarded PDF) is refused, except for tickets that only ever had a static code to show: printed (posted, will call,
// printed at the venue or by a kiosk) or sold at the counter.
import type { CodePolicy, Delivery } from '../../contract/index.ts';

export interface TicketSale {
  channel: 'web' | 'kiosk' | 'boxoffice';
  deliveryMethod: Delivery['method'];
}

export function staticCodeAdmitted(policy: CodePolicy, sale: TicketSale): boolean {
  if (policy !== 'rotating_only') return true;
  return sale.channel !== 'web' || sale.deliveryMethod !== 'email';
}
