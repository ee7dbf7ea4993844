// The box office's shift report line by line, as plain Node against the real local cloud on PGlite: a clerk sells
// with ticket types, a promo code, service, order and delivery fees, under inclusive VAT and then exclusive VAT, one
// order is older than price breakdowns, and one ticket is refunded. The report's lines (ticket sales, discounts,
// fees, each tax, refunds) add up to the takings of its payment lines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedHold, Order, RefundBreakdown, ShiftReport } from '../../../cloud/contract/index.ts';
import { startLocalCloud, type LocalCloud } from '../../../cloud/local/server.ts';
import { freshDb } from '../../support/databases.ts';
import type { Db } from '../../../cloud/db/port.ts';
import type { Principal } from '../../../cloud/services/ports.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { buildDevice, type TestDevice } from '../../support/main/device.ts';
import { readPdf } from '../../support/pdf-reader.ts';
import { formatMoney } from '../../../cloud/domain/format.ts';

describe('the shift report’s lines: ticket sales, discounts, fees, tax and refunds', () => {
  let cloud: LocalCloud;
  let db: Db;
  let counter: TestDevice;
  let venueId = '';
  let eventId = '';
  const concessionId = randomUUID();
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-shift-lines-'));

  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  const answer = async <T>(pending: ReturnType<TestDevice['handle']>): Promise<T> => {
    const result = await pending;
    if (!result.ok) throw new Error(result.problem.detail);
    return result.value as T;
  };
  const setTax = (admin: Principal, mode: 'inclusive' | 'exclusive', ratePpm: number) =>
    cloud.services.commerce.settings.setVenueTax(admin, venueId, {
      label: 'VAT',
      ratePpm,
      mode,
      feesTaxable: mode === 'inclusive',
    });
  const hold = (seatIds: string[]) =>
    answer<CreatedHold>(counter.handle('holds:create', { eventId, request: { seatIds } }));

  beforeAll(async () => {
    db = await freshDb('pglite');
    cloud = await startLocalCloud({ port: 0, db, seed: false });
    const { admin, identity, commerce } = cloud.services;
    const venue = await admin.createVenue({ name: 'Lyceum', city: 'Edinburgh', timezone: 'Europe/London' });
    venueId = venue.id;
    const seatmap = await admin.importSeatMap(venueId, smallHall(4, 10));
    eventId = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { amount: 5000 });
    const staff: Principal = { sub: 'admin-1', groups: ['admin'] };
    const list = await commerce.settings.priceList(staff, eventId);
    const adult = list.ticketTypes[0]!;
    await commerce.settings.setPriceList(staff, eventId, {
      ticketTypes: [
        { ...adult, kind: 'adult', requiresCheck: null, accompaniedBy: null },
        {
          id: concessionId,
          kind: 'concession',
          name: 'Concession',
          maxPerOrder: null,
          requiresCheck: 'Show concession card',
          accompaniedBy: null,
        },
      ],
      entries: list.entries.flatMap((entry) => [entry, { ...entry, ticketTypeId: concessionId, amount: 3000 }]),
      hiddenTierIds: [],
    });
    await commerce.settings.setFees(staff, eventId, {
      currency: 'EUR',
      serviceFee: { kind: 'fixed', amount: 150 },
      orderFee: { kind: 'fixed', amount: 100 },
      deliveryFees: [{ method: 'will_call', amount: 200 }],
    });
    await commerce.codes.createPromo(staff, {
      eventId,
      code: 'TENOFF',
      discount: { kind: 'percent', basisPoints: 1000 },
      scope: { tierIds: null, ticketTypeIds: null },
      validFrom: null,
      validUntil: null,
      maxUses: null,
      maxUsesPerBuyer: null,
    });
    await setTax(staff, 'inclusive', 200_000);
    await identity.createStaff({
      email: 'clerk@lyceum.example',
      password: 'counter-pass-123',
      name: 'Clerk Iona',
      role: 'clerk',
      venueId,
    });
    counter = buildDevice(mkdtempSync(join(dir, 'counter-')), cloud.url);
    const { code } = await identity.createPairingCode({ venueId, kind: 'boxoffice', name: 'Counter' }, 'admin-1');
    await counter.device.register(code);
    await counter.device.signInStaff('clerk@lyceum.example', 'counter-pass-123');
  });
  afterAll(async () => {
    counter?.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives each line of the takings, and they add up to what the payment lines took', async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const staff: Principal = { sub: 'admin-1', groups: ['admin'] };

    // Inclusive VAT 20 %: an adult and a concession with 10 % off, kept for pick-up (a 2.00 delivery fee), cash.
    const first = await hold(['MAIN-A-1', 'MAIN-A-2']);
    const cash = await answer<{ order: Order }>(
      counter.handle('sale:cash', {
        holdId: first.id,
        holdToken: first.token,
        buyer: { name: 'Cash Buyer' },
        delivery: 'will_call',
        lines: [{ seatId: 'MAIN-A-2', ticketTypeId: concessionId }],
        code: 'tenoff',
        tendered: { amount: 10_000, currency: 'EUR' },
        idempotencyKey: randomUUID(),
      }),
    );
    // 45.00 + 27.00 + 2 × 1.50 service + 1.00 order + 2.00 delivery, the VAT inside.
    expect(cash.order.breakdown?.totals).toEqual({ subtotal: 8000, discount: 800, fees: 600, tax: 1300, total: 7800 });

    // Exclusive VAT 7 % on the tickets only: an adult by card, then one whose breakdown is gone (an old order).
    await setTax(staff, 'exclusive', 70_000);
    const second = await hold(['MAIN-A-3']);
    const card = await answer<{ order: Order }>(
      counter.handle('sale:terminal', {
        holdId: second.id,
        holdToken: second.token,
        buyer: { name: 'Card Buyer' },
        delivery: 'print',
      }),
    );
    expect(card.order.breakdown?.totals).toEqual({ subtotal: 5000, discount: 0, fees: 250, tax: 350, total: 5600 });
    const third = await hold(['MAIN-A-4']);
    const old = await answer<{ order: Order }>(
      counter.handle('sale:cash', {
        holdId: third.id,
        holdToken: third.token,
        buyer: { name: 'Old Order' },
        delivery: 'print',
        tendered: { amount: 5600, currency: 'EUR' },
        idempotencyKey: randomUUID(),
      }),
    );
    await db.query('UPDATE orders SET price_breakdown = NULL WHERE id = $1', [old.order.id]);

    // The concession comes back at the counter, in cash.
    const concession = cash.order.tickets.find((ticket) => ticket.ticketTypeId === concessionId)!;
    const { order: refundedOrder } = await answer<{ order: Order }>(
      counter.handle('orders:refund', {
        orderId: cash.order.id,
        ticketIds: [concession.id],
        reason: 'cannot come',
        idempotencyKey: randomUUID(),
      }),
    );

    // Refunds by the event's policy keep what they gave back part by part; refunds without a breakdown have no parts.
    const parts = refundedOrder.refunds.flatMap((refund) => {
      const kept = (refund as { breakdown?: RefundBreakdown }).breakdown;
      return kept ? [kept] : [];
    });
    const sumOf = (pick: (refund: RefundBreakdown) => number) => parts.reduce((sum, refund) => sum + pick(refund), 0);
    const refundParts =
      parts.length === 0
        ? null
        : {
            fees: eur(
              sumOf(
                (r) =>
                  r.orderFee.credited +
                  r.deliveryFee.credited +
                  r.tickets.reduce((sum, ticket) => sum + ticket.serviceFee.credited, 0),
              ),
            ),
            tax: eur(sumOf((r) => r.tax)),
            refundFeesKept: eur(sumOf((r) => r.refundFee)),
          };

    const openingFloats = [{ amount: 10_000, currency: 'EUR' }];
    const report = await answer<ShiftReport>(counter.handle('shift:report', { from, openingFloats }));
    const refunded = report.lines.reduce((sum, line) => sum + line.refunded.amount, 0);
    expect(refunded).toBeGreaterThan(0);
    expect(report.breakdown).toEqual([
      {
        currency: 'EUR',
        // 45.00 + 27.00 after the discount, 50.00, and the old order's 56.00 all counted as ticket sales.
        ticketSales: eur(4500 + 2700 + 5000 + 5600),
        discounts: eur(800),
        serviceFees: eur(300 + 150),
        orderFees: eur(200),
        deliveryFees: eur(200),
        taxes: [
          { label: 'VAT', ratePpm: 70_000, mode: 'exclusive', collected: eur(350) },
          { label: 'VAT', ratePpm: 200_000, mode: 'inclusive', collected: eur(1300) },
        ],
        exchangeCredits: eur(0),
        refunded: eur(refunded),
        refundParts,
        takings: eur(7800 + 5600 + 5600 - refunded),
      },
    ]);
    // The lines add up: ticket sales, fees and the tax added on top, less refunds, are what the payments took.
    const [lines] = report.breakdown;
    const added = lines!.taxes.filter((tax) => tax.mode === 'exclusive').reduce((s, t) => s + t.collected.amount, 0);
    const explained =
      lines!.ticketSales.amount +
      lines!.serviceFees.amount +
      lines!.orderFees.amount +
      lines!.deliveryFees.amount +
      added -
      lines!.refunded.amount;
    expect(explained).toBe(report.lines.reduce((sum, line) => sum + line.net.amount, 0));
    expect(lines!.takings.amount).toBe(explained);
    expect(report.cashExpected).toEqual([eur(10_000 + 7800 + 5600 - refunded)]);

    // On paper too: each line with its amount, the taxes by rate and mode, and the takings.
    await answer(counter.handle('shift:print', { from, openingFloats }));
    const printed = await readPdf(counter.prints().find((p) => p.file.includes('-shift_report-'))!.bytes);
    const drawn = printed.pages[0]!.lines;
    const money = (amount: number) => formatMoney(eur(amount));
    const takings = drawn.slice(drawn.indexOf('Takings in EUR') + 1, drawn.indexOf('Opening float: €100.00'));
    expect(takings).toEqual([
      ...['Ticket sales (after discounts)', money(17_800)],
      ...['Discounts given (already off ticket sales)', money(800)],
      ...['Service fees', money(450)],
      ...['Order fees', money(200)],
      ...['Delivery fees', money(200)],
      ...['VAT 7 % (added)', money(350)],
      ...['VAT 20 % (included)', money(1300)],
      ...['Refunds', `-${money(refunded)}`],
      ...(refundParts
        ? [
            ...['Fees given back (in the refunds)', money(refundParts.fees.amount)],
            ...['Tax given back (in the refunds)', money(refundParts.tax.amount)],
            ...['Refund fees kept (not handed back)', money(refundParts.refundFeesKept.amount)],
          ]
        : []),
      ...['Takings', money(19_000 - refunded)],
    ]);
  });
});
