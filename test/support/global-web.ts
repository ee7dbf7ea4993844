// Vitest global setup for the browser suites: builds the web shop once (dist/web) and says whether Chromium is
// here. Without Chromium the browser suites skip with a message, except in CI, where that is a failure.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { CHROMIUM_PATH } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string | null;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) {
    if (process.env.CI)
      throw new Error(`CI must run the browser suites, but there is no Chromium at ${CHROMIUM_PATH}.`);
    console.warn(
      `No Chromium at ${CHROMIUM_PATH}: the browser suites will be skipped (install the Debian package "chromium").`,
    );
    project.provide('chromiumPath', null);
    return;
  }
  // Each browser project runs this setup in the one Vitest process: the first builds, the others wait for it.
  const shared = globalThis as { ticketbossWebBuild?: Promise<void> };
  await (shared.ticketbossWebBuild ??= buildWeb());
  project.provide('chromiumPath', CHROMIUM_PATH);
}

async function buildWeb(): Promise<void> {
  // The browser suites test the production build, as `npm start` serves it (Vitest's NODE_ENV=test would otherwise
  // give React's development build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
