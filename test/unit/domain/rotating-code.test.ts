// Rotating codes (cloud/domain/tickets/rotating-code.ts, format in its README.md): a code the phone signs with
// WebCrypto is admitted; a forged, altered, re-bound or foreign-key code is refused as invalid; a code more than 30 s
// from the door's clock either way is refused as expired; the same (ticket, time) twice at one door is a replay.
import { generateKeyPairSync, randomUUID, webcrypto, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InMemoryReplayMemory,
  MAX_CODE_SKEW_SECONDS,
  MAX_ROTATING_CODE_CHARS,
  devicePublicKeyFrom,
  isRotatingCode,
  issueCredential,
  readRotatingCode,
  signRotatingCode,
  verifyCredential,
  verifyRotatingCode,
} from '../../../cloud/domain/tickets/rotating-code.ts';
import { signTicketCode, ticketKeyId } from '../../../cloud/domain/tickets/ticket-code.ts';
import { staticCodeAdmitted } from '../../../cloud/domain/tickets/code-policy.ts';

const venueKey = generateKeyPairSync('ed25519');
const oldVenueKey = generateKeyPairSync('ed25519');
const accepted = [venueKey.publicKey, oldVenueKey.publicKey];

const rawPublicKey = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).subarray(-65);
const phoneKey = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });

const NOW = new Date('2026-12-07T19:30:00.000Z');
const nowSeconds = NOW.getTime() / 1000;
const ticket = { ticketId: randomUUID(), eventId: randomUUID(), seat: 'MAIN-A-1' };

function boundTicket(seat = ticket.seat, key = venueKey.privateKey) {
  const phone = phoneKey();
  const credential = issueCredential(key, { ...ticket, seat, devicePublicKey: rawPublicKey(phone.publicKey) });
  return { phone, credential, codeAt: (time: number) => signRotatingCode(phone.privateKey, credential, time) };
}

const check = (code: string, now = NOW, replays = new InMemoryReplayMemory()) =>
  verifyRotatingCode({ publicKeys: accepted, code, now, replays });

