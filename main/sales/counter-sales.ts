// Selling at a kiosk or counter while the cloud answers: a sale paid at the card terminal (kiosk, or a counter
// taking a card) or in cash at the counter, and what it prints for the buyer. Offline a kiosk refuses to sell; the
// counter sells from its allotment instead (allotments.ts).
import { apiHeaderKeys, apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { CreateOrder, Delivery, Hold, Order } from '../../cloud/contract/index.ts';
import { WALK_UP_EMAIL } from '../../cloud/domain/orders/buyers.ts';
import type { BridgeInput, SaleResult } from '../../preload/bridge.ts';
import type { KnownOrders } from '../cache/known-orders.ts';
import type { Outbox } from '../cache/outbox.ts';
import type { CardTerminal } from '../peripherals/card-terminal.ts';
import type { Device } from '../session/device.ts';
import { refusal, type CloudClient } from '../sync/cloud-client.ts';
import type { OrderPrinter } from './order-printer.ts';
import { basketOf, sellWithTerminal } from './terminal-sale.ts';

export interface CounterSalesDeps {
  session: Pick<Device, 'requireRegistered' | 'requireClerk' | 'reachable'>;
  cloud: CloudClient;
  terminal: CardTerminal;
  outbox: Outbox;
  printing: OrderPrinter;
  knownOrders: KnownOrders;
}

/** The buyer of a walk-up sale: a name, and an email only when they gave one. */
function buyerOf(buyer: { name: string; email?: string | undefined }): CreateOrder['buyer'] {
  return { name: buyer.name, email: buyer.email ?? WALK_UP_EMAIL };
}

function deliveryOf(delivery: 'print' | 'email' | 'will_call', buyer: { email?: string | undefined }): Delivery {
  if (delivery === 'email' && !buyer.email)
    throw refusal('validation_failed', 400, 'An email address is needed to send the tickets.');
  if (delivery === 'will_call') return { method: 'will_call' };
  return delivery === 'email' ? { method: 'email' } : { method: 'print_at_venue' };
}

export class CounterSales {
  constructor(private readonly deps: CounterSalesDeps) {}

  /** Prints what a paid sale gives the buyer: the tickets (unless sent or kept for pick-up) and the receipt. */
  private async printSale(order: Order): Promise<string[]> {
    this.deps.knownOrders.remember(order);
    return this.deps.printing.print(order, { tickets: order.delivery.method === 'print_at_venue', receipt: true });
  }

  /** A sale paid at the card terminal (kiosk, or a counter taking a card). */
  async sellByTerminal(input: BridgeInput<'sale:terminal'>): Promise<SaleResult> {
    const { session, cloud } = this.deps;
    if (session.requireRegistered().kind === 'boxoffice') session.requireClerk();
    if (!(await session.reachable())) {
      return {
        status: 'refused',
        notice: { code: 'sales_paused_offline' },
        order: null,
        printed: [],
      };
    }
    const hold = await cloud.call<Hold>(apiRoutes.getHold, apiPaths.hold(input.holdId), {
      headers: { [apiHeaderKeys.holdToken]: input.holdToken },
    });
    const result = await sellWithTerminal(
      cloud,
      this.deps.terminal,
      {
        hold,
        holdToken: input.holdToken,
        buyer: buyerOf(input.buyer),
        delivery: deliveryOf(input.delivery, input.buyer),
        lines: input.lines,
        code: input.code,
        locale: input.locale,
      },
      // Approved, and then the cloud went: the same request waits in the outbox and is applied once.
      this.deps.outbox,
    );
    if (result.status !== 'paid') return { ...result, order: null, printed: [] };
    return {
      status: 'paid',
      notice: { code: 'paid' },
      order: result.order,
      printed: await this.printSale(result.order),
    };
  }

  /** A cash sale at the counter: the clerk took `tendered`, the change is on the order. */
  async sellForCash(input: BridgeInput<'sale:cash'>): Promise<SaleResult> {
    this.deps.session.requireClerk();
    const order = await this.deps.cloud.call<Order>(apiRoutes.createOrder, apiPaths.orders(), {
      body: {
        holdId: input.holdId,
        buyer: buyerOf(input.buyer),
        delivery: deliveryOf(input.delivery, input.buyer),
        ...basketOf(input),
        ...(input.locale ? { locale: input.locale } : {}),
        payment: { method: 'cash', tendered: input.tendered },
      } satisfies CreateOrder,
      headers: { [apiHeaderKeys.holdToken]: input.holdToken, [apiHeaderKeys.idempotencyKey]: input.idempotencyKey },
    });
    const change = order.payments.at(-1)?.change;
    return {
      status: 'paid',
      notice: change && change.amount > 0 ? { code: 'give_change', amount: change } : { code: 'paid_no_change' },
      order,
      printed: await this.printSale(order),
    };
  }
}
