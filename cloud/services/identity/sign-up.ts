// A customer's sign-up without telling a stranger whether the email has an account (issue 21). The request is
// answered the same way in the same time for every email: the password hashed, one request row and one outbox job
// written (IdentityService.signUp). The job, not the request, looks the email up and mails its owner: a one-time link
// that makes the account (a new address), or a note with a sign-in and a reset link (an address with an account).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { findUserByEmail } from '../../db/identity.ts';
import type { OutboxRow } from '../../db/outbox.ts';
import type { Db } from '../../db/port.ts';
import { deleteSignUpRequest, findOpenSignUpRequest, setSignUpToken } from '../../db/signup-requests.ts';
import type { JobHandler } from '../jobs/outbox-dispatcher.ts';
import { OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import type { Clock } from '../ports.ts';
import { staffRolesOf } from '../../domain/staff-roles.ts';
import type { DocumentLocale } from '../../domain/i18n/index.ts';
import { composeSignUpEmail, resetLinkFor, signUpConfirmLink, validForWords } from './account-emails.ts';
import { issuePasswordToken, RESET_TOKEN_SECONDS, type AccountMail } from './password-recovery.ts';

/** A confirmation link is good for a day; the request (and its password hash) is of no use after. */
export const SIGN_UP_SECONDS = 24 * 3600;

export const hashSignUpToken = (token: string) => createHash('sha256').update(`signup:${token}`).digest('hex');

/** The one job a sign-up writes, whatever the email. */
export const signUpJob = (requestId: string, locale?: DocumentLocale) => ({
  id: randomUUID(),
  topic: OUTBOX_TOPICS.signUpEmail,
  aggregateId: requestId,
  payload: { requestId, ...(locale ? { locale } : {}) },
});

/** The job's handler: looks the email up now and mails its owner one of the two emails. */
export function signUpEmailHandlers(db: Db, clock: Clock, mail: AccountMail): Record<string, JobHandler> {
  return {
    [OUTBOX_TOPICS.signUpEmail]: async (job: OutboxRow) => {
      // The language the sign-up came in with (jobs written before it was carried have none: English).
      const { requestId, locale = 'en' } = job.payload as { requestId: string; locale?: DocumentLocale };
      const request = await findOpenSignUpRequest(db, requestId, clock.now());
      if (!request) return;
      const account = await findUserByEmail(db, request.email);
      const from = mail.from ? { from: mail.from } : {};
      if (account) {
        if (!account.disabled_at && mail.email) {
          const resetToken = await db.transaction((tx) => issuePasswordToken(tx, account.id, 'reset', clock.now()));
          const messageId = `<signup-exists-${hashSignUpToken(resetToken).slice(0, 24)}@ticketboss>`;
          const raw = await composeSignUpEmail({
            kind: 'exists',
            to: account.email,
            name: account.name,
            link: `${mail.publicUrl()}/signin`,
            resetLink: resetLinkFor(mail.publicUrl(), resetToken, staffRolesOf(account).length === 0),
            validFor: validForWords(RESET_TOKEN_SECONDS, locale),
            locale,
            messageId,
            ...from,
          });
          await mail.email.send({ messageId, to: account.email, raw });
        }
        // The request was a stranger's or a forgetful owner's: nothing of it is kept, its password hash included.
        // Only once the owner is told: a failed send throws first, and the job run again still finds the request.
        await deleteSignUpRequest(db, request.id);
        return;
      }
      if (!mail.email) return;
      // A job run again (a failed send) mails a new link; only the last one works.
      const token = randomBytes(32).toString('base64url');
      await setSignUpToken(db, request.id, hashSignUpToken(token));
      const messageId = `<signup-${hashSignUpToken(token).slice(0, 24)}@ticketboss>`;
      const raw = await composeSignUpEmail({
        kind: 'confirm',
        to: request.email,
        name: request.name,
        link: signUpConfirmLink(mail.publicUrl(), token),
        validFor: validForWords(SIGN_UP_SECONDS, locale),
        locale,
        messageId,
        ...from,
      });
      await mail.email.send({ messageId, to: request.email, raw });
    },
  };
}
