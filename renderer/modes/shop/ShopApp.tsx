// The web shop's root: the customer's session (kept in the browser), the client's access token following it, the
// header with sign-in and sign-out, and the routes to the screens.
import { useEffect, useMemo, useState } from 'react';
import type { Session } from '../../../cloud/contract/index.ts';
import type { TicketingClient } from '../../client/ticketing-client.ts';
import { ShopContext, type Shop } from '../shared/shop-context.ts';
import { sessionStore } from './browser-storage.ts';
import { Link, RouterProvider } from './router.tsx';
import { ShopRoutes } from './ShopRoutes.tsx';
import { HoldBanner } from './hold/HoldBanner.tsx';

export function ShopApp({ client }: { client: TicketingClient }) {
  const [session, setSessionState] = useState<Session | null>(() => sessionStore.get());
  useEffect(() => client.setAccessToken(session?.accessToken ?? null), [client, session]);
  const shop = useMemo<Shop>(
    () => ({
      client,
      session,
      setSession(next) {
        if (next) sessionStore.set(next);
        else sessionStore.clear();
        client.setAccessToken(next?.accessToken ?? null);
        setSessionState(next);
      },
    }),
    [client, session],
  );
  return (
    <ShopContext.Provider value={shop}>
      <RouterProvider>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            TicketBoss
          </Link>
          <nav aria-label="Main">
            <Link to="/">Events</Link>
            {session ? (
              <>
                <Link to="/me/orders">My orders</Link>
                <button type="button" className="link-button" onClick={() => shop.setSession(null)}>
                  Sign out
                </button>
              </>
            ) : (
              <Link to="/signin">Sign in</Link>
            )}
          </nav>
        </header>
        <HoldBanner />
        <main id="main" tabIndex={-1}>
          <ShopRoutes />
        </main>
      </RouterProvider>
    </ShopContext.Provider>
  );
}
