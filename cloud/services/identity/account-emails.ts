// The staff account emails as MIME (nodemailer's composer, like the order emails): an invitation to the back office
// and a password reset, each with a one-time link to the back office's page that sets a password.
import MailComposer from 'nodemailer/lib/mail-composer';
import { escapeHtml as escape } from '../../domain/format.ts';
import { FROM } from '../fulfilment/emails.ts';

export interface AccountEmail {
  kind: 'invite' | 'reset';
  to: string;
  name: string;
  /** The one-time link (the back office's /admin/reset page with the token). */
  link: string;
  /** How long the link works, in words ("7 days", "1 hour"). */
  validFor: string;
  /** Who invited them and as what, for an invitation ("Ada Admin invited you as clerk at Grand Theatre"). */
  invitedAs?: string;
  messageId: string;
  from?: string;
}

/** The back office's page that sets a password with a one-time token. */
export const passwordLink = (publicUrl: string, token: string, kind: 'invite' | 'reset') =>
  `${publicUrl}/admin/reset?token=${encodeURIComponent(token)}${kind === 'invite' ? '&invite=1' : ''}`;

export async function composeAccountEmail(input: AccountEmail): Promise<Buffer> {
  const invite = input.kind === 'invite';
  const subject = invite ? 'You are invited to the TicketBoss back office' : 'Reset your TicketBoss password';
  const lines = invite
    ? [`${input.invitedAs ?? 'You have been invited to the TicketBoss back office'}.`, 'Choose your password here:']
    : ['Someone (hopefully you) asked to reset the password of this account.', 'Choose a new password here:'];
  const after = invite
    ? `The link works once, for ${input.validFor}.`
    : `The link works once, for ${input.validFor}. If you did not ask for it, ignore this email: your password stays as it is.`;
  const text = [`Hello ${input.name},`, '', ...lines, input.link, '', after].join('\n');
  const html = [
    `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#111;max-width:640px">`,
    `<p>Hello ${escape(input.name)},</p>`,
    ...lines.slice(0, -1).map((line) => `<p>${escape(line)}</p>`),
    `<p><a href="${escape(input.link)}">${invite ? 'Set your password' : 'Choose a new password'}</a></p>`,
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
  messageId: string;
  from?: string;
}

/** The one email a sign-up sends its address's owner: a confirmation link, or a note that the account exists. */
export async function composeSignUpEmail(input: SignUpEmail): Promise<Buffer> {
  const confirm = input.kind === 'confirm';
  const subject = confirm ? 'Confirm your TicketBoss account' : 'Someone tried to sign up with your email';
  const parts: { text: string; link?: { href: string; label: string } }[] = confirm
    ? [
        { text: 'Someone (hopefully you) made a TicketBoss account with this email. Confirm it here:' },
        { text: input.link, link: { href: input.link, label: 'Confirm my account' } },
        {
          text: `The link works once, for ${input.validFor}. If it was not you, ignore this email: no account is made.`,
        },
      ]
    : [
        { text: 'Someone (hopefully you) tried to make a TicketBoss account with this email, which has one already.' },
        { text: 'Sign in here:' },
        { text: input.link, link: { href: input.link, label: 'Sign in' } },
        ...(input.resetLink
          ? [
              { text: `Forgot your password? Choose a new one here (the link works once, for ${input.validFor}):` },
              { text: input.resetLink, link: { href: input.resetLink, label: 'Choose a new password' } },
            ]
          : []),
        { text: 'If it was not you, ignore this email: your account stays as it is.' },
      ];
  const text = [`Hello ${input.name},`, '', ...parts.map((part) => part.text)].join('\n');
  const html = [
    `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#111;max-width:640px">`,
    `<p>Hello ${escape(input.name)},</p>`,
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
