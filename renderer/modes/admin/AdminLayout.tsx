// The back office's frame: a header with the signed-in staff member, their role and sign-out (and "sign out
// everywhere" when the API has it), the side navigation of the sections the role may use (a menu button on a tablet),
// and the main area. After a navigation, focus moves to the main area so a keyboard or screen-reader user starts there.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from '../shop/router.tsx';
import type { AdminApi } from './admin-api.ts';
import type { AdminSession } from './admin-session.ts';
import { ADMIN_HOME, type AdminSection } from './sections.ts';
import type { SignInReason } from './SignInScreen.tsx';
import { signOutEverywhereRoute } from './sign-out-everywhere.ts';
import { roleLabel, staffName } from './staff-labels.ts';
import { ConfirmDialog } from './kit/ConfirmDialog.tsx';

export function AdminLayout({
  api,
  session,
  sections,
  current,
  path,
  signOut,
  children,
}: {
  api: AdminApi;
  session: AdminSession;
  sections: AdminSection[];
  current: AdminSection | undefined;
  path: string;
  signOut(reason: SignInReason): void;
  children: ReactNode;
}) {
  const [menuOpen, setMenuOpen] = useState(false);
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(path);
  useEffect(() => {
    setMenuOpen(false);
    if (path !== firstPath.current) main.current?.focus();
    firstPath.current = path;
  }, [path]);
  const everywhere = signOutEverywhereRoute;
  return (
    <div className="admin-shell">
      <a className="skip-link" href="#admin-main">
        Skip to content
      </a>
      <header className="admin-header">
        <button
          type="button"
          className="admin-menu-button"
          aria-expanded={menuOpen}
          aria-controls="admin-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <Link to={ADMIN_HOME} className="admin-brand">
          TicketBoss <span>back office</span>
        </Link>
        <div className="admin-user">
          <span className="admin-user-name">{staffName(session)}</span>
          <span className="admin-user-role">{roleLabel(session)}</span>
          <button type="button" onClick={() => signOut('signed-out')}>
            Sign out
          </button>
          {everywhere && (
            <button type="button" onClick={() => setConfirmEverywhere(true)}>
              Sign out everywhere
            </button>
          )}
        </div>
      </header>
      <div className="admin-body">
        <nav id="admin-nav" aria-label="Back office" className={menuOpen ? 'admin-nav admin-nav-open' : 'admin-nav'}>
          <ul>
            {sections.map((section) => (
              <li key={section.id}>
                <Link to={section.path} aria-current={section === current ? 'page' : undefined}>
                  {section.label}
                </Link>
              </li>
            ))}
          </ul>
          <p className="admin-nav-foot">
            <a href="/">Open the shop</a>
          </p>
        </nav>
        <main id="admin-main" ref={main} tabIndex={-1} className="admin-main">
          {children}
        </main>
      </div>
      {everywhere && (
        <ConfirmDialog
          open={confirmEverywhere}
          title="Sign out everywhere?"
          confirmLabel="Sign out everywhere"
          danger
          onClose={() => setConfirmEverywhere(false)}
          onConfirm={async () => {
            await api.call(everywhere, {});
            signOut('signed-out-everywhere');
          }}
        >
          <p>Every browser and device where you are signed in will need your password again, this one too.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
