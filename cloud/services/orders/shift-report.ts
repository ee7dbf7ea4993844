// The end-of-shift report of a box office: per payment method what was sold and refunded, the cash that should be
// in the drawer, and per currency what the takings were for (ticket sales, fees, tax, refunds). The seller is the
// box-office machine or the clerk asking; nobody sees another seller's drawer.
import type { Db } from '../../db/port.ts';
import { sellerRefunds, sellerSales, sellerTotals } from '../../db/reports.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ShiftReport } from '../../contract/index.ts';
import type { Principal } from '../ports.ts';
import { shiftBreakdown } from './shift-breakdown.ts';

export async function shiftReport(
  db: Db,
  principal: Principal | undefined,
  query: { from: string; to?: string; openingFloat: number; currency?: string },
  now: Date,
): Promise<ShiftReport> {
  if (!principal) throw new DomainError('unauthorized', 'Sign in at the box office first.');
  if (!principal.groups.some((g) => g === 'boxoffice' || g === 'clerk' || g === 'admin')) {
    throw new DomainError('forbidden', 'Shift reports are for the box office.');
  }
  const from = new Date(query.from);
  // Up to now, this very second included.
  const to = query.to ? new Date(query.to) : new Date(now.getTime() + 1000);
  if (!(from < to)) throw new DomainError('validation_failed', 'from must be before to.', { field: 'from' });
  const rows = await sellerTotals(db, principal.sub, from, to);
  const sales = await sellerSales(db, principal.sub, from, to);
  const refunds = await sellerRefunds(db, principal.sub, from, to);
  const money = (amount: number, currency: string) => ({ amount, currency });
  const currencies = new Set(rows.map((r) => r.currency));
  if (query.currency) currencies.add(query.currency);
  return {
    seller: principal.sub,
    from: from.toISOString(),
    to: to.toISOString(),
    lines: rows.map((row) => ({
      method: row.method as ShiftReport['lines'][number]['method'],
      orders: row.orders,
      tickets: row.tickets,
      taken: money(row.taken, row.currency),
      refunds: row.refunds,
      refunded: money(row.refunded, row.currency),
      net: money(row.taken - row.refunded, row.currency),
    })),
    cashExpected: [...currencies].sort().map((currency) => {
      const cash = rows.find((r) => r.method === 'cash' && r.currency === currency);
      const float = !query.currency || query.currency === currency ? query.openingFloat : 0;
      return money(float + (cash ? cash.taken - cash.refunded : 0), currency);
    }),
    breakdown: shiftBreakdown(
      sales.map((sale) => ({
        currency: sale.currency,
        taken: sale.taken,
        credit: sale.credit,
        breakdown: sale.price_breakdown,
      })),
      refunds,
      rows,
    ),
  };
}
