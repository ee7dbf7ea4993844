// The phone's half of a rotating ticket code (the format: cloud/domain/tickets/README.md). The phone makes a P-256
// key pair with WebCrypto whose private key cannot be exported (so the ticket cannot be copied off the phone), gives
// the cloud its public key (65 bytes, WebCrypto's 'raw'), and shows a new code every 15 s: base64url of
// credential | time (uint32 big-endian, unix seconds) | ECDSA P-256 SHA-256 signature (r ‖ s) over both.
// The door's side is cloud/domain/tickets/rotating-code.ts (Node's crypto, so not importable here).

/** How often the code changes; the door takes a code up to 30 s either side of its clock. */
export const ROTATION_SECONDS = 15;

export function makeDeviceKeys(): Promise<CryptoKeyPair> {
  // The public key stays exportable (WebCrypto always makes it so); `false` keeps the private key inside the browser.
  return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

/** The public key as the binding route wants it: base64url of the 65-byte uncompressed point. */
export async function publicKeyText(keys: CryptoKeyPair): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', keys.publicKey)));
}

/** The start of the 15-s window `nowMs` falls in, in unix seconds: the time a code of that window carries. */
export const codeTime = (nowMs: number): number => Math.floor(nowMs / 1000 / ROTATION_SECONDS) * ROTATION_SECONDS;

/** Whole seconds until the next code (15 … 1). */
export const secondsToNextCode = (nowMs: number): number =>
  Math.max(1, Math.ceil(codeTime(nowMs) + ROTATION_SECONDS - nowMs / 1000));

/** The code for `time` (unix seconds): what the QR holds. */
export async function rotatingCode(privateKey: CryptoKey, credential: string, time: number): Promise<string> {
  const credentialBytes = fromBase64Url(credential);
  const signed = new Uint8Array(credentialBytes.length + 4);
  signed.set(credentialBytes);
  new DataView(signed.buffer).setUint32(credentialBytes.length, time, false);
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, signed));
  const code = new Uint8Array(signed.length + signature.length);
  code.set(signed);
  code.set(signature, signed.length);
  return toBase64Url(code);
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
