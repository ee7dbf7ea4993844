// A waitlisted buyer in real Chromium against the local cloud (`npm start`'s server): the event is sold out, they
// join its waitlist on the event page, seats come back (the hold on them is released), the local cloud's own housekeeping offers them
// and its outbox writes the offer email; the buyer opens the link from that .eml, lands at checkout on the held
// seats, pays in the sandbox and sees the confirmation. And a buyer of the German shop, whose offer email comes in
// German: the shop sends its language with the join.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { simpleParser, type ParsedMail } from 'mailparser';
import { join } from 'node:path';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';
import { createOnSaleEvent, smallHall } from '../support/world.ts';

describe.skipIf(!chromiumPath())('waitlist offer in Chromium', () => {
  let world: ShopWorld;
  let browser: Browser;

  beforeAll(async () => {
    world = await startShop();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  /** An event of one row of `seats` seats, sold out by one hold on all of them. */
  const soldOutEvent = async (name: string, seats: number) => {
    const services = world.cloud.services;
    const map = smallHall(1, seats);
    map.sections = map.sections.filter((section) => section.id === 'MAIN');
    const seatMap = await services.admin.importSeatMap(world.venueId, map);
    const eventId = await createOnSaleEvent(services, seatMap.id, ['MAIN'], { name });
    const seatIds = Array.from({ length: seats }, (_, i) => `MAIN-A-${i + 1}`);
    return { eventId, hold: await services.holds.create(eventId, { seatIds }) };
  };
  /** The offer email to this address, once housekeeping (every 2 s) and the outbox (every 250 ms) have written it. */
  const offerEmailTo = async (address: string): Promise<ParsedMail> => {
    const mailbox = world.cloud.mailbox!;
    const find = () =>
      mailbox
        .list()
        .map((m) => readFileSync(join(mailbox.directory, m.file), 'utf8'))
        .find((raw) => raw.includes(`To: ${address}`));
    await expect.poll(find, { timeout: 15_000 }).toBeDefined();
    return simpleParser(find()!);
  };

  it('opens the offer link from the email and buys the seats that came back', async () => {
    const { cloud } = world;
    const services = cloud.services;
    const { eventId, hold: first } = await soldOutEvent('Sold Out Night', 2);

    // Sold out: the event page offers the waitlist.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${cloud.url}/events/${eventId}`);
    const waitlist = page.getByRole('region', { name: 'Sold out: join the waitlist' });
    await waitlist.waitFor();
    await waitlist.getByRole('textbox', { name: 'Email' }).fill('wanda@example.com');
    await waitlist.getByRole('combobox', { name: 'Tickets' }).selectOption('2');
    await waitlist.getByRole('button', { name: 'Join the waitlist' }).click();
    await waitlist.getByText('You are on the waitlist.').waitFor();
    await services.holds.release(first.id, { token: first.token });

    const { text } = await offerEmailTo('wanda@example.com');
    const link = new RegExp(`${cloud.url}/waitlist/claim\\?token=[A-Za-z0-9_%-]+`).exec(text!)![0];

    await page.goto(link);
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    // The claimed hold's seats, in the checkout's summary.
    await page.getByText('MAIN, row A, seat 1').first().waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill('wanda@example.com');
    await page.getByRole('textbox', { name: 'Full name' }).fill('Wanda Waiting');
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('heading', { name: 'Sandbox payment' }).waitFor();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.tickets li').count()).toBe(2);

    const orders = await services.db.query<{ state: string; buyer_email: string }>(
      'SELECT state, buyer_email FROM orders WHERE event_id = $1',
      [eventId],
    );
    expect(orders.rows).toEqual([{ state: 'paid', buyer_email: 'wanda@example.com' }]);
    const entries = await services.db.query<{ state: string }>(
      'SELECT state FROM waitlist_entries WHERE event_id = $1',
      [eventId],
    );
    expect(entries.rows).toEqual([{ state: 'claimed' }]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('writes the offer email in German to a buyer who joined in the German shop', async () => {
    const { eventId, hold } = await soldOutEvent('Ausverkauft', 1);

    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'de-DE' });
    await page.goto(`${world.cloud.url}/events/${eventId}`);
    const waitlist = page.getByRole('region', { name: 'Ausverkauft: auf die Warteliste setzen' });
    await waitlist.waitFor();
    await waitlist.getByRole('textbox', { name: 'E-Mail' }).fill('wilma@example.com');
    await waitlist.getByRole('combobox', { name: 'Tickets' }).selectOption('1');
    await waitlist.getByRole('button', { name: 'Auf die Warteliste' }).click();
    await waitlist.getByText('Sie stehen auf der Warteliste.').waitFor();
    await page.close();
    await world.cloud.services.holds.release(hold.id, { token: hold.token });

    const mail = await offerEmailTo('wilma@example.com');
    expect(mail.subject).toBe('Tickets für Ausverkauft warten auf Sie');
    expect(mail.text).toContain('einen Sitzplatz: MAIN Reihe A Platz 1');
    expect(mail.html).toContain('<html lang="de" dir="ltr">');
  });
});
