// An EmailSender that keeps what it is given, for tests of the emails a use case sends: each email read as text (MIME's
// quoted-printable soft breaks and `=3D` undone) and the one-time link in it; a send to one address can fail once.
import type { EmailSender, OutgoingEmail } from '../../cloud/services/fulfilment/ports.ts';

export class Inbox implements EmailSender {
  readonly sent: OutgoingEmail[] = [];
  /** The next send to this address fails (a mail server down), once. */
  failNextTo: string | null = null;

  async send(email: OutgoingEmail) {
    if (email.to === this.failNextTo) {
      this.failNextTo = null;
      throw new Error('mail server unavailable');
    }
    this.sent.push(email);
  }

  /** The last email to `to`, as text. */
  textTo(to: string): string {
    const email = this.sent.filter((candidate) => candidate.to === to).at(-1);
    if (!email) throw new Error(`no email to ${to}`);
    return asText(email);
  }

  /** The token of the newest link to `page` mailed to `to` (the address may get other emails after it). */
  linkTo(to: string, page: string): string {
    const link = new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`);
    for (const email of this.sent.filter((candidate) => candidate.to === to).reverse()) {
      const found = link.exec(asText(email));
      if (found) return found[1]!;
    }
    throw new Error(`no /${page} link in the emails to ${to}`);
  }
}

const asText = (email: OutgoingEmail) =>
  email.raw
    .toString('utf8')
    .replace(/=\r?\n/g, '')
    .replace(/=3D/g, '=');
