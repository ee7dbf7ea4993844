// A "Save to Google Wallet" link: a JWT (RS256, by the issuer's service account key) carrying the event's ticket
// class and the ticket's object, at https://pay.google.com/gp/v/save/<jwt>. Google creates both on the first save;
// later changes go through the REST API (GoogleWalletObjects). jose signs, as it does our access tokens.
import { SignJWT, importPKCS8 } from 'jose';
import type { GoogleWalletConfig } from './ports.ts';

export const GOOGLE_SAVE_URL = 'https://pay.google.com/gp/v/save/';

export async function googleSaveLink(
  config: GoogleWalletConfig,
  content: { eventTicketClass: Record<string, unknown>; eventTicketObject: Record<string, unknown> },
  origins: readonly string[],
  now: Date,
): Promise<string> {
  const key = await importPKCS8(config.privateKey, 'RS256');
  const jwt = await new SignJWT({
    typ: 'savetowallet',
    origins: [...origins],
    payload: { eventTicketClasses: [content.eventTicketClass], eventTicketObjects: [content.eventTicketObject] },
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(config.serviceAccountEmail)
    .setAudience('google')
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .sign(key);
  return `${GOOGLE_SAVE_URL}${jwt}`;
}
