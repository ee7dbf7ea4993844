// Electron glue: binds the bridge (preload/bridge.ts) to the main-process handler. Every call is checked for its
// sender (a page of the app's own origin) before the handler validates its input; live pushes go to every window.
import type { IpcMain, WebContents } from 'electron';
import type { LivePush } from '../preload/bridge.ts';
import { isAllowedNavigation } from './security.ts';
import type { BridgeAnswer } from './bridge/handler.ts';

export const INVOKE_CHANNEL = 'bridge:invoke';
export const LIVE_CHANNEL = 'bridge:live';

export function registerIpc(
  ipcMain: IpcMain,
  handle: (channel: string, input: unknown) => Promise<BridgeAnswer>,
): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown) => {
    const origin = event.senderFrame?.url ?? '';
    if (!isAllowedNavigation(origin)) {
      return {
        ok: false,
        problem: { type: 'https://ticketboss.dev/problems/forbidden', status: 403, detail: 'Not an app page.' },
      };
    }
    return handle(typeof channel === 'string' ? channel : '', input);
  });
}

export function pushLive(contents: WebContents[], push: LivePush): void {
  for (const webContents of contents) if (!webContents.isDestroyed()) webContents.send(LIVE_CHANNEL, push);
}
