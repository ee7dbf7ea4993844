// What preload/index.ts exposes through contextBridge (window.ticketboss), bound with Playwright's exposeBinding to a
// main-process bridge handler running in the test, instead of ipcRenderer. Returns the function main uses to push
// live messages to the page.
import type { Page } from 'playwright-core';
import type { LivePush } from '../../preload/bridge.ts';
import type { BridgeAnswer } from '../../main/bridge/handler.ts';

export async function bindBridge(
  page: Page,
  handle: (channel: string, input: unknown) => Promise<BridgeAnswer>,
): Promise<(push: LivePush) => void> {
  await page.exposeBinding('ticketbossInvoke', (_source, channel: string, input: unknown) => handle(channel, input));
  // A string, not a function: a transpiler's helpers (tsx adds __name) do not exist in the page.
  await page.addInitScript(`(() => {
    const listeners = new Set();
    window.ticketboss = {
      invoke: (channel, input) => window.ticketbossInvoke(channel, input),
      onLive: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    window.__ticketbossPush = (push) => listeners.forEach((listener) => listener(push));
  })();`);
  return (push) => {
    void page
      .evaluate(
        (message) => (window as unknown as { __ticketbossPush(m: unknown): void }).__ticketbossPush(message),
        push,
      )
      .catch(() => {});
  };
}
