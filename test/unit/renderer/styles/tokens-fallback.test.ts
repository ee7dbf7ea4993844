// The design tokens in browsers that know @property but not light-dark() (Safari 16.4-17.4, Chromium 85-122): a
// colour token registered as '<color>' whose value is light-dark() would be invalid there and fall back to its
// initial value, transparent (text, input borders and focus rings gone). So the registrations live only inside
// @supports (color: light-dark(...)), and the build's CSS (lightningcss, Vite's es2022 target) gives every
// light-dark() token a path without light-dark(): the --lightningcss-light/--lightningcss-dark toggle.
import { readFileSync } from 'node:fs';
import { transform } from 'lightningcss';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../../../vite.config.ts';

const SOURCE = readFileSync(new URL('../../../../renderer/styles/tokens.css', import.meta.url), 'utf8');

/** lightningcss's version number of a browser: major << 16 | minor << 8. */
const version = (major: number, minor = 0) => (major << 16) | (minor << 8);
/** What Vite's es2022 turns into for lightningcss (vite's convertTargets), and the oldest Chromium with @property. */
const TARGETS = {
  chrome: version(85),
  edge: version(85),
  safari: version(16, 4),
  ios_saf: version(16, 4),
  firefox: version(93),
  opera: version(80),
};

function built(css: string): string {
  return transform({ filename: 'tokens.css', code: Buffer.from(css), minify: false, targets: TARGETS }).code.toString();
}

/** Each @property rule's name and the preludes of the blocks round it (outermost first). */
function registrations(css: string): { name: string; within: string[] }[] {
  const found: { name: string; within: string[] }[] = [];
  const stack: string[] = [];
  let prelude = '';
  for (const char of css.replace(/\/\*[\s\S]*?\*\//g, '')) {
    if (char === '{') {
      const head = prelude.trim();
      const property = /^@property\s+(--[\w-]+)$/.exec(head);
      if (property) found.push({ name: property[1]!, within: [...stack] });
      stack.push(head);
      prelude = '';
    } else if (char === '}') {
      stack.pop();
      prelude = '';
    } else if (char === ';') {
      prelude = '';
    } else prelude += char;
  }
  return found;
}

/** The value :root gives a token (the first :root block that sets it). */
function rootValue(css: string, name: string): string | undefined {
  const root = /(?:^|\n):root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  return new RegExp(`${name}\\s*:\\s*([^;]+);`).exec(root)?.[1]?.trim();
}

const LIGHT_DARK_SUPPORTS = /^@supports\s*\(\s*color\s*:\s*light-dark\(/;

describe('the colour tokens where light-dark() is missing', () => {
  it('builds for the targets this test lowers for (Vite es2022)', () => {
    // If the build target moves, TARGETS above must follow it.
    expect(viteConfig.build?.target).toBe('es2022');
    expect(viteConfig.build?.cssTarget ?? viteConfig.build?.target).toBe('es2022');
    expect(viteConfig.build?.cssMinify ?? 'lightningcss').toBe('lightningcss');
  });

  for (const [label, css] of [
    ['source', SOURCE],
    ['built', built(SOURCE)],
  ] as const) {
    it(`registers the tokens only inside @supports (color: light-dark(...)) (${label})`, () => {
      const registered = registrations(css);
      expect(registered.length).toBeGreaterThan(0);
      for (const { name, within } of registered) {
        expect(
          within.some((head) => LIGHT_DARK_SUPPORTS.test(head)),
          `${name} registered outside @supports`,
        ).toBe(true);
      }
    });
  }

  it('gives every registered token a value without light-dark() in the built CSS', () => {
    const css = built(SOURCE);
    for (const { name } of registrations(SOURCE)) {
      const value = rootValue(css, name);
      expect(value, name).toBeDefined();
      expect(value, name).not.toContain('light-dark(');
    }
    // Nothing outside the @supports conditions still needs light-dark().
    expect(css.replace(/@supports\s*\(\s*color\s*:\s*light-dark\([^)]*\)\s*\)/g, '')).not.toContain('light-dark(');
    // The toggle follows the system and either forced theme.
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{[^}]*--lightningcss-dark: initial/);
    expect(css).toMatch(/:root\[data-theme="dark"\]\s*\{[^}]*--lightningcss-dark: initial/);
    expect(css).toMatch(/:root\[data-theme="light"\]\s*\{[^}]*--lightningcss-light: initial/);
  });
});
