// Reading orders: one order to whoever may see it, a customer's own orders, staff search, and the unchecked read the
// background jobs (fulfilment) use, since they act for the system.
import { findOrder, listCustomerOrders, searchOrders } from '../../db/orders.ts';
import { DomainError } from '../../domain/errors.ts';
import { normalizeOrderCode } from '../../domain/orders/codes.ts';
import type { Order, OrderSummary } from '../../contract/index.ts';
import type { Principal } from '../ports.ts';
import { searchScope, type OrderAccess } from '../access/order-access.ts';
import { findVisibleOrder, viewOf, type OrderDeps } from './deps.ts';
import { summarizeOrder } from './order-view.ts';

export class OrderQueries {
  constructor(private readonly deps: OrderDeps) {}

  async get(orderId: string, access: OrderAccess): Promise<Order> {
    const order = await findVisibleOrder(this.deps, orderId, access);
    return viewOf(this.deps, this.deps.db, order);
  }

  /** An order as the API shows it, for background jobs (fulfilment), which act for the system: no access check. */
  async viewForJobs(orderId: string): Promise<Order> {
    const order = await findOrder(this.deps.db, orderId);
    if (!order) throw new DomainError('not_found', 'No such order.');
    return viewOf(this.deps, this.deps.db, order);
  }

  async listMine(principal: Principal | undefined, limit = 50): Promise<OrderSummary[]> {
    if (!principal) throw new DomainError('unauthorized', 'Sign in to see your orders.');
    return (await listCustomerOrders(this.deps.db, principal.sub, limit)).map(summarizeOrder);
  }

  /** Staff search by email, name, order code, or the card's last 4 digits. */
  async search(query: string, principal: Principal | undefined, limit: number): Promise<OrderSummary[]> {
    const { db } = this.deps;
    const scope = searchScope(principal);
    const code = normalizeOrderCode(query);
    const filter = /^[0-9]{4}$/.test(query)
      ? { last4: query }
      : query.includes('@')
        ? { email: query }
        : code && /^tb/i.test(query)
          ? { code }
          : { name: query };
    const rows = await searchOrders(db, { ...scope, ...filter, limit });
    // A bare 8-character code without its TB- prefix may also be a name; try it as a code when nothing matched.
    if (rows.length === 0 && code && 'name' in filter)
      return (await searchOrders(db, { ...scope, code, limit })).map(summarizeOrder);
    return rows.map(summarizeOrder);
  }
}
