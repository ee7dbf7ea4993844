// The "standing area" and "stage" tools: a rectangle of the map, with a capacity for a standing area.
import { useState, type FormEvent } from 'react';
import { StageSpec, StandingAreaSpec } from '../../../../cloud/contract/index.ts';
import { DesignInputError, resizeMap } from '../../../../cloud/domain/seatmap/design/document.ts';
import { addStandingArea, placeStage } from '../../../../cloud/domain/seatmap/design/sections.ts';
import type { DesignState } from './design-state.ts';
import { issuesToFields, numberOf, SelectField, TextField, type Values } from './tool-fields.tsx';

function useToolForm(initial: Values) {
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const onChange = (name: string, value: string) => setValues((current) => ({ ...current, [name]: value }));
  /** Shows the errors and focuses the first offending field; true when there were none. */
  const report = (form: HTMLFormElement, found: Record<string, string>) => {
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) (form.elements.namedItem(first) as HTMLElement | null)?.focus();
    return first === undefined;
  };
  const rect = () => ({
    x: numberOf(values.x),
    y: numberOf(values.y),
    width: numberOf(values.width),
    height: numberOf(values.height),
  });
  return { values, setValues, field: { values, errors, onChange }, report, rect };
}

const byFirstKey = (path: PropertyKey[]) => String(path[0]);

export function StandingAreaForm({ state, onDone }: { state: DesignState; onDone(message: string): void }) {
  const form = useToolForm({
    id: '',
    name: '',
    capacity: '200',
    x: '50',
    y: String(Math.round(state.map.height * 0.6)),
    width: '200',
    height: '150',
    tier: '',
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { values } = form;
    const parsed = StandingAreaSpec.safeParse({
      ...form.rect(),
      id: values.id,
      name: values.name,
      capacity: numberOf(values.capacity),
      tier: values.tier || undefined,
    });
    if (!parsed.success) return form.report(element, issuesToFields(parsed.error.issues, byFirstKey));
    try {
      state.apply(addStandingArea(state.map, parsed.data));
    } catch (error) {
      if (error instanceof DesignInputError) return form.report(element, { [error.field]: error.message });
      throw error;
    }
    form.report(element, {});
    form.setValues((current) => ({ ...current, id: '', name: '' }));
    onDone(`Added standing area ${parsed.data.name} for ${parsed.data.capacity} people.`);
  };
  const tiers: [string, string][] = [
    ['', 'None'],
    ...(state.map.tiers ?? []).map((t): [string, string] => [t.key, t.name]),
  ];
  return (
    <form className="designer-form" onSubmit={submit} noValidate aria-label="Add a standing area">
      <div className="designer-form-grid">
        <TextField label="Area code" name="id" {...form.field} />
        <TextField label="Name" name="name" {...form.field} />
        <TextField label="Capacity" name="capacity" type="number" {...form.field} />
        <TextField label="Left (x)" name="x" type="number" {...form.field} />
        <TextField label="Top (y)" name="y" type="number" {...form.field} />
        <TextField label="Width" name="width" type="number" {...form.field} />
        <TextField label="Height" name="height" type="number" {...form.field} />
        <SelectField label="Tier" name="tier" options={tiers} {...form.field} />
      </div>
      <button type="submit">Add standing area</button>
    </form>
  );
}

export function StageForm({ state, onDone }: { state: DesignState; onDone(message: string): void }) {
  const stage = state.map.stage.polygon;
  const xs = stage.map((p) => p[0]);
  const ys = stage.map((p) => p[1]);
  const form = useToolForm({
    label: state.map.stage.label,
    x: String(Math.min(...xs)),
    y: String(Math.min(...ys)),
    width: String(Math.max(...xs) - Math.min(...xs)),
    height: String(Math.max(...ys) - Math.min(...ys)),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = StageSpec.safeParse({ ...form.rect(), label: form.values.label });
    if (!parsed.success) return form.report(event.currentTarget, issuesToFields(parsed.error.issues, byFirstKey));
    state.apply(placeStage(state.map, parsed.data));
    form.report(event.currentTarget, {});
    onDone(`Placed the stage.`);
  };
  return (
    <form className="designer-form" onSubmit={submit} noValidate aria-label="Place the stage">
      <div className="designer-form-grid">
        <TextField label="Stage label" name="label" {...form.field} />
        <TextField label="Stage left (x)" name="x" type="number" {...form.field} />
        <TextField label="Stage top (y)" name="y" type="number" {...form.field} />
        <TextField label="Stage width" name="width" type="number" {...form.field} />
        <TextField label="Stage height" name="height" type="number" {...form.field} />
      </div>
      <button type="submit">Place stage</button>
    </form>
  );
}

export function MapSizeForm({ state, onDone }: { state: DesignState; onDone(message: string): void }) {
  const form = useToolForm({ width: String(state.map.width), height: String(state.map.height) });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    try {
      state.apply(resizeMap(state.map, numberOf(form.values.width) ?? NaN, numberOf(form.values.height) ?? NaN));
    } catch (error) {
      if (error instanceof DesignInputError) return form.report(element, { [error.field]: error.message });
      throw error;
    }
    form.report(element, {});
    onDone(`The map is ${state.map.width} × ${state.map.height} units.`);
  };
  return (
    <form className="designer-form" onSubmit={submit} noValidate aria-label="Map size">
      <div className="designer-form-grid">
        <TextField label="Map width" name="width" type="number" {...form.field} />
        <TextField label="Map height" name="height" type="number" {...form.field} />
      </div>
      <button type="submit">Resize map</button>
    </form>
  );
}
