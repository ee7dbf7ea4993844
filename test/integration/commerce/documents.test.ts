// What a buyer of a concession ticket gets, on the local cloud: a box-office sale with a promo code, fees and 20 % VAT
// added; the tickets email (read back from the .eml outbox) shows the receipt line by line and each ticket's type and
// door check in its text and HTML parts, the tickets PDF prints the type and the check, the receipt PDF the
// breakdown; a posted ticket's label carries the type and the check, and its receipt email lists them with the
// delivery fee.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { apiPaths } from '../../../cloud/contract/routes.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { readPdf } from '../../support/pdf-reader.ts';
import { startTestCloud } from '../../support/local-cloud.ts';

const CHECK = 'Show student ID at the door';

describe('the documents of a concession ticket bought with a code, fees and VAT', () => {
  let cloud: LocalCloud;
  let eventId: string;
  let clerk: string;
  let admin: string;
  let adultId: string;
  const concessionId = randomUUID();

  const call = async (method: string, path: string, body: unknown, bearer: string, headers = {}) => {
    const response = await fetch(cloud.url + path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const sell = async (seats: { seatId: string; concession?: boolean }[], extra: object) => {
    const hold = await call('POST', apiPaths.eventHolds(eventId), { seatIds: seats.map((s) => s.seatId) }, clerk);
    const order = await call(
      'POST',
      apiPaths.orders(),
      {
        holdId: hold.body.id,
        buyer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        payment: { method: 'cash', tendered: { amount: 20_000, currency: 'EUR' } },
        lines: seats.map((s) => ({ seatId: s.seatId, ticketTypeId: s.concession ? concessionId : adultId })),
        ...extra,
      },
      clerk,
      { 'idempotency-key': randomUUID() },
    );
    expect(order.body.state, JSON.stringify(order.body)).toBe('paid');
    return order.body as { id: string; code: string; total: { amount: number } };
  };
  const emailWithSubject = async (subject: string): Promise<ParsedMail> => {
    const find = async () => {
      for (const message of cloud.mailbox!.list()) {
        const mail = await simpleParser(cloud.mailbox!.read(message.file)!);
        if (mail.subject === subject) return mail;
      }
      return null;
    };
    await expect.poll(find, { timeout: 10_000 }).not.toBeNull();
    return (await find())!;
  };

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Bern', timezone: 'Europe/Zurich' });
    const map = await cloud.services.admin.importSeatMap(venue.id, smallHall(3, 10));
    eventId = await createOnSaleEvent(cloud.services, map.id, ['MAIN', 'PIT'], { name: 'Concession Night' });
    clerk = await cloud.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: venue.id });
    admin = await cloud.issuer.issue({ sub: 'admin-1', groups: ['admin'] });
    const list = (await call('GET', apiPaths.eventPriceList(eventId), undefined, admin)).body;
    adultId = list.ticketTypes[0].id;
    const tierId = list.entries[0].tierId;
    const settings = [
      await call(
        'PUT',
        apiPaths.eventPriceList(eventId),
        {
          ticketTypes: [
            { id: adultId, kind: 'adult', name: 'Adult' },
            { id: concessionId, kind: 'concession', name: 'Concession', requiresCheck: CHECK },
          ],
          entries: [
            { tierId, ticketTypeId: adultId, amount: 5000, currency: 'EUR' },
            { tierId, ticketTypeId: concessionId, amount: 3000, currency: 'EUR' },
          ],
        },
        admin,
      ),
      await call(
        'PUT',
        apiPaths.eventFees(eventId),
        {
          currency: 'EUR',
          serviceFee: { kind: 'fixed', amount: 150 },
          orderFee: { kind: 'fixed', amount: 100 },
          deliveryFees: [{ method: 'mail', amount: 400 }],
        },
        admin,
      ),
      await call(
        'PUT',
        apiPaths.venueTax(venue.id),
        { label: 'VAT', ratePpm: 200_000, mode: 'exclusive', feesTaxable: true },
        admin,
      ),
      await call(
        'POST',
        apiPaths.promoCodes(),
        {
          eventId,
          code: 'STUDENT',
          discount: { kind: 'percent', basisPoints: 1000 },
          scope: { ticketTypeIds: [concessionId] },
        },
        admin,
      ),
    ];
    expect(settings.map((s) => s.status)).toEqual([200, 200, 200, 201]);
  });
  afterAll(async () => cloud?.close());

  it('emails the breakdown and the door check, and prints them on the tickets and the receipt', async () => {
    const order = await sell([{ seatId: 'MAIN-A-1' }, { seatId: 'MAIN-A-2', concession: true }], {
      delivery: { method: 'email' },
      code: 'student',
    });
    // Adult 50.00 + 1.50 fee; concession 30.00 − 3.00 + 1.50; order fee 1.00; 20 % VAT on all of it: 16.20.
    expect(order.total.amount).toBe(9720);
    const mail = await emailWithSubject(`Your tickets for Concession Night (${order.code})`);
    const text = mail.text!;
    for (const line of [
      '  Main · Row A · Seat 1 · Adult  €50.00',
      '      Service fee  €1.50',
      '  Main · Row A · Seat 2 · Concession  €30.00',
      '      Discount (STUDENT)  -€3.00',
      '  Order fee  €1.00',
      '  Subtotal  €80.00',
      '  Discount (STUDENT)  -€3.00',
      '  Fees  €4.00',
      '  VAT 20 %  €16.20',
      '  Total  €97.20',
      `  Main · Row A · Seat 2 · Concession · Door check: ${CHECK}`,
    ]) {
      expect(text.split('\n'), text).toContain(line);
    }
    expect(text).not.toMatch(/Seat 1 · Adult · Door check/);
    const html = mail.html as string;
    for (const words of [
      'Main · Row A · Seat 2 · Concession',
      'Discount (STUDENT)',
      '-€3.00',
      'VAT 20 %',
      '€16.20',
      '€97.20',
      `Door check: ${CHECK}`,
    ]) {
      expect(html).toContain(words);
    }

    const tickets = await readPdf(mail.attachments.find((a) => a.filename === `tickets-${order.code}.pdf`)!.content);
    expect(tickets.pages).toHaveLength(2);
    // What each ticket cost: the adult 50.00 + 1.50 + VAT = 61.80; the concession 27.00 + 1.50 + VAT = 34.20.
    expect(tickets.pages[0]!.lines).toContain('Adult · All · €61.80');
    expect(tickets.pages[0]!.lines.join('\n')).not.toContain('Door check');
    expect(tickets.pages[1]!.lines).toContain('Concession · All · €34.20');
    expect(tickets.pages[1]!.lines).toContain(`Door check: ${CHECK}`);

    const receipt = await readPdf(mail.attachments.find((a) => a.filename === `receipt-${order.code}.pdf`)!.content);
    for (const words of [
      'Main · Row A · Seat 2 · Concession',
      'Discount (STUDENT)',
      '-€3.00',
      'Order fee',
      'VAT 20 %',
    ]) {
      expect(receipt.text).toContain(words);
    }
    expect(receipt.text).toContain('€16.20');
    expect(receipt.text).toContain('€97.20');
  });

  it('puts the type and the door check on the posted ticket and its receipt email, with the delivery fee', async () => {
    const address = { name: 'Ada Lovelace', line1: '1 Bridge St', city: 'Bern', postalCode: '3011', country: 'CH' };
    const order = await sell([{ seatId: 'MAIN-B-1', concession: true }], { delivery: { method: 'mail', address } });
    await expect.poll(() => cloud.mailing!.shipments.get(order.id), { timeout: 10_000 }).toBeDefined();
    expect(cloud.mailing!.shipments.get(order.id)!.tickets.map((t) => t.place)).toEqual([
      `Main · Row B · Seat 1 · Concession · Door check: ${CHECK}`,
    ]);
    const mail = await emailWithSubject(`Your receipt for Concession Night (${order.code})`);
    expect(mail.text!.split('\n')).toContain(`  Main · Row B · Seat 1 · Concession · Door check: ${CHECK}`);
    expect(mail.html as string).toContain(`Door check: ${CHECK}`);
    expect(mail.text!.split('\n')).toContain('  Delivery fee (post)  €4.00');
    // 30.00 + 1.50 + 1.00 + 4.00 = 36.50 net, 7.30 VAT.
    expect(mail.text!.split('\n')).toContain('  Total  €43.80');
    expect(order.total.amount).toBe(4380);
  });
});
