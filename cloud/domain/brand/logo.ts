// What a venue's logo may be: at most 200 KB of PNG, JPEG, WebP or SVG, its bytes what its content type says (the
// type is read from the bytes' signature, so a script sent as image/png is refused rather than stored).
import { DomainError } from '../errors.ts';

export const LOGO_MAX_BYTES = 200 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((byte, index) => bytes[at + index] === byte);

/** The image type the bytes are, by their signature (SVG: XML text whose first element is `<svg`). */
export function sniffLogoType(bytes: Uint8Array): LogoType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return 'image/webp';
  }
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
  const withoutProlog = head
    .replace(/^\uFEFF?\s*/, '')
    .replace(/^<\?xml[^>]*\?>\s*/, '')
    .replace(/^(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*/i, '');
  return /^<svg[\s>]/i.test(withoutProlog) ? 'image/svg+xml' : null;
}

const refuse = (code: 'payload_too_large' | 'unsupported_media_type', message: string) =>
  new DomainError(code, `logo: ${message}`, { field: 'logo', errors: [{ field: 'logo', message }] });

/** The logo's content type, checked against its bytes and size. */
export function checkLogo(bytes: Uint8Array, declaredType: string): LogoType {
  if (bytes.length === 0) throw refuse('unsupported_media_type', 'the file is empty');
  if (bytes.length > LOGO_MAX_BYTES) {
    throw refuse('payload_too_large', `at most 200 KB (this one is ${Math.ceil(bytes.length / 1024)} KB)`);
  }
  const declared = declaredType.split(';')[0]!.trim().toLowerCase();
  if (!(LOGO_TYPES as readonly string[]).includes(declared)) {
    throw refuse('unsupported_media_type', 'a PNG, JPEG, WebP or SVG image');
  }
  const actual = sniffLogoType(bytes);
  if (actual !== declared) {
    throw refuse(
      'unsupported_media_type',
      `the file is not the ${declared.replace('image/', '').toUpperCase()} it says`,
    );
  }
  return actual;
}
