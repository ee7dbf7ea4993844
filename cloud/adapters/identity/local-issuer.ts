// The embedded identity provider's signing side for `npm start`: an ES256 key kept under var/, JWTs with
// Cognito-shaped claims, a JWKS to publish, and the verifier that checks them (the same jose code checks Cognito's).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { z } from 'zod';
import type { AccessTokenVerifier, Principal } from '../../services/ports.ts';

const ALG = 'ES256';

export interface IssueOptions {
  sub: string;
  email?: string;
  groups?: string[];
  venueId?: string;
  /** A venue manager's venues. */
  venueIds?: string[];
  ttlSeconds?: number;
  /** The issuing moment (the services' clock); now when left out. */
  issuedAt?: Date;
}

export class LocalIdentityIssuer {
  private constructor(
    readonly issuer: string,
    private readonly privateKey: CryptoKey,
    private readonly publicJwk: JWK,
  ) {}

  /** Loads the key from keyFile (creating it on first start), or keeps a fresh key in memory when none is given. */
  static async create(issuer: string, keyFile?: string): Promise<LocalIdentityIssuer> {
    if (keyFile && existsSync(keyFile)) {
      const stored = JSON.parse(readFileSync(keyFile, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
      return new LocalIdentityIssuer(issuer, (await importJWK(stored.privateJwk, ALG)) as CryptoKey, stored.publicJwk);
    }
    const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), kid: randomUUID(), alg: ALG, use: 'sig' };
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify({ privateJwk: await exportJWK(privateKey), publicJwk }), { mode: 0o600 });
    }
    return new LocalIdentityIssuer(issuer, privateKey, publicJwk);
  }

  /** An issuer over a given P-256 private key (in AWS, derived from the app secret); the key id is its thumbprint. */
  static async fromPrivateJwk(issuer: string, privateJwk: JWK): Promise<LocalIdentityIssuer> {
    const { d: _private, ...publicPart } = privateJwk;
    const publicJwk = { ...publicPart, kid: await calculateJwkThumbprint(publicPart), alg: ALG, use: 'sig' };
    return new LocalIdentityIssuer(issuer, (await importJWK({ ...privateJwk, alg: ALG }, ALG)) as CryptoKey, publicJwk);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async issue(options: IssueOptions): Promise<string> {
    const issuedAt = (options.issuedAt ?? new Date()).getTime();
    return new SignJWT({
      ...(options.email ? { email: options.email } : {}),
      'cognito:groups': options.groups ?? [],
      ...(options.venueId ? { 'custom:venue_id': options.venueId } : {}),
      // Cognito's custom attributes are strings: the venues comma-separated, as a Cognito token would carry them.
      ...(options.venueIds?.length ? { 'custom:venue_ids': options.venueIds.join(',') } : {}),
      // `iat` is in whole seconds; sign-out everywhere needs to tell a token of the same second before from after.
      iat_ms: issuedAt,
      token_use: 'access',
    })
      .setProtectedHeader({ alg: ALG, kid: this.publicJwk.kid! })
      .setIssuer(this.issuer)
      .setSubject(options.sub)
      .setIssuedAt(Math.floor(issuedAt / 1000))
      .setJti(randomUUID())
      .setExpirationTime(Math.floor(issuedAt / 1000) + (options.ttlSeconds ?? 3600))
      .sign(this.privateKey);
  }

  verifier(): AccessTokenVerifier {
    return createJwtVerifier(this.issuer, createLocalJWKSet(this.jwks()));
  }
}

const Claims = z.object({
  sub: z.string().min(1),
  email: z.string().optional(),
  'cognito:groups': z.array(z.string()).default([]),
  token_use: z.literal('access'),
  'custom:venue_id': z.uuid().optional(),
  'custom:venue_ids': z.string().optional(),
  iat: z.number(),
  iat_ms: z.number().optional(),
});

/** A comma-separated list of venue ids (a Cognito custom attribute is a string); ids that are not uuids are left out. */
export const venueIdsClaim = (claim: string | undefined): string[] =>
  (claim ?? '').split(',').filter((id) => z.uuid().safeParse(id).success);

/** Verifies a Cognito-shaped access token against a key set (local JWKS here, Cognito's JWKS URL in AWS). */
export function createJwtVerifier(issuer: string, keys: JWTVerifyGetKey): AccessTokenVerifier {
  return {
    async verify(token: string): Promise<Principal> {
      const { payload } = await jwtVerify(token, keys, { issuer, algorithms: [ALG, 'RS256'] });
      const claims = Claims.parse(payload);
      const venueIds = venueIdsClaim(claims['custom:venue_ids']);
      return {
        sub: claims.sub,
        groups: claims['cognito:groups'],
        ...(claims.email ? { email: claims.email } : {}),
        ...(claims['custom:venue_id'] ? { venueId: claims['custom:venue_id'] } : {}),
        ...(venueIds.length ? { venueIds } : {}),
        issuedAt: claims.iat_ms ?? claims.iat * 1000,
      };
    },
  };
}
