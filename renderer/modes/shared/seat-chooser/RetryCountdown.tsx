// What a buyer sees while a busy on-sale's hold is tried again by itself (use-auto-retry.ts): that it is busy (said
// once to a screen reader, not every second), the seconds left, and a button to try now.
import { useT } from '../../../i18n/index.ts';
import { Button } from '../../../ui/kit/index.ts';

export function RetryCountdown({ seconds, onTryNow }: { seconds: number; onTryNow(): void }) {
  const t = useT();
  return (
    <div className="retry-countdown">
      <p role="status">{t('event.retry.busy')}</p>
      <p className="retry-countdown-seconds">{t('event.retry.countdown', { seconds })}</p>
      <Button onClick={onTryNow}>{t('event.retry.now')}</Button>
    </div>
  );
}
