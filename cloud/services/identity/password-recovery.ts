// Passwords set by email: the one-time link of an invitation or a reset (a random token, only its hash stored, used
// once, expiring), and the port a reset goes through: the embedded provider's below, Cognito's ForgotPassword /
// ConfirmForgotPassword in AWS (adapters/identity/cognito-accounts.ts). A request is only queued (QueuedPasswordRecovery):
// the same one insert whether or not the email has an account, so the answer's time tells nobody who is staff.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ResetPassword } from '../../contract/index.ts';
import { findUserByEmail } from '../../db/identity.ts';
import { insertOutboxJobs, type OutboxRow } from '../../db/outbox.ts';
import type { Db, Queryable } from '../../db/port.ts';
import { markEmailVerified } from '../../db/order-claims.ts';
import {
  claimPasswordToken,
  cutOffTokens,
  expireUnusedPasswordTokens,
  insertPasswordToken,
  setPassword,
} from '../../db/staff.ts';
import { DomainError } from '../../domain/errors.ts';
import { staffRolesOf } from '../../domain/staff-roles.ts';
import type { EmailSender } from '../fulfilment/ports.ts';
import type { JobHandler } from '../jobs/outbox-dispatcher.ts';
import { OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import type { Clock } from '../ports.ts';
import { composeAccountEmail, passwordLink, resetLinkFor, validForWords } from './account-emails.ts';
import type { DocumentLocale } from '../../domain/i18n/index.ts';
import { hashPassword } from './passwords.ts';

/** A reset link is good for an hour; an invitation for a week (people are on leave). */
export const RESET_TOKEN_SECONDS = 3600;
export const INVITE_TOKEN_SECONDS = 7 * 24 * 3600;

/** Password reset by email, behind one port so Cognito's flow can stand in for the embedded one. */
export interface PasswordRecovery {
  /** Emails a reset link when the email has an account, in `locale` when given; says nothing either way. */
  request(email: string, locale?: DocumentLocale): Promise<void>;
  /** Sets the password with the emailed token (Cognito: its code and the email); refuses a bad token on `token`. */
  confirm(request: ResetPassword): Promise<void>;
}

export interface AccountMail {
  email?: EmailSender | undefined;
  publicUrl: () => string;
  from?: string | undefined;
}

const hashToken = (token: string) => createHash('sha256').update(`password:${token}`).digest('hex');

/** A new one-time token for the user, stored hashed in `tx`; the token itself goes into the email only. */
export async function issuePasswordToken(
  tx: Queryable,
  userId: string,
  purpose: 'invite' | 'reset',
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await expireUnusedPasswordTokens(tx, userId, now);
  const seconds = purpose === 'invite' ? INVITE_TOKEN_SECONDS : RESET_TOKEN_SECONDS;
  await insertPasswordToken(tx, {
    token_hash: hashToken(token),
    user_id: userId,
    purpose,
    created_at: now,
    expires_at: new Date(now.getTime() + seconds * 1000),
  });
  return token;
}

/** Sends the invitation or reset email; without an email sender (some tests) there is nowhere to send it. */
export async function sendPasswordEmail(
  mail: AccountMail,
  to: {
    email: string;
    name: string;
    /** A customer's reset opens the shop's page, not the back office's. */ customer?: boolean;
  },
  token: string,
  purpose: 'invite' | 'reset',
  invitedAs?: string,
  locale: DocumentLocale = 'en',
): Promise<void> {
  if (!mail.email) return;
  const messageId = `<${purpose}-${hashToken(token).slice(0, 24)}@ticketboss>`;
  const raw = await composeAccountEmail({
    kind: purpose,
    to: to.email,
    name: to.name,
    link:
      purpose === 'reset'
        ? resetLinkFor(mail.publicUrl(), token, to.customer ?? false)
        : passwordLink(mail.publicUrl(), token, purpose),
    validFor: validForWords(purpose === 'invite' ? INVITE_TOKEN_SECONDS : RESET_TOKEN_SECONDS, locale),
    locale,
    ...(invitedAs ? { invitedAs } : {}),
    messageId,
    ...(mail.from ? { from: mail.from } : {}),
  });
  await mail.email.send({ messageId, to: to.email, raw });
}

/**
 * The embedded provider's reset: our own token, our own email, our own password hash. Accounts it does not hold are
 * passed to `elsewhere` (Cognito's user pool in AWS), so staff and Cognito's customers reset through one route.
 */
export class LocalPasswordRecovery implements PasswordRecovery {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly mail: AccountMail,
    private readonly elsewhere?: PasswordRecovery,
  ) {}

  async request(email: string, locale?: DocumentLocale): Promise<void> {
    const user = await findUserByEmail(this.db, email);
    if (!user) return this.elsewhere?.request(email, locale);
    if (user.disabled_at) return;
    const token = await this.db.transaction((tx) => issuePasswordToken(tx, user.id, 'reset', this.clock.now()));
    const customer = staffRolesOf(user).length === 0;
    await sendPasswordEmail(this.mail, { ...user, customer }, token, 'reset', undefined, locale);
  }

  async confirm(request: ResetPassword): Promise<void> {
    // Only another provider's reset names the email (Cognito's code goes with it); ours is the token alone.
    if (request.email && this.elsewhere) return this.elsewhere.confirm(request);
    const passwordHash = await hashPassword(request.password);
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const claimed = await claimPasswordToken(tx, hashToken(request.token), now);
      if (!claimed) {
        throw new DomainError('validation_failed', 'This link is unknown, used or expired; ask for a new one.', {
          field: 'token',
        });
      }
      await setPassword(tx, claimed.user_id, passwordHash, now);
      // The link was mailed to the account's address: opening it proves the email (accounts: order claims).
      await markEmailVerified(tx, claimed.user_id, now);
      // A reset signs out every session that knew the old password (an invitation had none).
      if (claimed.purpose === 'reset') await cutOffTokens(tx, claimed.user_id, now);
    });
  }
}

/**
 * What the route calls: a reset request becomes one outbox job (the same insert for every email), answered at once;
 * the job asks the provider behind (`send`), which looks the account up and emails a link, or does nothing.
 */
export class QueuedPasswordRecovery implements PasswordRecovery {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly send: PasswordRecovery,
  ) {}

  async request(email: string, locale?: DocumentLocale): Promise<void> {
    const job = { id: randomUUID(), topic: OUTBOX_TOPICS.passwordResetEmail, aggregateId: randomUUID() };
    const payload = { email, ...(locale ? { locale } : {}) };
    await insertOutboxJobs(this.db, [{ ...job, payload }], this.clock.now());
  }

  confirm(request: ResetPassword): Promise<void> {
    return this.send.confirm(request);
  }

  handlers(): Record<string, JobHandler> {
    return {
      [OUTBOX_TOPICS.passwordResetEmail]: (job: OutboxRow) => {
        const { email, locale } = job.payload as { email: string; locale?: DocumentLocale };
        return this.send.request(email, locale);
      },
    };
  }
}
