// A labelled input with its hint and its error beside it: the error (a problem+json field's message, or a check of
// the browser's) is tied to the input with aria-describedby and aria-invalid, so a screen reader reads it with the
// field. The input is the caller's (input, select, textarea), given the props to spread.
import { useId, type ReactNode } from 'react';
import { messageOf } from '../../../ui/feedback.tsx';

export interface FieldInputProps {
  id: string;
  name: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

export function FormField({
  label,
  name,
  error,
  hint,
  children,
}: {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: (input: FieldInputProps) => ReactNode;
}) {
  const id = useId();
  const hintId = hint !== undefined ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'admin-field admin-field-invalid' : 'admin-field'}>
      <label htmlFor={id}>{label}</label>
      {hint !== undefined && (
        <p id={hintId} className="admin-field-hint">
          {hint}
        </p>
      )}
      {children({ id, name, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error && (
        <p id={errorId} className="admin-field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The form's own error (what names none of its inputs: `useProblemFields`' formError), above its buttons; nothing
 * when there is none. */
export function FormError({ error }: { error: unknown }) {
  if (error === null) return null;
  return (
    <p className="admin-form-error" role="alert">
      {messageOf(error)}
    </p>
  );
}
