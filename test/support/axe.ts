// axe-core in a browser page (WCAG 2.0/2.1/2.2 A and AA rules): no serious or critical violation, and nothing wider
// than the screen. The page's context must bypass CSP, since axe is injected as a script.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Every violation of the WCAG A/AA rules on the page as it is now: rule, impact, help and where. */
export async function axeViolations(page: Page, impacts?: readonly string[]): Promise<string[]> {
  // Measured at rest: finite transitions (a button turning from disabled to enabled) finished, so no colour is read
  // halfway through one. Endless ones (a spinner, a skeleton's shimmer) are left running.
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every(
            (animation) => animation.effect?.getTiming().iterations === Infinity || animation.playState !== 'running',
          ),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => {});
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => !impacts || impacts.includes(v.impact ?? ''))
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Fails with each serious or critical violation (rule, help, where) and when the page scrolls sideways. */
export async function expectAxeClean(page: Page, screen: string): Promise<void> {
  const serious = await axeViolations(page, ['serious', 'critical']);
  expect(serious, `${screen}`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${screen}: wider than the screen`).toBeLessThanOrEqual(0);
}
