// Vitest global setup for the browser suites: builds the web shop once (dist/web) and says whether Chromium is
// here. Without Chromium the browser suites skip with a message, except in CI, where that is a failure.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string | null;
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`CI must run the browser suites, but there is no Chromium at ${CHROMIUM}.`);
    console.warn(
      `No Chromium at ${CHROMIUM}: the browser suites will be skipped (install the Debian package "chromium").`,
    );
    project.provide('chromiumPath', null);
    return;
  }
  await build({ configFile: new URL('../../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
  project.provide('chromiumPath', CHROMIUM);
}
