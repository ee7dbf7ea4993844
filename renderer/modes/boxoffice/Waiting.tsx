// A counter screen's load that has not succeeded yet: the shape of what is coming (no "Loading…" text), or the
// error with a way to try again, in the counter's language.
import { useT } from '../../i18n/index.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { Skeleton, Button } from '../../ui/kit/index.ts';

export function Waiting({
  state,
  retry,
  lines = 3,
}: {
  state: { status: 'loading' } | { status: 'failed'; error: unknown };
  retry(): void;
  lines?: number;
}) {
  const t = useT();
  if (state.status === 'loading') return <Skeleton lines={lines} label={t('boxoffice.loading')} />;
  return (
    <ErrorMessage error={state.error}>
      <Button variant="secondary" onClick={retry}>
        {t('boxoffice.retry')}
      </Button>
    </ErrorMessage>
  );
}
