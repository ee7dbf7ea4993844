// /dev/mailbox on the local cloud: after a purchase by email the message is listed with its subject and opens as the
// buyer would see it, ticket images inline (as data: URLs under a CSP that allows nothing else), and the raw .eml
// downloads as message/rfc822.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../support/world.ts';
import { startTestCloud } from '../support/local-cloud.ts';

describe('the local mailbox', () => {
  let cloud: LocalCloud;
  let eventId: string;
  let clerk: string;

  beforeAll(async () => {
    cloud = await startTestCloud({ port: 0, seed: false });
    const venue = await cloud.services.admin.createVenue({ name: 'Hall', city: 'Bern', timezone: 'Europe/Zurich' });
    const map = await cloud.services.admin.importSeatMap(venue.id, smallHall(2, 10));
    eventId = await createOnSaleEvent(cloud.services, map.id, ['MAIN', 'PIT'], { name: 'Mailbox Night' });
    clerk = await cloud.issuer.issue({ sub: 'clerk-1', groups: ['clerk'], venueId: venue.id });
  });
  afterAll(async () => cloud?.close());

  it('lists the emails written and shows one as the buyer sees it', async () => {
    const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
      (
        await fetch(cloud.url + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${clerk}`, ...headers },
          body: JSON.stringify(body),
        })
      ).json() as Promise<Record<string, unknown>>;
    const hold = await post(`/v1/events/${eventId}/holds`, { seatIds: ['MAIN-A-1'] });
    const order = await post(
      '/v1/orders',
      {
        holdId: hold.id,
        buyer: { email: 'mia@example.com', name: 'Mia Box' },
        delivery: { method: 'email' },
        payment: { method: 'cash', tendered: { amount: 5000, currency: 'EUR' } },
      },
      { 'idempotency-key': randomUUID() },
    );
    const list = async () => (await fetch(cloud.url + '/dev/mailbox')).text();
    await expect.poll(list, { timeout: 5000 }).toContain(`Your tickets for Mailbox Night (${order.code})`);
    const page = await list();
    expect(page).toContain('mia@example.com');
    const link = /href="(\/dev\/mailbox\/[^"]+)"/.exec(page)![1]!;
    const message = await fetch(cloud.url + link);
    expect(message.headers.get('content-security-policy')).toContain('img-src data:');
    const html = await message.text();
    expect(html).toContain('<img src="data:image/png;base64,');
    expect(html).toContain('Main · Row A · Seat 1');
    expect(html).toContain(`tickets-${order.code}.pdf`);
    const raw = await fetch(`${cloud.url}${link}?raw`);
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect(await raw.text()).toContain('Subject: Your tickets for Mailbox Night');
    expect((await fetch(cloud.url + '/dev/mailbox/..%2F..%2Fetc%2Fpasswd')).status).toBe(404);
  });
});
