// What to do with the painted seats: block them with a kind and a note (house seats, production holds, kills), or
// give them back to sale. A refusal names its seats (held or sold seats cannot be blocked) and they leave the
// selection; a field the API names gets its message beside its input.
import { useState } from 'react';
import { BLOCK_KINDS, type BlockKind, type SeatBlockChange } from '../../../../cloud/contract/backoffice-orders.ts';
import { ProblemError, type AdminApi } from '../admin-api.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import { KIND_LABELS, KIND_ORDER } from './seat-words.ts';

const FIELDS = ['kind', 'note', 'seatIds'] as const;

export function BlockPanel({
  api,
  eventId,
  seatIds,
  onClear,
  onDone,
  onRefused,
}: {
  api: AdminApi;
  eventId: string;
  seatIds: string[];
  onClear(): void;
  onDone(): void;
  onRefused(seatIds: string[]): void;
}) {
  const [kind, setKind] = useState<BlockKind>('house');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');
  const problems = useProblemFields(FIELDS);
  const count = seatIds.length;
  const plural = (n: number) => `${n} seat${n === 1 ? '' : 's'}`;

  const act = async (what: 'block' | 'release') => {
    setBusy(true);
    setResult('');
    problems.clear();
    try {
      const change =
        what === 'block'
          ? await api.call<SeatBlockChange>('blockSeats', {
              params: { eventId },
              body: { seatIds, kind, note },
            })
          : await api.call<SeatBlockChange>('releaseSeats', { params: { eventId }, body: { seatIds } });
      const unchanged = change.unchangedSeatIds?.length ?? 0;
      setResult(
        what === 'block'
          ? `${KIND_LABELS[kind]}: ${plural(change.seatIds.length)}.`
          : `${plural(change.seatIds.length)} back on sale${unchanged ? `; ${unchanged} were not off sale` : ''}.`,
      );
      if (what === 'block') setNote('');
      onDone();
    } catch (error) {
      if (error instanceof ProblemError && error.code === 'seats_unavailable') onRefused(error.body.seatIds ?? []);
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="seat-panel" aria-labelledby="seat-panel-title">
      <h2 id="seat-panel-title">Selected seats</h2>
      <p aria-live="polite" data-testid="selected-count">
        {count === 0 ? 'No seats selected. Paint over the map or choose seats.' : `${plural(count)} selected.`}
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void act('block');
        }}
      >
        <FormField label="Kind" name="kind" error={problems.fields.kind}>
          {(input) => (
            <select {...input} value={kind} onChange={(event) => setKind(event.target.value as BlockKind)}>
              {KIND_ORDER.filter((k) => BLOCK_KINDS.includes(k)).map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Note" name="note" error={problems.fields.note} hint="Who they are for, or why.">
          {(input) => (
            <input {...input} value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
          )}
        </FormField>
        {problems.fields.seatIds && (
          <p className="admin-field-error" role="alert">
            {problems.fields.seatIds} Those seats were taken out of the selection.
          </p>
        )}
        <FormError error={problems.formError} />
        <div className="seat-panel-actions">
          <button type="submit" className="primary" disabled={busy || count === 0}>
            Block {plural(count)}
          </button>
          <button type="button" disabled={busy || count === 0} onClick={() => void act('release')}>
            Release {plural(count)} to sale
          </button>
          <button type="button" disabled={busy || count === 0} onClick={onClear}>
            Clear selection
          </button>
        </div>
      </form>
      <p role="status">{result}</p>
    </section>
  );
}
