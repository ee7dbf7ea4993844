// The wallet's first view before its data: the shape of the page and of each ticket card, not "Loading…" text.
// Screen readers hear one "Loading your tickets" status; the shapes are hidden from them.
import { Skeleton } from '../../../ui/kit/index.ts';

export function TicketSkeletons({ count }: { count: number }) {
  return (
    <ul className="tickets tickets-loading" aria-hidden="true">
      {Array.from({ length: Math.max(1, count) }, (_, index) => (
        <li key={index} className="ticket-card">
          <div className="ticket-card-facts">
            <Skeleton lines={4} decorative />
          </div>
          <div className="ticket-card-code">
            <Skeleton block decorative className="ticket-qr" />
          </div>
        </li>
      ))}
    </ul>
  );
}

export function WalletSkeleton({ label, count = 2 }: { label?: string; count?: number }) {
  return (
    <section className="wallet" aria-busy="true">
      <Skeleton lines={2} {...(label ? { label } : {})} />
      <TicketSkeletons count={count} />
    </section>
  );
}
