// A draft's price tiers changed before it is published: names, prices and the tier of each section of its seat map
// (the same fields as a new event's). Seats picked out of a section one by one are kept with their tier.
import { FormError } from '../kit/FormField.tsx';
import { useState, type FormEvent } from 'react';
import type { SeatMap, StaffEvent } from '../../../../cloud/contract/index.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { ProblemError, type AdminApi } from '../admin-api.ts';
import { AsyncView } from '../kit/states.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import { fromMinorUnits, toMinorUnits } from './form-values.ts';
import { TierFields, type TierRow } from './TierFields.tsx';

export function DraftTiersForm({ api, event, onSaved }: { api: AdminApi; event: StaffEvent; onSaved: () => void }) {
  const [map, retry] = useAsync(
    () => api.call<SeatMap>('getSeatMapVersion', { params: { seatmapId: event.seatmap.id } }),
    [event.seatmap.id],
  );
  return (
    <AsyncView state={map} retry={retry} what="the seat map">
      {(loaded) => <TiersForm api={api} event={event} map={loaded} onSaved={onSaved} />}
    </AsyncView>
  );
}

function TiersForm({
  api,
  event,
  map,
  onSaved,
}: {
  api: AdminApi;
  event: StaffEvent;
  map: SeatMap;
  onSaved: () => void;
}) {
  const currency = event.currency;
  const [tiers, setTiers] = useState<TierRow[]>(() =>
    event.tiers.map((tier) => ({ name: tier.name, price: fromMinorUnits(tier.price.amount, currency) })),
  );
  const [sectionTier, setSectionTier] = useState<Record<string, number>>(() =>
    Object.fromEntries(event.tiers.flatMap((tier, index) => tier.sectionIds.map((sectionId) => [sectionId, index]))),
  );
  const names = ['tiers', ...tiers.flatMap((_, i) => [`tiers.${i}.name`, `tiers.${i}.price`])];
  const problems = useProblemFields(names);
  const [entries, setEntries] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    problems.clear();
    setEntries([]);
    const marked: string[] = [];
    const priced = tiers.map((tier, index) => {
      const amount = toMinorUnits(tier.price, currency);
      if (amount === null) {
        marked.push(`tiers.${index}.price`);
        problems.setField(`tiers.${index}.price`, `a price in ${currency}, e.g. 45.00`);
      }
      return amount;
    });
    if (marked.length > 0) return form.querySelector<HTMLElement>(`[name="${marked[0]}"]`)?.focus();
    setBusy(true);
    try {
      await api.call('setEventTiers', {
        params: { eventId: event.id },
        body: {
          tiers: tiers.map((tier, index) => ({
            name: tier.name,
            price: { amount: priced[index]!, currency },
            sectionIds: map.sections.filter((section) => (sectionTier[section.id] ?? 0) === index).map((s) => s.id),
            seatIds: event.tiers[index]?.seatIds ?? [],
          })),
        },
      });
      onSaved();
    } catch (error) {
      const first = problems.capture(error);
      if (error instanceof ProblemError) setEntries(error.entries);
      if (first) form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate>
      <TierFields
        map={map}
        currency={currency}
        tiers={tiers}
        setTiers={setTiers}
        sectionTier={sectionTier}
        setSectionTier={setSectionTier}
        errors={problems.fields}
      />
      {entries.length > 0 && (
        <ul className="admin-form-error">
          {entries.slice(0, 20).map((entry) => (
            <li key={entry}>{entry}</li>
          ))}
        </ul>
      )}
      <FormError error={problems.formError} />
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save tiers'}
        </button>
      </div>
    </form>
  );
}
