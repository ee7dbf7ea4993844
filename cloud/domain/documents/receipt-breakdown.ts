// The receipt's money lines from the price breakdown stored with an order: each ticket (place and type) with its
// price, discount and service fee, the order and delivery fees, then subtotal, discount, fees, tax and total. Every
// amount is in the breakdown's currency, formatted by its ISO digits, so the lines printed add up to the total.
import type { Order, PriceBreakdown, SeatMap } from '../../contract/index.ts';
import { formatMoney } from '../format.ts';

/** The seat map's sections as documents use them: a ticket's section by its name (the seats are not needed). */
export type NamedSections = readonly Pick<SeatMap['sections'][number], 'id' | 'name'>[];

export interface ReceiptLine {
  label: string;
  amount: string;
  /** A part of the line above it (a ticket's discount or service fee), printed indented. */
  part?: boolean;
}

const DELIVERY_NAMES: Record<NonNullable<PriceBreakdown['deliveryFee']['method']>, string> = {
  email: 'email',
  mail: 'post',
  will_call: 'will call',
  print_at_venue: 'print at the venue',
};

/** A tax rate in parts per million as a percentage: 200000 → "20 %", 88750 → "8.875 %". */
export function taxRateText(ratePpm: number): string {
  return `${Number((ratePpm / 10_000).toFixed(4))} %`;
}

/** "VAT 20 %" when the tax is added, "VAT 20 % incl." when it is inside the prices. */
export function taxLabel(tax: PriceBreakdown['tax']): string {
  return `${tax.label} ${taxRateText(tax.ratePpm)}${tax.mode === 'inclusive' ? ' incl.' : ''}`;
}

/** Where a priced line sits, from the ticket sold for it (or, before the sale, the seat id or standing area). */
function lineTicket(order: Order, lineId: string, gaSeen: Map<string, number>) {
  const bySeat = order.tickets.find((ticket) => ticket.seatId === lineId);
  if (bySeat) return bySeat;
  // A standing place's line is "<section>#<index>": its tickets are issued in index order.
  const hash = lineId.lastIndexOf('#');
  if (hash < 0) return null;
  const sectionId = lineId.slice(0, hash);
  const nth = gaSeen.get(sectionId) ?? 0;
  gaSeen.set(sectionId, nth + 1);
  return order.tickets.filter((ticket) => ticket.seatId === null && ticket.sectionId === sectionId)[nth] ?? null;
}

export function breakdownLines(
  order: Order,
  breakdown: PriceBreakdown,
  place: (ticket: Order['tickets'][number]) => string,
  sections: NamedSections,
): { lines: ReceiptLine[]; summary: ReceiptLine[]; total: string; taxIncluded: ReceiptLine | null } {
  const money = (amount: number) => formatMoney({ amount, currency: breakdown.currency });
  const typeNames = new Map(order.tickets.map((ticket) => [ticket.ticketTypeId, ticket.ticketType]));
  const promo = breakdown.promoCode ? `Discount (${breakdown.promoCode})` : 'Discount';
  const gaSeen = new Map<string, number>();
  const lines: ReceiptLine[] = [];
  for (const line of breakdown.tickets) {
    const ticket = lineTicket(order, line.lineId, gaSeen);
    const where = ticket
      ? place(ticket)
      : line.lineId.includes('#')
        ? `${sections.find((s) => s.id === line.lineId.split('#')[0])?.name ?? line.lineId} · Standing`
        : line.lineId;
    const type = typeNames.get(line.ticketTypeId);
    const status = ticket && ticket.status !== 'valid' ? ` (${ticket.status})` : '';
    lines.push({ label: [where, type].filter(Boolean).join(' · ') + status, amount: money(line.price) });
    if (line.discount > 0) lines.push({ label: promo, amount: money(-line.discount), part: true });
    if (line.serviceFee > 0) lines.push({ label: 'Service fee', amount: money(line.serviceFee), part: true });
  }
  if (breakdown.orderFee.amount > 0) lines.push({ label: 'Order fee', amount: money(breakdown.orderFee.amount) });
  const delivery = breakdown.deliveryFee;
  if (delivery.amount > 0) {
    const how = delivery.method ? ` (${DELIVERY_NAMES[delivery.method]})` : '';
    lines.push({ label: `Delivery fee${how}`, amount: money(delivery.amount) });
  }
  const { totals } = breakdown;
  const taxed = breakdown.tax.ratePpm > 0 || totals.tax > 0;
  const tax = { label: taxLabel(breakdown.tax), amount: money(totals.tax) };
  const inclusive = breakdown.tax.mode === 'inclusive';
  const summary: ReceiptLine[] = [
    { label: 'Subtotal', amount: money(totals.subtotal) },
    ...(totals.discount > 0 ? [{ label: promo, amount: money(-totals.discount) }] : []),
    { label: 'Fees', amount: money(totals.fees) },
    // Exclusive tax is added before the total; inclusive tax is inside it, so it is printed under the total.
    ...(taxed && !inclusive ? [tax] : []),
  ];
  return { lines, summary, total: money(totals.total), taxIncluded: taxed && inclusive ? tax : null };
}
