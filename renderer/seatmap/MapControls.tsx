// The map's own buttons in its corner (the inline end, so on the left in a right-to-left page): zoom in, zoom out and
// show the whole map, each named and reachable from the keyboard; and the brief hint that the wheel scrolls the page
// here unless Ctrl (⌘ on a Mac) is held.
import { useT } from '../i18n/index.ts';
import { Button } from '../ui/kit/index.ts';

export const ZOOM_STEP = 1.5;

/** "⌘" on Apple systems, "Ctrl" elsewhere: the key that makes the wheel zoom. */
export function zoomKey(): string {
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ??
    navigator.platform ??
    '';
  return /mac|iphone|ipad/i.test(platform) ? '⌘' : 'Ctrl';
}

export function MapControls({ onZoom, onFit }: { onZoom(factor: number): void; onFit(): void }) {
  const t = useT();
  return (
    <div className="seatmap-controls" role="group" aria-label={t('seatmap.controls.label')}>
      <Button variant="secondary" aria-label={t('seatmap.controls.zoomIn')} onClick={() => onZoom(ZOOM_STEP)}>
        <span aria-hidden="true">+</span>
      </Button>
      <Button variant="secondary" aria-label={t('seatmap.controls.zoomOut')} onClick={() => onZoom(1 / ZOOM_STEP)}>
        <span aria-hidden="true">−</span>
      </Button>
      <Button variant="secondary" aria-label={t('seatmap.controls.fit')} onClick={onFit}>
        <svg className="seatmap-fit-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" />
        </svg>
      </Button>
    </div>
  );
}

export function WheelHint({ visible }: { visible: boolean }) {
  const t = useT();
  if (!visible) return null;
  return (
    <div className="seatmap-hint" aria-hidden="true">
      {t('seatmap.wheelHint', { key: zoomKey() })}
    </div>
  );
}
