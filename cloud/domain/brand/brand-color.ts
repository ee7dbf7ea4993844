// A venue's brand colour carries white text (buttons, the email's header band, the kiosk's attract screen), so it
// must contrast with white at WCAG's 4.5:1 for normal text; a lighter colour is refused naming the field.
import { DomainError } from '../errors.ts';

/** The minimum contrast of white text on the brand colour (WCAG 2.2 AA, normal text). */
export const BRAND_MIN_CONTRAST = 4.5;

/** TicketBoss's own colour where a venue has none (the tokens' `--brand` default). */
export const DEFAULT_BRAND_COLOR = '#0b57d0';

function channel(value: number): number {
  const srgb = value / 255;
  return srgb <= 0.04045 ? srgb / 12.92 : ((srgb + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  const value = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((value >> 16) & 255) + 0.7152 * channel((value >> 8) & 255) + 0.0722 * channel(value & 255);
}

/** The contrast ratio of white text on the colour, 1 to 21. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (relativeLuminance(hex) + 0.05);
}

export function assertBrandColorReadable(hex: string | null | undefined, field = 'brandColor'): void {
  if (hex === null || hex === undefined) return;
  const ratio = contrastWithWhite(hex);
  if (ratio < BRAND_MIN_CONTRAST) {
    throw new DomainError(
      'validation_failed',
      `White text on ${hex} has a contrast of ${ratio.toFixed(2)}:1; choose a darker colour (at least ${BRAND_MIN_CONTRAST}:1).`,
      { field, errors: [{ field, message: `too light for white text (${ratio.toFixed(2)}:1, needs 4.5:1)` }] },
    );
  }
}
