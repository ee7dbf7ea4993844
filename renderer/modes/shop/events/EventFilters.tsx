// The events list's filters: search always at hand; dates, venue and price inline beside it on a wide screen
// (≥ 1024 px) and behind a "Filters" button that opens a sheet on smaller ones, so a phone's first screen shows events.
import { useState, type ReactNode } from 'react';
import type { EventSummary } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Button, Field, Select, Sheet, TextInput } from '../../../ui/kit/index.ts';
import { useMediaQuery } from '../../../ui/use-media-query.ts';

export interface Filters {
  search: string;
  from: string;
  to: string;
  venueId: string;
  maxPrice: string;
}

export const NO_FILTERS: Filters = { search: '', from: '', to: '', venueId: '', maxPrice: '' };

/** How many of the filters behind the button are set (shown on it). */
export const activeCount = (filters: Filters) =>
  [filters.from, filters.to, filters.venueId, filters.maxPrice].filter(Boolean).length;

export function EventFilters({
  filters,
  onChange,
  venues,
  shownCount,
}: {
  filters: Filters;
  onChange(next: Filters): void;
  venues: EventSummary['venue'][];
  shownCount: number;
}) {
  const t = useT();
  const wide = useMediaQuery('(min-width: 64rem)');
  const [q, setQ] = useState(filters.search);
  const [open, setOpen] = useState(false);
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const count = activeCount(filters);

  const more: ReactNode = (
    <>
      <Field label={t('shop.filters.from')}>
        <TextInput type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
      </Field>
      <Field label={t('shop.filters.to')}>
        <TextInput type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
      </Field>
      <Field label={t('shop.filters.venue')}>
        <Select value={filters.venueId} onChange={(e) => set({ venueId: e.target.value })}>
          <option value="">{t('shop.filters.allVenues')}</option>
          {venues.map((venue) => (
            <option key={venue.id} value={venue.id}>
              {t('shop.events.venue', { venue: venue.name, city: venue.city })}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('shop.filters.maxPrice')}>
        <TextInput
          type="number"
          min="0"
          inputMode="numeric"
          value={filters.maxPrice}
          placeholder={t('shop.filters.anyPrice')}
          onChange={(e) => set({ maxPrice: e.target.value })}
        />
      </Field>
    </>
  );

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
        <Sheet
          open={open}
          onClose={() => setOpen(false)}
          title={t('shop.filters.title')}
          footer={
            <>
              <Button variant="ghost" onClick={() => onChange({ ...NO_FILTERS, search: filters.search })}>
                {t('shop.filters.clear')}
              </Button>
              <Button onClick={() => setOpen(false)}>{t('shop.filters.show', { count: shownCount })}</Button>
            </>
          }
        >
          {more}
        </Sheet>
      )}
    </div>
  );
}
