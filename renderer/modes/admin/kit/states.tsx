// Loading, empty and error states of the back office: one look on every screen. An error shows the API's detail
// (never a stack) and, when given, a way to try again.
import type { ReactNode } from 'react';
import { messageOf } from '../../../ui/feedback.tsx';
import type { AsyncState } from '../../../ui/use-async.ts';

export function LoadingState({ what }: { what: string }) {
  return (
    <p className="admin-state admin-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="admin-state admin-empty">
      <p className="admin-state-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="admin-state admin-error" role="alert">
      <p>{messageOf(error)}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Shows `children(value)` once loaded; loading and failure (with retry) otherwise. */
export function AsyncView<T>({
  state,
  retry,
  what,
  children,
}: {
  state: AsyncState<T>;
  retry: () => void;
  what: string;
  children: (value: T) => ReactNode;
}) {
  if (state.status === 'loading') return <LoadingState what={what} />;
  if (state.status === 'failed') return <ErrorState error={state.error} retry={retry} />;
  return <>{children(state.value)}</>;
}
