// Buttons: one look per intent (primary, secondary, ghost, danger, link), sizes down to a touch screen's 56 px target.
// A button that cannot be used says why: `disabledReason` keeps it focusable (aria-disabled), shows the reason beside
// it and ties the two with aria-describedby, so a keyboard or screen-reader user hears the reason too.
import { useId, type AnchorHTMLAttributes, type ButtonHTMLAttributes, type MouseEvent } from 'react';
import { useT } from '../../i18n/index.ts';

import { buttonClass, type ButtonSize, type ButtonVariant } from './button-class.ts';

export { buttonClass, type ButtonSize, type ButtonVariant };

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Working: the button shows a spinner, says so to assistive tech and ignores clicks. */
  busy?: boolean;
  /** Why the button cannot be used now; when given the button is disabled and the reason is shown beside it. */
  disabledReason?: string;
}

export function Button({
  variant = 'primary',
  size = 'md',
  busy = false,
  disabledReason,
  disabled,
  className,
  type = 'button',
  onClick,
  children,
  ...rest
}: ButtonProps) {
  const t = useT();
  const reasonId = useId();
  const explained = Boolean(disabledReason) && (disabled ?? true);
  const blocked = explained || busy;
  const describedBy = [rest['aria-describedby'], explained ? reasonId : null].filter(Boolean).join(' ') || undefined;
  const button = (
    <button
      {...rest}
      type={type}
      className={buttonClass(variant, size, className)}
      disabled={disabled && !explained ? true : undefined}
      aria-disabled={blocked ? true : undefined}
      aria-busy={busy || undefined}
      aria-describedby={describedBy}
      onClick={(event: MouseEvent<HTMLButtonElement>) => {
        if (blocked) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {busy && <span className="kit-spinner" aria-hidden="true" />}
      <span className="kit-button__label">{children}</span>
      {busy && <span className="kit-visually-hidden">{t('common.button.busy')}</span>}
    </button>
  );
  if (!explained) return button;
  return (
    <span className="kit-button-wrap">
      {button}
      <span id={reasonId} className="kit-button-reason">
        {disabledReason}
      </span>
    </span>
  );
}

export interface LinkButtonProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** A link (it goes somewhere) that looks like a button. */
export function LinkButton({ variant = 'secondary', size = 'md', className, children, ...rest }: LinkButtonProps) {
  return (
    <a {...rest} className={buttonClass(variant, size, className)}>
      <span className="kit-button__label">{children}</span>
    </a>
  );
}
