// Serves the built web shop (dist/web) from the local cloud: hashed assets cached for a year, index.html for every
// other page path (the shop routes in the browser), under a strict Content-Security-Policy.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

export const SHOP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Adds the shop's routes to the app when the shop has been built; returns whether it was. */
export function serveWebShop(app: Hono, dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const root = resolve(dir) + sep;
  app.get('*', async (c, next) => {
    const path = decodeURIComponent(c.req.path);
    // The API's own paths keep their problem+json answers.
    if (/^\/(v1|sandbox|\.well-known|healthz)(\/|$)/.test(path)) return next();
    const file = normalize(join(dir, path));
    const isFile = file.startsWith(root) && existsSync(file) && statSync(file).isFile();
    const chosen = isFile ? file : index;
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(chosen)] ?? 'application/octet-stream',
      'cache-control': path.startsWith('/assets/') && isFile ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (chosen === index) {
      headers['content-security-policy'] = SHOP_CSP;
      headers['x-frame-options'] = 'DENY';
    }
    return c.body(readFileSync(chosen), 200, headers);
  });
  return true;
}
