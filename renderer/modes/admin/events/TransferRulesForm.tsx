// transfer (issue 19): an event's ticket transfer rules, as its organizer sets them — whether buyers may pass tickets
// on, until how many hours before the start, how often one place may move, and only to the buyer's own name.
import { useState, type FormEvent } from 'react';
import type { StaffEvent } from '../../../../cloud/contract/index.ts';
import { TransferRules } from '../../../../cloud/contract/transfers.ts';
import type { AdminApi } from '../admin-api.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { AsyncView } from '../kit/states.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import { useAsync } from '../../../ui/use-async.ts';

const NAMES = ['allowed', 'closeHoursBefore', 'maxTransfers', 'sameNameOnly'];

export function TransferRulesForm({ api, event }: { api: AdminApi; event: StaffEvent }) {
  const [state, retry] = useAsync(
    () => api.call('getTransferRules', { params: { eventId: event.id } }, TransferRules),
    [event.id],
  );
  return (
    <AsyncView state={state} retry={retry} what="transfer rules">
      {(rules) => <RulesForm api={api} eventId={event.id} initial={rules} />}
    </AsyncView>
  );
}

function RulesForm({ api, eventId, initial }: { api: AdminApi; eventId: string; initial: TransferRules }) {
  const [rules, setRules] = useState(initial);
  const problems = useProblemFields(NAMES);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const update = (patch: Partial<TransferRules>) => {
    setSaved(false);
    setRules({ ...rules, ...patch });
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    problems.clear();
    setBusy(true);
    try {
      await api.call('setTransferRules', { params: { eventId }, body: rules });
      setSaved(true);
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate>
      <label>
        <input type="checkbox" checked={rules.allowed} onChange={(e) => update({ allowed: e.target.checked })} /> Buyers
        may pass tickets on to someone else
      </label>
      {rules.allowed && (
        <div className="admin-tier-row">
          <FormField
            label="Closes hours before the start"
            name="closeHoursBefore"
            hint="0: until the event starts"
            error={problems.fields.closeHoursBefore}
          >
            {(props) => (
              <input
                {...props}
                type="number"
                min={0}
                max={8760}
                value={rules.closeHoursBefore}
                onChange={(e) => update({ closeHoursBefore: Number(e.target.value) })}
              />
            )}
          </FormField>
          <FormField label="Times one ticket may move" name="maxTransfers" error={problems.fields.maxTransfers}>
            {(props) => (
              <input
                {...props}
                type="number"
                min={1}
                max={20}
                value={rules.maxTransfers}
                onChange={(e) => update({ maxTransfers: Number(e.target.value) })}
              />
            )}
          </FormField>
        </div>
      )}
      {rules.allowed && (
        <label>
          <input
            type="checkbox"
            checked={rules.sameNameOnly}
            onChange={(e) => update({ sameNameOnly: e.target.checked })}
          />{' '}
          Only to someone of the buyer's name (personalised tickets)
        </label>
      )}
      <FormError error={problems.formError} />
      {saved && (
        <p className="admin-notice" role="status">
          Transfer rules saved.
        </p>
      )}
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save transfer rules'}
        </button>
      </div>
    </form>
  );
}
