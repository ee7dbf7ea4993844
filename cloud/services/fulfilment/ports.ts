// Where fulfilment's emails go: SES in AWS (adapters/email/ses.ts), `.eml` files under var/outbox/ on one machine
// (adapters/email/local-outbox.ts). A message is the whole MIME text; its id makes a resend of one job one email.
export interface OutgoingEmail {
  /** `<…@ticketboss>`: derived from the job that sends it, so a duplicate delivery is recognisable. */
  messageId: string;
  to: string;
  raw: Buffer;
}

export interface EmailSender {
  send(email: OutgoingEmail): Promise<void>;
}

/** A send that cannot succeed now (provider down, throttled): the job is retried with backoff. */
export class EmailUnavailableError extends Error {}
