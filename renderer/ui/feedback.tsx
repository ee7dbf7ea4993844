// Loading, empty and error states, the same on every screen. Errors show the API's detail, never a stack.
import type { ReactNode } from 'react';
import { ApiError } from '../client/ticketing-client.ts';

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return 'Something went wrong on this page. Please reload and try again.';
}

export function ErrorMessage({ error, children }: { error: unknown; children?: ReactNode }) {
  return (
    <div className="error" role="alert">
      <p>{messageOf(error)}</p>
      {children}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A screen's load that has not succeeded yet: "Loading …", or the error with a way to try again. */
export function Pending({
  state,
  retry,
  what,
}: {
  state: { status: 'loading' } | { status: 'failed'; error: unknown };
  retry(): void;
  what: string;
}) {
  if (state.status === 'loading') return <Loading what={what} />;
  return (
    <ErrorMessage error={state.error}>
      <button type="button" onClick={retry}>
        Try again
      </button>
    </ErrorMessage>
  );
}