describe('rotating codes', () => {
  it('admits a code the phone made with WebCrypto (raw P-256 key, r‖s signature over credential | time)', async () => {
    const subtle = webcrypto.subtle;
    const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
    expect(raw.length).toBe(65);
    const credential = issueCredential(venueKey.privateKey, { ...ticket, devicePublicKey: raw });
    const signed = Buffer.concat([Buffer.from(credential, 'base64url'), Buffer.alloc(4)]);
    signed.writeUInt32BE(nowSeconds - 7, signed.length - 4);
    const signature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, signed);
    const code = Buffer.concat([signed, Buffer.from(signature)]).toString('base64url');

    const result = check(code);
    expect(result).toEqual({
      ok: true,
      code: {
        ...ticket,
        keyId: ticketKeyId(venueKey.publicKey),
        devicePublicKey: Buffer.from(raw),
        time: nowSeconds - 7,
      },
    });
  });

  it('reads the credential back: the ticket, its seat, the signing key and the device key', () => {
    const { phone, credential } = boundTicket('ga:Floor – Stehplatz ✓');
    expect(verifyCredential(accepted, credential)).toEqual({
      ...ticket,
      seat: 'ga:Floor – Stehplatz ✓',
      keyId: ticketKeyId(venueKey.publicKey),
      devicePublicKey: rawPublicKey(phone.publicKey),
    });
    expect(verifyCredential(accepted, credential.slice(0, -2))).toBeNull();
  });

  it('accepts codes signed under a retired key still accepted, and refuses a key no longer accepted', () => {
    const old = boundTicket(ticket.seat, oldVenueKey.privateKey);
    expect(check(old.codeAt(nowSeconds)).ok).toBe(true);
    const stranger = boundTicket(ticket.seat, generateKeyPairSync('ed25519').privateKey);
    expect(check(stranger.codeAt(nowSeconds))).toEqual({ ok: false, reason: 'invalid_code' });
    expect(
      verifyRotatingCode({
        publicKeys: venueKey.publicKey,
        code: old.codeAt(nowSeconds),
        now: NOW,
        replays: new InMemoryReplayMemory(),
      }),
    ).toEqual({ ok: false, reason: 'invalid_code' });
  });

  it('applies the clock rule both ways: 30 s old or ahead is admitted, 31 s is code_expired', () => {
    const { codeAt } = boundTicket();
    for (const offset of [0, -MAX_CODE_SKEW_SECONDS, MAX_CODE_SKEW_SECONDS, -15, 15]) {
      expect(check(codeAt(nowSeconds + offset)).ok, `offset ${offset}`).toBe(true);
    }
    expect(check(codeAt(nowSeconds - 31))).toEqual({ ok: false, reason: 'code_expired' });
    expect(check(codeAt(nowSeconds + 31))).toEqual({ ok: false, reason: 'code_expired' });
    expect(check(codeAt(nowSeconds - 60))).toEqual({ ok: false, reason: 'code_expired' });
    // The door's clock in milliseconds: 30.999 s after the code's second is still within the rule.
    expect(check(codeAt(nowSeconds), new Date(NOW.getTime() + 30_999)).ok).toBe(true);
  });

  it('refuses the same (ticket, time) twice at one door as code_replayed, and the next code is fine', () => {
    const { codeAt } = boundTicket();
    const door = new InMemoryReplayMemory();
    expect(check(codeAt(nowSeconds), NOW, door).ok).toBe(true);
    expect(check(codeAt(nowSeconds), NOW, door)).toEqual({ ok: false, reason: 'code_replayed' });
    // ECDSA signatures are randomized: a second signature over the same time is still the same code to the door.
    expect(check(codeAt(nowSeconds), new Date(NOW.getTime() + 5_000), door)).toEqual({
      ok: false,
      reason: 'code_replayed',
    });
    expect(check(codeAt(nowSeconds + 15), new Date(NOW.getTime() + 15_000), door).ok).toBe(true);
    // Another door has its own memory.
    expect(check(codeAt(nowSeconds)).ok).toBe(true);
  });

  it('forgets pairs that the clock rule refuses anyway, so the memory stays small', () => {
    const door = new InMemoryReplayMemory();
    for (let second = 0; second < 600; second += 15) {
      expect(door.firstSight(ticket.ticketId, nowSeconds + second, nowSeconds + second)).toBe(true);
    }
    expect(door.size).toBeLessThanOrEqual(2 * (MAX_CODE_SKEW_SECONDS / 15) + 2);
    expect(door.firstSight(ticket.ticketId, nowSeconds + 585, nowSeconds + 600)).toBe(false);
  });

  it("refuses a credential moved to another phone: its key cannot sign for the credential's device key", () => {
    const { credential } = boundTicket();
    const thief = phoneKey();
    expect(check(signRotatingCode(thief.privateKey, credential, nowSeconds))).toEqual({
      ok: false,
      reason: 'invalid_code',
    });
  });

  it('refuses any altered byte of a code as invalid_code (never admitted, never told expired)', () => {
    const { codeAt } = boundTicket();
    const bytes = Buffer.from(codeAt(nowSeconds), 'base64url');
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (index, flip) => {
        const altered = Buffer.from(bytes);
        altered[index] = altered[index]! ^ flip;
        expect(check(altered.toString('base64url'))).toEqual({ ok: false, reason: 'invalid_code' });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses truncated, extended, non-base64url and static codes as invalid_code', () => {
    const code = boundTicket().codeAt(nowSeconds);
    for (const bad of [code.slice(0, -4), `${code}AAAA`, `${code.slice(0, 40)}+/${code.slice(42)}`, '', 'Aw']) {
      expect(check(bad)).toEqual({ ok: false, reason: 'invalid_code' });
    }
    const staticCode = signTicketCode(venueKey.privateKey, ticket);
    expect(check(staticCode)).toEqual({ ok: false, reason: 'invalid_code' });
    expect(isRotatingCode(staticCode)).toBe(false);
    expect(isRotatingCode(code)).toBe(true);
  });

  it('fits the longest seat (64 bytes) in the scan request limit, and refuses a longer one', () => {
    const seat = 'x'.repeat(64);
    const code = boundTicket(seat).codeAt(nowSeconds);
    expect(code.length).toBe(MAX_ROTATING_CODE_CHARS);
    expect(MAX_ROTATING_CODE_CHARS).toBeLessThanOrEqual(400);
    expect(check(code).ok).toBe(true);
    expect(() => boundTicket('x'.repeat(65))).toThrow(RangeError);
  });

  it('takes only an uncompressed P-256 point on the curve as a device key', () => {
    const raw = rawPublicKey(phoneKey().publicKey);
    expect(devicePublicKeyFrom(raw)).not.toBeNull();
    expect(devicePublicKeyFrom(raw.subarray(0, 64))).toBeNull();
    const compressedTag = Buffer.from(raw);
    compressedTag[0] = 0x02;
    expect(devicePublicKeyFrom(compressedTag)).toBeNull();
    const offCurve = Buffer.from(raw);
    offCurve[64] = offCurve[64]! ^ 1;
    expect(devicePublicKeyFrom(offCurve)).toBeNull();
    expect(() => issueCredential(venueKey.privateKey, { ...ticket, devicePublicKey: offCurve })).toThrow(RangeError);
  });

  it('tells a caller with its own replay memory the same: readRotatingCode checks all but the replay', () => {
    const { codeAt } = boundTicket();
    const code = codeAt(nowSeconds);
    expect(readRotatingCode(accepted, code, NOW).ok).toBe(true);
    expect(readRotatingCode(accepted, code, NOW).ok).toBe(true);
    expect(readRotatingCode(accepted, code, new Date(NOW.getTime() + 31_000))).toEqual({
      ok: false,
      reason: 'code_expired',
    });
  });
});

describe('code policy: static codes at the door', () => {
  it('admits every static code under static and rotating; under rotating_only only printed or counter tickets', () => {
    const emailed = { channel: 'web', deliveryMethod: 'email' } as const;
    expect(staticCodeAdmitted('static', emailed)).toBe(true);
    expect(staticCodeAdmitted('rotating', emailed)).toBe(true);
    expect(staticCodeAdmitted('rotating_only', emailed)).toBe(false);
    expect(staticCodeAdmitted('rotating_only', { channel: 'web', deliveryMethod: 'mail' })).toBe(true);
    expect(staticCodeAdmitted('rotating_only', { channel: 'web', deliveryMethod: 'will_call' })).toBe(true);
    expect(staticCodeAdmitted('rotating_only', { channel: 'boxoffice', deliveryMethod: 'email' })).toBe(true);
    expect(staticCodeAdmitted('rotating_only', { channel: 'kiosk', deliveryMethod: 'print_at_venue' })).toBe(true);
  });
});
