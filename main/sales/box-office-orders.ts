// The box office's work on orders already made: finding them, refunds and cancellations (card sales paid back on
// the terminal first, cash handed back by the clerk), will-call pick-up, and reprints (offline, as this machine last
// saw the order).
import { apiHeaderKeys, apiPaths, apiRoutes } from '../../cloud/contract/routes.ts';
import type { Order, OrderSummary, RefundQuote, RefundQuoteRequest } from '../../cloud/contract/index.ts';
import type { BridgeInput, BridgeOutput, DeviceNotice } from '../../preload/bridge.ts';
import type { KnownOrders } from '../cache/known-orders.ts';
import type { CardTerminal } from '../peripherals/card-terminal.ts';
import type { Device } from '../session/device.ts';
import { CloudProblem, refusal, type CloudClient } from '../sync/cloud-client.ts';
import type { OrderPrinter } from './order-printer.ts';
import { exchangeAtCounter, quoteExchange } from './box-office-exchange.ts';

export interface BoxOfficeOrdersDeps {
  session: Pick<Device, 'requireClerk'>;
  cloud: CloudClient;
  terminal: CardTerminal;
  printing: OrderPrinter;
  knownOrders: KnownOrders;
}

type Amount = { amount: number; currency: string };

export class BoxOfficeOrders {
  constructor(private readonly deps: BoxOfficeOrdersDeps) {}

  async search(q: string): Promise<OrderSummary[]> {
    this.deps.session.requireClerk();
    const answer = await this.deps.cloud.call<{ orders: OrderSummary[] }>(
      apiRoutes.searchOrders,
      `${apiPaths.orders()}?${new URLSearchParams({ q }).toString()}`,
    );
    return answer.orders;
  }

  /** Refunds tickets; card sales are paid back on the terminal first, cash is handed back by the clerk. */
  async refund(input: BridgeInput<'orders:refund'>): Promise<BridgeOutput<'orders:refund'>> {
    this.deps.session.requireClerk();
    const before = await this.getOrder(input.orderId);
    const chosen = {
      ...(input.ticketIds ? { ticketIds: input.ticketIds } : {}),
      ...(input.waiveRefundFee ? { waiveRefundFee: true } : {}),
    };
    // The cloud counts what goes back (the event's refund policy may keep fees); the terminal refunds exactly that.
    const { amount } = await this.quoteRefund(input.orderId, chosen);
    const terminalReference = await this.refundOnTerminal(before, amount);
    const order = await this.deps.cloud.call<Order>(apiRoutes.refundOrder, apiPaths.orderRefunds(input.orderId), {
      body: { reason: input.reason, ...chosen, ...(terminalReference ? { terminalReference } : {}) },
      headers: { [apiHeaderKeys.idempotencyKey]: input.idempotencyKey },
    });
    return { order: this.deps.knownOrders.remember(order), handBack: handBack(before, amount) };
  }

  async cancel(input: BridgeInput<'orders:cancel'>): Promise<BridgeOutput<'orders:cancel'>> {
    this.deps.session.requireClerk();
    const before = await this.getOrder(input.orderId);
    const paid = before.state !== 'pending_payment';
    const amount = paid ? (await this.quoteRefund(input.orderId, { cancel: true })).amount : before.total;
    const terminalReference = paid ? await this.refundOnTerminal(before, amount) : undefined;
    const order = await this.deps.cloud.call<Order>(apiRoutes.cancelOrder, apiPaths.orderCancellation(input.orderId), {
      body: { reason: input.reason, ...(terminalReference ? { terminalReference } : {}) },
      headers: { [apiHeaderKeys.idempotencyKey]: input.idempotencyKey },
    });
    return {
      order,
      handBack: before.state === 'pending_payment' ? { code: 'nothing_paid' } : handBack(before, amount),
    };
  }

