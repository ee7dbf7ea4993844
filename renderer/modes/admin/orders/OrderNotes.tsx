// Staff notes on an order: appended, never changed (who, when, the text), newest last; a note's error shows beside
// its box.
import { useState } from 'react';
import type { OrderNote } from '../../../../cloud/contract/backoffice-orders.ts';
import { formatDateTime } from '../../../ui/format.ts';
import type { AdminApi } from '../admin-api.ts';
import { FormField, FormError } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';

const FIELDS = ['text'] as const;

export function OrderNotes({
  api,
  orderId,
  notes,
  zone,
  onAdded,
}: {
  api: AdminApi;
  orderId: string;
  notes: OrderNote[];
  zone: string;
  onAdded(): void;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const problems = useProblemFields(FIELDS);
  const submit = async () => {
    problems.clear();
    if (!text.trim()) return problems.setField('text', 'Write the note first.');
    setBusy(true);
    try {
      await api.call('addOrderNote', { params: { orderId }, body: { text } });
      setText('');
      onAdded();
    } catch (error) {
      problems.capture(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="order-notes">
      <h2 id="order-notes">Notes</h2>
      {notes.length === 0 ? (
        <p>No notes yet.</p>
      ) : (
        <ul className="order-note-list">
          {notes.map((note) => (
            <li key={note.id}>
              <p>{note.text}</p>
              <p className="order-note-by">
                {note.author} · <time dateTime={note.at}>{formatDateTime(note.at, zone)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <FormField label="Add a note" name="text" error={problems.fields.text}>
          {(input) => (
            <textarea {...input} value={text} rows={3} maxLength={2000} onChange={(e) => setText(e.target.value)} />
          )}
        </FormField>
        <FormError error={problems.formError} />
        <button type="submit" disabled={busy}>
          Add the note
        </button>
      </form>
    </section>
  );
}
