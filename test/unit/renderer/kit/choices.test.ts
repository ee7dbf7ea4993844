// The kit's choices as rendered HTML: Checkbox and Radio are the native control labelled by their words (or bare,
// for a cell that names it otherwise); Tile is a button, a toggle when given `pressed`; Field can hide its label from
// sight only, and keeps a control's own aria-invalid when it has no error words.
import { createElement as h, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider, activateLocale, i18n } from '../../../../renderer/i18n/index.ts';
import { Checkbox, Field, Radio, Select, TextInput, Tile } from '../../../../renderer/ui/kit/index.ts';

type Control = ReactElement<Record<string, unknown>>;
const html = async (node: ReturnType<typeof h>) => {
  await activateLocale('en', ['common']);
  return renderToStaticMarkup(h(I18nProvider, { i18n }, node));
};

describe('the kit’s choices', () => {
  it('Checkbox and Radio put the native control inside a label with their words', async () => {
    const box = await html(h(Checkbox, { label: 'Wheelchair space', defaultChecked: true }));
    expect(box).toMatch(/^<label class="kit-choice"><input type="checkbox" class="kit-choice__control" checked=""\/>/);
    expect(box).toContain('<span class="kit-choice__label">Wheelchair space</span></label>');
    const radio = await html(h(Radio, { label: 'Print', name: 'delivery', value: 'print', readOnly: true }));
    expect(radio).toMatch(/<label class="kit-choice"><input type="radio"[^>]*name="delivery"[^>]*value="print"/);
    // Without words, the bare control (named by its cell's aria-label).
    expect(await html(h(Checkbox, { 'aria-label': 'Seat A1' }))).toBe(
      '<input type="checkbox" class="kit-choice__control" aria-label="Seat A1"/>',
    );
  });

  it('Tile is a button (never a form submit by accident), a toggle only when pressed is given', async () => {
    expect(await html(h(Tile, { className: 'tier-tile' }, 'Lower tier'))).toBe(
      '<button type="button" class="kit-tile tier-tile">Lower tier</button>',
    );
    expect(await html(h(Tile, { pressed: true }, 'Any price'))).toContain('aria-pressed="true"');
    expect(await html(h(Tile, { pressed: false }, 'Any price'))).toContain('aria-pressed="false"');
  });

  it('Field with hideLabel keeps the label for assistive tech only', async () => {
    const markup = await html(
      h(Field, { label: 'Tickets', hideLabel: true, children: h(Select, { id: 'quantity' }) as Control }),
    );
    expect(markup).toContain('<label class="kit-visually-hidden" for="quantity">Tickets</label>');
  });

  it('Field keeps the control’s own aria-invalid when it has no error words, and sets it when it has', async () => {
    const own = await html(
      h(Field, { label: 'Float', children: h(TextInput, { id: 'float', 'aria-invalid': true }) as Control }),
    );
    expect(own).toMatch(/<input[^>]*aria-invalid="true"/);
    const error = await html(
      h(Field, { label: 'Float', error: 'Not an amount', children: h(TextInput, { id: 'float' }) as Control }),
    );
    expect(error).toMatch(/<input[^>]*aria-invalid="true"/);
  });
});
