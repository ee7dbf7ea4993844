// Ticket codes a scanner checks offline: the ticket, its event and its seat, signed with Ed25519, in one base64url
// string that fits a QR code. The code names the key that signed it (a key id), so keys can be rotated: scanners keep
// every public key still in use and pick the one the code names. Nothing in a code can be guessed or altered.
//
// Layout (bytes): version 2 | key id (4) | ticket id (16) | event id (16) | seat length (1) | seat (UTF-8, ≤ 64) |
// Ed25519 signature of all that (64).
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

const VERSION = 2;
/** version | key id | ticket id | event id | seat length: the start of every code kind (rotating-code.ts too). */
export const HEADER_BYTES = 1 + 4 + 16 + 16 + 1;
const SIGNATURE_BYTES = 64;
export const MAX_SEAT_BYTES = 64;

export interface TicketCodeFields {
  ticketId: string;
  eventId: string;
  /** The seat id, or `ga:<section>` for a standing place. */
  seat: string;
}

export interface VerifiedTicketCode extends TicketCodeFields {
  /** Which key signed it. */
  keyId: string;
}

const uuidBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuidText = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const keyIds = new WeakMap<KeyObject, string>();

/** A key's id: the first 4 bytes of the SHA-256 of its public key (SPKI), in hex. Same for both halves of a pair. */
export function ticketKeyId(key: KeyObject): string {
  let id = keyIds.get(key);
  if (!id) {
    const publicKey = key.type === 'private' ? createPublicKey(key) : key;
    id = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest()
      .subarray(0, 4)
      .toString('hex');
    keyIds.set(key, id);
  }
  return id;
}

/** The header and seat of a code of this version, signed by this key: `version | key id | ticket | event | seat`. */
export function ticketCodeHead(version: number, privateKey: KeyObject, fields: TicketCodeFields): Buffer {
  const seat = Buffer.from(fields.seat, 'utf8');
  if (seat.length > MAX_SEAT_BYTES) throw new RangeError('seat label too long for a ticket code');
  return Buffer.concat([
    Buffer.of(version),
    Buffer.from(ticketKeyId(privateKey), 'hex'),
    uuidBytes(fields.ticketId),
    uuidBytes(fields.eventId),
    Buffer.of(seat.length),
    seat,
  ]);
}

/** The fields of a code's head (its length already checked): ticket, event and seat. */
export function readTicketCodeHead(bytes: Buffer): TicketCodeFields {
  return {
    ticketId: uuidText(bytes.subarray(5, 21)),
    eventId: uuidText(bytes.subarray(21, 37)),
    seat: bytes.subarray(HEADER_BYTES, HEADER_BYTES + bytes[HEADER_BYTES - 1]!).toString('utf8'),
  };
}

export function signTicketCode(privateKey: KeyObject, fields: TicketCodeFields): string {
  const payload = ticketCodeHead(VERSION, privateKey, fields);
  return Buffer.concat([payload, sign(null, payload, privateKey)]).toString('base64url');
}

/**
 * The fields of a genuine code, or null for anything forged, altered, malformed, or signed by a key not among
 * `publicKeys` (an unknown or retired key).
 */
export function verifyTicketCode(
  publicKeys: KeyObject | readonly KeyObject[],
  code: string,
): VerifiedTicketCode | null {
  if (!/^[A-Za-z0-9_-]+$/.test(code) || code.length > 400) return null;
  const bytes = Buffer.from(code, 'base64url');
  if (bytes.length < HEADER_BYTES + SIGNATURE_BYTES || bytes[0] !== VERSION) return null;
  const seatLength = bytes[HEADER_BYTES - 1]!;
  const payloadBytes = HEADER_BYTES + seatLength;
  if (seatLength > MAX_SEAT_BYTES || bytes.length !== payloadBytes + SIGNATURE_BYTES) return null;
  const keyId = bytes.subarray(1, 5).toString('hex');
  const key = (Array.isArray(publicKeys) ? publicKeys : [publicKeys as KeyObject]).find(
    (k) => ticketKeyId(k) === keyId,
  );
  if (!key) return null;
  const payload = bytes.subarray(0, payloadBytes);
  if (!verify(null, payload, key, bytes.subarray(payloadBytes))) return null;
  return { ...readTicketCodeHead(payload), keyId };
}
