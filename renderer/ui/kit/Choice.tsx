// Checkboxes and radio buttons: the native control (so keyboard, forms and assistive tech work as the platform
// does) in the kit's accent colour and target size, with its words beside it as its label. Without `label`, the bare
// control for a place that names it otherwise (a table cell's aria-label or aria-labelledby).
import { forwardRef, type InputHTMLAttributes, type ReactNode } from 'react';

export interface ChoiceProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  /** The words beside the control; they label it. */
  label?: ReactNode;
}

function choice(type: 'checkbox' | 'radio') {
  return forwardRef<HTMLInputElement, ChoiceProps>(function Choice({ label, className, ...rest }, ref) {
    const input = <input ref={ref} type={type} className="kit-choice__control" {...rest} />;
    if (label === undefined) return input;
    return (
      <label className={['kit-choice', className].filter(Boolean).join(' ')}>
        {input}
        <span className="kit-choice__label">{label}</span>
      </label>
    );
  });
}

export const Checkbox = choice('checkbox');
export const Radio = choice('radio');
