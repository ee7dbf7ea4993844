// The machine tells the cloud its app version on every call (X-App-Version), so the back office's device list shows
// which version each kiosk and box office runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, apiRoutes } from '../../../cloud/contract/routes.ts';
import { CloudClient } from '../../../main/sync/cloud-client.ts';
import { startCaptureServer, type CaptureServer } from '../../support/capture-server.ts';

describe('the machine’s cloud client', () => {
  let cloud: CaptureServer;
  beforeAll(async () => {
    cloud = await startCaptureServer({ status: 200, body: { sub: 'device' } });
  });
  afterAll(async () => cloud.close());

  it('sends its app version with every call, and none when it has none', async () => {
    const client = new CloudClient(cloud.url, undefined, '2.7.0');
    client.setToken('token');
    await client.call(apiRoutes.whoAmI, apiPaths.me());
    await new CloudClient(cloud.url).call(apiRoutes.whoAmI, apiPaths.me());
    expect(cloud.seen.map((request) => request.headers['x-app-version'])).toEqual(['2.7.0', undefined]);
  });
});
