// passes (issue 19): the PassPush port over APNs (HTTP/2, token auth): one POST /3/device/<push token> per device,
// an empty JSON payload, the pass type id as apns-topic, and a provider token (ES256 JWT: key id, team id) reused
// for 50 minutes (Apple refuses one older than an hour and throttles fresher ones). A device token APNs calls gone
// (410) is reported back, so the service deletes its registration (Apple: stop sending to it); any other refusal
// throws, so the outbox retries the job.
import { connect, type ClientHttp2Session } from 'node:http2';
import { SignJWT, importPKCS8, type CryptoKey } from 'jose';
import type { PassPush } from '../../services/passes/ports.ts';

export interface ApnsConfig {
  teamId: string;
  keyId: string;
  /** The .p8 key (PKCS#8 PEM). */
  privateKey: string;
  /** https://api.push.apple.com by default. */
  origin?: string;
}

const TOKEN_LIFETIME_MS = 50 * 60_000;

export class ApnsPassPush implements PassPush {
  private key: CryptoKey | null = null;
  private token: { value: string; madeAt: number } | null = null;

  constructor(
    private readonly config: ApnsConfig,
    private readonly now: () => number = Date.now,
  ) {}

  async notify(passTypeId: string, pushTokens: readonly string[]): Promise<{ gone: string[] }> {
    if (pushTokens.length === 0) return { gone: [] };
    const bearer = await this.providerToken();
    const session = connect(this.config.origin ?? 'https://api.push.apple.com');
    try {
      const failures: string[] = [];
      const gone: string[] = [];
      for (const pushToken of pushTokens) {
        const status = await send(session, pushToken, passTypeId, bearer);
        if (status === 410) gone.push(pushToken);
        else if (status !== 200) failures.push(`${status}`);
      }
      if (failures.length > 0) throw new Error(`APNs refused ${failures.length} push(es): ${failures.join(', ')}`);
      return { gone };
    } finally {
      session.close();
    }
  }

  private async providerToken(): Promise<string> {
    const now = this.now();
    if (this.token && now - this.token.madeAt < TOKEN_LIFETIME_MS) return this.token.value;
    this.key ??= await importPKCS8(this.config.privateKey, 'ES256');
    const value = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: this.config.keyId })
      .setIssuer(this.config.teamId)
      .setIssuedAt(Math.floor(now / 1000))
      .sign(this.key);
    this.token = { value, madeAt: now };
    return value;
  }
}

function send(session: ClientHttp2Session, pushToken: string, topic: string, bearer: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = session.request({
      ':method': 'POST',
      ':path': `/3/device/${encodeURIComponent(pushToken)}`,
      authorization: `bearer ${bearer}`,
      'apns-topic': topic,
      'apns-push-type': 'background',
      'content-type': 'application/json',
    });
    let status = 0;
    request.on('response', (headers) => {
      status = Number(headers[':status']);
    });
    request.on('error', reject);
    request.on('end', () => resolve(status));
    request.resume();
    request.end('{}');
  });
}
