// The events list's filters: search always at hand; dates, venue and price inline beside it on a wide screen
// (≥ 1024 px) and behind a "Filters" button that opens a sheet on smaller ones, so a phone's first screen shows events.
import { lazy, Suspense, useState } from 'react';
import type { EventSummary } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Button, Field, TextInput } from '../../../ui/kit/index.ts';
import { FilterFields } from './FilterFields.tsx';
import type { Filters } from './filters.ts';

const FiltersSheet = lazy(() => import('./FiltersSheet.tsx'));
import { useMediaQuery } from '../../../ui/use-media-query.ts';

export default function EventFilters({
  filters,
  onChange,
  venues,
  shownCount,
  activeCount: count,
  onClear,
}: {
  filters: Filters;
  onChange(next: Filters): void;
  venues: EventSummary['venue'][];
  shownCount: number;
  /** How many filters behind the button are set (shown on it). */
  activeCount: number;
  /** Clears the filters behind the button (the search stays). */
  onClear(): void;
}) {
  const t = useT();
  const wide = useMediaQuery('(min-width: 64rem)');
  const [q, setQ] = useState(filters.search);
  const [open, setOpen] = useState(false);
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });

  const more = <FilterFields filters={filters} set={set} venues={venues} />;

  return (
    <div className="event-filters">
      <form
        className="event-filters__search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          set({ search: q.trim() });
        }}
      >
        <Field label={t('shop.filters.search')} className="event-filters__query">
          <TextInput
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('shop.filters.searchHint')}
          />
        </Field>
        <Button type="submit" variant="secondary">
          {t('shop.filters.go')}
        </Button>
        {!wide && (
          <Button
            variant="secondary"
            aria-haspopup="dialog"
            onClick={() => setOpen(true)}
            className="event-filters__open"
          >
            {count > 0 ? t('shop.filters.buttonCount', { count }) : t('shop.filters.button')}
          </Button>
        )}
      </form>
      {wide ? (
        <div className="event-filters__inline" role="group" aria-label={t('shop.filters.title')}>
          {more}
        </div>
      ) : (
        open && (
          <Suspense fallback={null}>
            <FiltersSheet onClose={() => setOpen(false)} onClear={onClear} shownCount={shownCount}>
              {more}
            </FiltersSheet>
          </Suspense>
        )
      )}
    </div>
  );
}
