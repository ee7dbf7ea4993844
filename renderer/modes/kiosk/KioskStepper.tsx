// How many tickets, by touch: − and + either side of the number, each a 56 px target, the number announced.
import { useT } from '../../i18n/index.ts';

export function KioskStepper({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange(next: number): void;
}) {
  const t = useT();
  return (
    <div className="kiosk-stepper" role="group" aria-label={label}>
      <span className="kiosk-stepper-label" aria-hidden="true">
        {label}
      </span>
      <button
        type="button"
        aria-label={t('kiosk.buy.fewer')}
        disabled={value <= min}
        onClick={() => onChange(Math.max(min, value - 1))}
      >
        −
      </button>
      <output aria-live="polite">{value}</output>
      <button
        type="button"
        aria-label={t('kiosk.buy.more')}
        disabled={value >= max}
        onClick={() => onChange(Math.min(max, value + 1))}
      >
        +
      </button>
    </div>
  );
}
