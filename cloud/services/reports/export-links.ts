// Download links the API signs for the local export store (in AWS, S3 presigns its own): the export's id and an
// expiry, signed with HMAC-SHA256 under a key derived from the server's secret, so a browser follows the link as a
// plain download with no bearer token, and a link changed by a character or followed after its time is refused.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';

export class ExportLinkSigner {
  private readonly key: Buffer;

  constructor(secret: Buffer) {
    // A key of its own, so a signature made here is never valid as another token made from the same secret.
    this.key = createHmac('sha256', secret).update('export-download-links').digest();
  }

  sign(exportId: string, expiresAt: Date): { expires: number; signature: string } {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return { expires, signature: this.mac(exportId, expires).toString('base64url') };
  }

  /** Throws forbidden for a signature that is not ours, download_link_expired for a link past its time. */
  verify(exportId: string, expires: number, signature: string, now: Date): void {
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(exportId, expires);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DomainError('forbidden', 'This download link is not valid. Open the export again for a new one.');
    }
    if (now.getTime() >= expires * 1000) {
      throw new DomainError('download_link_expired', 'This download link has expired. Open the export for a new one.');
    }
  }

  private mac(exportId: string, expires: number): Buffer {
    return createHmac('sha256', this.key).update(`${exportId}.${expires}`).digest();
  }
}
