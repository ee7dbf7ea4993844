// The kiosk's and box office's TicketingClient over the bridge: an availability answer from the device's cache (the
// cloud did not answer within the catalog's timeout) says so, for the live seat view not to lay an old copy over live
// state after a reconnect.
import { describe, expect, it } from 'vitest';
import { BridgeTicketingClient } from '../../../../renderer/client/bridge-client.ts';
import type { BridgeWindowApi } from '../../../../preload/bridge.ts';

const AVAILABILITY = { eventId: 'e', seatCount: 0, statuses: '', ga: [] };

function clientAnswering(offline: boolean) {
  const bridge = {
    invoke: async () => ({
      ok: true,
      value: { json: JSON.stringify(AVAILABILITY), offline, fetchedAt: '2026-12-07T03:00:00.000Z' },
    }),
    onLive: () => () => {},
  } as unknown as BridgeWindowApi;
  return new BridgeTicketingClient(bridge);
}

describe('availability over the bridge', () => {
  it("marks the device's cached copy offline", async () => {
    expect(await clientAnswering(true).getAvailability('e')).toEqual({ ...AVAILABILITY, offline: true });
  });

  it("gives the cloud's fresh answer as it is", async () => {
    const read = await clientAnswering(false).getAvailability('e');
    expect(read).toEqual(AVAILABILITY);
    expect(read.offline).toBeUndefined();
  });
});
