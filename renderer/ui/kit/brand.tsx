// A venue's brand: its colour becomes --brand (and --brand-ink, black or white, whichever reads better on it), which
// every accent of the kit follows; its logo is shown where a screen asks (VenueLogo). A venue without a colour or logo
// keeps TicketBoss's (the tokens' defaults).
import { useEffect, type CSSProperties, type ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';

export interface BrandedVenue {
  name: string;
  brandColor?: string | null;
  logoUrl?: string | null;
}

const HEX = /^#([0-9a-f]{6})$/i;
const BLACK = '#000000';
const WHITE = '#ffffff';

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const value = HEX.exec(hex)![1]!;
  const [r, g, b] = [0, 2, 4].map((at) => {
    const channel = parseInt(value.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export const contrastRatio = (a: string, b: string): number => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

/** Black or white: whichever has the better contrast on the colour. */
export const inkOn = (hex: string): string => (contrastRatio(hex, BLACK) >= contrastRatio(hex, WHITE) ? BLACK : WHITE);

/** The custom properties a venue's brand sets; empty for no (or a malformed) colour, so the defaults stay. */
export function brandProperties(venue: BrandedVenue | null | undefined): Record<string, string> {
  const color = venue?.brandColor;
  if (!color || !HEX.test(color)) return {};
  return { '--brand': color.toLowerCase(), '--brand-ink': inkOn(color) };
}

/** Sets (or, for null, clears back to TicketBoss's) the brand on an element, the whole page by default. */
export function applyBrand(venue: BrandedVenue | null | undefined, element: HTMLElement = document.documentElement) {
  const properties = brandProperties(venue);
  for (const name of ['--brand', '--brand-ink']) {
    const value = properties[name];
    if (value) element.style.setProperty(name, value);
    else element.style.removeProperty(name);
  }
}

/** Applies a venue's brand to the whole page while mounted (a kiosk, an event's pages). */
export function useBrand(venue: BrandedVenue | null | undefined) {
  const color = venue?.brandColor ?? null;
  useEffect(() => {
    applyBrand({ name: '', brandColor: color });
    return () => applyBrand(null);
  }, [color]);
}

/** The venue's brand on a part of the page only (a card of that venue's event among others). */
export function BrandScope({
  venue,
  children,
  className,
}: {
  venue: BrandedVenue | null | undefined;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={['kit-brand-scope', className].filter(Boolean).join(' ')}
      style={brandProperties(venue) as CSSProperties}
    >
      {children}
    </div>
  );
}

/** The venue's logo (its name as the alternative text); TicketBoss's word mark when it has none, or `fallback`. */
export function VenueLogo({
  venue,
  size = 'md',
  fallback,
}: {
  venue: BrandedVenue | null | undefined;
  size?: 'sm' | 'md' | 'lg';
  fallback?: ReactNode;
}) {
  const t = useT();
  // The logo's address is the API's, on the page's own origin: true for the web shop, not for the desktop app's
  // app:// pages (its CSP and scheme serve no API), which show the word mark until the bridge carries logos.
  const served = typeof location !== 'undefined' && location.protocol.startsWith('http');
  if (venue?.logoUrl && served)
    return (
      <img
        className={`kit-logo kit-logo--${size}`}
        src={venue.logoUrl}
        alt={t('common.brand.logoOf', { venue: venue.name })}
      />
    );
  return <span className={`kit-logo kit-logo--${size} kit-logo--wordmark`}>{fallback ?? t('common.brand.name')}</span>;
}
