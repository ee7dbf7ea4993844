// The waitlist's offer email as MIME (nodemailer's composer, like the order emails): seats came back for someone in
// line; the link opens the shop at the hold made for them, until the offer expires. HTML and text say the same.
import MailComposer from 'nodemailer/lib/mail-composer';
import { escapeHtml as escape } from '../../domain/format.ts';
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
  messageId: string;
  from?: string;
}

export async function composeWaitlistOfferEmail(input: WaitlistOfferEmail): Promise<{ subject: string; raw: Buffer }> {
  const subject = `Tickets for ${input.eventName} are waiting for you`;
  const intro = `Good news: places came back for ${input.eventName}, and you are next on the waitlist.`;
  const hold = `We are holding ${input.places} (${input.total}) for you until ${input.expiresAt}.`;
  const after = 'If you do not claim them by then, they are offered to the next person in line.';
  const text = [
    'Hello,',
    '',
    intro,
    hold,
    '',
    `${input.eventName}`,
    `${input.when}`,
    `${input.venue}`,
    '',
    `Claim your tickets: ${input.claimUrl}`,
    '',
    after,
  ].join('\n');
  const html = [
    `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#111;max-width:640px">`,
    `<p>Hello,</p><p>${escape(intro)}</p><p>${escape(hold)}</p>`,
    `<p style="margin:16px 0">${escape(input.eventName)}<br>${escape(input.when)}<br>${escape(input.venue)}</p>`,
    `<p><a href="${escape(input.claimUrl)}">Claim your tickets</a></p>`,
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
