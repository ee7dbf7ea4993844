// Loading, empty and error states, the same on every screen. Loading is a skeleton (the first view makes sense before
// the data); errors say what went wrong in the shown language (problemWords: by the refusal's type), never a stack.
import type { ReactNode } from 'react';
import { ApiError } from '../client/ticketing-client.ts';
import { i18n, useT } from '../i18n/index.ts';
import { problemWords } from '../i18n/problem-words.ts';
import { Button } from './kit/Button.tsx';
import { Skeleton } from './kit/Skeleton.tsx';

/** A screen's placeholder while it loads, announced as "Loading". (`what`, once shown in English, is no longer
 * shown: callers may still pass it.) */
export function Loading(_props: { what?: string }) {
  return <Skeleton lines={4} className="loading" />;
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return problemWords(error.code, error.detail);
  return i18n._('common.error.generic');
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

/** A screen's load that has not succeeded yet: a skeleton, or the error with a way to try again. */
export function Pending({
  state,
  retry,
  what,
}: {
  state: { status: 'loading' } | { status: 'failed'; error: unknown };
  retry(): void;
  what?: string;
}) {
  const t = useT();
  if (state.status === 'loading') return <Loading what={what} />;
  return (
    <ErrorMessage error={state.error}>
      <Button variant="secondary" onClick={retry}>
        {t('common.error.retry')}
      </Button>
    </ErrorMessage>
  );
}
