// The design tokens' two themes in Chromium, on the built shop: each colour token is written once as
// light-dark(light, dark) (renderer/styles/tokens.css), so the theme is the page's color-scheme. The system's
// preference picks it, data-theme forces either one over it, and the seat map's canvas, which reads its colours
// through getComputedStyle, gets a colour it can paint with in both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumPath, launchBrowser, startShop, type ShopWorld } from '../support/browser.ts';

const LIGHT = { page: 'rgb(244, 244, 241)', ink: 'rgb(27, 27, 27)', map: '#fafaf7' };
const DARK = { page: 'rgb(18, 18, 18)', ink: 'rgb(241, 241, 239)', map: '#18181a' };

describe.skipIf(!chromiumPath())('the light and dark tokens', () => {
  let world: ShopWorld;
  let browser: Browser;
  beforeAll(async () => {
    world = await startShop({ name: 'Theme Night' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await world?.cloud.close();
  });

  /** The page's background and text as painted, and the map background as a canvas takes it from the tokens. */
  const colours = async (colorScheme: 'light' | 'dark', theme?: 'light' | 'dark') => {
    const context = await browser.newContext({ colorScheme });
    try {
      const page = await context.newPage();
      await page.goto(world.cloud.url + '/');
      await page.getByRole('link', { name: 'Theme Night' }).waitFor();
      return await page.evaluate((forced) => {
        if (forced) document.documentElement.dataset.theme = forced;
        const probe = document.body.appendChild(document.createElement('div'));
        probe.style.background = 'var(--page)';
        probe.style.color = 'var(--ink)';
        const painted = getComputedStyle(probe);
        const canvas = document.createElement('canvas').getContext('2d')!;
        canvas.fillStyle = '#ff0000';
        canvas.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--map-background').trim();
        return { page: painted.backgroundColor, ink: painted.color, map: String(canvas.fillStyle) };
      }, theme);
    } finally {
      await context.close();
    }
  };

  it("follows the system's preference", async () => {
    expect(await colours('light')).toEqual(LIGHT);
    expect(await colours('dark')).toEqual(DARK);
  });

  it('lets data-theme force either theme over the system', async () => {
    expect(await colours('dark', 'light')).toEqual(LIGHT);
    expect(await colours('light', 'dark')).toEqual(DARK);
  });
});
