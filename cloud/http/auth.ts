// Who is calling: a bearer JWT verified through a port, so Cognito's verifier can replace the local one.
import type { AccessTokenVerifier, Principal } from '../services/ports.ts';
import { DomainError } from '../domain/errors.ts';

export async function principalFrom(
  header: string | undefined,
  verifier: AccessTokenVerifier,
): Promise<Principal | undefined> {
  if (!header) return undefined;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
  if (!match) throw new DomainError('unauthorized', 'Send the access token as "Authorization: Bearer <token>".');
  try {
    return await verifier.verify(match[1]!);
  } catch {
    throw new DomainError('unauthorized', 'The access token is not valid or has expired.');
  }
}

export function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw new DomainError('unauthorized', 'Sign in first.');
  return principal;
}
