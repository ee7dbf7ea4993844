// The web shop's root: the customer's session (kept in the browser), the client's access token following it, the
// shell (a header that stays on one line from 360 px to 4K: brand, Events, My tickets, sign in or out, the language
// picker; a skip link; a footer) and the routes to the screens.
import { useEffect, useMemo, useState } from 'react';
import type { Session } from '../../../cloud/contract/index.ts';
import type { TicketingClient } from '../../client/ticketing-client.ts';
import { useT } from '../../i18n/index.ts';
// The kit's CSS, not its index: the index reaches every component, which would all join the events page's first load.
import '../../styles/kit.css';
import { Button } from '../../ui/kit/Button.tsx';
import { ShopContext, type Shop } from '../shared/shop-context.ts';
import { sessionStore } from './browser-storage.ts';
import { Link, RouterProvider } from './router.tsx';
import { ShopRoutes } from './ShopRoutes.tsx';
import { LanguagePicker } from './shell/LanguagePicker.tsx';
import { SiteFooter } from './shell/SiteFooter.tsx';
import './shell/shell.css';
import { HoldBanner } from './hold/HoldBanner.tsx';

export function ShopApp({ client }: { client: TicketingClient }) {
  const t = useT();
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
          {t('shop.shell.skip')}
        </a>
        <header className="site-header">
          <Link to="/" className="brand" aria-label={t('shop.shell.home')}>
            <span className="kit-logo kit-logo--sm kit-logo--wordmark">{t('common.brand.name')}</span>
          </Link>
          <nav aria-label={t('shop.shell.nav')} className="site-nav">
            <Link to="/" className="site-nav__link site-nav__events">
              {t('shop.shell.events')}
            </Link>
            {session ? (
              <>
                <Link to="/me/orders" className="site-nav__link">
                  {t('shop.shell.myTickets')}
                </Link>
                <Button variant="link" className="site-nav__link" onClick={() => shop.setSession(null)}>
                  {t('shop.shell.signOut')}
                </Button>
              </>
            ) : (
              <Link to="/signin" className="site-nav__link">
                {t('shop.shell.signIn')}
              </Link>
            )}
          </nav>
          <LanguagePicker />
        </header>
        <HoldBanner />
        <main id="main" tabIndex={-1}>
          <ShopRoutes />
        </main>
        <SiteFooter />
      </RouterProvider>
    </ShopContext.Provider>
  );
}
