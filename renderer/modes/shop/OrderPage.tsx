// An order and its tickets: the confirmation after paying, and what a guest's link opens later. Each ticket says what
// it was sold as and what the door checks; the price breakdown stored with the order shows how the total was made.
import { useShop } from '../shared/shop-context.ts';
import { Pending } from '../../ui/feedback.tsx';
import { formatMoney } from '../../ui/format.ts';
import { orderTokens } from './browser-storage.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useLocation } from './location-context.ts';
import type { Ticket } from '../../../cloud/contract/index.ts';
import { PriceBreakdownView } from '../shared/basket/PriceBreakdownView.tsx';

const DELIVERY: Record<string, string> = {
  email: 'Your e-tickets are on their way to your email.',
  mail: 'Your printed tickets will be posted to you.',
  will_call: 'Collect your tickets at the box office with your order code.',
  print_at_venue: 'Your tickets are printed at the venue.',
};

export default function OrderPage({ orderId }: { orderId: string }) {
  const { client } = useShop();
  const { query } = useLocation();
  const token = query.get('token') ?? orderTokens.get(orderId) ?? undefined;
  const [state, retry] = useAsync(() => client.getOrder(orderId, token), [orderId, token]);
  if (state.status !== 'loaded') return <Pending state={state} retry={retry} what="your order" />;
  const order = state.value;
  const valid = order.tickets.filter((t) => t.status === 'valid');
  return (
    <section className="order">
      {order.state === 'paid' ? <h1>Thank you, your tickets are booked</h1> : <h1>Order {order.code}</h1>}
      <p>
        Order code <strong className="order-code">{order.code}</strong> · {order.state.replace('_', ' ')}
      </p>
      {order.cancelReason && <p role="alert">{order.cancelReason}</p>}
      {order.state === 'paid' && <p>{DELIVERY[order.delivery.method]}</p>}
      <h2>Tickets</h2>
      <ul className="tickets">
        {order.tickets.map((ticket) => (
          <li key={ticket.id}>
            {ticket.seatId
              ? `${ticket.sectionId}, row ${ticket.row}, seat ${ticket.number}`
              : `Standing, ${ticket.sectionId}`}{' '}
            {ticket.ticketType && <> · {ticket.ticketType}</>} · {formatMoney(ticket.price)} · {ticket.status}
            {ticket.requiresCheck && <span className="door-check"> · Check at the door: {ticket.requiresCheck}</span>}
          </li>
        ))}
      </ul>
      {order.breakdown && (
        <PriceBreakdownView breakdown={order.breakdown} describeLine={ticketDescriber(order.tickets)} />
      )}
      <p>
        Total {formatMoney(order.total)}
        {order.refunded.amount > 0 ? ` · refunded ${formatMoney(order.refunded)}` : ''}
      </p>
      {valid.length > 0 && <p className="hint">Show your order code at the door, or the tickets from your email.</p>}
    </section>
  );
}

/** Names a breakdown line by the order's ticket for it: a seat's line id is its seat id, a standing place's is
 * `<section>#<index>` (the index-th standing ticket of that section). */
function ticketDescriber(tickets: readonly Ticket[]): (lineId: string) => string {
  return (lineId) => {
    const hash = lineId.lastIndexOf('#');
    const seated = tickets.find((ticket) => ticket.seatId === lineId);
    const standing =
      hash > 0
        ? tickets.filter((ticket) => !ticket.seatId && ticket.sectionId === lineId.slice(0, hash))[
            Number(lineId.slice(hash + 1))
          ]
        : undefined;
    const ticket = seated ?? standing;
    if (!ticket) return lineId;
    const place = ticket.seatId
      ? `${ticket.sectionId}, row ${ticket.row}, seat ${ticket.number}`
      : `Standing, ${ticket.sectionId}, place ${Number(lineId.slice(hash + 1)) + 1}`;
    return ticket.ticketType ? `${place} · ${ticket.ticketType}` : place;
  };
}
