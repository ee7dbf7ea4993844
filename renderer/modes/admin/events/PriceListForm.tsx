// An event's prices, any time (published too): what a ticket of each type costs in each tier, typed in major units.
// An empty cell: that type is not sold in that tier. Ticket types and presale-only tiers stay as they are.
import { useState, type FormEvent } from 'react';
import type { PriceList, StaffEvent } from '../../../../cloud/contract/index.ts';
import { messageOf } from '../../../ui/feedback.tsx';
import { useAsync } from '../../../ui/use-async.ts';
import { ProblemError, type AdminApi } from '../admin-api.ts';
import { AsyncView } from '../kit/states.tsx';
import { fromMinorUnits, toMinorUnits } from './form-values.ts';

const cellName = (tierId: string, typeId: string) => `price.${tierId}.${typeId}`;

export function PriceListForm({ api, event }: { api: AdminApi; event: StaffEvent }) {
  const [state, retry] = useAsync(
    () => api.call<PriceList>('getPriceList', { params: { eventId: event.id } }),
    [event.id],
  );
  return (
    <AsyncView state={state} retry={retry} what="the prices">
      {(list) => <PriceTable api={api} event={event} list={list} />}
    </AsyncView>
  );
}

function PriceTable({ api, event, list }: { api: AdminApi; event: StaffEvent; list: PriceList }) {
  const [cells, setCells] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      list.entries.map((entry) => [
        cellName(entry.tierId, entry.ticketTypeId),
        fromMinorUnits(entry.amount, entry.currency),
      ]),
    ),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setSaved(false);
    setFormError(null);
    const marked: Record<string, string> = {};
    const entries: PriceList['entries'] = [];
    const names: string[] = [];
    for (const tier of event.tiers) {
      for (const type of list.ticketTypes) {
        const name = cellName(tier.id, type.id);
        const typed = (cells[name] ?? '').trim();
        if (typed === '') continue;
        const amount = toMinorUnits(typed, list.currency);
        if (amount === null) marked[name] = `a price in ${list.currency}, e.g. 45.00`;
        else {
          entries.push({ tierId: tier.id, ticketTypeId: type.id, amount, currency: list.currency });
          names.push(name);
        }
      }
    }
    setErrors(marked);
    const first = Object.keys(marked)[0];
    if (first) return form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
    setBusy(true);
    try {
      const { ticketTypes, hiddenTierIds } = list;
      await api.call('setPriceList', { params: { eventId: event.id }, body: { ticketTypes, entries, hiddenTierIds } });
      setSaved(true);
    } catch (error) {
      // The API names a price by its place in the entries sent: back to its cell.
      const fields = error instanceof ProblemError ? error.fields : [];
      const byCell: Record<string, string> = {};
      for (const { field, message } of fields) {
        const index = /^entries\.(\d+)/.exec(field)?.[1];
        if (index !== undefined && names[Number(index)]) byCell[names[Number(index)]!] = message;
      }
      setErrors(byCell);
      if (Object.keys(byCell).length === 0) setFormError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="admin-table-wrap">
        <table className="admin-table">
          <caption>
            Prices of {event.name} in {list.currency} (empty: not sold)
          </caption>
          <thead>
            <tr>
              <th scope="col">Tier</th>
              {list.ticketTypes.map((type) => (
                <th key={type.id} scope="col">
                  {type.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {event.tiers.map((tier) => (
              <tr key={tier.id}>
                <th scope="row">{tier.name}</th>
                {list.ticketTypes.map((type) => {
                  const name = cellName(tier.id, type.id);
                  const errorId = `${name}-error`;
                  return (
                    <td key={type.id}>
                      <input
                        name={name}
                        inputMode="decimal"
                        aria-label={`${type.name} in ${tier.name}`}
                        aria-invalid={Boolean(errors[name])}
                        aria-describedby={errors[name] ? errorId : undefined}
                        value={cells[name] ?? ''}
                        onChange={(e) => setCells({ ...cells, [name]: e.target.value })}
                      />
                      {errors[name] && (
                        <p id={errorId} className="admin-field-error">
                          {errors[name]}
                        </p>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {formError !== null && (
        <p className="admin-form-error" role="alert">
          {messageOf(formError)}
        </p>
      )}
      {saved && (
        <p className="admin-notice" role="status">
          Prices saved.
        </p>
      )}
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save prices'}
        </button>
      </div>
    </form>
  );
}
