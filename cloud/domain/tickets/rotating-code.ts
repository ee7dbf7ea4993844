// Rotating ticket codes: a phone holds a credential the cloud issued for its own key pair, and shows a QR that it
// signs anew every 15 s, so a screenshot or a forwarded picture stops working within half a minute. The format is
// written down in README.md beside this file (the phone's side, renderer/modes/shop/ticket, builds the same bytes).
//
// Credential (bytes): version 3 | key id (4) | ticket id (16) | event id (16) | seat length (1) | seat (UTF-8, ≤ 64) |
// device public key (65: P-256 uncompressed point, WebCrypto's 'raw') | Ed25519 signature of all that (64), by the
// venue's ticket key (the same keys and key ids as the static codes of ticket-code.ts).
// Rotating code (what the QR holds, base64url): credential | time (4: uint32 big-endian, unix seconds) |
// ECDSA P-256 SHA-256 signature (64: r ‖ s, WebCrypto's output) by the phone's private key over credential | time.
//
// Pure: the caller passes the accepted keys, the time and a replay memory (the door's own).
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import {
  HEADER_BYTES,
  MAX_SEAT_BYTES,
  readTicketCodeHead,
  ticketCodeHead,
  ticketKeyId,
  type TicketCodeFields,
  type VerifiedTicketCode,
} from './ticket-code.ts';

export const CREDENTIAL_VERSION = 3;
/** How often the phone shows a new code. */
export const ROTATION_SECONDS = 15;
/** How far a code's time may be from the door's clock, either way: its age and the clocks' skew in one rule. */
export const MAX_CODE_SKEW_SECONDS = 30;

export const DEVICE_KEY_BYTES = 65;
const CREDENTIAL_SIGNATURE_BYTES = 64;
const TIME_BYTES = 4;
const DEVICE_SIGNATURE_BYTES = 64;
/** The longest code (a 64-byte seat): 299 bytes, 399 base64url characters. */
export const MAX_ROTATING_CODE_CHARS = Math.ceil(
  ((HEADER_BYTES +
    MAX_SEAT_BYTES +
    DEVICE_KEY_BYTES +
    CREDENTIAL_SIGNATURE_BYTES +
    TIME_BYTES +
    DEVICE_SIGNATURE_BYTES) *
    4) /
    3,
);

export interface CredentialFields extends TicketCodeFields {
  /** The phone's public key: 65 bytes, 0x04 | x (32) | y (32). */
  devicePublicKey: Uint8Array;
}

export interface VerifiedCredential extends VerifiedTicketCode {
  devicePublicKey: Buffer;
}

export interface VerifiedRotatingCode extends VerifiedCredential {
  /** The code's time, unix seconds. */
  time: number;
}

export type RotatingCodeRefusal = 'invalid_code' | 'code_expired' | 'code_replayed';

export type RotatingCodeCheck = { ok: true; code: VerifiedRotatingCode } | { ok: false; reason: RotatingCodeRefusal };

/**
 * What a door has already seen. `firstSight` is true the first time a (ticket, time) pair is offered and false after;
 * `now` (unix seconds) lets a memory forget pairs too old to pass the clock rule again.
 */
export interface ReplayMemory {
  firstSight(ticketId: string, time: number, now: number): boolean;
}

/**
 * The phone's public key as a key object, or null unless it is exactly a P-256 uncompressed point on the curve (the
 * binding route refuses anything else before a credential is signed).
 */
export function devicePublicKeyFrom(raw: Uint8Array): KeyObject | null {
  if (raw.length !== DEVICE_KEY_BYTES || raw[0] !== 0x04) return null;
  const bytes = Buffer.from(raw);
  try {
    return createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: bytes.subarray(1, 33).toString('base64url'),
        y: bytes.subarray(33, 65).toString('base64url'),
      },
      format: 'jwk',
    });
  } catch {
    // OpenSSL refuses a point that is not on the curve.
    return null;
  }
}

/** The credential for a ticket bound to a phone's key, base64url, signed with the venue's current ticket key. */
export function issueCredential(privateKey: KeyObject, fields: CredentialFields): string {
  if (!devicePublicKeyFrom(fields.devicePublicKey)) throw new RangeError('not a P-256 public key (65 bytes, raw)');
  const payload = Buffer.concat([
    ticketCodeHead(CREDENTIAL_VERSION, privateKey, fields),
    Buffer.from(fields.devicePublicKey),
  ]);
  return Buffer.concat([payload, sign(null, payload, privateKey)]).toString('base64url');
}

/** The length of the credential at the start of `bytes` (from its seat length), or 0 if it cannot be one. */
function credentialLength(bytes: Buffer): number {
  if (bytes.length < HEADER_BYTES || bytes[0] !== CREDENTIAL_VERSION) return 0;
  const seatLength = bytes[HEADER_BYTES - 1]!;
  if (seatLength > MAX_SEAT_BYTES) return 0;
  return HEADER_BYTES + seatLength + DEVICE_KEY_BYTES + CREDENTIAL_SIGNATURE_BYTES;
}

function readCredential(
  publicKeys: readonly KeyObject[],
  credential: Buffer,
): (VerifiedCredential & { deviceKey: KeyObject }) | null {
  const keyId = credential.subarray(1, 5).toString('hex');
  const key = publicKeys.find((k) => ticketKeyId(k) === keyId);
  if (!key) return null;
  const signed = credential.length - CREDENTIAL_SIGNATURE_BYTES;
  if (!verify(null, credential.subarray(0, signed), key, credential.subarray(signed))) return null;
  const seatEnd = HEADER_BYTES + credential[HEADER_BYTES - 1]!;
  const devicePublicKey = credential.subarray(seatEnd, seatEnd + DEVICE_KEY_BYTES);
  const deviceKey = devicePublicKeyFrom(devicePublicKey);
  if (!deviceKey) return null;
  return {
    ...readTicketCodeHead(credential),
    keyId,
    devicePublicKey: Buffer.from(devicePublicKey),
    deviceKey,
  };
}

