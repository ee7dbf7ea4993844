// The wallet's first view before its data: the shape of the page and of each ticket card, not "Loading…" text.
// Screen readers hear one polite status instead.
import { Skeleton } from './Skeleton.tsx';

export function TicketSkeletons({ count }: { count: number }) {
  return (
    <ul className="tickets tickets-loading" aria-hidden="true">
      {Array.from({ length: Math.max(1, count) }, (_, index) => (
        <li key={index} className="ticket-card">
          <div className="ticket-card-facts">
            <Skeleton className="wallet-skeleton-line wide" />
            <Skeleton className="wallet-skeleton-line" />
            <Skeleton className="wallet-skeleton-line" />
          </div>
          <div className="ticket-card-code">
            <Skeleton className="ticket-qr" />
          </div>
        </li>
      ))}
    </ul>
  );
}

export function WalletSkeleton({ label, count = 2 }: { label: string; count?: number }) {
  return (
    <section className="wallet" aria-busy="true">
      <p role="status" className="visually-hidden">
        {label}
      </p>
      <Skeleton className="wallet-skeleton-title" />
      <Skeleton className="wallet-skeleton-line wide" />
      <TicketSkeletons count={count} />
    </section>
  );
}
