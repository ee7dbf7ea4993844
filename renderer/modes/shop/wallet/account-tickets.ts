// The signed-in buyer's tickets across all their orders, grouped by event: upcoming events first (soonest first),
// then past ones (latest first). Each group keeps its orders, so a ticket opens its order's wallet.
import type { Order } from '../../../../cloud/contract/index.ts';
import type { TicketingClient } from '../../../client/ticketing-client.ts';
import { loadEventFacts, type EventFacts } from './wallet-data.ts';

export interface EventTickets {
  eventId: string;
  /** Null when the event can no longer be read (the tickets still show, by their section). */
  facts: EventFacts | null;
  orders: Order[];
  upcoming: boolean;
}

export async function loadAccountTickets(client: TicketingClient, now: number = Date.now()): Promise<EventTickets[]> {
  const summaries = await client.myOrders();
  const orders = (await Promise.all(summaries.map((summary) => client.getOrder(summary.id)))).filter(
    (order) => order.tickets.length > 0,
  );
  const byEvent = new Map<string, Order[]>();
  for (const order of orders) byEvent.set(order.eventId, [...(byEvent.get(order.eventId) ?? []), order]);
  const groups = await Promise.all(
    [...byEvent].map(async ([eventId, eventOrders]): Promise<EventTickets> => {
      const facts = await loadEventFacts(client, eventId).catch(() => null);
      const startsAt = facts ? Date.parse(facts.event.startsAt) : 0;
      return { eventId, facts, orders: eventOrders, upcoming: startsAt >= now };
    }),
  );
  const startOf = (group: EventTickets) => (group.facts ? Date.parse(group.facts.event.startsAt) : 0);
  return groups.sort((a, b) =>
    a.upcoming !== b.upcoming ? (a.upcoming ? -1 : 1) : a.upcoming ? startOf(a) - startOf(b) : startOf(b) - startOf(a),
  );
}