/** A credential's fields if the venue's key signed it (a key among `publicKeys`), else null. */
export function verifyCredential(
  publicKeys: KeyObject | readonly KeyObject[],
  credential: string,
): VerifiedCredential | null {
  if (!/^[A-Za-z0-9_-]+$/.test(credential) || credential.length > MAX_ROTATING_CODE_CHARS) return null;
  const bytes = Buffer.from(credential, 'base64url');
  const length = credentialLength(bytes);
  if (!length || bytes.length !== length) return null;
  const read = readCredential(keyList(publicKeys), bytes);
  if (!read) return null;
  const { deviceKey: _deviceKey, ...fields } = read;
  return fields;
}

/** True when the code is shaped like a rotating code (version 3), so a door knows which check to make. */
export function isRotatingCode(code: string): boolean {
  // The first 4 characters hold the first 3 bytes; base64url is read leniently by Buffer, so check the alphabet.
  return /^[A-Za-z0-9_-]{4}/.test(code) && Buffer.from(code.slice(0, 4), 'base64url')[0] === CREDENTIAL_VERSION;
}

/**
 * Checks a rotating code without the replay rule: the venue's signature over the credential (a key among
 * `publicKeys`), the phone's signature with the credential's device key, and |now − time| ≤ 30 s. A door that keeps
 * its replay memory elsewhere (the cloud's, in the database) calls this, then records (ticketId, time) itself.
 */
export function readRotatingCode(
  publicKeys: KeyObject | readonly KeyObject[],
  code: string,
  now: Date,
): RotatingCodeCheck {
  if (!/^[A-Za-z0-9_-]+$/.test(code) || code.length > MAX_ROTATING_CODE_CHARS) return refuse('invalid_code');
  const bytes = Buffer.from(code, 'base64url');
  const length = credentialLength(bytes);
  if (!length || bytes.length !== length + TIME_BYTES + DEVICE_SIGNATURE_BYTES) return refuse('invalid_code');
  const signed = bytes.subarray(0, length + TIME_BYTES);
  const credential = readCredential(keyList(publicKeys), bytes.subarray(0, length));
  if (!credential) return refuse('invalid_code');
  const { deviceKey, ...fields } = credential;
  const signature = bytes.subarray(length + TIME_BYTES);
  if (!verify('sha256', signed, { key: deviceKey, dsaEncoding: 'ieee-p1363' }, signature)) {
    return refuse('invalid_code');
  }
  // Only a genuine code is told it is expired: a forger learns nothing about the clock rule.
  const time = bytes.readUInt32BE(length);
  if (Math.abs(unixSeconds(now) - time) > MAX_CODE_SKEW_SECONDS) return refuse('code_expired');
  return { ok: true, code: { ...fields, time } };
}

/**
 * The door's whole check of a rotating code: `readRotatingCode`, then the same (ticket, time) a second time at this
 * door (the memory) is refused as code_replayed. The ticket's state (refunded, void, used) is the caller's next step.
 */
export function verifyRotatingCode(options: {
  publicKeys: KeyObject | readonly KeyObject[];
  code: string;
  now: Date;
  replays: ReplayMemory;
}): RotatingCodeCheck {
  const check = readRotatingCode(options.publicKeys, options.code, options.now);
  if (!check.ok) return check;
  if (!options.replays.firstSight(check.code.ticketId, check.code.time, unixSeconds(options.now))) {
    return refuse('code_replayed');
  }
  return check;
}

/**
 * A rotating code made with Node's crypto, as the phone makes it with WebCrypto: for tests, benchmarks and tools.
 * `time` is unix seconds.
 */
export function signRotatingCode(devicePrivateKey: KeyObject, credential: string, time: number): string {
  const timeBytes = Buffer.alloc(TIME_BYTES);
  timeBytes.writeUInt32BE(time);
  const signed = Buffer.concat([Buffer.from(credential, 'base64url'), timeBytes]);
  const signature = sign('sha256', signed, { key: devicePrivateKey, dsaEncoding: 'ieee-p1363' });
  return Buffer.concat([signed, signature]).toString('base64url');
}

/**
 * A door's replay memory in this process: every (ticket, time) it admitted or refused as a replay within the clock
 * rule's window. Pairs older than the window are forgotten as later checks pass by (such a code is refused as
 * expired anyway), so the memory holds at most the codes of one minute.
 */
export class InMemoryReplayMemory implements ReplayMemory {
  private readonly seen = new Map<string, number>();
  private prunedAt = 0;

  firstSight(ticketId: string, time: number, now: number): boolean {
    if (now - this.prunedAt >= MAX_CODE_SKEW_SECONDS) this.prune(now);
    const key = `${ticketId}@${time}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, time);
    return true;
  }

  /** How many pairs it holds (for tests). */
  get size(): number {
    return this.seen.size;
  }

  private prune(now: number) {
    for (const [key, time] of this.seen) if (time < now - MAX_CODE_SKEW_SECONDS) this.seen.delete(key);
    this.prunedAt = now;
  }
}

export const unixSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

const refuse = (reason: RotatingCodeRefusal): RotatingCodeCheck => ({ ok: false, reason });

const keyList = (keys: KeyObject | readonly KeyObject[]): readonly KeyObject[] =>
  Array.isArray(keys) ? keys : [keys as KeyObject];
