// Cash at the counter: quick-tender buttons (exact, then the next 5, 10, 20 and 50 of the currency above what is
// due; exact takes it at once), the amount received (C goes there, Enter takes it), the change shown large, and "Take cash", which says why when it cannot be pressed.
import type { Ref } from 'react';
import { fractionDigits } from '../../../../cloud/domain/format.ts';
import { useT } from '../../../i18n/index.ts';
import { formatMoney } from '../../../ui/format.ts';
import { Button } from '../../../ui/kit/index.ts';
import { Kbd } from '../keys/Kbd.tsx';
import { CashReceivedField, cashProblem, type CashReceived } from './CashReceived.tsx';
import { quickTenders } from './quick-tender.ts';

/** Minor units as the clerk would type them: 4750 GBP → "47.50". */
export const typedAmount = (amount: number, currency: string) =>
  (amount / 10 ** fractionDigits(currency)).toFixed(fractionDigits(currency));

export function CashTender({
  cash,
  due,
  blocked,
  inputRef,
  onTake,
}: {
  cash: CashReceived;
  due: number | null;
  /** Why no payment can be taken yet (the buyer's name, the price), or null. */
  blocked: string | null;
  inputRef: Ref<HTMLInputElement>;
  onTake(tendered: number): void;
}) {
  const t = useT();
  const { currency } = cash;
  const reason = blocked ?? cashProblem(cash, t);
  return (
    <form
      className="cash-tender"
      aria-labelledby="cash-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason && cash.tendered !== null) onTake(cash.tendered);
      }}
    >
      <h2 id="cash-heading">{t('boxoffice.cash.heading')}</h2>
      {due !== null && (
        <p className="amount-due">{t('boxoffice.cash.due', { amount: formatMoney({ amount: due, currency }) })}</p>
      )}
      {due !== null && (
        <div className="quick-tender" role="group" aria-label={t('boxoffice.cash.quick')}>
          {quickTenders(due, currency).map((amount, i) =>
            i === 0 ? (
              <Button
                key={amount}
                variant="secondary"
                size="lg"
                aria-keyshortcuts="X"
                disabledReason={blocked ?? undefined}
                onClick={() => {
                  cash.setReceived(typedAmount(amount, currency));
                  onTake(amount);
                }}
              >
                {t('boxoffice.cash.exact', { amount: formatMoney({ amount, currency }) })} <Kbd>X</Kbd>
              </Button>
            ) : (
              <Button
                key={amount}
                variant="secondary"
                size="lg"
                onClick={() => cash.setReceived(typedAmount(amount, currency))}
              >
                {formatMoney({ amount, currency })}
              </Button>
            ),
          )}
        </div>
      )}
      <CashReceivedField cash={cash} inputRef={inputRef} shortcut="C" />
      <Button type="submit" size="lg" disabledReason={reason ?? undefined}>
        {t('boxoffice.cash.take')}
      </Button>
    </form>
  );
}
