// Binding a ticket to its holder's phone (rotating codes, cloud/domain/tickets/README.md): the buyer (the order's
// token or the account that bought it) registers the phone's P-256 public key for one valid ticket and gets the
// credential the phone signs its rotating codes over. A ticket binds to one phone: the same key again gets the same
// credential (a reload, a second tab), another key is refused until staff re-key the ticket.
import type { KeyObject } from 'node:crypto';
import type { BindDeviceKey, DeviceCredential } from '../../contract/index.ts';
import type { Db } from '../../db/port.ts';
import { findOrder } from '../../db/orders.ts';
import { listTickets } from '../../db/tickets.ts';
import { bindTicketDeviceKey, findTicketDeviceKey, type TicketDeviceKeyRow } from '../../db/ticket-device-keys.ts';
import { DomainError } from '../../domain/errors.ts';
import { devicePublicKeyFrom, issueCredential } from '../../domain/tickets/rotating-code.ts';
import { isOrderBuyer, type OrderAccess } from '../access/order-access.ts';
import type { Clock } from '../ports.ts';

export class TicketBinding {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** The venue's current ticket key: credentials are signed with it, as new static codes are. */
    private readonly ticketKey: KeyObject,
  ) {}

  async bind(orderId: string, ticketId: string, input: BindDeviceKey, access: OrderAccess): Promise<DeviceCredential> {
    const order = await findOrder(this.db, orderId);
    // Someone who is not the buyer learns nothing, not even that the order exists.
    if (!order || !isOrderBuyer(order, access)) throw new DomainError('not_found', 'No such order.');
    const ticket = (await listTickets(this.db, [orderId])).find((t) => t.id === ticketId);
    if (!ticket) throw new DomainError('not_found', 'No such ticket in this order.');
    if (ticket.status !== 'valid') {
      throw new DomainError('order_state_conflict', `This ticket is ${ticket.status}: it cannot go on a phone.`, {
        field: 'ticketId',
      });
    }
    const publicKey = Buffer.from(input.publicKey, 'base64url');
    if (!devicePublicKeyFrom(publicKey)) {
      throw new DomainError('validation_failed', 'Not a P-256 public key (65 bytes, uncompressed).', {
        field: 'publicKey',
      });
    }
    const existing = await findTicketDeviceKey(this.db, ticketId);
    const bound =
      existing ??
      (await bindTicketDeviceKey(this.db, {
        ticket_id: ticketId,
        public_key: publicKey,
        credential: issueCredential(this.ticketKey, {
          ticketId,
          eventId: ticket.event_id,
          seat: ticket.seat_id ?? `ga:${ticket.ga_section_id}`,
          devicePublicKey: publicKey,
        }),
        bound_at: this.clock.now(),
      }));
    if (!bound.public_key.equals(publicKey)) {
      throw new DomainError('ticket_bound_elsewhere', 'This ticket is on another phone already.', {
        field: 'publicKey',
      });
    }
    return credentialView(bound);
  }
}

const credentialView = (row: TicketDeviceKeyRow): DeviceCredential => ({
  ticketId: row.ticket_id,
  credential: row.credential,
  boundAt: row.bound_at.toISOString(),
});