  /** A cancelled event's order paid at a counter: what the cloud says is owed goes back the way it was paid (a card
   * sale is refunded on the terminal first, with the terminal's reference recorded). */
  async handBack(input: BridgeInput<'orders:handBack'>): Promise<BridgeOutput<'orders:handBack'>> {
    this.deps.session.requireClerk();
    const before = await this.getOrder(input.orderId);
    const owed = before.owedAtCounter;
    if (!owed) throw refusal('order_state_conflict', 409, 'No money of this order waits at the box office.');
    const method = before.payments.find((p) => p.state === 'captured')?.method;
    const terminalReference = await this.refundOnTerminal(before, owed);
    const order = await this.deps.cloud.call<Order>(
      apiRoutes.handBackAtCounter,
      apiPaths.orderCounterHandBack(input.orderId),
      {
        body: method === 'card_terminal' ? { method, terminalReference } : { method: 'cash' },
        headers: { [apiHeaderKeys.idempotencyKey]: input.idempotencyKey },
      },
    );
    return { order: this.deps.knownOrders.remember(order), handBack: handBack(before, owed) };
  }

  private quoteRefund(orderId: string, request: RefundQuoteRequest): Promise<RefundQuote> {
    return this.deps.cloud.call<RefundQuote>(apiRoutes.quoteRefund, apiPaths.orderRefundQuote(orderId), {
      body: request,
    });
  }

  private async refundOnTerminal(order: Order, amount: Amount) {
    const method = order.payments.find((p) => p.state === 'captured')?.method;
    if (method !== 'card_terminal' || amount.amount === 0) return undefined;
    return (await this.deps.terminal.refund({ amount, saleReference: order.code })).reference;
  }

  private async getOrder(orderId: string): Promise<Order> {
    return this.deps.knownOrders.remember(
      await this.deps.cloud.call<Order>(apiRoutes.getOrder, apiPaths.order(orderId)),
    );
  }

  /** What exchanging tickets for a new hold would credit, cost and leave to pay or give back. */
  quoteExchange(input: BridgeInput<'orders:exchangeQuote'>): Promise<BridgeOutput<'orders:exchangeQuote'>> {
    this.deps.session.requireClerk();
    return quoteExchange(this.deps.cloud, input);
  }

  /** Exchanges tickets for a new hold (box-office-exchange.ts), then prints the new tickets and receipt. */
  async exchange(input: BridgeInput<'orders:exchange'>): Promise<BridgeOutput<'orders:exchange'>> {
    this.deps.session.requireClerk();
    const before = await this.getOrder(input.orderId);
    const { outcome } = await exchangeAtCounter(this.deps, before, input);
    if (!outcome.to || !outcome.from) return outcome;
    this.deps.knownOrders.remember(outcome.from);
    const to = this.deps.knownOrders.remember(outcome.to);
    return { ...outcome, printed: await this.deps.printing.print(to, { tickets: true, receipt: true }) };
  }

  /** Will-call: marks the order handed over (once) and prints its tickets. */
  async pickUp(orderId: string): Promise<BridgeOutput<'orders:pickup'>> {
    this.deps.session.requireClerk();
    const order = this.deps.knownOrders.remember(
      await this.deps.cloud.call<Order>(apiRoutes.pickUpOrder, apiPaths.orderPickup(orderId)),
    );
    return { order, printed: await this.deps.printing.print(order, { tickets: true }) };
  }

  /** Reprints an order as the cloud has it now, or, offline, as this machine last saw it. */
  async reprint(input: BridgeInput<'print:order'>): Promise<BridgeOutput<'print:order'>> {
    this.deps.session.requireClerk();
    let order: Order;
    try {
      order = await this.getOrder(input.orderId);
    } catch (error) {
      const known = this.deps.knownOrders.get(input.orderId);
      if (!(error instanceof CloudProblem) || !error.problem.retryable || !known) throw error;
      order = known;
    }
    return { printed: await this.deps.printing.print(order, { tickets: input.tickets, receipt: input.receipt }) };
  }
}

/** What the clerk tells the buyer about the money coming back, by how they paid. */
function handBack(order: Order, amount: Amount): DeviceNotice {
  const method = order.payments.find((p) => p.state === 'captured')?.method;
  if (method === 'cash') return { code: 'hand_back_cash', amount };
  if (method === 'card_terminal') return { code: 'refunded_to_card', amount };
  return { code: 'back_online_payment', amount };
}
