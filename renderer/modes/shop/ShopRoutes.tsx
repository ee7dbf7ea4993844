// The shop's screens by path. The events page comes with the entry; every other screen (the event page carries the
// seat-map engine) is loaded only when it is first needed.
import { Suspense, type ReactNode } from 'react';
import { Loading } from '../../ui/feedback.tsx';
import { EventsPage } from './EventsPage.tsx';
import { useLocation } from './location-context.ts';
import { Link, match } from './router.tsx';
import { lazyWithWords, useT } from '../../i18n/index.ts';

const EventPage = lazyWithWords(['event', 'seatmap', 'basket', 'account'], () => import('./EventPage.tsx'));
const CheckoutPage = lazyWithWords(['checkout', 'seatmap', 'basket'], () => import('./CheckoutPage.tsx'));
const CheckoutReturnPage = lazyWithWords(['checkout', 'seatmap', 'basket'], () => import('./CheckoutReturnPage.tsx'));
const OrderPage = lazyWithWords(['checkout', 'basket', 'wallet', 'ticket'], () => import('./OrderPage.tsx'));
const SignInPage = lazyWithWords(['account'], () => import('./SignInPage.tsx'));
const SignUpConfirmPage = lazyWithWords(['account'], () => import('./SignUpConfirmPage.tsx'));
const MyOrdersPage = lazyWithWords(['wallet', 'account'], () => import('./MyOrdersPage.tsx'));
const PasswordResetPage = lazyWithWords(['account'], () => import('./account/PasswordResetPage.tsx')); // accounts
const TicketPage = lazyWithWords(['wallet', 'ticket'], () => import('./ticket/TicketPage.tsx'));
const TransferAcceptPage = lazyWithWords(['transfer', 'wallet'], () => import('./transfer/TransferAcceptPage.tsx'));
const WaitlistClaimPage = lazyWithWords(['checkout', 'basket', 'account'], () => import('./WaitlistClaimPage.tsx'));

export function ShopRoutes() {
  const t = useT();
  const { path } = useLocation();
  let params: Record<string, string> | null;
  let page: ReactNode;
  if (path === '/' || path === '/events') page = <EventsPage />;
  else if ((params = match('/events/:eventId', path))) page = <EventPage eventId={params.eventId!} />;
  else if (path === '/checkout') page = <CheckoutPage />;
  else if (path === '/checkout/return') page = <CheckoutReturnPage />;
  else if ((params = match('/orders/:orderId', path))) page = <OrderPage orderId={params.orderId!} />;
  else if ((params = match('/tickets/:orderId', path))) page = <TicketPage orderId={params.orderId!} />;
  else if (path === '/signin') page = <SignInPage />;
  else if (path === '/signup/confirm') page = <SignUpConfirmPage />;
  else if (path === '/me/orders') page = <MyOrdersPage />;
  else if (path === '/password/reset')
    page = <PasswordResetPage />; // accounts
  else if (path === '/waitlist/claim') page = <WaitlistClaimPage />;
  else if (path === '/transfer/accept') page = <TransferAcceptPage />;
  else
    page = (
      <section>
        <h1>{t('shop.notFound.title')}</h1>
        <p>
          <Link to="/">{t('shop.notFound.back')}</Link>
        </p>
      </section>
    );
  return <Suspense fallback={<Loading />}>{page}</Suspense>;
}
