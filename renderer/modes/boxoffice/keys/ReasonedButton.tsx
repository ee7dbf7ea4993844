// A button that, when disabled, says why beside itself (tied with aria-describedby), so a clerk never faces a grey
// button with no reason. The same props as the kit's Button's disabledReason.
import { useId, type ButtonHTMLAttributes } from 'react';

export function ReasonedButton({
  disabledReason,
  disabled,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { disabledReason?: string | null }) {
  const id = useId();
  const reason = disabled ? (disabledReason ?? null) : null;
  return (
    <span className="reasoned-button">
      <button type="button" {...props} disabled={disabled} aria-describedby={reason ? id : undefined} />
      {reason && (
        <span id={id} className="disabled-reason">
          {reason}
        </span>
      )}
    </span>
  );
}
