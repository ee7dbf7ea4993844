// The kiosk's thank-you screen: the order code, and where the tickets are (printed below, or sent by email).
import type { SaleResult } from '../../../preload/bridge.ts';
import { useT } from '../../i18n/index.ts';
import { noticeWords } from '../device/notice-words.ts';
import { Button } from '../../ui/kit/index.ts';

export function KioskDone({ result, onFinish }: { result: SaleResult; onFinish(): void }) {
  const t = useT();
  const emailed = result.order?.delivery.method === 'email';
  return (
    <section className="kiosk-done">
      <h1>{t('kiosk.done.title')}</h1>
      {result.order ? (
        <>
          <p>
            {t('kiosk.done.orderLabel')} <strong>{result.order.code}</strong>
          </p>
          <p>
            {emailed
              ? t('kiosk.done.emailed', { email: result.order.buyer.email })
              : t('kiosk.done.printed', { count: result.order.tickets.length })}
          </p>
        </>
      ) : (
        <p>{noticeWords(t, result.notice)}</p>
      )}
      <Button size="touch" className="big" onClick={onFinish}>
        {t('kiosk.done.finish')}
      </Button>
    </section>
  );
}
