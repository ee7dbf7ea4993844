// The origin lock: the HTTP API's own execute-api address is public (anyone can find it), so with the secret's ARN in
// ORIGIN_VERIFY_SECRET_ARN (the estate sets it on the API function) a request must carry X-Origin-Verify with the
// secret's value, which CloudFront adds to every request it passes on: a caller who goes round CloudFront (and so
// round its WAF and its caches) is answered 403. The devices' REST API is the one other way in, and stays open:
// API Gateway admits only callers with a machine's API key there and says so in the event it hands the function
// (requestContext.identity.apiKeyId), which no caller can forge. Unset (local, tests, a machine's own API): no lock.
// Rotation: the secret's previous value (AWSPREVIOUS) is accepted beside the current one until CloudFront sends the
// new one (cloud/infra/README.md, "Origin lock").
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { ORIGIN_VERIFY_HEADER, ORIGIN_VERIFY_SECRET_ENV, ORIGIN_VERIFY_SECRET_FIELD } from '../contract/origin-lock.ts';
import { sameToken } from '../services/access/derived-tokens.ts';
import { problemResponse } from './problem.ts';

export interface OriginSecret {
  /** Whether `given` is the header's value now (the current one, or the previous one during a rotation). */
  accepts(given: string): Promise<boolean>;
}

/** The values are read again after this long, so a rotation reaches every instance within it. */
export const ORIGIN_SECRET_MAX_AGE_MS = 5 * 60_000;
/** A value that matches none is checked against a fresh read, but at most this often (strangers cannot drive reads). */
export const ORIGIN_SECRET_REFRESH_ON_MISS_MS = 60_000;

/** The event the devices' REST API hands the function when API Gateway has checked a machine's API key. */
const AdmittedWithApiKey = z.object({
  event: z.object({ requestContext: z.object({ identity: z.object({ apiKeyId: z.string().min(1) }) }) }),
});

/** Refuses requests without the origin header's value, when there is a secret to check it against. */
export function originLock(secret: OriginSecret | undefined): MiddlewareHandler {
  if (!secret) return async (_c, next) => next();
  return async (c, next) => {
    if (admittedWithApiKey(c)) return next();
    const given = c.req.header(ORIGIN_VERIFY_HEADER);
    if (given && (await secret.accepts(given))) return next();
    return problemResponse('forbidden', 'Call the API at the shop’s address.', {}, c.req.path);
  };
}

function admittedWithApiKey(c: Context): boolean {
  return AdmittedWithApiKey.safeParse(c.env).success;
}

/** The values from `read` (current first), kept ORIGIN_SECRET_MAX_AGE_MS and read again on a miss at most once a minute. */
export function cachedOriginSecret(read: () => Promise<string[]>, now: () => number = Date.now): OriginSecret {
  let cached: { values: Promise<string[]>; readAt: number } | null = null;
  const load = () => {
    const values = read();
    cached = { values, readAt: now() };
    // A failed read is not kept: the next request reads again (and this one is answered 500: the lock fails closed).
    values.catch(() => {
      if (cached?.values === values) cached = null;
    });
    return values;
  };
  const matches = (values: string[], given: string) => values.some((value) => sameToken(given, value));
  return {
    async accepts(given) {
      const fresh = cached && now() - cached.readAt < ORIGIN_SECRET_MAX_AGE_MS;
      const values = await (fresh ? cached!.values : load());
      if (matches(values, given)) return true;
      if (cached && now() - cached.readAt < ORIGIN_SECRET_REFRESH_ON_MISS_MS) return false;
      return matches(await load(), given);
    },
  };
}

const SecretJson = z.object({ [ORIGIN_VERIFY_SECRET_FIELD]: z.string().min(16) });

/** The secret named by ORIGIN_VERIFY_SECRET_ARN in Secrets Manager (its current and previous versions), or none. */
export function originSecretFromEnv(
  env: Record<string, string | undefined>,
  client?: Pick<SecretsManagerClient, 'send'>,
): OriginSecret | undefined {
  const secretId = env[ORIGIN_VERIFY_SECRET_ENV];
  if (!secretId) return undefined;
  const secrets = client ?? new SecretsManagerClient({});
  const version = async (stage: 'AWSCURRENT' | 'AWSPREVIOUS'): Promise<string[]> => {
    try {
      const answer = await secrets.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage }));
      return [SecretJson.parse(JSON.parse(answer.SecretString ?? '{}'))[ORIGIN_VERIFY_SECRET_FIELD]!];
    } catch (error) {
      // A secret never rotated has no previous version.
      if (stage === 'AWSPREVIOUS' && (error as { name?: string }).name === 'ResourceNotFoundException') return [];
      throw error;
    }
  };
  return cachedOriginSecret(async () => {
    const [current, previous] = await Promise.all([version('AWSCURRENT'), version('AWSPREVIOUS')]);
    return [...current, ...previous];
  });
}
