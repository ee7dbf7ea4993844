// The back office's root, loaded (with its CSS) only for /admin paths: the staff member's session (sessionStorage),
// the API with its token, sign-in and sign-out, and the screen of the current path inside the layout. An expired or
// revoked token sends the user back to sign-in with a message.
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { may } from '../../../cloud/domain/staff-roles.ts';
import { RouterProvider, navigate } from '../shop/router.tsx';
import { useLocation } from '../shop/location-context.ts';
import { AdminApi } from './admin-api.ts';
import { adminSessionStore, isExpired, type AdminSession } from './admin-session.ts';
import { AdminLayout } from './AdminLayout.tsx';
import { lazyScreen } from './lazy-screens.ts';
import {
  ADMIN_HOME,
  DASHBOARD_SECTION_ID,
  SECTIONS,
  SIGN_IN_PATH,
  publicScreenFor,
  sectionFor,
  type AdminSection,
} from './sections.ts';
import { SignInScreen, type SignInReason } from './SignInScreen.tsx';
import { Welcome } from './Welcome.tsx';
import { EmptyState, LoadingState } from './kit/states.tsx';
import { PageHeader } from './kit/PageHeader.tsx';
import { ScreenBoundary } from './kit/ScreenBoundary.tsx';
import '../../styles/admin.css';

const storedSession = (): AdminSession | null => {
  const session = adminSessionStore.get();
  return session && !isExpired(session) ? session : null;
};

export const sectionsFor = (session: AdminSession): AdminSection[] =>
  SECTIONS.filter((section) => may(session.principal, section.capability));

/** Where sign-in sends the user back to: only a back-office path (never another site). */
const signInPath = (reason: SignInReason | undefined, next: string | undefined) => {
  const query = new URLSearchParams();
  if (reason) query.set('reason', reason);
  if (next && next !== ADMIN_HOME && next.startsWith(`${ADMIN_HOME}/`)) query.set('next', next);
  const text = query.toString();
  return text ? `${SIGN_IN_PATH}?${text}` : SIGN_IN_PATH;
};

/**
 * Without a session, an address that needs one becomes sign-in (with the way back) before the router first reads the
 * address: a navigation from an effect at mount would come before the router listens for it.
 */
function initialSession(): AdminSession | null {
  const session = storedSession();
  const path = window.location.pathname;
  if (!session && path !== SIGN_IN_PATH && !publicScreenFor(path))
    history.replaceState(null, '', signInPath(undefined, path + window.location.search));
  return session;
}

export default function AdminApp() {
  const [session, setSession] = useState<AdminSession | null>(initialSession);
  const current = useRef(session);
  current.current = session;

  const signOut = useCallback((reason: SignInReason) => {
    adminSessionStore.clear();
    setSession(null);
    const here = window.location.pathname;
    navigate(signInPath(reason, reason === 'expired' ? here + window.location.search : undefined), { replace: true });
  }, []);

  const api = useMemo(
    () =>
      new AdminApi(
        () => current.current?.accessToken ?? null,
        () => current.current && signOut('expired'),
      ),
    [signOut],
  );

  // The token's own end: sign out with a message when it passes, even if nothing calls the API.
  useEffect(() => {
    if (!session) return;
    // setTimeout takes at most 2^31 - 1 ms (~24 days); a longer delay would fire at once.
    const timer = setTimeout(
      () => signOut('expired'),
      Math.min(2 ** 31 - 1, Math.max(0, session.expiresAt - Date.now())),
    );
    return () => clearTimeout(timer);
  }, [session, signOut]);

  const signedIn = useCallback((next: AdminSession, to: string | null) => {
    adminSessionStore.set(next);
    setSession(next);
    navigate(to && to.startsWith(`${ADMIN_HOME}/`) ? to : ADMIN_HOME, { replace: true });
  }, []);

  return (
    <RouterProvider>
      <AdminRoutes api={api} session={session} signedIn={signedIn} signOut={signOut} />
    </RouterProvider>
  );
}

function AdminRoutes({
  api,
  session,
  signedIn,
  signOut,
}: {
  api: AdminApi;
  session: AdminSession | null;
  signedIn(session: AdminSession, to: string | null): void;
  signOut(reason: SignInReason): void;
}) {
  const { path, query } = useLocation();
  const publicScreen = publicScreenFor(path);
  const mustSignIn = !session && !publicScreen && path !== SIGN_IN_PATH;
  useEffect(() => {
    if (mustSignIn) navigate(signInPath(undefined, path), { replace: true });
  }, [mustSignIn, path]);

  if (path === SIGN_IN_PATH || mustSignIn)
    return (
      <SignInScreen
        api={api}
        reason={(query.get('reason') as SignInReason | null) ?? undefined}
        allowed={(candidate) => sectionsFor(candidate).length > 0}
        onSignedIn={(next) => signedIn(next, query.get('next'))}
      />
    );
  if (publicScreen) {
    const Screen = lazyScreen(`public:${publicScreen.id}`, publicScreen.load);
    return (
      <main id="admin-main" className="admin-public">
        <Suspense fallback={<LoadingState what="page" />}>
          <Screen api={api} path={path} query={query} navigate={navigate} />
        </Suspense>
      </main>
    );
  }
  if (!session) return null;
  return <SignedIn api={api} session={session} path={path} query={query} signOut={signOut} />;
}

function SignedIn({
  api,
  session,
  path,
  query,
  signOut,
}: {
  api: AdminApi;
  session: AdminSession;
  path: string;
  query: URLSearchParams;
  signOut(reason: SignInReason): void;
}) {
  const sections = sectionsFor(session);
  const landing = path === ADMIN_HOME ? sections.find((section) => section.id === DASHBOARD_SECTION_ID) : undefined;
  useEffect(() => {
    if (landing) navigate(landing.path, { replace: true });
  }, [landing]);
  const section = sectionFor(path);
  let content;
  if (path === ADMIN_HOME || path === `${ADMIN_HOME}/`)
    content = landing ? null : <Welcome session={session} sections={sections} />;
  else if (!section)
    content = (
      <>
        <PageHeader title="Page not found" />
        <EmptyState title="There is no back-office page at this address.">
          <p>Choose a section from the menu.</p>
        </EmptyState>
      </>
    );
  else if (!may(session.principal, section.capability))
    content = (
      <>
        <PageHeader title={section.label} />
        <EmptyState title="Your role does not include this section.">
          <p>Ask an owner or admin of your organization if you need it.</p>
        </EmptyState>
      </>
    );
  else {
    const Screen = lazyScreen(section.id, section.load);
    content = (
      <ScreenBoundary key={section.id}>
        <Suspense fallback={<LoadingState what={section.label.toLowerCase()} />}>
          <Screen api={api} session={session} path={path} query={query} navigate={navigate} />
        </Suspense>
      </ScreenBoundary>
    );
  }
  return (
    <AdminLayout api={api} session={session} sections={sections} current={section} signOut={signOut} path={path}>
      {content}
    </AdminLayout>
  );
}
