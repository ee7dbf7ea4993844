// A banner across a page or section: information, a warning, an error or a success, with optional actions. Errors
// are announced at once (role alert), the others politely (role status).
import type { ReactNode } from 'react';

export type Tone = 'info' | 'warn' | 'error' | 'success';

export interface BannerProps {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  /** Buttons or links that act on what the banner says. */
  actions?: ReactNode;
  className?: string;
}

const MARKS: Record<Tone, string> = { info: 'i', warn: '!', error: '!', success: '✓' };

export function Banner({ tone = 'info', title, children, actions, className }: BannerProps) {
  return (
    <div
      className={['kit-banner', `kit-banner--${tone}`, className].filter(Boolean).join(' ')}
      role={tone === 'error' ? 'alert' : 'status'}
    >
      <span className="kit-banner__mark" aria-hidden="true">
        {MARKS[tone]}
      </span>
      <div className="kit-banner__text">
        {title && <p className="kit-banner__title">{title}</p>}
        {children}
      </div>
      {actions && <div className="kit-banner__actions">{actions}</div>}
    </div>
  );
}
