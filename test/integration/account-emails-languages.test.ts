// The emails that were still English-only, in the buyer's language (documents.json): a sign-up's confirmation and
// account-exists note and a password reset in the language the request came in with (the optional `locale` of their
// bodies, carried by the outbox job), the waitlist offer's words, and the refund terms. German throughout; English
// when a request names no language.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import { freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';
import { insertUser } from '../../cloud/db/identity.ts';
import { hashPassword } from '../../cloud/services/identity/passwords.ts';
import type { EmailSender, OutgoingEmail } from '../../cloud/services/fulfilment/ports.ts';
import { apiPaths } from '../../cloud/contract/routes.ts';
import { composeWaitlistOfferEmail, offeredPlaces } from '../../cloud/services/fulfilment/waitlist-emails.ts';
import { refundTerms } from '../../cloud/domain/documents/refund-terms.ts';

class Inbox implements EmailSender {
  readonly sent: OutgoingEmail[] = [];
  async send(email: OutgoingEmail) {
    this.sent.push(email);
  }
  async to(address: string): Promise<ParsedMail> {
    const found = this.sent.filter((email) => email.to === address);
    expect(found).toHaveLength(1);
    return simpleParser(found[0]!.raw);
  }
}

describe('account, waitlist and refund words in the buyer’s language', () => {
  const inbox = new Inbox();
  let db: Db;
  let world: World;
  let api: TestApi;

  beforeAll(async () => {
    db = await freshDb('pglite');
    world = await buildWorld(db, { email: inbox });
    api = await testApi(world.services);
    for (const [email, name] of [
      ['besitzer@example.com', 'Berta'],
      ['vergesslich@example.com', 'Vera'],
      ['forgetful@example.com', 'Fred'],
    ] as const) {
      await insertUser(db, {
        id: randomUUID(),
        email,
        password_hash: await hashPassword('a long enough password'),
        name,
        groups: [],
        venue_id: null,
      });
    }
  });
  afterAll(async () => db.close());

  it('writes a German sign-up’s confirmation in German, with the link’s lifetime in German words', async () => {
    const body = { email: 'neu@example.com', password: 'ein langes Passwort', name: 'Nora', locale: 'de' };
    expect((await api.call('POST', apiPaths.signUp(), { body })).status).toBe(202);
    await world.services.outbox.runDue(100);
    const mail = await inbox.to('neu@example.com');
    expect(mail.subject).toBe('Bestätigen Sie Ihr TicketBoss-Konto');
    expect(mail.text).toContain('Hallo Nora,');
    expect(mail.text).toContain('Bestätigen Sie es hier:');
    expect(mail.text).toContain('Der Link funktioniert einmal, 24 Stunden lang.');
    expect(mail.html).toContain('<html lang="de" dir="ltr">');
    expect(mail.html).toContain('>Mein Konto bestätigen</a>');
    expect(mail.text).not.toMatch(/Confirm|Hello/);
  });

  it('writes a German sign-up of a taken address as the German account-exists note', async () => {
    const body = { email: 'besitzer@example.com', password: 'ein Fremder rät', name: 'Eve', locale: 'de' };
    expect((await api.call('POST', apiPaths.signUp(), { body })).status).toBe(202);
    await world.services.outbox.runDue(100);
    const mail = await inbox.to('besitzer@example.com');
    expect(mail.subject).toBe('Jemand wollte sich mit Ihrer E-Mail-Adresse registrieren');
    expect(mail.text).toContain('Hallo Berta,');
    expect(mail.text).toContain('Hier anmelden:');
    expect(mail.text).toContain(
      'Passwort vergessen? Wählen Sie hier ein neues (der Link funktioniert einmal, 1 Stunde lang):',
    );
    expect(mail.html).toContain('>Neues Passwort wählen</a>');
  });

  it('writes a German password reset in German, an English one (no locale) in English', async () => {
    const de = await api.call('POST', apiPaths.passwordReset(), {
      body: { email: 'vergesslich@example.com', locale: 'de' },
    });
    expect(de.status).toBe(202);
    const en = await api.call('POST', apiPaths.passwordReset(), { body: { email: 'forgetful@example.com' } });
    expect(en.status).toBe(202);
    await world.services.outbox.runDue(100);
    const mail = await inbox.to('vergesslich@example.com');
    expect(mail.subject).toBe('Setzen Sie Ihr TicketBoss-Passwort zurück');
    expect(mail.text).toContain('Hallo Vera,');
    expect(mail.text).toContain('Wählen Sie hier ein neues Passwort:');
    expect(mail.text).toContain('Der Link funktioniert einmal, 1 Stunde lang.');
    const english = await inbox.to('forgetful@example.com');
    expect(english.subject).toBe('Reset your TicketBoss password');
    expect(english.text).toContain('The link works once, for 1 hour.');
  });

  it('refuses a language the emails are not written in', async () => {
    const answer = await api.call('POST', apiPaths.passwordReset(), {
      body: { email: 'vergesslich@example.com', locale: 'fr' },
    });
    expect(answer.status).toBe(400);
  });

  it('writes the waitlist offer in German when asked', async () => {
    const places = offeredPlaces(
      {
        ga: null,
        seats: [
          { sectionId: 'Main', row: 'A', number: '3' },
          { sectionId: 'Main', row: 'A', number: '4' },
        ],
      },
      'de',
    );
    expect(places).toBe('2 Sitzplätze: Main Reihe A Platz 3, Main Reihe A Platz 4');
    expect(offeredPlaces({ ga: { quantity: 1, sectionId: 'Pit' }, seats: [] }, 'de')).toBe('1 Stehplatz in Pit');
    const { subject, raw } = await composeWaitlistOfferEmail({
      to: 'warte@example.com',
      eventName: 'Konzert',
      when: 'Sa., 12. Dez. 2026, 20:00',
      venue: 'Oper, Zürich',
      places,
      total: '90,00 €',
      expiresAt: 'Fr., 11. Dez. 2026, 18:00',
      claimUrl: 'https://shop.example/waitlist/claim?token=x',
      locale: 'de',
      messageId: '<w@ticketboss>',
    });
    expect(subject).toBe('Tickets für Konzert warten auf Sie');
    const mail = await simpleParser(raw);
    expect(mail.text).toContain('Gute Nachricht: Für Konzert sind wieder Plätze frei');
    expect(mail.text).toContain('Wir halten 2 Sitzplätze: Main Reihe A Platz 3, Main Reihe A Platz 4 (90,00 €)');
    expect(mail.text).toContain('Sichern Sie sich Ihre Tickets: https://shop.example/waitlist/claim?token=x');
    expect(mail.html).toContain('>Tickets sichern</a>');
  });

  it('says the refund terms in German words, dates and money', () => {
    const event = { startsAt: '2027-05-12T18:00:00Z', timezone: 'Europe/Zurich', currency: 'CHF' };
    const policy = {
      refundableUntilDaysBefore: 2,
      refundFee: { kind: 'percent' as const, basisPoints: 1250 },
      refundServiceFees: false,
      refundOrderFee: false,
      refundDeliveryFee: false,
    };
    const words = refundTerms(policy, event, 'de');
    expect(words).toContain('Sie können bis ');
    expect(words).toContain('10. Mai 2027');
    expect(words).toContain('12,5 % des Ticketpreises werden einbehalten.');
    expect(words).toContain('Servicegebühren werden nicht erstattet.');
    expect(words).toContain('An einer Kasse bezahlte Tickets werden dort erstattet.');
    expect(refundTerms(null, event, 'de')).toContain('Tickets können nicht auf Anfrage erstattet werden.');
    expect(refundTerms(policy, event)).toContain('12.5 % of each ticket');
  });
});
