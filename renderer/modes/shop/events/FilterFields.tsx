// The events list's filters beyond the search: dates, venue and the most a ticket may cost.
import type { EventSummary } from '../../../../cloud/contract/index.ts';
import { useT } from '../../../i18n/index.ts';
import { Field, Select, TextInput } from '../../../ui/kit/index.ts';
import type { Filters } from './filters.ts';

export function FilterFields({
  filters,
  set,
  venues,
}: {
  filters: Filters;
  set(patch: Partial<Filters>): void;
  venues: EventSummary['venue'][];
}) {
  const t = useT();
  return (
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
}
