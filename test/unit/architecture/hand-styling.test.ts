// No screen styles itself by hand: the lint rule styles/no-hand-styling (eslint/no-hand-styling.js) lets an inline
// style hold only custom properties and geometry computed at run time, in the renderer outside the back office; and
// renderer CSS holds no colour or pixel literal outside tokens.css (1px hairlines allowed).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint();

async function complaints(code: string, filePath = 'renderer/modes/shop/probe.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'styles/no-hand-styling').map((m) => m.message);
}
const jsx = (style: string) =>
  `export const Probe = ({ x, color }: { x: number; color: string }) => <div style={${style}} />;\n`;

describe('styles/no-hand-styling', () => {
  it('allows custom properties and geometry computed at run time', async () => {
    expect(await complaints(jsx(`{ '--tier': color }`))).toEqual([]);
    expect(await complaints(jsx(`{ '--brand': '#112233' } as React.CSSProperties`))).toEqual([]);
    expect(await complaints(jsx('{ left: x, top: x * 2, transform: `translate(${x}px)` }'))).toEqual([]);
    expect(await complaints(jsx('{ width: `${x}%`, insetInlineStart: x }'))).toEqual([]);
  });

  it('refuses colours, spacing and fonts inline, fixed geometry, and spreads', async () => {
    expect(await complaints(jsx(`{ color }`))).toEqual([expect.stringContaining("Inline style 'color'")]);
    expect(await complaints(jsx(`{ background: '#fff', padding: 8 }`))).toHaveLength(2);
    expect(await complaints(jsx(`{ width: 200 }`))).toEqual([expect.stringContaining("'width' is a fixed value")]);
    expect(await complaints(jsx(`{ top: '-1rem' }`))).toHaveLength(1);
    expect(await complaints(jsx('{ height: `40px` }'))).toHaveLength(1);
    expect(await complaints(jsx(`{ ...{ color } }`))).toEqual([expect.stringContaining('spreads')]);
  });

  it('leaves the back office (its own kit for now) and non-renderer code alone', async () => {
    expect(await complaints(jsx(`{ color }`), 'renderer/modes/admin/probe.tsx')).toEqual([]);
  });
});

function cssFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return cssFiles(path);
    return name.endsWith('.css') ? [path] : [];
  });
}

/** The back office keeps its own look until it moves onto the kit (issue 18 converts the buyer's screens first). */
/** Sheets other parts of issue 18 are converting at the time of writing (kiosk and box office). */
const CONVERTING = new Set(['renderer/styles/devices.css']);

const isKnownException = (file: string) =>
  file.startsWith('renderer/modes/admin/') || /^renderer\/styles\/admin(-[a-z]+)?\.css$/.test(file);

/** Colour literals (#hex, rgb(), hsl(), named colours that are not keywords) and pixel sizes other than 1px. */
export function literalsIn(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const found: string[] = [];
  for (const match of text.matchAll(/#[0-9a-fA-F]{3,8}\b/g)) found.push(match[0]);
  for (const match of text.matchAll(/\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(/g)) found.push(match[0]);
  for (const match of text.matchAll(
    /(?<![\w-])(?:white|black|red|green|blue|gray|grey|orange|yellow|purple)(?![\w-])/g,
  ))
    found.push(match[0]);
  for (const match of text.matchAll(/(?<![\w.-])(\d*\.?\d+)px\b/g)) if (match[1] !== '1') found.push(match[0]);
  return found;
}

describe('renderer CSS on the tokens', () => {
  it('finds colour and pixel literals (the check itself)', () => {
    expect(literalsIn('a { color: #fff; margin: 8px; border: 1px solid var(--line); }')).toEqual(['#fff', '8px']);
    expect(literalsIn('a { background: rgb(0 0 0 / 10%); color: white; white-space: nowrap } /* #abc 12px */')).toEqual(
      ['rgb(', 'white'],
    );
    expect(literalsIn('a { color: var(--ink); padding: var(--space-2); }')).toEqual([]);
  });

  const offenders = (files: (file: string) => boolean) =>
    cssFiles(join(ROOT, 'renderer'))
      .map((file) => relative(ROOT, file))
      .filter((file) => file !== 'renderer/styles/tokens.css' && !isKnownException(file) && files(file))
      .map((file) => ({ file, literals: literalsIn(readFileSync(join(ROOT, file), 'utf8')) }))
      .filter(({ literals }) => literals.length > 0)
      .map(({ file, literals }) => `${file}: ${[...new Set(literals)].join(' ')}`);

  it('has no colour or pixel literal outside tokens.css (the back office excepted)', () => {
    expect(offenders((file) => !CONVERTING.has(file))).toEqual([]);
  });

  // The kiosk's and box office's sheet is being moved onto the tokens in the same issue: this case fails (and so
  // reports) once it is clean, so the entry is then removed from CONVERTING.
  it.fails('still finds literals in the sheets being converted (remove them from CONVERTING when clean)', () => {
    expect(offenders((file) => CONVERTING.has(file))).toEqual([]);
  });
});
