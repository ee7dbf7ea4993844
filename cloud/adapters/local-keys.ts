// Keys for `npm start`, kept under var/ so tickets and order links stay valid across restarts (in AWS they come from
// Secrets Manager): the Ed25519 key that signs ticket codes, and the secret order access tokens are derived from.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';

function keep(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content, { mode: 0o600 });
}

export function loadOrCreateTicketKey(file?: string): KeyObject {
  if (file && existsSync(file)) return createPrivateKey(readFileSync(file, 'utf8'));
  const { privateKey } = generateKeyPairSync('ed25519');
  if (file) keep(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return privateKey;
}

export function loadOrCreateSecret(file?: string): Buffer {
  if (file && existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  const secret = randomBytes(32);
  if (file) keep(file, secret.toString('base64url'));
  return secret;
}

/** Earlier ticket keys still accepted at the door: every `.pem` in the folder (rotation moves the old key there). */
export function loadRetiredTicketKeys(dir?: string): KeyObject[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.pem'))
    .map((file) => createPrivateKey(readFileSync(join(dir, file), 'utf8')));
}
