// The origin lock's secret (cloud/http/origin-lock.ts): read from Secrets Manager (current and previous versions),
// kept for minutes, read again on a miss at most once a minute, and not kept when a read fails.
import type { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import {
  cachedOriginSecret,
  ORIGIN_SECRET_MAX_AGE_MS,
  ORIGIN_SECRET_REFRESH_ON_MISS_MS,
  originSecretFromEnv,
} from '../../../cloud/http/origin-lock.ts';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);

describe('the origin secret', () => {
  it('is none without ORIGIN_VERIFY_SECRET_ARN', () => {
    expect(originSecretFromEnv({})).toBeUndefined();
  });

  it('accepts the current and the previous version, and nothing else', async () => {
    const asked: string[] = [];
    const client = {
      send: async (command: GetSecretValueCommand) => {
        asked.push(`${command.input.SecretId}:${command.input.VersionStage}`);
        return { SecretString: JSON.stringify({ header: command.input.VersionStage === 'AWSCURRENT' ? A : B }) };
      },
    };
    const secret = originSecretFromEnv({ ORIGIN_VERIFY_SECRET_ARN: 'arn:secret' }, client as never)!;
    expect(await secret.accepts(A)).toBe(true);
    expect(await secret.accepts(B)).toBe(true);
    expect(await secret.accepts('c'.repeat(32))).toBe(false);
    expect(asked.sort()).toEqual(['arn:secret:AWSCURRENT', 'arn:secret:AWSPREVIOUS']);
  });

  it('works for a secret never rotated (no previous version)', async () => {
    const client = {
      send: async (command: GetSecretValueCommand) => {
        if (command.input.VersionStage === 'AWSPREVIOUS')
          throw Object.assign(new Error('no such version'), { name: 'ResourceNotFoundException' });
        return { SecretString: JSON.stringify({ header: A }) };
      },
    };
    const secret = originSecretFromEnv({ ORIGIN_VERIFY_SECRET_ARN: 'arn:secret' }, client as never)!;
    expect(await secret.accepts(A)).toBe(true);
  });

  it('is read again when old, and on a miss at most once a minute', async () => {
    let now = 0;
    let reads = 0;
    let values = [A];
    const secret = cachedOriginSecret(
      async () => {
        reads += 1;
        return values;
      },
      () => now,
    );
    expect(await secret.accepts(A)).toBe(true);
    values = [B]; // rotated
    expect(await secret.accepts(B)).toBe(false); // a miss within the minute: no read
    expect(reads).toBe(1);
    now += ORIGIN_SECRET_REFRESH_ON_MISS_MS;
    expect(await secret.accepts(B)).toBe(true); // a miss after it: read again
    expect(reads).toBe(2);
    now += ORIGIN_SECRET_MAX_AGE_MS;
    values = [A];
    expect(await secret.accepts(A)).toBe(true); // old: read again before checking
    expect(reads).toBe(3);
  });

  it('fails closed and keeps no failed read', async () => {
    let fail = true;
    const secret = cachedOriginSecret(async () => {
      if (fail) throw new Error('Secrets Manager unreachable');
      return [A];
    });
    await expect(secret.accepts(A)).rejects.toThrow(/unreachable/);
    fail = false;
    expect(await secret.accepts(A)).toBe(true);
  });
});
