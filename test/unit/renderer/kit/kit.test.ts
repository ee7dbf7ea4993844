// The kit's behaviour as rendered HTML: Field ties its control to the label, hint and error; Stepper's buttons stop
// at its bounds; Button's disabledReason disables it and says why (aria-describedby);
// a venue's brand picks black or white ink by contrast and falls back to TicketBoss's colours.
import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider, activateLocale, i18n } from '../../../../renderer/i18n/index.ts';
import { Button, Field, TextInput, Stepper, brandProperties, inkOn } from '../../../../renderer/ui/kit/index.ts';

type Control = ReactElement<Record<string, unknown>>;
const html = async (node: ReturnType<typeof h>) => {
  await activateLocale('en', ['common']);
  return renderToStaticMarkup(h(I18nProvider, { i18n }, node));
};
const attr = (markup: string, name: string, tag: string) =>
  new RegExp(`<${tag}[^>]*\\s${name}="([^"]*)"`).exec(markup)?.[1];

describe('the kit', () => {
  it('Field wires the label, hint and error to its control', async () => {
    const markup = await html(
      h(Field, {
        label: 'Email',
        hint: 'For your tickets',
        error: 'Not an email address',
        children: h(TextInput, {}) as Control,
      }),
    );
    const id = attr(markup, 'id', 'input')!;
    expect(attr(markup, 'for', 'label')).toBe(id);
    expect(attr(markup, 'aria-describedby', 'input')).toBe(`${id}-hint ${id}-error`);
    expect(attr(markup, 'aria-invalid', 'input')).toBe('true');
    expect(markup).toContain(`id="${id}-error"`);
    const clean = await html(h(Field, { label: 'Email', children: h(TextInput, { id: 'email' }) as Control }));
    expect(attr(clean, 'aria-invalid', 'input')).toBeUndefined();
    expect(attr(clean, 'aria-describedby', 'input')).toBeUndefined();
  });

  it('Stepper disables − at min and + at max and names its buttons by what they count', async () => {
    const at = (value: number) => html(h(Stepper, { value, min: 1, max: 3, label: 'Tickets', onChange: () => {} }));
    const buttons = (markup: string) => [...markup.matchAll(/<button[^>]*>/g)].map((m) => m[0].includes('disabled'));
    expect(buttons(await at(1))).toEqual([true, false]);
    expect(buttons(await at(2))).toEqual([false, false]);
    expect(buttons(await at(3))).toEqual([true, false].reverse());
    expect(await at(2)).toContain('aria-label="Fewer: Tickets"');
  });

  it('Button with disabledReason is disabled, focusable, and described by the reason shown beside it', async () => {
    const markup = await html(h(Button, { disabledReason: 'Enter the amount given first' }, 'Take cash'));
    expect(attr(markup, 'aria-disabled', 'button')).toBe('true');
    expect(markup).not.toMatch(/<button[^>]*\sdisabled=""/);
    const reasonId = attr(markup, 'aria-describedby', 'button')!;
    expect(markup).toContain(`id="${reasonId}" class="kit-button-reason">Enter the amount given first</span>`);
    const plain = await html(h(Button, {}, 'Take cash'));
    expect(attr(plain, 'aria-disabled', 'button')).toBeUndefined();
  });

  it('brands with black or white ink by contrast, and keeps the defaults without a colour', () => {
    expect(inkOn('#ffd400')).toBe('#000000');
    expect(inkOn('#1d3557')).toBe('#ffffff');
    expect(brandProperties({ name: 'Arena', brandColor: '#1D3557' })).toEqual({
      '--brand': '#1d3557',
      '--brand-ink': '#ffffff',
    });
    expect(brandProperties({ name: 'Arena', brandColor: null })).toEqual({});
    expect(brandProperties({ name: 'Arena', brandColor: 'red' })).toEqual({});
  });
});
