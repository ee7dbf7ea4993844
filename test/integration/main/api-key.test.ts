// A machine paired in AWS gets its API Gateway key in the pairing answer, keeps it with its credential (encrypted),
// and sends it as x-api-key on every call to the cloud, direct or from its outbox, also after a restart. Between the
// machine and the local cloud, a small forwarding server records each request's key, as API Gateway would check it.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../../cloud/local/server.ts';
import { createOnSaleEvent, smallHall } from '../../support/world.ts';
import { buildDevice, testSecretBox } from '../../support/main/device.ts';
import { startTestCloud } from '../../support/local-cloud.ts';

describe('a paired machine’s API key', () => {
  let cloud: LocalCloud;
  let gateway: Server;
  let gatewayUrl: string;
  let venueId: string;
  const seen: { path: string; apiKey: string | undefined }[] = [];
  const issued: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-apikey-'));

  beforeAll(async () => {
    cloud = await startTestCloud({
      port: 0,
      seed: false,
      deviceKeys: {
        issue: async (device) => {
          issued.push(device.id);
          return `key-for-${device.kind}-0123456789abcdef`;
        },
      },
    });
    const venue = await cloud.services.admin.createVenue({ name: 'Arena', city: 'Basel', timezone: 'Europe/Zurich' });
    venueId = venue.id;
    const seatmap = await cloud.services.admin.importSeatMap(venue.id, smallHall(2, 5));
    await createOnSaleEvent(cloud.services, seatmap.id, ['MAIN', 'PIT'], { name: 'Keyed Concert' });
    gateway = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push({ path: request.url!, apiKey: request.headers['x-api-key'] as string | undefined });
        const headers = Object.fromEntries(
          Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
        ) as Record<string, string>;
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        void fetch(cloud.url + request.url, { method: request.method!, headers, ...(body ? { body } : {}) }).then(
          async (answer) => {
            response.writeHead(
              answer.status,
              Object.fromEntries(
                [...answer.headers].filter(([n]) => n !== 'content-encoding' && n !== 'content-length'),
              ),
            );
            response.end(Buffer.from(await answer.arrayBuffer()));
          },
        );
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${(gateway.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (gateway ? gateway.close(() => resolve()) : resolve()));
    await cloud?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('comes with pairing, is kept, and goes with every call, also after a restart', async () => {
    const box = testSecretBox();
    const code = (
      await cloud.services.identity.createPairingCode({ venueId, kind: 'kiosk', name: 'Gate kiosk' }, 'admin-1')
    ).code;
    const first = buildDevice(join(dir, 'kiosk'), gatewayUrl, { secretBox: box });
    const status = await first.handle('device:register', { code });
    expect(status.ok, JSON.stringify(status)).toBe(true);
    expect(issued).toHaveLength(1);
    const pairIndex = seen.findIndex((r) => r.path === '/v1/devices/pair');
    expect(seen[pairIndex]!.apiKey).toBeUndefined(); // it has none yet
    const after = seen.slice(pairIndex + 1);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.apiKey === 'key-for-kiosk-0123456789abcdef')).toBe(true);
    first.close();

    const before = seen.length;
    const again = buildDevice(join(dir, 'kiosk'), gatewayUrl, { secretBox: box });
    await again.device.restore();
    await again.handle('sync:now', {});
    const restarted = seen.slice(before);
    expect(restarted.length).toBeGreaterThan(0);
    expect(restarted.every((r) => r.apiKey === 'key-for-kiosk-0123456789abcdef')).toBe(true);
    again.close();
  });
});
