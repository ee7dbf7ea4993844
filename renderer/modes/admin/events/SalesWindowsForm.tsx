// An event's sales windows per channel: each channel (web shop, kiosks, box office) sells in the event's on-sale
// period unless it has a window of its own, typed on the venue's clock.
import { useState, type FormEvent } from 'react';
import type { SalesChannel, StaffEvent } from '../../../../cloud/contract/index.ts';
import { ProblemError, type AdminApi } from '../admin-api.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import { fromZonedInput, toZonedInput } from './form-values.ts';

const CHANNELS: { channel: SalesChannel; label: string }[] = [
  { channel: 'web', label: 'Web shop' },
  { channel: 'kiosk', label: 'Kiosks' },
  { channel: 'boxoffice', label: 'Box office' },
];
const NAMES = CHANNELS.flatMap((_, i) => [`windows.${i}.opensAt`, `windows.${i}.closesAt`]);

export function SalesWindowsForm({ api, event, onSaved }: { api: AdminApi; event: StaffEvent; onSaved: () => void }) {
  const zone = event.venue.timezone;
  const [rows, setRows] = useState(() =>
    CHANNELS.map(({ channel }) => {
      const window = event.salesWindows.find((w) => w.channel === channel);
      return {
        own: Boolean(window),
        opensAt: toZonedInput(window?.opensAt ?? event.onSaleFrom, zone),
        closesAt: toZonedInput(window?.closesAt ?? event.onSaleUntil, zone),
      };
    }),
  );
  const problems = useProblemFields(NAMES);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  // The API names a window by its place in the list sent, which holds only the channels with their own window.
  const sent = CHANNELS.map((_, i) => i).filter((i) => rows[i]!.own);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    problems.clear();
    setSaved(false);
    const windows = sent.map((i) => ({
      channel: CHANNELS[i]!.channel,
      opensAt: fromZonedInput(rows[i]!.opensAt, zone) ?? '',
      closesAt: fromZonedInput(rows[i]!.closesAt, zone) ?? '',
    }));
    setBusy(true);
    try {
      await api.call('setSalesWindows', { params: { eventId: event.id }, body: { windows } });
      setSaved(true);
      onSaved();
    } catch (error) {
      // Back from the list's places to the form's rows.
      const remapped =
        error instanceof ProblemError
          ? new ProblemError(error.status, {
              type: error.type,
              title: error.title,
              detail: error.detail,
              errors: error.fields.map(({ field, message }) => ({
                field: field.replace(/^windows\.(\d+)/, (_m, n: string) => `windows.${sent[Number(n)] ?? n}`),
                message,
              })),
            })
          : error;
      problems.capture(remapped);
    } finally {
      setBusy(false);
    }
  };

  const update = (index: number, patch: Partial<(typeof rows)[number]>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate>
      <p className="admin-field-hint">
        Without its own window a channel sells in the event's on-sale period. Times on the venue's clock ({zone}).
      </p>
      {CHANNELS.map(({ channel, label }, i) => (
        <fieldset key={channel} className="admin-fieldset">
          <legend>{label}</legend>
          <label>
            <input type="checkbox" checked={rows[i]!.own} onChange={(e) => update(i, { own: e.target.checked })} /> Own
            sales window
          </label>
          {rows[i]!.own && (
            <div className="admin-tier-row">
              <FormField
                label={`${label} opens`}
                name={`windows.${i}.opensAt`}
                error={problems.fields[`windows.${i}.opensAt`]}
              >
                {(props) => (
                  <input
                    {...props}
                    type="datetime-local"
                    value={rows[i]!.opensAt}
                    onChange={(e) => update(i, { opensAt: e.target.value })}
                  />
                )}
              </FormField>
              <FormField
                label={`${label} closes`}
                name={`windows.${i}.closesAt`}
                error={problems.fields[`windows.${i}.closesAt`]}
              >
                {(props) => (
                  <input
                    {...props}
                    type="datetime-local"
                    value={rows[i]!.closesAt}
                    onChange={(e) => update(i, { closesAt: e.target.value })}
                  />
                )}
              </FormField>
            </div>
          )}
        </fieldset>
      ))}
      <FormError error={problems.formError} />
      {saved && (
        <p className="admin-notice" role="status">
          Sales windows saved.
        </p>
      )}
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save sales windows'}
        </button>
      </div>
    </form>
  );
}
