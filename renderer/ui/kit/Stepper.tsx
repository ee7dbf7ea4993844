// A number chosen with − and + (ticket quantity): never below min or above max, the buttons at the bounds disabled,
// each at least 44 px (56 px on touch screens). The value is announced as it changes.
import { useId } from 'react';
import { useT } from '../../i18n/index.ts';

export interface StepperProps {
  value: number;
  min?: number;
  max?: number;
  onChange(value: number): void;
  /** What is counted ("Tickets"): names the group and the buttons. */
  label: string;
  size?: 'md' | 'touch';
  className?: string;
}

export function Stepper({ value, min = 0, max = Infinity, onChange, label, size = 'md', className }: StepperProps) {
  const t = useT();
  const labelId = useId();
  const set = (next: number) => onChange(Math.min(max, Math.max(min, next)));
  return (
    <div
      className={['kit-stepper', `kit-stepper--${size}`, className].filter(Boolean).join(' ')}
      role="group"
      aria-labelledby={labelId}
    >
      <span id={labelId} className="kit-stepper__label">
        {label}
      </span>
      <div className="kit-stepper__controls">
        <button
          type="button"
          className="kit-stepper__button"
          aria-label={t('common.stepper.decrease', { label })}
          disabled={value <= min}
          onClick={() => set(value - 1)}
        >
          <span aria-hidden="true">−</span>
        </button>
        <output className="kit-stepper__value" aria-live="polite">
          {value}
        </output>
        <button
          type="button"
          className="kit-stepper__button"
          aria-label={t('common.stepper.increase', { label })}
          disabled={value >= max}
          onClick={() => set(value + 1)}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
    </div>
  );
}
