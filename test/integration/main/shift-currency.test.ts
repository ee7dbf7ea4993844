// The box office's drawer in its venue's currency, as plain Node against the real local cloud: a counter at a venue
// selling in pounds counts its opening float and cash in pounds (screen and print), a venue whose events sell in two
// currencies gets a float and the cash expected per currency (yen without decimals), and an allotment takes cash only
// in its event's currency.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedHold } from '../../../cloud/contract/index.ts';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { buildDevice, type TestDevice } from '../../support/main/device.ts';
import { readPdf } from '../../support/pdf-reader.ts';
import { startTestCloud } from '../../support/local-cloud.ts';

describe('the box office drawer in the venue’s currency', () => {
  let cloud: LocalCloud;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-currency-'));
  const devices: TestDevice[] = [];
  /** Events by currency, at the London venue (pounds only) and the Tokyo one (pounds and yen). */
  const london = { venueId: '', events: {} as Record<string, string> };
  const tokyo = { venueId: '', events: {} as Record<string, string> };

  const venueSelling = async (
    at: typeof london,
    name: string,
    timezone: string,
    prices: Record<string, number>,
  ): Promise<void> => {
    const venue = await cloud.services.admin.createVenue({ name, city: name, timezone });
    at.venueId = venue.id;
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, smallHall(4, 10));
    for (const [currency, amount] of Object.entries(prices)) {
      at.events[currency] = await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], {
        name: `${name} in ${currency}`,
        currency,
        amount,
      });
    }
    await cloud.services.identity.createStaff({
      email: `clerk@${venue.id}.example`,
      password: 'counter-pass-123',
      name: `Clerk of ${name}`,
      role: 'clerk',
      venueId: venue.id,
    });
  };

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    await venueSelling(london, 'London', 'Europe/London', { GBP: 4500 });
    await venueSelling(tokyo, 'Tokyo', 'Asia/Tokyo', { GBP: 4500, JPY: 5000 });
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A box office paired to the venue, its clerk signed in. */
  const counterAt = async (venueId: string) => {
    const d = buildDevice(mkdtempSync(join(dir, 'counter-')), cloud.url);
    devices.push(d);
    const { code } = await cloud.services.identity.createPairingCode(
      { venueId, kind: 'boxoffice', name: 'Counter' },
      'admin-1',
    );
    await d.device.register(code);
    await d.device.signInStaff(`clerk@${venueId}.example`, 'counter-pass-123');
    return d;
  };

  const answer = async (pending: ReturnType<TestDevice['handle']>) => {
    const result = await pending;
    if (!result.ok) throw new Error(result.problem.detail);
    return result.value;
  };

  const sellForCash = async (d: TestDevice, eventId: string, seatId: string, tendered: Record<string, unknown>) => {
    const held = (await answer(d.handle('holds:create', { eventId, request: { seatIds: [seatId] } }))) as CreatedHold;
    return answer(
      d.handle('sale:cash', {
        holdId: held.id,
        holdToken: held.token,
        buyer: { name: 'Cash Buyer' },
        delivery: 'print',
        tendered,
        idempotencyKey: randomUUID(),
      }),
    );
  };

  const printedReport = async (d: TestDevice) =>
    (
      await readPdf(
        d
          .prints()
          .filter((p) => p.file.includes('-shift_report-'))
          .at(-1)!.bytes,
      )
    ).text;

  it('counts the opening float and the cash of a pound-selling venue in pounds, on screen and on paper', async () => {
    const counter = await counterAt(london.venueId);
    const from = new Date(Date.now() - 1000).toISOString();
    expect(await answer(counter.handle('shift:currencies', {}))).toEqual({ currencies: ['GBP'] });

    // "100" typed as the float: £100.00, before anything is sold.
    const openingFloats = [{ amount: 10_000, currency: 'GBP' }];
    expect(await answer(counter.handle('shift:report', { from, openingFloats }))).toMatchObject({
      lines: [],
      cashExpected: [{ amount: 10_000, currency: 'GBP' }],
    });
    await answer(counter.handle('shift:print', { from, openingFloats }));
    let printed = await printedReport(counter);
    expect(printed).toContain('Opening float: £100.00');
    expect(printed).toContain('Cash expected in the drawer: £100.00');

    await sellForCash(counter, london.events.GBP!, 'MAIN-A-1', { amount: 5000, currency: 'GBP' });
    expect(await answer(counter.handle('shift:report', { from, openingFloats }))).toMatchObject({
      cashExpected: [{ amount: 14_500, currency: 'GBP' }],
    });
    await answer(counter.handle('shift:print', { from, openingFloats }));
    printed = await printedReport(counter);
    expect(printed).toContain('Opening float: £100.00');
    expect(printed).toContain('Cash expected in the drawer: £145.00');
    expect(printed).not.toContain('€');
  });

  it('keeps a float and the cash expected per currency where the venue’s events sell in two', async () => {
    const counter = await counterAt(tokyo.venueId);
    const from = new Date(Date.now() - 1000).toISOString();
    expect(await answer(counter.handle('shift:currencies', {}))).toEqual({ currencies: ['GBP', 'JPY'] });

    const openingFloats = [
      { amount: 10_000, currency: 'GBP' },
      { amount: 10_000, currency: 'JPY' },
    ];
    await sellForCash(counter, tokyo.events.JPY!, 'MAIN-A-1', { amount: 5000, currency: 'JPY' });
    const report = await answer(counter.handle('shift:report', { from, openingFloats }));
    // Each float only in its own currency: ¥10,000 + ¥5,000 of cash, and the £100 untouched.
    expect(report).toMatchObject({
      lines: [{ method: 'cash', taken: { amount: 5000, currency: 'JPY' } }],
      cashExpected: [
        { amount: 10_000, currency: 'GBP' },
        { amount: 15_000, currency: 'JPY' },
      ],
    });
    await answer(counter.handle('shift:print', { from, openingFloats }));
    const printed = await printedReport(counter);
    expect(printed).toContain('Opening float: £100.00, JP¥10,000');
    expect(printed).toContain('Cash expected in the drawer: £100.00, JP¥15,000');

    // One float a currency; a currency written wrong is the bridge's 400, before anything is asked of the cloud.
    for (const floats of [
      [
        { amount: 100, currency: 'JPY' },
        { amount: 200, currency: 'JPY' },
      ],
      [{ amount: 100, currency: 'yen' }],
    ]) {
      expect(await counter.handle('shift:report', { from, openingFloats: floats })).toMatchObject({
        ok: false,
        problem: { status: 400 },
      });
    }
  });

  it('sells from an allotment in its event’s currency and refuses cash counted in another', async () => {
    const counter = await counterAt(tokyo.venueId);
    const allotment = await answer(
      counter.handle('allotment:create', { eventId: tokyo.events.JPY!, seatIds: ['MAIN-D-1', 'MAIN-D-2'] }),
    );
    expect(allotment).toMatchObject({ currency: 'JPY', seats: [{ price: { amount: 5000, currency: 'JPY' } }, {}] });
    const { allotmentId } = allotment as { allotmentId: string };

    const sell = (tendered: { amount: number; currency: string }) =>
      counter.handle('allotment:sellCash', { allotmentId, seatIds: ['MAIN-D-1'], buyerName: 'Yen Buyer', tendered });
    expect(await sell({ amount: 6000, currency: 'EUR' })).toMatchObject({
      ok: false,
      problem: { status: 400, detail: expect.stringContaining('JPY') },
    });
    expect(await answer(counter.handle('allotment:list', {}))).toMatchObject([
      { allotmentId, seats: [{ seatId: 'MAIN-D-1', sold: false }, {}] },
    ]);
    expect(await answer(sell({ amount: 6000, currency: 'JPY' }))).toMatchObject({
      change: { amount: 1000, currency: 'JPY' },
    });
    const receipt = await readPdf(counter.prints().find((p) => p.file.includes('-receipt-'))!.bytes);
    expect(receipt.text).toContain('change JP¥1,000');
  });
});
