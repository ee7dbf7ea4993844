// Every word a buyer, kiosk user or clerk reads goes through the catalogs (issue 18): no text written into the JSX of
// the shop, kiosk, box office or the shared screens, and no English in the attributes people hear or see (aria-label,
// title, placeholder, alt, label). The back office (renderer/modes/admin) is staff-only and English for now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../support/source-files.ts';

const root = join(import.meta.dirname, '../../..');
const SPOKEN_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'aria-roledescription']);
/** Text with a letter in it (a lone symbol such as "·", "−", "+" or "×" is not a word). */
const hasWords = (text: string) => /\p{L}{2,}/u.test(text);

/** A key's name on a key cap (<kbd>Esc</kbd>, <Kbd>Enter</Kbd>) is what is printed on the keyboard, not a word. */
const isKeyCap = (node: ts.JsxText) =>
  ts.isJsxElement(node.parent) && /^kbd$/i.test(node.parent.openingElement.tagName.getText());

function literalWords(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (node: ts.Node) =>
    `${file.slice(root.length + 1)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text) && !isKeyCap(node)) {
      found.push(`${where(node)} text "${node.text.trim()}"`);
    }
    if (ts.isJsxAttribute(node) && SPOKEN_ATTRIBUTES.has(node.name.getText())) {
      const value = node.initializer;
      const literal =
        value && ts.isStringLiteral(value)
          ? value.text
          : value && ts.isJsxExpression(value) && value.expression && ts.isStringLiteralLike(value.expression)
            ? value.expression.text
            : null;
      if (literal && hasWords(literal)) found.push(`${where(node)} ${node.name.getText()}="${literal}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no words outside the catalogs', () => {
  const files = sourceFiles(join(root, 'renderer'), ['.tsx']).filter((file) => !file.includes('/modes/admin/'));

  it('the shop, kiosk, box office and shared screens write no words into their JSX', () => {
    expect(files.flatMap(literalWords)).toEqual([]);
  });
});
