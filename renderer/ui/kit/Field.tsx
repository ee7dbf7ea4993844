// A form field: its label, an optional hint, and the error in plain words under it. The control (TextInput, Select,
// or any one element) gets the id, aria-describedby (hint and error) and aria-invalid, so nothing is wired by hand.
import {
  cloneElement,
  forwardRef,
  isValidElement,
  useId,
  type InputHTMLAttributes,
  type ReactElement,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react';

export interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** The one control this field labels. */
  children: ReactElement<Record<string, unknown>>;
  className?: string;
  /** The control's id when the screen needs to know it (to move focus there); otherwise one is made. */
  id?: string;
  /** The label is for assistive tech only (the control's values say what it is: "2 tickets"). */
  hideLabel?: boolean;
}

export function Field({ label, hint, error, children, className, id, hideLabel = false }: FieldProps) {
  const madeId = useId();
  const controlId = id ?? (children.props.id as string | undefined) ?? `field${madeId}`;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [children.props['aria-describedby'], hint ? hintId : null, error ? errorId : null]
    .filter(Boolean)
    .join(' ');
  const control = isValidElement(children)
    ? cloneElement(children, {
        id: controlId,
        'aria-describedby': describedBy || undefined,
        // A control may know itself that it is invalid (a number that does not parse) without words for it here.
        'aria-invalid': error ? true : children.props['aria-invalid'],
      })
    : children;
  return (
    <div className={['kit-field', error ? 'kit-field--invalid' : null, className].filter(Boolean).join(' ')}>
      <label className={hideLabel ? 'kit-visually-hidden' : 'kit-field__label'} htmlFor={controlId}>
        {label}
      </label>
      {hint && (
        <p id={hintId} className="kit-field__hint">
          {hint}
        </p>
      )}
      {control}
      {error && (
        <p id={errorId} className="kit-field__error">
          <span className="kit-field__error-mark" aria-hidden="true">
            !
          </span>
          {error}
        </p>
      )}
    </div>
  );
}

export const TextInput = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(function TextInput(
  { className, type = 'text', ...rest },
  ref,
) {
  return <input ref={ref} type={type} className={['kit-input', className].filter(Boolean).join(' ')} {...rest} />;
});

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function Select(
  { className, children, ...rest },
  ref,
) {
  return (
    <select ref={ref} className={['kit-input', 'kit-select', className].filter(Boolean).join(' ')} {...rest}>
      {children}
    </select>
  );
});
