// The filters in a sheet on a phone (loaded when the Filters button is first pressed): the fields, then Clear and
// "Show N events", which closes it on the list.
import type { ReactNode } from 'react';
import { useT } from '../../../i18n/index.ts';
import { Button, Sheet } from '../../../ui/kit/index.ts';

export default function FiltersSheet({
  onClose,
  onClear,
  shownCount,
  children,
}: {
  onClose(): void;
  onClear(): void;
  shownCount: number;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Sheet
      open
      onClose={onClose}
      title={t('shop.filters.title')}
      footer={
        <>
          <Button variant="ghost" onClick={onClear}>
            {t('shop.filters.clear')}
          </Button>
          <Button onClick={onClose}>{t('shop.filters.show', { count: shownCount })}</Button>
        </>
      }
    >
      {children}
    </Sheet>
  );
}
