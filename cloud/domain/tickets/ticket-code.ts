// Ticket codes a scanner checks offline: the ticket and event ids signed with Ed25519, in one base64url string
// that fits a QR code. Only the public key is needed to check one; nothing in it can be guessed or altered.
import { sign, verify, type KeyObject } from 'node:crypto';

const VERSION = 1;
const PAYLOAD_BYTES = 1 + 16 + 16;
const SIGNATURE_BYTES = 64;

export interface TicketCodeFields {
  ticketId: string;
  eventId: string;
}

const uuidBytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuidText = (bytes: Buffer) => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export function signTicketCode(privateKey: KeyObject, fields: TicketCodeFields): string {
  const payload = Buffer.concat([Buffer.of(VERSION), uuidBytes(fields.ticketId), uuidBytes(fields.eventId)]);
  const signature = sign(null, payload, privateKey);
  return Buffer.concat([payload, signature]).toString('base64url');
}

/** The fields of a genuine code, or null for anything forged, altered or malformed. */
export function verifyTicketCode(publicKey: KeyObject, code: string): TicketCodeFields | null {
  if (!/^[A-Za-z0-9_-]+$/.test(code)) return null;
  const bytes = Buffer.from(code, 'base64url');
  if (bytes.length !== PAYLOAD_BYTES + SIGNATURE_BYTES || bytes[0] !== VERSION) return null;
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  if (!verify(null, payload, publicKey, bytes.subarray(PAYLOAD_BYTES))) return null;
  return { ticketId: uuidText(payload.subarray(1, 17)), eventId: uuidText(payload.subarray(17, 33)) };
}
