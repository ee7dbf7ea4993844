// The web shop: header, routes to the screens, the client and the signed-in session shared through context.
import { createContext, lazy, Suspense, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Session } from '../../cloud/contract/index.ts';
import type { TicketingClient } from '../client/ticketing-client.ts';
import { Link, match, RouterProvider, useLocation } from './router.tsx';
import { sessionStore } from './state.ts';
import { Loading } from './feedback.tsx';
import { EventsPage } from '../modes/shop/EventsPage.tsx';

// The event page carries the seat-map engine; other screens load it only when they need it.
const EventPage = lazy(() => import('../modes/shop/EventPage.tsx'));
const CheckoutPage = lazy(() => import('../modes/shop/CheckoutPage.tsx'));
const CheckoutReturnPage = lazy(() => import('../modes/shop/CheckoutReturnPage.tsx'));
const OrderPage = lazy(() => import('../modes/shop/OrderPage.tsx'));
const SignInPage = lazy(() => import('../modes/shop/SignInPage.tsx'));
const MyOrdersPage = lazy(() => import('../modes/shop/MyOrdersPage.tsx'));

export interface Shop {
  client: TicketingClient;
  session: Session | null;
  setSession(session: Session | null): void;
}

/** The client (and, in the shop, the customer's session) for every screen; the kiosk and counter provide it too. */
export const ShopContext = createContext<Shop | null>(null);

export function useShop(): Shop {
  const shop = useContext(ShopContext);
  if (!shop) throw new Error('useShop outside the shop');
  return shop;
}

function Routes() {
  const { path } = useLocation();
  let params: Record<string, string> | null;
  let page: ReactNode;
  if (path === '/' || path === '/events') page = <EventsPage />;
  else if ((params = match('/events/:eventId', path))) page = <EventPage eventId={params.eventId!} />;
  else if (path === '/checkout') page = <CheckoutPage />;
  else if (path === '/checkout/return') page = <CheckoutReturnPage />;
  else if ((params = match('/orders/:orderId', path))) page = <OrderPage orderId={params.orderId!} />;
  else if (path === '/signin') page = <SignInPage />;
  else if (path === '/me/orders') page = <MyOrdersPage />;
  else
    page = (
      <section>
        <h1>Page not found</h1>
        <p>
          <Link to="/">See what is on</Link>
        </p>
      </section>
    );
  return <Suspense fallback={<Loading what="page" />}>{page}</Suspense>;
}

export function App({ client }: { client: TicketingClient }) {
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
        <main id="main" tabIndex={-1}>
          <Routes />
        </main>
      </RouterProvider>
    </ShopContext.Provider>
  );
}
