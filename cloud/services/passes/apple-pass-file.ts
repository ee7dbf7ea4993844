// An Apple Wallet pass file (.pkpass): pass.json, the icon in the venue's colour, the venue's logo, a manifest of
// SHA-1s and its detached PKCS#7 signature by the Pass Type ID certificate. passkit-generator writes the manifest,
// signs (node-forge) and zips: Apple's format has enough sharp edges (WWDR chain, signing time, manifest hashes)
// that a maintained library beats our own.
import { PKPass } from 'passkit-generator';
import { renderSvgPng } from '../fulfilment/ticket-image.ts';
import type { ApplePassConfig } from './ports.ts';

const ICON_SIZES = { 'icon.png': 29, 'icon@2x.png': 58, 'icon@3x.png': 87 } as const;

function iconPng(colour: string, size: number): Buffer {
  // A ticket's outline with its two side notches, white on the venue's colour: no text, so no fonts.
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 29 29">` +
    `<rect width="29" height="29" rx="6" fill="${colour}"/>` +
    `<path d="M6 9h17v3.5a2 2 0 0 0 0 4V20H6v-3.5a2 2 0 0 0 0-4z" fill="#ffffff"/></svg>`;
  return renderSvgPng(svg, []);
}

/** The venue's logo as Apple's logo.png (50 pt high, @2x too), from the drawable PNG or JPEG. */
function logoPngs(logo: { type: string; bytes: Uint8Array } | null): Record<string, Buffer> {
  if (!logo) return {};
  const files: Record<string, Buffer> = {};
  for (const [name, height] of [
    ['logo.png', 50],
    ['logo@2x.png', 100],
  ] as const) {
    const href = `data:${logo.type};base64,${Buffer.from(logo.bytes).toString('base64')}`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${height * 3}" height="${height}"><image width="${height * 3}" height="${height}" preserveAspectRatio="xMinYMid meet" href="${href}"/></svg>`;
    files[name] = renderSvgPng(svg, []);
  }
  return files;
}

export function signApplePass(
  passJson: Record<string, unknown>,
  config: ApplePassConfig,
  images: { colour: string; logo: { type: string; bytes: Uint8Array } | null },
): Buffer {
  const files: Record<string, Buffer> = { 'pass.json': Buffer.from(JSON.stringify(passJson)) };
  for (const [name, size] of Object.entries(ICON_SIZES)) files[name] = iconPng(images.colour, size);
  Object.assign(files, logoPngs(images.logo));
  const pass = new PKPass(files, {
    signerCert: config.signerCert,
    signerKey: config.signerKey,
    wwdr: config.wwdr,
    ...(config.signerKeyPassphrase ? { signerKeyPassphrase: config.signerKeyPassphrase } : {}),
  });
  return pass.getAsBuffer();
}
