// The signed-in staff member of the back office: the API's Session plus when its token expires, kept in
// sessionStorage (one tab's sign-in, gone when the tab closes: a shared box-office PC does not stay signed in).
import type { Session } from '../../../cloud/contract/index.ts';
import { staffRolesOf, type StaffIdentity } from '../../../cloud/domain/staff-roles.ts';

export interface AdminSession {
  accessToken: string;
  /** Epoch milliseconds after which the token is refused: the shell signs out with a message. */
  expiresAt: number;
  principal: Session['principal'] & StaffIdentity;
}

const KEY = 'tb.admin.session';

export const adminSessionOf = (session: Session, now = Date.now()): AdminSession => ({
  accessToken: session.accessToken,
  expiresAt: now + session.expiresIn * 1000,
  principal: session.principal,
});

/** Whether the account has any staff role at all (a customer's account has none). */
export const isStaff = (session: Pick<AdminSession, 'principal'>): boolean =>
  staffRolesOf(session.principal).length > 0;

export const isExpired = (session: AdminSession, now = Date.now()): boolean => now >= session.expiresAt;

export const adminSessionStore = {
  get(): AdminSession | null {
    try {
      const text = sessionStorage.getItem(KEY);
      return text ? (JSON.parse(text) as AdminSession) : null;
    } catch {
      return null;
    }
  },
  set: (session: AdminSession) => sessionStorage.setItem(KEY, JSON.stringify(session)),
  clear: () => sessionStorage.removeItem(KEY),
};
