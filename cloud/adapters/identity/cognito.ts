// Cognito access tokens, verified with aws-jwt-verify against the user pool's JWKS (fetched once, cached, refetched
// for an unknown key id). Groups come from `cognito:groups`: the roles `admin`, `venue_manager`, `clerk`,
// `door_steward`, and the venues as `venue-<uuid>` groups: a venue manager's venues (`venueIds`, one or more), a
// clerk's or door steward's one venue (`venueId`). Groups, not a custom attribute, so an admin gives venues in the
// console the same way as roles, and the token carries them without a pre-token-generation trigger.
// The API also accepts the tokens it issues itself (staff sign-in, paired devices): `byIssuer` picks the verifier.
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleFetcher, type Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { decodeJwt } from 'jose';
import type { AccessTokenVerifier, Principal } from '../../services/ports.ts';

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
      // A refreshed access token is newly issued (`iat`) for a sign-in made earlier (`auth_time`): the cut-off of a
      // sign-out everywhere compares the sign-in, so a refresh token Cognito has not revoked yet gains nothing.
      const signedInAt = Math.min(payload.iat, typeof payload.auth_time === 'number' ? payload.auth_time : payload.iat);
      return principalOfCognitoGroups(payload.sub, payload['cognito:groups'] ?? [], signedInAt);
    },
  };
}

/** The `venue-<uuid>` group of a venue (a staff member's venues are groups, like their role). */
export const venueGroup = (venueId: string): string => `venue-${venueId}`;

/** True for the groups that hold a venue. */
export const isVenueGroup = (group: string): boolean => VENUE_GROUP.test(group);

/** The principal a Cognito token names: roles from its groups, venues from its `venue-<uuid>` groups. */
export function principalOfCognitoGroups(sub: string, groups: string[], issuedAtSeconds: number): Principal {
  const venues = groups.map((group) => VENUE_GROUP.exec(group)?.[1]).filter((id): id is string => !!id);
  const roles = groups.filter((group) => !VENUE_GROUP.test(group));
  const manager = roles.includes('venue_manager');
  return {
    sub,
    groups: roles,
    ...(manager && venues.length ? { venueIds: venues } : {}),
    ...(!manager && venues[0] ? { venueId: venues[0] } : {}),
    issuedAt: issuedAtSeconds * 1000,
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
