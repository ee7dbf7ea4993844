// Property: random sequences of hold / order / approve-or-decline / complete (twice) / refund / cancel / time passing /
// sweeping keep orders and inventory consistent: a sold seat has exactly one valid ticket in a paid order, money
// captured minus money refunded is what the valid tickets are worth (with the order's own fees), at most one capture
// per order, and the provider's books agree with ours. Orders mix adult and child tickets, a promo code of 3 uses, a
// service fee, a percent order fee and exclusive tax: each breakdown adds up to its total, and the code's uses never
// exceed its limit nor outlive a cancelled order. Refunds follow the event's refund policy (a fixed refund fee, the
// service fee kept): the buyer asks for one ticket or the whole order, a clerk refunds one ticket keeping the refund
// fee or waiving it; what each order keeps is what its valid tickets, its own fees and the parts its refunds kept are
// worth, and the provider's refunds are exactly ours. A clerk exchanges a ticket for a new seat (adult or child, the
// promo code's use counted as at checkout), the credit paying the new order and cash any difference, or the
// difference refunded: an old order keeps what was captured less its refunds and the credit that left it; a new order
// counts its credit as money in. A ticket is passed on (sent and accepted at once, a recipient's order may pass it on
// again) and a clerk refunds a passed-on ticket at the order that paid for it: the paying order keeps what its valid
// and still passed-on tickets are worth, a recipient's order holds no money, and the place's seat is sold to exactly
// the ticket valid now.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshDb } from '../support/databases.ts';
import { buildWorld, smallHall, type World } from '../support/world.ts';
import { isDomainError } from '../../cloud/domain/errors.ts';
import type { Db } from '../../cloud/db/port.ts';
import type { IdempotencyHandle } from '../../cloud/services/idempotency.ts';
import type { Principal } from '../../cloud/services/ports.ts';
import type { SandboxScenario } from '../../cloud/adapters/payments/sandbox.ts';
import { PriceBreakdown, RefundBreakdown } from '../../cloud/contract/index.ts';
import { codeUsage } from '../../cloud/db/codes/uses.ts';

const map = smallHall(2, 6, 6);
const seatIds = map.seats.map((s) => s.id);
const TTL_SECONDS = 60;

const CODE_USES = 3;

/** How an order is priced: its first seat or place as a child ticket, and the promo code. */
interface Choice {
  child: boolean;
  code: boolean;
}
const choice = fc.record({ child: fc.boolean(), code: fc.boolean() });

type Op =
  | { kind: 'buy'; seats: number[]; scenario: SandboxScenario; choice: Choice }
  | { kind: 'hold'; seats: number[] }
  | { kind: 'holdGa'; quantity: number }
  | { kind: 'order'; which: number; choice: Choice }
  | { kind: 'pay'; which: number; scenario: SandboxScenario }
  | { kind: 'completeAgain'; which: number }
  | { kind: 'refund'; which: number; ticket: number; waiveRefundFee: boolean }
  | { kind: 'ask'; which: number; ticket: number | null }
  | { kind: 'cancel'; which: number }
  | { kind: 'exchange'; which: number; ticket: number; seat: number; child: boolean; code: boolean }
  | { kind: 'pass'; which: number; ticket: number }
  | { kind: 'refundPassedOn'; which: number; ticket: number; byHolder: boolean }
  | { kind: 'advance'; seconds: number }
  | { kind: 'sweep' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        seats: fc.uniqueArray(fc.integer({ min: 0, max: seatIds.length - 1 }), { minLength: 1, maxLength: 3 }),
        scenario: fc.constantFrom<SandboxScenario>('approve', 'approve', 'approve', 'decline', 'timeout'),
        choice,
      })
      .map((r) => ({ kind: 'buy' as const, ...r })),
  },
  {
    weight: 4,
    arbitrary: fc
      .uniqueArray(fc.integer({ min: 0, max: seatIds.length - 1 }), { minLength: 1, maxLength: 3 })
      .map((seats) => ({ kind: 'hold' as const, seats })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }).map((quantity) => ({ kind: 'holdGa' as const, quantity })) },
  {
    weight: 4,
    arbitrary: fc.record({ which: fc.nat(20), choice }).map((r) => ({ kind: 'order' as const, ...r })),
  },
  {
    weight: 4,
    arbitrary: fc
      .record({
        which: fc.nat(20),
        scenario: fc.constantFrom<SandboxScenario>('approve', 'approve', 'decline', 'timeout'),
      })
      .map((r) => ({ kind: 'pay' as const, ...r })),
  },
  { weight: 1, arbitrary: fc.nat(20).map((which) => ({ kind: 'completeAgain' as const, which })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ which: fc.nat(20), ticket: fc.nat(5), waiveRefundFee: fc.boolean() })
      .map((r) => ({ kind: 'refund' as const, ...r })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ which: fc.nat(20), ticket: fc.option(fc.nat(5)) })
      .map((r) => ({ kind: 'ask' as const, ...r })),
  },
  { weight: 1, arbitrary: fc.nat(20).map((which) => ({ kind: 'cancel' as const, which })) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        which: fc.nat(20),
        ticket: fc.nat(5),
        seat: fc.integer({ min: 0, max: seatIds.length - 1 }),
        child: fc.boolean(),
        code: fc.boolean(),
      })
      .map((r) => ({ kind: 'exchange' as const, ...r })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ which: fc.nat(20), ticket: fc.nat(5) }).map((r) => ({ kind: 'pass' as const, ...r })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ which: fc.nat(20), ticket: fc.nat(5), byHolder: fc.boolean() })
      .map((r) => ({ kind: 'refundPassedOn' as const, ...r })),
  },
  { weight: 2, arbitrary: fc.integer({ min: 5, max: 50 }).map((seconds) => ({ kind: 'advance' as const, seconds })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'sweep' as const }) },
);

