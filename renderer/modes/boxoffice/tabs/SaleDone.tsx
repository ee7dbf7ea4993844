// A sale's outcome at the counter: the order code, what to tell the buyer (the change), what was printed, and the
// next sale (Enter).
import type { SaleResult } from '../../../../preload/bridge.ts';
import { useT } from '../../../i18n/index.ts';
import { noticeWords } from '../../device/notice-words.ts';
import { Kbd } from '../keys/Kbd.tsx';
import { useShortcuts } from '../keys/shortcuts.ts';
import { Button } from '../../../ui/kit/index.ts';

export function SaleDone({ sale, onNext }: { sale: SaleResult; onNext(): void }) {
  const t = useT();
  useShortcuts({ Enter: onNext });
  return (
    <section className="sale-done" aria-labelledby="sale-heading">
      <h1 id="sale-heading">{t('boxoffice.done.heading', { code: sale.order?.code ?? '' })}</h1>
      <p className="change" role="status">
        {noticeWords(t, sale.notice)}
      </p>
      <p>{t('boxoffice.done.printed', { count: sale.printed.length })}</p>
      <Button onClick={onNext} aria-keyshortcuts="Enter">
        {t('boxoffice.done.next')} <Kbd>↵</Kbd>
      </Button>
    </section>
  );
}
