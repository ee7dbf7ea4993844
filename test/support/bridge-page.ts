// What preload/index.ts exposes through contextBridge (window.ticketboss), bound with Playwright's exposeBinding to a
// main-process bridge handler running in the test, instead of ipcRenderer. Returns the function main uses to push
// live messages to the page.
import type { Page } from 'playwright-core';
import type { LivePush } from '../../preload/bridge.ts';
import type { BridgeAnswer } from '../../main/bridge-handlers.ts';

export async function bindBridge(
  page: Page,
  handle: (channel: string, input: unknown) => Promise<BridgeAnswer>,
): Promise<(push: LivePush) => void> {
  await page.exposeBinding('ticketbossInvoke', (_source, channel: string, input: unknown) => handle(channel, input));
  await page.addInitScript(() => {
    const listeners = new Set<(push: unknown) => void>();
    const w = window as unknown as Record<string, unknown>;
    w.ticketboss = {
      invoke: (channel: string, input: unknown) =>
        (w.ticketbossInvoke as (c: string, i: unknown) => Promise<unknown>)(channel, input),
      onLive: (listener: (push: unknown) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    w.__ticketbossPush = (push: unknown) => listeners.forEach((listener) => listener(push));
  });
  return (push) => {
    void page
      .evaluate(
        (message) => (window as unknown as { __ticketbossPush(m: unknown): void }).__ticketbossPush(message),
        push,
      )
      .catch(() => {});
  };
}
