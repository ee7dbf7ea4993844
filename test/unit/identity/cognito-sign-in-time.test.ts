// A Cognito access token's principal is dated by its sign-in (`auth_time`), not its issue (`iat`): a token refreshed
// after a sign-out everywhere, from a refresh token Cognito had not revoked yet, still belongs to the old sign-in and
// is refused by the cut-off; a token of a fresh sign-in is not.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoIssuer, createCognitoVerifier } from '../../../cloud/adapters/identity/cognito.ts';
import type { AccessTokenVerifier } from '../../../cloud/services/ports.ts';

const POOL = 'eu-west-1_SignInTime';

describe('Cognito tokens dated by their sign-in', () => {
  let server: Server;
  let key: CryptoKey;
  let verifier: AccessTokenVerifier;

  const token = (issuedAt: number, authTime?: number) =>
    new SignJWT({
      'cognito:groups': ['clerk'],
      token_use: 'access',
      client_id: 'shop-client',
      ...(authTime === undefined ? {} : { auth_time: authTime }),
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(cognitoIssuer(POOL))
      .setSubject('cognito-sub-1')
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 3600)
      .sign(key);

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256', { extractable: true });
    key = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    verifier = createCognitoVerifier({
      userPoolId: POOL,
      clientIds: ['shop-client'],
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gives a refreshed token its sign-in time, and a token without auth_time its issue time', async () => {
    const now = Math.floor(Date.now() / 1000);
    const signedIn = now - 1800;
    expect((await verifier.verify(await token(now - 10, signedIn))).issuedAt).toBe(signedIn * 1000);
    expect((await verifier.verify(await token(now - 10))).issuedAt).toBe((now - 10) * 1000);
  });
});
