// A placeholder in the shape of what is coming (lines of text, or a block such as a card or the seat map), so the
// first view of a screen makes sense before its data. Announced once as "Loading"; the shapes themselves are hidden.
import type { CSSProperties } from 'react';
import { useT } from '../../i18n/index.ts';

export interface SkeletonProps {
  /** Lines of text to stand in for (the last one shorter). */
  lines?: number;
  /** A block instead of lines; its height as a CSS length from the tokens (e.g. 'var(--space-8)'), else a card's. */
  block?: boolean | string;
  /** What is loading, for assistive tech ("Loading events"); defaults to "Loading". */
  label?: string;
  /** One of several placeholders: hidden from assistive tech (another one says "Loading"). */
  decorative?: boolean;
  className?: string;
}

export function Skeleton({ lines = 3, block, label, decorative = false, className }: SkeletonProps) {
  const t = useT();
  const classes = ['kit-skeleton', block ? 'kit-skeleton--block' : 'kit-skeleton--lines', className]
    .filter(Boolean)
    .join(' ');
  const style = typeof block === 'string' ? ({ '--skeleton-height': block } as CSSProperties) : undefined;
  return (
    <div
      className={classes}
      style={style}
      {...(decorative ? { 'aria-hidden': true } : { role: 'status', 'aria-label': label ?? t('common.loading') })}
    >
      {!block &&
        Array.from({ length: lines }, (_, index) => (
          <span key={index} className="kit-skeleton__line" aria-hidden="true" />
        ))}
    </div>
  );
}
