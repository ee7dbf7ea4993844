// Cognito access tokens, verified with aws-jwt-verify against the user pool's JWKS (fetched once, cached, refetched
// for an unknown key id). Groups come from `cognito:groups`: `admin`, `clerk`, and a clerk's venue as `venue-<uuid>`.
// The API also accepts the tokens it issues itself (staff sign-in, paired devices): `byIssuer` picks the verifier.
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleFetcher, type Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { decodeJwt } from 'jose';
import type { AccessTokenVerifier } from '../../services/ports.ts';

export interface CognitoOptions {
  userPoolId: string;
  /** The app clients whose tokens are accepted (web shop, desktop app). */
  clientIds: string[];
  /** Replaces `https://cognito-idp.<region>.amazonaws.com` for the JWKS download (tests: a local server). */
  endpoint?: string;
}

const VENUE_GROUP = /^venue-([0-9a-f-]{36})$/;

export const cognitoIssuer = (userPoolId: string): string =>
  `https://cognito-idp.${userPoolId.split('_')[0]}.amazonaws.com/${userPoolId}`;

export function createCognitoVerifier(options: CognitoOptions): AccessTokenVerifier {
  const issuer = cognitoIssuer(options.userPoolId);
  // The library's own fetcher speaks only HTTPS; a replaced endpoint (a test's local server) is fetched plainly.
  const fetcher: Fetcher = options.endpoint
    ? {
        fetch: async (uri) => {
          const response = await fetch(uri.replace(new URL(issuer).origin, options.endpoint!));
          if (!response.ok) throw new Error(`JWKS download failed: ${response.status}`);
          return response.arrayBuffer();
        },
      }
    : new SimpleFetcher();
  const verifier = CognitoJwtVerifier.create(
    { userPoolId: options.userPoolId, tokenUse: 'access', clientId: options.clientIds },
    { jwksCache: new SimpleJwksCache({ fetcher }) },
  );
  return {
    async verify(token) {
      const payload = await verifier.verify(token);
      const groups = payload['cognito:groups'] ?? [];
      const venue = groups.map((group) => VENUE_GROUP.exec(group)?.[1]).find(Boolean);
      return {
        sub: payload.sub,
        groups: groups.filter((group) => !VENUE_GROUP.test(group)),
        ...(venue ? { venueId: venue } : {}),
      };
    },
  };
}

/** Sends each token to the verifier of its issuer (`iss`, read before verification only to choose). */
export function byIssuer(verifiers: Record<string, AccessTokenVerifier>): AccessTokenVerifier {
  return {
    async verify(token) {
      const issuer = decodeJwt(token).iss;
      const verifier = issuer ? verifiers[issuer] : undefined;
      if (!verifier) throw new Error('unknown token issuer');
      return verifier.verify(token);
    },
  };
}
