// passes (issue 19): the APNs adapter against a local HTTP/2 server standing in for Apple: one POST per device token
// at /3/device/<token>, the pass type id as apns-topic, an ES256 provider token (team id, key id) that verifies with
// the key's public half and is reused; a gone device (410) is skipped, any other refusal fails the job.
import { createServer, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { exportPKCS8, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApnsPassPush } from '../../../../cloud/adapters/passes/apns.ts';

describe('APNs pass push', () => {
  let server: Http2Server;
  let origin: string;
  let publicKey: CryptoKey;
  let privateKey: string;
  const seen: { path: string; topic: string; bearer: string; body: string }[] = [];
  const statusFor = new Map<string, number>();

  beforeAll(async () => {
    const keys = await generateKeyPair('ES256', { extractable: true });
    publicKey = keys.publicKey;
    privateKey = await exportPKCS8(keys.privateKey);
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const path = request.headers[':path'] as string;
        seen.push({
          path,
          topic: request.headers['apns-topic'] as string,
          bearer: (request.headers.authorization as string).replace('bearer ', ''),
          body,
        });
        response.statusCode = statusFor.get(path.split('/').at(-1)!) ?? 200;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('wakes each device with the pass type as topic and a provider token Apple can verify, reused', async () => {
    const push = new ApnsPassPush({ teamId: 'TEAM123456', keyId: 'KEY1234567', privateKey, origin });
    await push.notify('pass.test.ticketboss', ['token-a', 'token-b']);
    await push.notify('pass.test.ticketboss', ['token-c']);
    expect(seen.map((request) => request.path)).toEqual([
      '/3/device/token-a',
      '/3/device/token-b',
      '/3/device/token-c',
    ]);
    expect(seen.every((request) => request.topic === 'pass.test.ticketboss' && request.body === '{}')).toBe(true);
    expect(new Set(seen.map((request) => request.bearer)).size).toBe(1);
    const { payload, protectedHeader } = await jwtVerify(seen[0]!.bearer, publicKey, { issuer: 'TEAM123456' });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: 'KEY1234567' });
    expect(typeof payload.iat).toBe('number');
  });

  it('reports a device APNs calls gone, and fails on any other refusal so the job is retried', async () => {
    const push = new ApnsPassPush({ teamId: 'TEAM123456', keyId: 'KEY1234567', privateKey, origin });
    statusFor.set('gone', 410);
    await expect(push.notify('pass.test.ticketboss', ['token-d', 'gone', 'token-e'])).resolves.toEqual({
      gone: ['gone'],
    });
    await expect(push.notify('pass.test.ticketboss', ['token-f'])).resolves.toEqual({ gone: [] });
    statusFor.set('refused', 403);
    await expect(push.notify('pass.test.ticketboss', ['refused'])).rejects.toThrow(/APNs refused 1/);
  });
});
