// A venue's logo for the desktop app's pages, as a data: URL: an app:// page cannot fetch the API's logo address (its
// scheme serves no API and its CSP allows no network), so the main process fetches it and hands it over the bridge.
// What it hands over is checked like an upload (domain/brand/logo.ts): at most 200 KB, one of the image types, and
// bytes that are what the response's content type says; anything else is no logo. The logo's address carries its
// version, so a copy never goes stale: kept in memory and in the device cache (by that address), it shows offline too.
import { apiPaths } from '../../cloud/contract/routes.ts';
import { LOGO_MAX_BYTES, LOGO_TYPES, sniffLogoType } from '../../cloud/domain/brand/logo.ts';
import type { HttpCache } from '../cache/http-cache.ts';

/** How many logos the memory keeps (a machine shows one venue's; a few versions at most). */
const MEMORY_SIZE = 16;

export class VenueLogos {
  private readonly memory = new Map<string, string | null>();

  constructor(
    private readonly baseUrl: string,
    private readonly cache: HttpCache | null,
    private readonly options: { timeoutMs?: number; clock?: () => Date } = {},
  ) {}

  /** The logo of this version as a data: URL, or null when the venue has none or the image is not acceptable. */
  async dataUrl(venueId: string, version: string): Promise<string | null> {
    const path = `${apiPaths.venueLogo(venueId)}?v=${encodeURIComponent(version)}`;
    if (this.memory.has(path)) return this.memory.get(path)!;
    const kept = this.cache?.get(path);
    if (kept) return this.remember(path, kept.body);
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        headers: { accept: LOGO_TYPES.join(', ') },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch {
      return null; // unreachable: no logo for now, asked again next time
    }
    if (response.status === 404) return this.remember(path, null);
    if (!response.ok) return null;
    const dataUrl = await acceptableDataUrl(response);
    if (dataUrl !== null) {
      const fetchedAt = (this.options.clock?.() ?? new Date()).toISOString();
      this.cache?.put(path, { body: dataUrl, etag: response.headers.get('etag'), fetchedAt });
    }
    return this.remember(path, dataUrl);
  }

  private remember(path: string, dataUrl: string | null): string | null {
    this.memory.delete(path);
    this.memory.set(path, dataUrl);
    if (this.memory.size > MEMORY_SIZE) this.memory.delete(this.memory.keys().next().value!);
    return dataUrl;
  }
}

/** The response's image as a data: URL when its size, declared type and bytes agree; otherwise null. */
async function acceptableDataUrl(response: Response): Promise<string | null> {
  const declared = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(LOGO_TYPES as readonly string[]).includes(declared)) return null;
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > LOGO_MAX_BYTES) return null;
  const bytes = await readAtMost(response, LOGO_MAX_BYTES);
  if (bytes === null || bytes.length === 0 || sniffLogoType(bytes) !== declared) return null;
  return `data:${declared};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** The body's bytes, or null as soon as it passes `limit` (a server that sends more than it says is not read on). */
async function readAtMost(response: Response, limit: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.length;
    if (total > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
