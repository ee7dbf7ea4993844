// Sign-out everywhere, enforced: a JWT's signature says who issued it, not whether it was revoked since. Every
// authenticated request reads the principal's cut-off (one primary-key lookup) and refuses a token issued at or
// before it; a machine's call also records when it was last seen and which app version it runs. A Cognito token names
// the account's subject in the pool: it gets the account's cut-off, and is refused once the account is disabled here,
// even before Cognito has heard of it (the directory job may still be retrying).
import type { Db } from '../../db/port.ts';
import { touchDevice } from '../../db/devices.ts';
import { findTokenCutoff } from '../../db/staff.ts';
import { DomainError } from '../../domain/errors.ts';
import { isDevice, type Clock, type Principal } from '../ports.ts';

export class TokenCheck {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Throws `unauthorized` when the principal's token was issued at or before its sign-out everywhere. */
  async assertCurrent(principal: Principal, appVersion?: string): Promise<void> {
    const cutoff = await findTokenCutoff(this.db, principal.sub);
    if (cutoff.disabled || (cutoff.notBefore && (principal.issuedAt ?? 0) <= cutoff.notBefore.getTime())) {
      throw new DomainError('unauthorized', 'This session has been signed out; sign in again.');
    }
    if (isDevice(principal)) {
      await touchDevice(this.db, principal.sub, this.clock.now(), appVersion?.slice(0, 40) || null);
    }
  }
}
