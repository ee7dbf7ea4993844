// The machine as the screens see it: the bridge client, its latest status from the main process, and a way to
// replace that status after an action (sign-in, pairing) without waiting for the next poll.
import { createContext, useContext } from 'react';
import type { DeviceStatus } from '../../../preload/bridge.ts';
import type { BridgeTicketingClient } from '../../client/bridge-client.ts';

export interface DeviceContextValue {
  client: BridgeTicketingClient;
  status: DeviceStatus;
  setStatus(status: DeviceStatus): void;
}

export const DeviceContext = createContext<DeviceContextValue | null>(null);

export function useDevice(): DeviceContextValue {
  const device = useContext(DeviceContext);
  if (!device) throw new Error('useDevice outside the device app');
  return device;
}
