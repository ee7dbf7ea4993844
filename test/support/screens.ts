// The issue-18 screen check, shared by the viewport suite and `npm run screenshots`: a screen at a viewport is
// checked for axe (every WCAG 2.0–2.2 A/AA violation, whatever its impact) and for nothing wider than the screen
// (the header's one line is shop-shell's test); with SCREENSHOTS_DIR set it is also written there as
// `<screen>-<viewport>[-<locale>].png`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { axeViolations } from './axe.ts';

export interface Viewport {
  name: string;
  width: number;
  height: number;
  touch?: boolean;
}

/** The widths the issue names: a 360 × 740 touch phone, a tablet, a laptop and a 4K screen. */
export const VIEWPORTS: readonly Viewport[] = [
  { name: 'phone', width: 360, height: 740, touch: true },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1440, height: 900 },
  { name: '4k', width: 3840, height: 2160 },
];

export function newScreenContext(
  browser: Browser,
  viewport: Viewport,
  options: { locale?: string; colorScheme?: 'light' | 'dark' } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: viewport.width, height: viewport.height },
    hasTouch: viewport.touch ?? false,
    isMobile: viewport.touch ?? false,
    bypassCSP: true,
    locale: options.locale ?? 'en-GB',
    colorScheme: options.colorScheme ?? 'light',
  });
}

export const screenshotsDir = (): string | null => process.env.SCREENSHOTS_DIR ?? null;

/** Writes the page as it is now to `<SCREENSHOTS_DIR>/<name>.png` when SCREENSHOTS_DIR is set; else does nothing. The
 * kiosk's and the box office's suites call it at their screens, so `npm run screenshots` shows those too. */
export async function writeScreenshot(page: Page, name: string): Promise<void> {
  const dir = screenshotsDir();
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Checks the screen as it is now and writes its picture when asked. */
export async function checkScreen(page: Page, screen: string, viewport: Viewport, locale = 'en'): Promise<void> {
  const label = `${screen} at ${viewport.name} (${viewport.width}px, ${locale})`;
  await writeScreenshot(page, `${screen}-${viewport.name}${locale === 'en' ? '' : `-${locale}`}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label}: wider than the screen`).toBeLessThanOrEqual(0);
  const violations = await axeViolations(page);
  expect(violations, label).toEqual([]);
}
