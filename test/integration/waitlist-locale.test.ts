// The waitlist offer email speaks the language its entry was joined in (migration 0028): the shop sends its language
// with the join request, the entry keeps it, and when seats come back housekeeping's pass writes each offer in it:
// words, dates and money. An entry joined without one (an older client) is written to in English; a language the
// emails are not written in is refused at the door, naming the field.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalOutboxSender } from '../../cloud/adapters/email/local-outbox.ts';
import type { Db } from '../../cloud/db/port.ts';
import { formatDateTime } from '../../cloud/domain/format.ts';
import { documentWords } from '../../cloud/domain/i18n/index.ts';
import { housekeeping } from '../../cloud/services/housekeeping.ts';
import { freshDb } from '../support/databases.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { buildWorld, smallHall, type World } from '../support/world.ts';

const PROBLEMS = 'https://ticketboss.dev/problems/';

describe('the waitlist offer email in the language of the join', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-waitlist-locale-'));

  beforeAll(async () => {
    db = await freshDb('pglite');
    // One row of four seats and no standing section: one hold on all four sells it out.
    const map = smallHall(1, 4);
    map.sections = map.sections.filter((section) => section.id === 'MAIN');
    world = await buildWorld(db, { map, email: new LocalOutboxSender(dir) });
    api = await testApi(world.services);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const joinLine = (body: Record<string, unknown>) =>
    api.call('POST', `/v1/events/${world.eventId}/waitlist`, { body: { quantity: 1, ...body } });
  const mailTo = async (address: string): Promise<ParsedMail> => {
    const mails = await Promise.all(
      readdirSync(dir)
        .filter((file) => file.endsWith('.eml'))
        .map((file) => simpleParser(readFileSync(join(dir, file)))),
    );
    const found = mails.filter((mail) => [mail.to ?? []].flat().some((to) => to.text.includes(address)));
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('keeps the language of each join and refuses one the emails are not written in', async () => {
    const hold = await api.call('POST', `/v1/events/${world.eventId}/holds`, {
      body: { seatIds: ['MAIN-A-1', 'MAIN-A-2', 'MAIN-A-3', 'MAIN-A-4'] },
    });
    expect(hold.status).toBe(201);

    const french = await joinLine({ email: 'francoise@example.com', locale: 'fr' });
    expect(french.status).toBe(400);
    expect(french.body.type).toBe(`${PROBLEMS}validation_failed`);
    expect(french.body.errors[0].field).toBe('locale');

    for (const body of [
      { email: 'greta@example.com', locale: 'de' },
      { email: 'amal@example.com', locale: 'ar' },
      { email: 'eddie@example.com', locale: 'en' },
      { email: 'olive@example.com' },
    ]) {
      expect((await joinLine(body)).status).toBe(201);
      world.clock.advance(1000);
    }
    const rows = await db.query<{ email: string; locale: string }>(
      'SELECT email, locale FROM waitlist_entries ORDER BY joined_at',
    );
    expect(rows.rows.map((row) => `${row.email}:${row.locale}`)).toEqual([
      'greta@example.com:de',
      'amal@example.com:ar',
      'eddie@example.com:en',
      'olive@example.com:en',
    ]);

    // The seats come back; housekeeping offers one to each in line, the outbox writes the emails.
    const released = await api.call('DELETE', `/v1/holds/${hold.body.id}`, { holdToken: hold.body.token });
    expect(released.status).toBe(204);
    await housekeeping(world.services);
    await world.services.outbox.runDue();
  });

  it('writes a German entry’s offer in German: words, dates and money', async () => {
    const event = (await api.call('GET', `/v1/events/${world.eventId}`)).body;
    const zone = event.venue.timezone as string;
    const mail = await mailTo('greta@example.com');
    expect(mail.subject).toBe('Tickets für Test Event warten auf Sie');
    expect(mail.text).toContain('Gute Nachricht: Für Test Event sind wieder Plätze frei, und Sie sind als Nächstes');
    expect(mail.text).toMatch(/Wir halten einen Sitzplatz: MAIN Reihe A Platz \d \(\d+,\d\d\s€\) bis /);
    expect(mail.text).toContain(formatDateTime(event.startsAt, zone, 'de-DE'));
    expect(mail.text).not.toContain(formatDateTime(event.startsAt, zone, 'en-GB'));
    expect(mail.text).toMatch(/Sichern Sie sich Ihre Tickets: https:\/\/shop\.test\/waitlist\/claim\?token=/);
    expect(mail.html).toContain('<html lang="de" dir="ltr">');
    expect(mail.html).toContain('>Tickets sichern</a>');
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/waiting for you|Good news|seat:/);
  });

  it('writes an Arabic entry’s offer in Arabic, right to left', async () => {
    const mail = await mailTo('amal@example.com');
    const arabic = documentWords('ar');
    expect(mail.subject).toBe(arabic('documents.waitlist.subject', { event: 'Test Event' }));
    expect(mail.text).toContain(arabic('documents.waitlist.intro', { event: 'Test Event' }));
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.text).not.toMatch(/waiting for you|Good news/);
  });

  it('writes in English to an entry joined in English or with no language', async () => {
    for (const address of ['eddie@example.com', 'olive@example.com']) {
      const mail = await mailTo(address);
      expect(mail.subject).toBe('Tickets for Test Event are waiting for you');
      expect(mail.html).toContain('<html lang="en" dir="ltr">');
    }
  });
});
