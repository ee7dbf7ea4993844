// Chips: a toggle (a filter that is on or off: aria-pressed) or a static label, optionally with a colour swatch (a
// tier's colour in a legend). ChipRow lays chips out on one line that scrolls sideways instead of wrapping.
import type { ButtonHTMLAttributes, CSSProperties, ReactNode } from 'react';

export interface ChipProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onChange'> {
  /** Given: the chip is a toggle button in this state. Absent: a static chip. */
  pressed?: boolean;
  onPressedChange?(pressed: boolean): void;
  /** A colour shown as a dot before the text (any CSS colour, e.g. a tier's). */
  swatch?: string;
  size?: 'md' | 'touch';
  children: ReactNode;
}

export function Chip({
  pressed,
  onPressedChange,
  swatch,
  size = 'md',
  className,
  children,
  onClick,
  ...rest
}: ChipProps) {
  const classes = ['kit-chip', `kit-chip--${size}`, pressed ? 'kit-chip--on' : null, className]
    .filter(Boolean)
    .join(' ');
  const dot = swatch ? (
    <span className="kit-chip__swatch" aria-hidden="true" style={{ '--swatch': swatch } as CSSProperties} />
  ) : null;
  const interactive = pressed !== undefined || onPressedChange !== undefined || onClick !== undefined;
  if (!interactive)
    return (
      <span className={classes} id={rest.id} title={rest.title}>
        {dot}
        {children}
      </span>
    );
  return (
    <button
      type="button"
      {...rest}
      className={classes}
      aria-pressed={pressed}
      onClick={(event) => {
        onClick?.(event);
        if (pressed !== undefined) onPressedChange?.(!pressed);
      }}
    >
      {dot}
      {pressed && (
        <span className="kit-chip__check" aria-hidden="true">
          ✓
        </span>
      )}
      {children}
    </button>
  );
}

export interface ChipRowProps {
  label?: string;
  children: ReactNode;
  className?: string;
  /** Give 0 when the chips are static, so a keyboard can still scroll the row. */
  tabIndex?: number;
}

export function ChipRow({ label, children, className, tabIndex }: ChipRowProps) {
  return (
    <div
      className={['kit-chip-row', className].filter(Boolean).join(' ')}
      role={label ? 'group' : undefined}
      aria-label={label}
      tabIndex={tabIndex}
    >
      {children}
    </div>
  );
}
