// Screens build their controls from the kit: the lint rule styles/kit-controls (eslint/kit-controls.js) refuses a
// bare <button>, <input>, <select> or <textarea> in renderer/modes, except in the back office and the files its
// EXCEPTIONS list (for the elements listed there only). `npm run lint` holds the repository's screens to it.
import { resolve } from 'node:path';
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { EXCEPTIONS, kitControlsRule } from '../../../eslint/kit-controls.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ROOT = resolve(import.meta.dirname, '../../..');
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
});
const screen = `${ROOT}/renderer/modes/shop/Probe.tsx`;
const excepted = 'renderer/modes/shop/Excepted.tsx';
const allowedThere = 'button';
const options = [{ exceptions: { [excepted]: [allowedThere] } }];

tester.run('styles/kit-controls', kitControlsRule, {
  valid: [
    { filename: screen, code: `const A = () => <Button onClick={go}>Go</Button>;` },
    { filename: screen, code: `const A = () => <Field label="Email"><TextInput type="email" /></Field>;` },
    { filename: screen, code: `const A = () => <><Checkbox label="Wheelchair" /><Select /><Tile pressed /></>;` },
    // Member and namespaced names are components, not the bare elements.
    { filename: screen, code: `const A = () => <kit.button />;` },
    { filename: `${ROOT}/${excepted}`, code: `const A = () => <${allowedThere} />;`, options },
  ],
  invalid: [
    {
      filename: screen,
      code: `const A = () => <button type="button" onClick={go}>Go</button>;`,
      errors: [{ messageId: 'bare', data: { element: 'button', kit: 'Button (or LinkButton, Chip, Tile)' } }],
    },
    {
      filename: screen,
      code: `const A = () => <label>Email<input type="email" /></label>;`,
      errors: [{ messageId: 'bare' }],
    },
    {
      filename: screen,
      code: `const A = () => <form><select /><textarea /><input type="checkbox" /></form>;`,
      errors: [{ messageId: 'bare' }, { messageId: 'bare' }, { messageId: 'bare' }],
    },
    // An exception covers its listed elements only.
    {
      filename: `${ROOT}/${excepted}`,
      code: `const A = () => <textarea />;`,
      options,
      errors: [{ messageId: 'bare' }],
    },
    // Without the option the same file is held to the rule: the repository lists no exception today.
    { filename: `${ROOT}/${excepted}`, code: `const A = () => <${allowedThere} />;`, errors: [{ messageId: 'bare' }] },
  ],
});

describe('styles/kit-controls in the lint configuration', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const complaints = async (filePath: string) => {
    const [result] = await eslint.lintText('export const Probe = () => <button type="button">Go</button>;\n', {
      filePath,
    });
    return result!.messages.filter((m) => m.ruleId === 'styles/kit-controls');
  };

  it('lists no exception in the repository', () => expect(EXCEPTIONS).toEqual({}));

  it('applies to the buyer-side screens and leaves the back office alone', async () => {
    for (const mode of ['shop', 'kiosk', 'boxoffice', 'shared', 'device'])
      expect(await complaints(`renderer/modes/${mode}/probe.tsx`)).toHaveLength(1);
    expect(await complaints('renderer/modes/admin/probe.tsx')).toEqual([]);
    expect(await complaints('renderer/ui/kit/Probe.tsx')).toEqual([]);
  });
});
