// The end of a back-office form, written once: the API's list of what is wrong (a problem's entries, e.g. the seats
// no tier covers), the form's own error, then its submit button (its label while busy) and, where the form can be
// left, Cancel.
import { FormError } from './FormField.tsx';

const MAX_ENTRIES = 20;

export function FormFooter({
  error,
  entries = [],
  busy,
  label,
  busyLabel,
  onCancel,
}: {
  /** `useProblemFields`' formError. */
  error: unknown;
  entries?: readonly string[];
  busy: boolean;
  label: string;
  busyLabel: string;
  onCancel?: () => void;
}) {
  return (
    <>
      {entries.length > 0 && (
        <ul className="admin-form-error">
          {entries.slice(0, MAX_ENTRIES).map((entry) => (
            <li key={entry}>{entry}</li>
          ))}
        </ul>
      )}
      <FormError error={error} />
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? busyLabel : label}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </>
  );
}
