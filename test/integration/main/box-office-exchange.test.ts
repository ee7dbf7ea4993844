// Exchanges at the counter with the card terminal (simulator) against the real local cloud: a dearer seat is paid by
// an authorization of exactly the difference; when the cloud refuses the exchange after the card was approved (the
// new hold was let go meanwhile), the authorization is voided and nothing changed; a cheaper seat on a card-terminal
// order refunds the difference on the terminal first and the cloud records the terminal's reference.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHeaderKeys, apiPaths, apiRoutes } from '../../../cloud/contract/routes.ts';
import type { CreatedHold, Order } from '../../../cloud/contract/index.ts';
import { SimulatedTerminal, type CardTerminal } from '../../../main/peripherals/card-terminal.ts';
import { exchangeAtCounter } from '../../../main/sales/box-office-exchange.ts';
import { CloudClient } from '../../../main/sync/cloud-client.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { startTestCloud } from '../../support/local-cloud.ts';

describe('exchanges at the counter with the card terminal', () => {
  let cloud: LocalCloud;
  let client: CloudClient;
  let early = '';
  let late = '';

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Bern', timezone: 'Europe/Zurich' });
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, smallHall(4, 10));
    early = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Early', amount: 5000 });
    late = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Late', amount: 8000 });
    client = new CloudClient(cloud.url);
    client.setToken(await cloud.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: venue.id }));
  });
  afterAll(async () => cloud?.close());

  const hold = (eventId: string, seatId: string) =>
    client.call<CreatedHold>(apiRoutes.createHold, apiPaths.eventHolds(eventId), { body: { seatIds: [seatId] } });

  /** A seat of the early show paid at the card terminal. */
  const cardOrder = async (seatId: string): Promise<Order> => {
    const held = await hold(early, seatId);
    return client.call<Order>(apiRoutes.createOrder, apiPaths.orders(), {
      body: {
        holdId: held.id,
        buyer: { email: 'card@example.com', name: 'Card Buyer' },
        delivery: { method: 'print_at_venue' },
        payment: {
          method: 'card_terminal',
          authorization: { reference: `AUTH-${seatId}`, amount: { amount: 5000, currency: 'EUR' }, cardLast4: '4242' },
        },
      },
      headers: { [apiHeaderKeys.holdToken]: held.token, [apiHeaderKeys.idempotencyKey]: randomUUID() },
    });
  };

  const ask = (order: Order, held: CreatedHold) => ({
    orderId: order.id,
    ticketIds: [order.tickets[0]!.id],
    holdId: held.id,
    holdToken: held.token,
    idempotencyKey: randomUUID(),
  });

  it('pays a dearer seat by an authorization of exactly the difference', async () => {
    const order = await cardOrder('MAIN-A-1');
    const held = await hold(late, 'MAIN-A-5');
    const terminal = new SimulatedTerminal(['approve']);
    const { outcome } = await exchangeAtCounter({ cloud: client, terminal }, order, {
      ...ask(order, held),
      payment: { method: 'card_terminal' },
    });
    expect(outcome.status).toBe('exchanged');
    expect(outcome.notice).toEqual({ code: 'paid_by_card', amount: { amount: 3000, currency: 'EUR' } });
    expect(terminal.authorized.map((a) => a.amount)).toEqual([{ amount: 3000, currency: 'EUR' }]);
    expect(outcome.to!.payments.map((p) => [p.method, p.amount.amount])).toEqual([
      ['card_terminal', 3000],
      ['exchange_credit', 5000],
    ]);
    expect(terminal.voided).toEqual([]);
  });

  it('voids the authorization when the cloud refuses after the card was approved, and changes nothing', async () => {
    const order = await cardOrder('MAIN-B-1');
    const held = await hold(late, 'MAIN-B-5');
    const simulated = new SimulatedTerminal(['approve']);
    // The new hold is let go while the card is on the terminal.
    const terminal: CardTerminal = {
      authorize: async (request) => {
        await client.call(apiRoutes.releaseHold, apiPaths.hold(held.id), {
          headers: { [apiHeaderKeys.holdToken]: held.token },
        });
        return simulated.authorize(request);
      },
      void: (reference) => simulated.void(reference),
      refund: (request) => simulated.refund(request),
    };
    const { outcome } = await exchangeAtCounter({ cloud: client, terminal }, order, {
      ...ask(order, held),
      payment: { method: 'card_terminal' },
    });
    expect(outcome.status).toBe('refused');
    expect(outcome.notice).toMatchObject({ code: 'cloud_refused', cardCancelled: true });
    expect(simulated.voided).toEqual([simulated.authorized[0]!.reference]);
    const after = await client.call<Order>(apiRoutes.getOrder, apiPaths.order(order.id));
    expect(after.state).toBe('paid');
    expect(after.tickets[0]!.status).toBe('valid');
  });

  it('refunds a cheaper seat’s difference on the terminal first, the cloud keeping its reference', async () => {
    const dear = await hold(late, 'MAIN-C-1');
    const order = await client.call<Order>(apiRoutes.createOrder, apiPaths.orders(), {
      body: {
        holdId: dear.id,
        buyer: { email: 'card@example.com', name: 'Card Buyer' },
        delivery: { method: 'print_at_venue' },
        payment: {
          method: 'card_terminal',
          authorization: { reference: 'AUTH-DEAR', amount: { amount: 8000, currency: 'EUR' }, cardLast4: '4242' },
        },
      },
      headers: { [apiHeaderKeys.holdToken]: dear.token, [apiHeaderKeys.idempotencyKey]: randomUUID() },
    });
    const held = await hold(early, 'MAIN-C-5');
    const terminal = new SimulatedTerminal();
    const { outcome } = await exchangeAtCounter({ cloud: client, terminal }, order, ask(order, held));
    expect(outcome.status).toBe('exchanged');
    expect(outcome.notice).toEqual({ code: 'refunded_to_card', amount: { amount: 3000, currency: 'EUR' } });
    expect(terminal.refunds.map((r) => [r.amount.amount, r.saleReference])).toEqual([[3000, order.code]]);
    expect(outcome.from!.refunded.amount).toBe(3000);
    const stored = await cloud.services.db.query<{ provider_refund_id: string }>(
      `SELECT provider_refund_id FROM refunds WHERE order_id = $1`,
      [order.id],
    );
    expect(stored.rows.map((r) => r.provider_refund_id)).toEqual([terminal.refunds[0]!.reference]);
  });
});
