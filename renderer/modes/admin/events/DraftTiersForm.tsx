// A draft's price tiers changed before it is published: names, prices and the tier of each section of its seat map
// (the same fields as a new event's). Seats picked out of a section one by one are kept with their tier.
import type { FormEvent } from 'react';
import type { SeatMap, StaffEvent } from '../../../../cloud/contract/index.ts';
import { useAsync } from '../../../ui/use-async.ts';
import type { AdminApi } from '../admin-api.ts';
import { FormFooter } from '../kit/FormFooter.tsx';
import { AsyncView } from '../kit/states.tsx';
import { focusField, useFormRequest } from '../kit/use-form-request.ts';
import { fromMinorUnits } from './form-values.ts';
import { TierFields } from './TierFields.tsx';
import { useTierRows } from './use-tier-rows.ts';

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
  const rows = useTierRows(map, () => ({
    tiers: event.tiers.map((tier) => ({ name: tier.name, price: fromMinorUnits(tier.price.amount, currency) })),
    sectionTier: Object.fromEntries(
      event.tiers.flatMap((tier, index) => tier.sectionIds.map((sectionId) => [sectionId, index])),
    ),
  }));
  const request = useFormRequest(rows.names);
  const { problems } = request;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    request.reset();
    const marked: string[] = [];
    const tiers = rows.toBody(
      currency,
      (name, message) => (marked.push(name), problems.setField(name, message)),
      (index) => event.tiers[index]?.seatIds ?? [],
    );
    if (!tiers) return focusField(form, marked[0]);
    await request.send(form, async () => {
      await api.call('setEventTiers', { params: { eventId: event.id }, body: { tiers } });
      onSaved();
    });
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate>
      <TierFields {...rows.fields} currency={currency} errors={problems.fields} />
      <FormFooter
        error={problems.formError}
        entries={request.entries}
        busy={request.busy}
        label="Save tiers"
        busyLabel="Saving…"
      />
    </form>
  );
}
