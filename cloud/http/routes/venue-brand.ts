// A venue's logo: uploaded by its staff as the raw image (PUT with the image's content type), removed, and served to
// anyone at its versioned address with a year's cache. An SVG is served under a CSP that runs nothing and loads
// nothing, and no response is sniffed as another type.
import type { Services } from '../../services/index.ts';
import { Venue } from '../../contract/index.ts';
import { readBodyBytes } from '../body.ts';
import { VenueParams, endpoint, noStore, problem, route, staffProblems } from './admin-common.ts';

/** Room over the 200 KB a logo may be, so a logo a little too large is refused naming its field (not a bare 413). */
const LOGO_BODY_LIMIT = 1024 * 1024;

export function venueBrandRoutes(services: Services) {
  const { logos } = services.backOffice;
  return [
    route({
      ...endpoint('getVenueLogo'),
      summary: "A venue's logo (its address carries a version, so it is cached for a year)",
      tags: ['catalog'],
      params: VenueParams,
      responses: {
        200: { description: 'The image, with its stored content type', contentType: 'image/*' },
        404: problem('No such venue, or no logo'),
      },
      handler: async ({ params, c }) => {
        const logo = await logos.read(params.venueId);
        const headers: Record<string, string> = {
          'content-type': logo.contentType,
          'cache-control': 'public, max-age=31536000, immutable',
          etag: `"${logo.hash.slice(0, 32)}"`,
          'x-content-type-options': 'nosniff',
          // Whatever its type, the logo opened on its own runs nothing and reaches nothing (an SVG may style itself).
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        };
        if (c.req.header('if-none-match') === headers.etag) return c.body(null, 304, headers);
        return c.body(new Uint8Array(logo.bytes), 200, headers);
      },
    }),
    route({
      ...endpoint('setVenueLogo'),
      summary: "Upload a venue's logo: the image as the body (PNG, JPEG, WebP or SVG, at most 200 KB)",
      tags: ['admin'],
      params: VenueParams,
      security: 'bearer',
      access: { capability: 'venue:manage' },
      bodyLimit: LOGO_BODY_LIMIT,
      responses: {
        200: { description: 'The venue with its new logo address', schema: Venue },
        413: problem('Larger than 200 KB'),
        415: problem('Not a PNG, JPEG, WebP or SVG image, or not the type it says'),
        ...staffProblems('manage venues', 'venue'),
      },
      handler: async ({ params, principal, c }) => {
        const bytes = await readBodyBytes(c, LOGO_BODY_LIMIT);
        const contentType = c.req.header('content-type') ?? '';
        return c.json(await logos.set(principal, params.venueId, { bytes, contentType }), 200, noStore);
      },
    }),
    route({
      ...endpoint('removeVenueLogo'),
      summary: "Remove a venue's logo (TicketBoss's own brand is shown instead)",
      tags: ['admin'],
      params: VenueParams,
      security: 'bearer',
      access: { capability: 'venue:manage' },
      responses: {
        200: { description: 'The venue without a logo', schema: Venue },
        ...staffProblems('manage venues', 'venue'),
      },
      handler: async ({ params, principal, c }) =>
        c.json(await logos.set(principal, params.venueId, null), 200, noStore),
    }),
  ];
}
