// The waitlist's offer email as MIME (nodemailer's composer, like the order emails): seats came back for someone in
// line; the link opens the shop at the hold made for them, until the offer expires. HTML and text say the same, in
// documents.json's words.
import MailComposer from 'nodemailer/lib/mail-composer';
import { escapeHtml as escape } from '../../domain/format.ts';
import { documentWords, isRightToLeft, type DocumentLocale } from '../../domain/i18n/index.ts';
import { FROM } from './emails.ts';

export interface WaitlistOfferEmail {
  to: string;
  eventName: string;
  /** When the event is, formatted in the venue's zone. */
  when: string;
  venue: string;
  /** "2 seats: Main, row A, seats 3–4", or "3 standing places in Pit". */
  places: string;
  total: string;
  /** Until when the offer stands, formatted in the venue's zone. */
  expiresAt: string;
  claimUrl: string;
  /** The language of its words: the one the entry was joined in (English when not given). */
  locale?: DocumentLocale;
  messageId: string;
  from?: string;
}

export async function composeWaitlistOfferEmail(input: WaitlistOfferEmail): Promise<{ subject: string; raw: Buffer }> {
  const locale = input.locale ?? 'en';
  const t = documentWords(locale);
  const subject = t('documents.waitlist.subject', { event: input.eventName });
  const intro = t('documents.waitlist.intro', { event: input.eventName });
  const hold = t('documents.waitlist.hold', { places: input.places, total: input.total, expiresAt: input.expiresAt });
  const after = t('documents.waitlist.after');
  const hello = t('documents.waitlist.hello');
  const text = [
    hello,
    '',
    intro,
    hold,
    '',
    `${input.eventName}`,
    `${input.when}`,
    `${input.venue}`,
    '',
    t('documents.waitlist.claimAt', { url: input.claimUrl }),
    '',
    after,
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}" dir="${isRightToLeft(locale) ? 'rtl' : 'ltr'}"><body style="font-family:Arial,Helvetica,sans-serif;color:#111;max-width:640px">`,
    `<p>${escape(hello)}</p><p>${escape(intro)}</p><p>${escape(hold)}</p>`,
    `<p style="margin:16px 0">${escape(input.eventName)}<br>${escape(input.when)}<br>${escape(input.venue)}</p>`,
    `<p><a href="${escape(input.claimUrl)}">${escape(t('documents.waitlist.claim'))}</a></p>`,
    `<p style="color:#555;font-size:13px">${escape(after)}</p>`,
    `</body></html>`,
  ].join('\n');
  const raw = await new MailComposer({
    from: input.from ?? FROM,
    to: input.to,
    subject,
    messageId: input.messageId,
    text,
    html,
  })
    .compile()
    .build();
  return { subject, raw };
}

/** The places held, in words: "2 seats: Main row A seat 3, Main row A seat 4", or "3 standing places in Pit". */
export function offeredPlaces(
  view: {
    ga: { quantity: number; sectionId: string } | null;
    seats: { sectionId: string; row: string | null; number: string | null }[];
  },
  locale: DocumentLocale = 'en',
): string {
  const t = documentWords(locale);
  if (view.ga) return t('documents.waitlist.standing', { count: view.ga.quantity, section: view.ga.sectionId });
  // A seat of a section without rows (boxes, numbered tables) is named by its number alone, never "row  seat 3".
  const seats = view.seats.map((seat) =>
    seat.row
      ? t('documents.waitlist.seat', { section: seat.sectionId, row: seat.row, number: seat.number })
      : t('documents.waitlist.seatNoRow', { section: seat.sectionId, number: seat.number }),
  );
  return t('documents.waitlist.seats', { count: view.seats.length, seats: seats.join(', ') });
}
