// passes (issue 19): the GoogleWalletObjects port over the Google Wallet REST API: an OAuth access token from the
// service account (a JWT-bearer grant, RS256, the wallet_object.issuer scope; kept until 5 minutes before it ends),
// then PATCH walletobjects/v1/eventTicketObject/<id>. An object Google does not hold (404: the buyer never saved it)
// is fine; any other refusal throws, so the outbox retries the job.
import { SignJWT, importPKCS8, type CryptoKey } from 'jose';
import type { GoogleWalletConfig, GoogleWalletObjects } from '../../services/passes/ports.ts';

const SCOPE = 'https://www.googleapis.com/auth/wallet_object.issuer';

export interface GoogleWalletEndpoints {
  tokenUrl: string;
  apiBase: string;
}

export const GOOGLE_ENDPOINTS: GoogleWalletEndpoints = {
  tokenUrl: 'https://oauth2.googleapis.com/token',
  apiBase: 'https://walletobjects.googleapis.com/walletobjects/v1',
};

export class GoogleWalletRestObjects implements GoogleWalletObjects {
  private key: CryptoKey | null = null;
  private access: { token: string; until: number } | null = null;

  constructor(
    private readonly config: GoogleWalletConfig,
    private readonly endpoints: GoogleWalletEndpoints = GOOGLE_ENDPOINTS,
    private readonly now: () => number = Date.now,
  ) {}

  async patchEventTicketObject(objectId: string, patch: Record<string, unknown>): Promise<void> {
    await this.patch('eventTicketObject', objectId, patch);
  }

  async patchEventTicketClass(classId: string, patch: Record<string, unknown>): Promise<void> {
    await this.patch('eventTicketClass', classId, patch);
  }

  private async patch(resource: string, id: string, patch: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${this.endpoints.apiBase}/${resource}/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await this.accessToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify(patch),
    });
    if (response.ok || response.status === 404) return;
    throw new Error(`Google Wallet refused the patch of ${resource} ${id}: ${response.status}`);
  }

  private async accessToken(): Promise<string> {
    const now = this.now();
    if (this.access && now < this.access.until) return this.access.token;
    this.key ??= await importPKCS8(this.config.privateKey, 'RS256');
    const assertion = await new SignJWT({ scope: SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(this.config.serviceAccountEmail)
      .setAudience(this.endpoints.tokenUrl)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + 3600)
      .sign(this.key);
    const response = await fetch(this.endpoints.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    });
    if (!response.ok) throw new Error(`Google refused the service account's token request: ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    this.access = { token: body.access_token, until: now + (body.expires_in - 300) * 1000 };
    return body.access_token;
  }
}
