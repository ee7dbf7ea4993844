// Hold back standing places of a section (a kind and a note), at most what is free now; the API's refusal (fewer
// free) or a field's error shows beside its input.
import { useState } from 'react';
import type { Availability } from '../../../../cloud/contract/index.ts';
import type { BlockKind } from '../../../../cloud/contract/backoffice-orders.ts';
import type { AdminApi } from '../admin-api.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import { KIND_LABELS, KIND_ORDER } from './seat-words.ts';

const FIELDS = ['sectionId', 'quantity', 'kind', 'note'] as const;

export function HoldBackForm({
  api,
  eventId,
  ga,
  onDone,
}: {
  api: AdminApi;
  eventId: string;
  ga: Availability['ga'];
  onDone(): void;
}) {
  const [sectionId, setSectionId] = useState(ga[0]?.sectionId ?? '');
  const [quantity, setQuantity] = useState('1');
  const [kind, setKind] = useState<BlockKind>('production');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const problems = useProblemFields(FIELDS);
  const section = ga.find((g) => g.sectionId === sectionId);

  const submit = async () => {
    problems.clear();
    const places = Number(quantity);
    if (!Number.isInteger(places) || places < 1)
      return problems.setField('quantity', 'Give a whole number, 1 or more.');
    setBusy(true);
    try {
      await api.call('holdBackPlaces', { params: { eventId }, body: { sectionId, quantity: places, kind, note } });
      setNote('');
      onDone();
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="seat-holdback-form"
      aria-label="Hold back standing places"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <FormField label="Standing section" name="sectionId" error={problems.fields.sectionId}>
        {(input) => (
          <select {...input} value={sectionId} onChange={(event) => setSectionId(event.target.value)}>
            {ga.map((g) => (
              <option key={g.sectionId} value={g.sectionId}>
                {g.sectionId} ({g.remaining} of {g.capacity} free)
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        label="Places"
        name="quantity"
        error={problems.fields.quantity}
        hint={section ? `${section.remaining} free now` : undefined}
      >
        {(input) => (
          <input
            {...input}
            type="number"
            inputMode="numeric"
            min={1}
            value={quantity}
            onChange={(event) => setQuantity(event.target.value)}
          />
        )}
      </FormField>
      <FormField label="Kind" name="kind" error={problems.fields.kind}>
        {(input) => (
          <select {...input} value={kind} onChange={(event) => setKind(event.target.value as BlockKind)}>
            {KIND_ORDER.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Note" name="note" error={problems.fields.note}>
        {(input) => <input {...input} value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />}
      </FormField>
      <FormError error={problems.formError} />
      <button type="submit" disabled={busy || !sectionId}>
        Hold back places
      </button>
    </form>
  );
}
