// An order's tickets on its back-office page, chosen here for a refund: its valid tickets, and those it passed on by
// transfer (its money is still here) with who holds each place now — a passed-on ticket is refunded here, and its
// holder's ticket stops working, unless the holder was let in at the door already.
import type { AdminOrder } from '../../../../cloud/contract/backoffice-orders.ts';
import { formatMoney } from '../../../ui/format.ts';

export function OrderTickets({
  page,
  chosen,
  setChosen,
}: {
  page: AdminOrder;
  chosen: string[];
  setChosen(ids: string[]): void;
}) {
  return (
    <section aria-labelledby="order-tickets">
      <h2 id="order-tickets">Tickets</h2>
      <table className="admin-table">
        <caption className="visually-hidden">Tickets of the order; choose valid or passed-on ones to refund</caption>
        <thead>
          <tr>
            <th scope="col">Refund</th>
            <th scope="col">Seat</th>
            <th scope="col">Type</th>
            <th scope="col">Price</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {page.order.tickets.map((ticket) => {
            const seat = ticket.seatId ? `${ticket.sectionId} ${ticket.row}-${ticket.number}` : ticket.sectionId;
            const passedOn = page.passedOn.find((p) => p.ticketId === ticket.id);
            const choosable = ticket.status === 'valid' || (ticket.status === 'transferred' && !!passedOn?.refundable);
            return (
              <tr key={ticket.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Refund ${seat}`}
                    disabled={!choosable}
                    checked={chosen.includes(ticket.id)}
                    onChange={(change) =>
                      setChosen(
                        change.target.checked ? [...chosen, ticket.id] : chosen.filter((id) => id !== ticket.id),
                      )
                    }
                  />
                </td>
                <td>{seat}</td>
                <td>{ticket.ticketType ?? '—'}</td>
                <td>{formatMoney(ticket.price)}</td>
                <td>
                  {passedOn ? (
                    <span data-testid="passed-on-holder">
                      passed on to {passedOn.holder.name}
                      {passedOn.holder.email ? ` (${passedOn.holder.email})` : ''} · order {passedOn.holderOrderCode}
                      {passedOn.refundable ? '' : ' · used at the door'}
                    </span>
                  ) : (
                    ticket.status
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
