// The phone's codes as WebCrypto makes them (Node's WebCrypto is the browser's API) are what the door's rule admits:
// the door's readRotatingCode reads the code phone-code.ts signs for a credential issued to the phone's public key;
// the 15-s windows and the countdown at their edges; base64url both ways.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { issueCredential, readRotatingCode } from '../../../../cloud/domain/tickets/rotating-code.ts';
import {
  codeTime,
  fromBase64Url,
  makeDeviceKeys,
  publicKeyText,
  rotatingCode,
  secondsToNextCode,
  toBase64Url,
} from '../../../../renderer/modes/shop/ticket/phone-code.ts';

const venue = generateKeyPairSync('ed25519');
const ticketId = '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b';
const eventId = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';

describe('the phone’s rotating code', () => {
  it('is admitted by the door’s rule, with a key the phone cannot export', async () => {
    const keys = await makeDeviceKeys();
    expect(keys.privateKey.extractable).toBe(false);
    const publicKey = await publicKeyText(keys);
    expect(fromBase64Url(publicKey)).toHaveLength(65);
    const credential = issueCredential(venue.privateKey, {
      ticketId,
      eventId,
      seat: 'ORCH-C-F-3',
      devicePublicKey: fromBase64Url(publicKey),
    });
    const time = codeTime(Date.parse('2026-12-07T20:00:07Z'));
    const code = await rotatingCode(keys.privateKey, credential, time);
    expect(readRotatingCode(venue.publicKey, code, new Date((time + 10) * 1000))).toEqual({
      ok: true,
      code: expect.objectContaining({ ticketId, eventId, seat: 'ORCH-C-F-3', time }),
    });
    // Another phone's key signing the same credential is not this ticket's phone.
    const other = await makeDeviceKeys();
    const forged = await rotatingCode(other.privateKey, credential, time);
    expect(readRotatingCode(venue.publicKey, forged, new Date(time * 1000))).toEqual({
      ok: false,
      reason: 'invalid_code',
    });
  });

  it('changes at each 15-s window and counts down 15 … 1 within it', () => {
    const window = Date.parse('2026-12-07T20:00:00Z');
    expect(codeTime(window) * 1000).toBe(window);
    expect(codeTime(window + 14_999)).toBe(codeTime(window));
    expect(codeTime(window + 15_000)).toBe(codeTime(window) + 15);
    expect(secondsToNextCode(window)).toBe(15);
    expect(secondsToNextCode(window + 14_001)).toBe(1);
    expect(secondsToNextCode(window + 14_999)).toBe(1);
  });

  it('writes base64url that reads back to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(Buffer.from(text, 'base64url').equals(Buffer.from(bytes))).toBe(true);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });
});
