// A box office's sales against the real local cloud, for the outbox tests: a seat held for the device while online
// (what an allotment is), and the cash sale of that hold as the outbox keeps it.
export async function holdForDevice(cloudUrl: string, eventId: string, token: string, seatId: string): Promise<string> {
  const response = await fetch(`${cloudUrl}/v1/events/${eventId}/holds`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ seatIds: [seatId] }),
  });
  return ((await response.json()) as { id: string }).id;
}

export const cashSale = (holdId: string) => ({
  kind: 'cash_sale',
  method: 'POST',
  path: '/v1/orders',
  body: {
    holdId,
    buyer: { email: 'walkup@example.com', name: 'Walk Up' },
    delivery: { method: 'print_at_venue' },
    payment: { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } },
  },
});
