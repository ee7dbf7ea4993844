// The "add section" tool: a block of straight or curved rows, its numbering and aisles, placed by its origin. Checked
// by the contract's schema, built by the domain's addSeatedSection; each error shows beside its field and the first
// offending field takes the focus.
import { useState, type FormEvent } from 'react';
import { SeatedSectionSpec } from '../../../../cloud/contract/index.ts';
import { DesignInputError } from '../../../../cloud/domain/seatmap/design/document.ts';
import { addSeatedSection } from '../../../../cloud/domain/seatmap/design/sections.ts';
import type { DesignState } from './design-state.ts';
import { issuesToFields, numberOf, SelectField, TextField, type Values } from './tool-fields.tsx';

const PATH_FIELDS: Record<string, string> = {
  'origin.0': 'x',
  'origin.1': 'y',
  'rowNumbering.start': 'rowStart',
  'rowNumbering.skip': 'skip',
};

export function SectionForm({ state, onDone }: { state: DesignState; onDone(message: string): void }) {
  const [values, setValues] = useState<Values>(() => ({
    id: '',
    name: '',
    rows: '5',
    seatsPerRow: '12',
    seatsAddedPerRow: '0',
    shape: 'straight',
    curveRadius: '300',
    x: String(Math.round(state.map.width / 2)),
    y: String(Math.round(state.map.height / 3)),
    rotation: '0',
    seatPitch: '10',
    rowPitch: '14',
    aislesAfter: '',
    rowScheme: 'letters',
    rowStart: '1',
    skip: 'I O',
    direction: 'left-to-right',
    parity: 'all',
    tier: '',
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const change = (name: string, value: string) => setValues((current) => ({ ...current, [name]: value }));
  const field = { values, errors, onChange: change };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const aisles = values
      .aislesAfter!.split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    const parsed = SeatedSectionSpec.safeParse({
      id: values.id,
      name: values.name,
      rows: numberOf(values.rows),
      seatsPerRow: numberOf(values.seatsPerRow),
      seatsAddedPerRow: numberOf(values.seatsAddedPerRow),
      origin: [numberOf(values.x), numberOf(values.y)],
      curveRadius: values.shape === 'curved' ? numberOf(values.curveRadius) : undefined,
      rotation: numberOf(values.rotation),
      seatPitch: numberOf(values.seatPitch),
      rowPitch: numberOf(values.rowPitch),
      aislesAfter: aisles,
      tier: values.tier || undefined,
      rowNumbering: {
        scheme: values.rowScheme,
        start: numberOf(values.rowStart),
        skip: values
          .skip!.toUpperCase()
          .split(/[\s,]+/)
          .filter(Boolean),
      },
      seatNumbering: { direction: values.direction, parity: values.parity, start: values.parity === 'even' ? 2 : 1 },
    });
    let found: Record<string, string>;
    if (!parsed.success) {
      found = issuesToFields(
        parsed.error.issues,
        (path) => PATH_FIELDS[path.join('.')] ?? (path[0] === 'aislesAfter' ? 'aislesAfter' : String(path[0])),
      );
    } else {
      try {
        const result = addSeatedSection(state.map, parsed.data);
        state.apply(result);
        setErrors({});
        onDone(`Added ${parsed.data.name}: ${result.change.kind === 'append' ? result.change.seats : 0} seats.`);
        setValues((current) => ({ ...current, id: '', name: '' }));
        return;
      } catch (error) {
        if (!(error instanceof DesignInputError)) throw error;
        found = { [error.field]: error.message };
      }
    }
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) (form.elements.namedItem(first) as HTMLElement | null)?.focus();
  };

  const tiers: [string, string][] = [
    ['', 'None'],
    ...(state.map.tiers ?? []).map((t): [string, string] => [t.key, t.name]),
  ];
  return (
    <form className="designer-form" onSubmit={submit} noValidate aria-label="Add a section of rows">
      <div className="designer-form-grid">
        <TextField label="Section code" name="id" hint="Letters, digits, _.:- (e.g. STALLS)" {...field} />
        <TextField label="Name" name="name" {...field} />
        <TextField label="Rows" name="rows" type="number" {...field} />
        <TextField label="Seats per row" name="seatsPerRow" type="number" {...field} />
        <TextField label="Seats added each row" name="seatsAddedPerRow" type="number" {...field} />
        <SelectField
          label="Rows"
          name="shape"
          options={[
            ['straight', 'Straight rows'],
            ['curved', 'Curved rows (around the origin)'],
          ]}
          {...field}
        />
        {values.shape === 'curved' && (
          <TextField label="Radius of the first row" name="curveRadius" type="number" {...field} />
        )}
        <TextField
          label="Origin x"
          name="x"
          type="number"
          hint="Straight: the first row's centre. Curved: the centre"
          {...field}
        />
        <TextField label="Origin y" name="y" type="number" {...field} />
        <TextField label="Rotation (degrees clockwise)" name="rotation" type="number" {...field} />
        <TextField label="Seat pitch" name="seatPitch" type="number" {...field} />
        <TextField label="Row pitch" name="rowPitch" type="number" {...field} />
        <TextField label="Aisles after seat" name="aislesAfter" hint="Seat positions, e.g. 4, 8" {...field} />
        <SelectField
          label="Row labels"
          name="rowScheme"
          options={[
            ['letters', 'Letters (A, B, … AA)'],
            ['numbers', 'Numbers (1, 2, …)'],
          ]}
          {...field}
        />
        <TextField label="First row" name="rowStart" type="number" hint="1 = A or 1" {...field} />
        <TextField label="Letters to skip" name="skip" {...field} />
        <SelectField
          label="Seat numbers"
          name="direction"
          options={[
            ['left-to-right', 'Left to right'],
            ['right-to-left', 'Right to left'],
          ]}
          {...field}
        />
        <SelectField
          label="Which numbers"
          name="parity"
          options={[
            ['all', 'All (1, 2, 3…)'],
            ['odd', 'Odd (1, 3, 5…)'],
            ['even', 'Even (2, 4, 6…)'],
          ]}
          {...field}
        />
        <SelectField label="Tier" name="tier" options={tiers} {...field} />
      </div>
      <button type="submit">Add section</button>
    </form>
  );
}
