// The account emails as MIME (nodemailer's composer, like the order emails): an invitation to the back office, a
// password reset, each with a one-time link to the page that sets a password, and a sign-up's confirmation or
// account-exists note. Their words are documents.json's, in the language the request came in with (English when none).
import MailComposer from 'nodemailer/lib/mail-composer';
import { escapeHtml as escape } from '../../domain/format.ts';
import { documentWords, isRightToLeft, type DocumentLocale } from '../../domain/i18n/index.ts';
import { FROM } from '../fulfilment/emails.ts';

/** How long a link works, in words: whole days from 48 hours up, else hours. */
export function validForWords(seconds: number, locale: DocumentLocale = 'en'): string {
  const t = documentWords(locale);
  const hours = Math.round(seconds / 3600);
  return hours >= 48 && hours % 24 === 0
    ? t('documents.duration.days', { count: hours / 24 })
    : t('documents.duration.hours', { count: hours });
}

const htmlOpen = (locale: DocumentLocale) =>
  `<!doctype html><html lang="${locale}" dir="${isRightToLeft(locale) ? 'rtl' : 'ltr'}"><body style="font-family:Arial,Helvetica,sans-serif;color:#111;max-width:640px">`;

export interface AccountEmail {
  kind: 'invite' | 'reset';
  to: string;
  name: string;
  /** The one-time link (the back office's /admin/reset page with the token). */
  link: string;
  /** How long the link works, in words of `locale` ("7 days", "1 hour": validForWords). */
  validFor: string;
  /** The language of its words (English when not given). */
  locale?: DocumentLocale;
  /** Who invited them and as what, for an invitation ("Ada Admin invited you as clerk at Grand Theatre"). */
  invitedAs?: string;
  messageId: string;
  from?: string;
}

/** The back office's page that sets a password with a one-time token. */
export const passwordLink = (publicUrl: string, token: string, kind: 'invite' | 'reset') =>
  `${publicUrl}/admin/reset?token=${encodeURIComponent(token)}${kind === 'invite' ? '&invite=1' : ''}`;

/** accounts: the shop's page where a customer chooses a new password (in the shop's language, then signs in there). */
export const shopPasswordLink = (publicUrl: string, token: string) =>
  `${publicUrl}/password/reset?token=${encodeURIComponent(token)}`;

/** Where a reset link sends this account: a customer (no staff role) to the shop, staff to the back office. */
export const resetLinkFor = (publicUrl: string, token: string, customer: boolean) =>
  customer ? shopPasswordLink(publicUrl, token) : passwordLink(publicUrl, token, 'reset');

export async function composeAccountEmail(input: AccountEmail): Promise<Buffer> {
  const locale = input.locale ?? 'en';
  const t = documentWords(locale);
  const kind = input.kind === 'invite' ? 'invite' : 'reset';
  const subject = t(`documents.account.${kind}.subject`);
  const lines =
    kind === 'invite'
      ? [`${input.invitedAs ?? t('documents.account.invite.intro')}.`, t('documents.account.invite.choose')]
      : [t('documents.account.reset.intro'), t('documents.account.reset.choose')];
  const after = t(`documents.account.${kind}.after`, { validFor: input.validFor });
  const hello = t('documents.email.hello', { name: input.name });
  const text = [hello, '', ...lines, input.link, '', after].join('\n');
  const html = [
    htmlOpen(locale),
    `<p>${escape(hello)}</p>`,
    ...lines.slice(0, -1).map((line) => `<p>${escape(line)}</p>`),
    `<p><a href="${escape(input.link)}">${escape(t(`documents.account.${kind}.button`))}</a></p>`,
    `<p style="color:#555;font-size:13px">${escape(after)}</p>`,
    `</body></html>`,
  ].join('\n');
  return new MailComposer({ from: input.from ?? FROM, to: input.to, subject, messageId: input.messageId, text, html })
    .compile()
    .build();
}

/** The shop's page that confirms a sign-up with its one-time token (and signs the new account in). */
export const signUpConfirmLink = (publicUrl: string, token: string) =>
  `${publicUrl}/signup/confirm?token=${encodeURIComponent(token)}`;

export interface SignUpEmail {
  /** `confirm`: a new address, with the link that makes the account; `exists`: the address has an account. */
  kind: 'confirm' | 'exists';
  to: string;
  name: string;
  /** confirm: the confirmation link; exists: the shop's sign-in page. */
  link: string;
  /** exists: a one-time link to choose a new password. */
  resetLink?: string;
  validFor: string;
  /** The language of its words (English when not given). */
  locale?: DocumentLocale;
  messageId: string;
  from?: string;
}

/** The one email a sign-up sends its address's owner: a confirmation link, or a note that the account exists. */
export async function composeSignUpEmail(input: SignUpEmail): Promise<Buffer> {
  const locale = input.locale ?? 'en';
  const t = documentWords(locale);
  const confirm = input.kind === 'confirm';
  const subject = t(confirm ? 'documents.signUp.confirm.subject' : 'documents.signUp.exists.subject');
  const parts: { text: string; link?: { href: string; label: string } }[] = confirm
    ? [
        { text: t('documents.signUp.confirm.intro') },
        { text: input.link, link: { href: input.link, label: t('documents.signUp.confirm.button') } },
        { text: t('documents.signUp.confirm.after', { validFor: input.validFor }) },
      ]
    : [
        { text: t('documents.signUp.exists.intro') },
        { text: t('documents.signUp.exists.signIn') },
        { text: input.link, link: { href: input.link, label: t('documents.signUp.exists.signInButton') } },
        ...(input.resetLink
          ? [
              { text: t('documents.signUp.exists.forgot', { validFor: input.validFor }) },
              { text: input.resetLink, link: { href: input.resetLink, label: t('documents.account.reset.button') } },
            ]
          : []),
        { text: t('documents.signUp.exists.after') },
      ];
  const hello = t('documents.email.hello', { name: input.name });
  const text = [hello, '', ...parts.map((part) => part.text)].join('\n');
  const html = [
    htmlOpen(locale),
    `<p>${escape(hello)}</p>`,
    ...parts.map((part) =>
      part.link
        ? `<p><a href="${escape(part.link.href)}">${escape(part.link.label)}</a></p>`
        : `<p>${escape(part.text)}</p>`,
    ),
    `</body></html>`,
  ].join('\n');
  return new MailComposer({ from: input.from ?? FROM, to: input.to, subject, messageId: input.messageId, text, html })
    .compile()
    .build();
}
