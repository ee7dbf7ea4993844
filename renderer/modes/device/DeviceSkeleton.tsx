// The first view of a device screen before its data (or its words) are there: grey shapes where the content will
// be, marked busy for assistive technology, never "Loading…" text.
import './device.css';

export function DeviceSkeleton({ shape = 'screen', label }: { shape?: 'screen' | 'tiles' | 'lines'; label?: string }) {
  return (
    <div className={`device-skeleton device-skeleton-${shape}`} aria-busy="true" role="status" aria-label={label}>
      <span />
      <span />
      <span />
    </div>
  );
}