const EVERY_PATH: Op[] = [
  { kind: 'buy', seats: [0, 1], scenario: 'approve', choice: { child: true, code: true } },
  { kind: 'buy', seats: [2, 3], scenario: 'approve', choice: { child: false, code: false } },
  { kind: 'buy', seats: [4, 5], scenario: 'approve', choice: { child: false, code: false } },
  { kind: 'refund', which: 0, ticket: 0, waiveRefundFee: false },
  { kind: 'ask', which: 1, ticket: null },
  { kind: 'exchange', which: 2, ticket: 0, seat: 10, child: false, code: false },
  { kind: 'buy', seats: [6, 7], scenario: 'approve', choice: { child: true, code: false } },
  { kind: 'pass', which: 4, ticket: 0 },
  { kind: 'pass', which: 5, ticket: 0 },
  { kind: 'refundPassedOn', which: 4, ticket: 0, byHolder: true },
];

describe('orders and inventory together, property', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb('pglite');
  });
  afterAll(async () => db.close());

  /** Runs service work under a fresh Idempotency-Key, as the HTTP layer does. */
  const once = <T>(world: World, work: (handle: IdempotencyHandle) => Promise<T>) =>
    world.services.idempotency
      .run({ scope: 'property', key: randomUUID(), requestHash: 'h' }, 200, work, () => ({ status: 400, body: {} }))
      .then((answer) => answer.body as T);

  async function checkInvariants(world: World) {
    const q = async <R>(sql: string) => (await db.query<R>(sql, [world.eventId])).rows;
    // A sold seat has exactly one valid ticket, in a paid order that the seat names; a valid seat ticket's seat is sold.
    const seatMismatch = await q<{ seat_id: string }>(
      `SELECT s.seat_id FROM event_seats s
       LEFT JOIN tickets t ON t.event_id = s.event_id AND t.seat_no = s.seat_no AND t.status = 'valid'
       LEFT JOIN orders o ON o.id = t.order_id
       WHERE s.event_id = $1 AND ((s.status = 'sold') <> (t.id IS NOT NULL)
         OR (t.id IS NOT NULL AND (o.id <> s.order_id OR o.state NOT IN ('paid', 'partially_refunded'))))`,
    );
    expect(seatMismatch).toEqual([]);
    // No seat is held for a hold that became an order or ended.
    const heldByEnded = await q<{ seat_id: string }>(
      `SELECT s.seat_id FROM event_seats s JOIN holds h ON h.id = s.hold_id
       WHERE s.event_id = $1 AND s.status = 'held' AND h.state <> 'active'`,
    );
    expect(heldByEnded).toEqual([]);
    // GA sold places equal valid GA tickets.
    const ga = await q<{ sold: number; tickets: number }>(
      `SELECT g.sold, (SELECT count(*)::int FROM tickets t WHERE t.event_id = g.event_id AND t.ga_section_id = g.section_id
         AND t.status = 'valid') AS tickets FROM event_ga g WHERE g.event_id = $1`,
    );
    for (const row of ga) expect(row.sold).toBe(row.tickets);
    // Money: per order, refunds add up; what was kept is what the valid tickets are worth; the provider agrees.
    const money = await q<{
      id: string;
      price_breakdown: unknown;
      state: string;
      total_amount: number;
      refunded_amount: number;
      credit_out_amount: number;
      payment_method: string;
      captured: number;
      refunds: number;
      breakdowns: unknown[];
      valid: number;
      passed_on: number;
      captures: number;
      charged: number | null;
      charge_refunded: number | null;
    }>(
      `SELECT o.id, o.price_breakdown, o.state, o.total_amount, o.refunded_amount, o.credit_out_amount, o.payment_method,
         (SELECT COALESCE(sum(p.amount), 0)::int FROM payments p WHERE p.order_id = o.id AND p.state = 'captured')
           AS captured,
         (SELECT COALESCE(sum(r.amount), 0)::int FROM refunds r WHERE r.order_id = o.id) AS refunds,
         (SELECT COALESCE(json_agg(r.breakdown), '[]') FROM refunds r WHERE r.order_id = o.id) AS breakdowns,
         (SELECT COALESCE(sum(t.price_amount), 0)::int FROM tickets t WHERE t.order_id = o.id AND t.status = 'valid') AS valid,
         (SELECT COALESCE(sum(t.price_amount), 0)::int FROM tickets t WHERE t.order_id = o.id
           AND t.status = 'transferred') AS passed_on,
         (SELECT count(*)::int FROM payments p WHERE p.order_id = o.id AND p.state = 'captured'
           AND p.method <> 'exchange_credit') AS captures,
         (SELECT sum(c.amount)::int FROM sandbox_charges c JOIN payments p ON p.provider_session_id = c.session_id
           WHERE p.order_id = o.id) AS charged,
         (SELECT sum(c.refunded_amount)::int FROM sandbox_charges c JOIN payments p ON p.provider_session_id = c.session_id
           WHERE p.order_id = o.id) AS charge_refunded
       FROM orders o WHERE o.event_id = $1`,
    );
    for (const order of money) {
      expect(order.refunded_amount, order.state).toBe(order.refunds);
      if (order.payment_method === 'transfer') {
        // A recipient's order holds no money: its tickets cost nothing, and nothing is refunded from it.
        seen.recipients.add(order.id);
        expect([order.total_amount, order.captured, order.refunded_amount, order.valid]).toEqual([0, 0, 0, 0]);
        continue;
      }
      expect(order.captures).toBeLessThanOrEqual(1);
      // An exchange's new order is paid by the credit (counted as money in), and cash for a difference.
      const byCredit = order.payment_method === 'exchange_credit';
      if (order.state === 'paid' || order.state === 'partially_refunded') {
        expect(order.captures).toBe(byCredit ? 0 : 1);
        expect(order.captured).toBe(order.total_amount);
        // What the order keeps: its valid tickets, its own fees, and what each refund kept of the tickets it gave
        // back (the service fee, the refund fee).
        const breakdown = PriceBreakdown.parse(order.price_breakdown);
        const lineTotal = new Map(breakdown.tickets.map((line) => [line.lineId, line.total]));
        const kept = order.breakdowns
          .map((refund) => RefundBreakdown.parse(refund))
          .flatMap((refund) => refund.tickets)
          .reduce(
            (sum, t) => sum + lineTotal.get(t.lineId)! - t.ticket.credited - t.serviceFee.credited + t.refundFee,
            0,
          );
        if (kept > 0) seen.refundFees.add(order.id);
        // Passed-on tickets not refunded are still paid for by this order.
        expect(order.captured - order.refunded_amount - order.credit_out_amount).toBe(
          order.valid + order.passed_on + breakdown.orderFee.total + breakdown.deliveryFee.total + kept,
        );
      } else {
        expect(order.valid).toBe(0);
      }
      // The breakdown adds up to the order's total, line by line.
      const breakdown = PriceBreakdown.parse(order.price_breakdown);
      if (breakdown.totals.discount > 0) seen.discounted.add(order.id);
      if (breakdown.tickets.some((line) => line.price === 2500)) seen.children.add(order.id);
      const parts = breakdown.tickets.reduce((sum, line) => sum + line.total, 0);
      expect(parts + breakdown.orderFee.total + breakdown.deliveryFee.total).toBe(order.total_amount);
      expect(breakdown.totals.total).toBe(order.total_amount);
      // Captured at the provider exactly when we recorded a capture; the provider refunded what we refunded.
      if (order.payment_method !== 'sandbox') {
        seen.exchanges.add(order.id);
        expect(order.charged ?? 0).toBe(0);
      } else if (order.captures === 1) {
        expect(order.charged).toBe(order.total_amount);
        expect(order.charge_refunded).toBe(order.refunded_amount);
      } else {
        // A timeout can leave a charge we have not recorded yet only while the order is still pending.
        if (order.state !== 'pending_payment') expect(order.charged ?? 0).toBe(0);
      }
    }
  }

  /** Orders seen with a discount, a child ticket, a refund fee kept, across runs: the property does exercise them. */
  const seen = {
    discounted: new Set<string>(),
    children: new Set<string>(),
    refundFees: new Set<string>(),
    exchanges: new Set<string>(),
    recipients: new Set<string>(),
    buyerRefunds: 0,
    passedOnRefunds: 0,
  };

  /** The promo code's uses: never over its limit, each a live order's. */
  async function checkCodeUses(codeId: string) {
    const usage = (await codeUsage(db, codeId))!;
    expect(usage.used).toBeLessThanOrEqual(CODE_USES);
    const live = await db.query<{ state: string }>(
      `SELECT o.state FROM code_redemptions r JOIN orders o ON o.id = r.order_id
       WHERE r.code_id = $1 AND r.released_at IS NULL`,
      [codeId],
    );
    expect(live.rows.length).toBe(usage.used);
    expect(live.rows.filter((row) => row.state === 'cancelled')).toEqual([]);
  }

  /** Child tickets at half price (one an order), a 1.20 service fee, a 2.5 % order fee and 20 % VAT on top. */
  async function priceTheEvent(world: World, admin: Principal): Promise<{ childId: string; codeId: string }> {
    const { settings, codes } = world.services.commerce;
    const list = await settings.priceList(admin, world.eventId);
    const adult = list.ticketTypes[0]!;
    const childId = randomUUID();
    await settings.setPriceList(admin, world.eventId, {
      ticketTypes: [
        { ...adult, kind: 'adult', requiresCheck: null, accompaniedBy: null },
        { id: childId, kind: 'child', name: 'Child', maxPerOrder: 1, requiresCheck: null, accompaniedBy: null },
      ],
      entries: list.entries.flatMap((entry) => [
        entry,
        { ...entry, ticketTypeId: childId, amount: Math.floor(entry.amount / 2) },
      ]),
      hiddenTierIds: [],
    });
    await settings.setFees(admin, world.eventId, {
      currency: 'EUR',
      serviceFee: { kind: 'fixed', amount: 120 },
      orderFee: { kind: 'percent', basisPoints: 250 },
      deliveryFees: [],
    });
    await settings.setRefundPolicy(admin, world.eventId, {
      refundableUntilDaysBefore: 1,
      refundFee: { kind: 'fixed', amount: 50 },
      refundServiceFees: false,
      refundOrderFee: false,
      refundDeliveryFee: false,
    });
    await settings.setVenueTax(admin, world.venueId, {
      label: 'VAT',
      ratePpm: 200_000,
      mode: 'exclusive',
      feesTaxable: true,
    });
    const code = await codes.createPromo(admin, {
      eventId: world.eventId,
      code: 'PROP-CODE',
      discount: { kind: 'percent', basisPoints: 1500 },
      scope: { tierIds: null, ticketTypeIds: null },
      validFrom: null,
      validUntil: null,
      maxUses: CODE_USES,
      maxUsesPerBuyer: null,
    });
    return { childId, codeId: code.id };
  }

  it('keeps orders, tickets, seats and money consistent under random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        const world = await buildWorld(db, { map, event: { holdTtlSeconds: TTL_SECONDS } });
        const clerk: Principal = { sub: 'clerk', groups: ['clerk'], venueId: world.venueId };
        // Prices, fees and codes are the venue manager's (a clerk sells and refunds at the counter).
        const manager: Principal = { sub: 'manager', groups: ['venue_manager'], venueIds: [world.venueId] };
        const { childId, codeId } = await priceTheEvent(world, manager);
        const holds: { id: string; token: string; first: { seatId: string } | { gaIndex: number } }[] = [];
        const held = (hold: { id: string; token: string; seats: { seatId: string }[] }) => ({
          id: hold.id,
          token: hold.token,
          first: hold.seats[0] ? { seatId: hold.seats[0].seatId } : { gaIndex: 0 },
        });
        const orders: { id: string; token: string; session: string | null }[] = [];
        const tolerate = (error: unknown) => {
          if (!isDomainError(error)) throw error;
          expect(error.code).not.toBe('internal');
        };

        const checkout = async (hold: (typeof holds)[number], how: Choice) => {
          const order = await once(world, (handle) =>
            world.services.orders.checkout.create(
              {
                holdId: hold.id,
                buyer: { email: 'p@example.com', name: 'Prop Buyer' },
                delivery: { method: 'email' },
                payment: { method: 'sandbox', returnUrl: 'https://shop.example/back' },
                ...(how.child ? { lines: [{ ...hold.first, ticketTypeId: childId }] } : {}),
                ...(how.code ? { code: 'prop-code' } : {}),
              },
              { holdToken: hold.token },
              handle,
            ),
          );
          const entry = {
            id: order.id,
            token: order.accessToken,
            session: order.payments.at(-1)!.redirectUrl?.split('/').at(-1) ?? null,
          };
          orders.push(entry);
          return entry;
        };
        const pay = async (order: (typeof orders)[number], scenario: SandboxScenario) => {
          if (order.session) {
            await world.sandbox.decide(order.session, scenario === 'decline' ? 'decline' : 'approve', scenario);
          }
          await once(world, (handle) =>
            world.services.orders.paymentCompletion.complete(order.id, { orderToken: order.token }, handle),
          );
        };

        for (const step of ops) {
          try {
            if (step.kind === 'buy') {
              const hold = await world.services.holds.create(world.eventId, {
                seatIds: step.seats.map((s) => seatIds[s]!),
              });
              holds.push(held(hold));
              await pay(await checkout(held(hold), step.choice), step.scenario);
            } else if (step.kind === 'hold' || step.kind === 'holdGa') {
              const request =
                step.kind === 'hold'
                  ? { seatIds: step.seats.map((s) => seatIds[s]!) }
                  : { ga: { sectionId: 'PIT', quantity: step.quantity } };
              const hold = await world.services.holds.create(world.eventId, request);
              holds.push(held(hold));
            } else if (step.kind === 'order' && holds.length > 0) {
              await checkout(holds[step.which % holds.length]!, step.choice);
            } else if (step.kind === 'pay' && orders.length > 0) {
              await pay(orders[step.which % orders.length]!, step.scenario);
            } else if (step.kind === 'completeAgain' && orders.length > 0) {
              const order = orders[step.which % orders.length]!;
              await once(world, (handle) =>
                world.services.orders.paymentCompletion.complete(order.id, { orderToken: order.token }, handle),
              );
            } else if ((step.kind === 'refund' || step.kind === 'cancel') && orders.length > 0) {
              const order = orders[step.which % orders.length]!;
              if (step.kind === 'cancel') {
                await once(world, (handle) =>
                  world.services.orders.refunds.cancel(order.id, { reason: 'prop' }, clerk, handle),
                );
              } else {
                const current = await world.services.orders.queries.get(order.id, { principal: clerk });
                const valid = current.tickets.filter((t) => t.status === 'valid');
                const ticket = valid[step.ticket % Math.max(1, valid.length)];
                await once(world, (handle) =>
                  world.services.orders.refunds.refund(
                    order.id,
                    {
                      reason: 'prop',
                      waiveRefundFee: step.waiveRefundFee,
                      ...(ticket ? { ticketIds: [ticket.id] } : {}),
                    },
                    clerk,
                    handle,
                  ),
                );
              }
            } else if (step.kind === 'exchange' && orders.length > 0) {
              const order = orders[step.which % orders.length]!;
              const current = await world.services.orders.queries.get(order.id, { principal: clerk });
              const valid = current.tickets.filter((t) => t.status === 'valid');
              const ticket = valid[step.ticket % Math.max(1, valid.length)];
              const hold = await world.services.holds.create(world.eventId, { seatIds: [seatIds[step.seat]!] });
              holds.push(held(hold));
              const ask = {
                ticketIds: ticket ? [ticket.id] : [randomUUID()],
                holdId: hold.id,
                ...(step.child ? { lines: [{ seatId: seatIds[step.seat]!, ticketTypeId: childId }] } : {}),
                ...(step.code ? { code: 'prop-code' } : {}),
              };
              const access = { principal: clerk, holdToken: hold.token };
              const quote = await world.services.orders.exchanges.quote(order.id, ask, access);
              const difference = quote.difference.amount;
              const exchanged = await once(world, (handle) =>
                world.services.orders.exchanges.exchange(
                  order.id,
                  difference > 0
                    ? { ...ask, payment: { method: 'cash', tendered: { amount: difference, currency: 'EUR' } } }
                    : ask,
                  access,
                  handle,
                ),
              );
              const to = exchanged.to.id;
              orders.push({ id: to, token: world.services.orders.orderAccessToken(to), session: null });
            } else if (step.kind === 'pass' && orders.length > 0) {
              const order = orders[step.which % orders.length]!;
              const current = await world.services.orders.queries.get(order.id, { orderToken: order.token });
              const valid = current.tickets.filter((t) => t.status === 'valid');
              const ticket = valid[step.ticket % Math.max(1, valid.length)];
              const { tickets: transfers } = world.services.transfers;
              const sent = await once(world, (handle) =>
                transfers.send(
                  order.id,
                  {
                    ticketIds: ticket ? [ticket.id] : [randomUUID()],
                    recipient: { email: 'r@example.com', name: 'Recipient' },
                  },
                  { orderToken: order.token },
                  handle,
                ),
              );
              const accepted = await once(world, (handle) =>
                transfers.accept(transfers.token(sent.id), {}, undefined, handle),
              );
              orders.push({ id: accepted.orderId, token: accepted.accessToken, session: null });
            } else if (step.kind === 'refundPassedOn' && orders.length > 0) {
              const order = orders[step.which % orders.length]!;
              const current = await world.services.orders.queries.get(order.id, { principal: clerk });
              const passed = current.tickets.filter((t) => t.status === 'transferred');
              const ticket = passed[step.ticket % Math.max(1, passed.length)];
              // Named by the original's id, or by the ticket holding its place now (the last valid one of its seat).
              const holder = ticket
                ? await db.query<{ id: string }>(
                    `SELECT t.id FROM tickets t JOIN tickets o ON o.id = $1 WHERE t.event_id = o.event_id
                       AND t.status = 'valid' AND t.seat_no IS NOT DISTINCT FROM o.seat_no AND o.seat_no IS NOT NULL`,
                    [ticket.id],
                  )
                : { rows: [] };
              const named = step.byHolder && holder.rows[0] ? holder.rows[0].id : ticket?.id;
              await once(world, (handle) =>
                world.services.orders.refunds.refund(
                  order.id,
                  { reason: 'prop', ...(named ? { ticketIds: [named] } : {}) },
                  clerk,
                  handle,
                ),
              );
              if (ticket) seen.passedOnRefunds++;
            } else if (step.kind === 'ask' && orders.length > 0) {
              const order = orders[step.which % orders.length]!;
              const current = await world.services.orders.queries.get(order.id, { principal: clerk });
              const valid = current.tickets.filter((t) => t.status === 'valid');
              const ticket = step.ticket === null ? undefined : valid[step.ticket % Math.max(1, valid.length)];
              await once(world, (handle) =>
                world.services.eventChanges.postponements.requestRefund(
                  order.id,
                  ticket ? { ticketIds: [ticket.id] } : {},
                  { orderToken: order.token },
                  handle,
                ),
              );
              seen.buyerRefunds++;
            } else if (step.kind === 'advance') {
              world.clock.advance(step.seconds * 1000);
            } else if (step.kind === 'sweep') {
              await world.services.holds.sweepExpired();
              await world.services.orders.abandoned.cancel();
            }
          } catch (error) {
            tolerate(error);
          }
          await checkInvariants(world);
          await checkCodeUses(codeId);
        }
      }),
      // The first run is a fixed sequence that takes every path the coverage checks below ask for (a discounted
      // child ticket, a kept refund fee, a buyer's refund, an exchange), so they hold on any seed; the other runs
      // are random.
      { numRuns: 40, examples: [[EVERY_PATH]] },
    );
    expect(seen.discounted.size).toBeGreaterThan(0);
    expect(seen.children.size).toBeGreaterThan(0);
    expect(seen.refundFees.size).toBeGreaterThan(0);
    expect(seen.buyerRefunds).toBeGreaterThan(0);
    expect(seen.exchanges.size).toBeGreaterThan(0);
    expect(seen.recipients.size).toBeGreaterThan(0);
    expect(seen.passedOnRefunds).toBeGreaterThan(0);
  }, 300_000);
});
