// A grey placeholder where content is coming (the kit's Skeleton replaces it once merged), hidden from screen readers.
export function Skeleton({ className = '' }: { className?: string }) {
  return <span aria-hidden="true" className={`wallet-skeleton ${className}`} />;
}
