// "Are you still there?": the kiosk's question before it starts over, with the seconds it will wait.
import { useT } from '../../i18n/index.ts';
import { IDLE_RESET_MS, IDLE_WARNING_MS } from './use-idle-reset.ts';
import { Button } from '../../ui/kit/index.ts';

export function IdleWarning({ onStay }: { onStay(): void }) {
  const t = useT();
  return (
    <div className="idle-warning" role="alertdialog" aria-modal="true" aria-labelledby="idle-title">
      <h2 id="idle-title">{t('kiosk.idle.title')}</h2>
      <p>{t('kiosk.idle.body', { seconds: Math.round((IDLE_RESET_MS - IDLE_WARNING_MS) / 1000) })}</p>
      <Button onClick={onStay}>{t('kiosk.idle.stay')}</Button>
    </div>
  );
}
