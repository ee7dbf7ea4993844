// Editing what is drawn: the map's tiers (add one, choose the one to paint), the selected seats (paint their tier,
// set or clear flags, delete), and each section (select its seats, move, rotate, delete). Every edit can be undone.
import { useState, type FormEvent } from 'react';
import { SeatMapTier, type SeatFlagName } from '../../../../cloud/contract/index.ts';
import { DesignInputError } from '../../../../cloud/domain/seatmap/design/document.ts';
import {
  defineTier,
  deleteSeats,
  deleteSection,
  moveSection,
  paintSectionTier,
  paintTier,
  rotateSection,
  setSeatFlag,
} from '../../../../cloud/domain/seatmap/design/edits.ts';
import { tierColours, type DesignState } from './design-state.ts';
import { issuesToFields, TextField, type Values } from './tool-fields.tsx';

const FLAGS: [SeatFlagName, string][] = [
  ['wheelchair', 'Wheelchair space'],
  ['companion', 'Companion seat'],
  ['restrictedView', 'Restricted view'],
];

export interface EditPanelProps {
  state: DesignState;
  paintKey: string;
  onPaintKey(key: string): void;
  onDone(message: string): void;
}

export function EditPanel({ state, paintKey, onPaintKey, onDone }: EditPanelProps) {
  const { map } = state;
  const selected = [...state.selected];
  const colours = tierColours(map);
  const [tierValues, setTierValues] = useState<Values>({ key: '', name: '', color: '#2563eb' });
  const [tierErrors, setTierErrors] = useState<Record<string, string>>({});

  const run = (edit: () => void, message: string) => {
    try {
      edit();
      onDone(message);
    } catch (error) {
      if (error instanceof DesignInputError) onDone(error.message);
      else throw error;
    }
  };
  const addTier = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = SeatMapTier.safeParse(tierValues);
    if (!parsed.success) return setTierErrors(issuesToFields(parsed.error.issues, (path) => String(path[0])));
    setTierErrors({});
    run(() => state.apply(defineTier(map, parsed.data)), `Tier ${parsed.data.name} is ready to paint.`);
    onPaintKey(parsed.data.key);
    setTierValues({ key: '', name: '', color: '#2563eb' });
  };
  const count = `${selected.length} seat${selected.length === 1 ? '' : 's'}`;

  return (
    <div className="designer-edit">
      <fieldset>
        <legend>Tiers</legend>
        <div role="radiogroup" aria-label="Tier to paint" className="designer-tiers">
          {(map.tiers ?? []).map((tier, i) => (
            <label key={tier.key} className="designer-tier">
              <input
                type="radio"
                name="paint-tier"
                value={tier.key}
                checked={paintKey === tier.key}
                onChange={() => onPaintKey(tier.key)}
              />
              <span className="designer-swatch" style={{ background: colours[i + 1] }} aria-hidden="true" />
              {tier.name}
            </label>
          ))}
          <label className="designer-tier">
            <input type="radio" name="paint-tier" value="" checked={paintKey === ''} onChange={() => onPaintKey('')} />
            <span className="designer-swatch" style={{ background: colours[0] }} aria-hidden="true" />
            No tier (the section&apos;s)
          </label>
        </div>
        <form onSubmit={addTier} noValidate aria-label="Add a tier" className="designer-form-grid">
          <TextField
            label="Tier key"
            name="key"
            values={tierValues}
            errors={tierErrors}
            onChange={(n, v) => setTierValues((c) => ({ ...c, [n]: v }))}
          />
          <TextField
            label="Tier name"
            name="name"
            values={tierValues}
            errors={tierErrors}
            onChange={(n, v) => setTierValues((c) => ({ ...c, [n]: v }))}
          />
          <TextField
            label="Colour (#rrggbb)"
            name="color"
            values={tierValues}
            errors={tierErrors}
            onChange={(n, v) => setTierValues((c) => ({ ...c, [n]: v }))}
          />
          <button type="submit">Add tier</button>
        </form>
      </fieldset>

      <fieldset>
        <legend>Selected: {count}</legend>
        <div className="designer-actions">
          <button
            type="button"
            disabled={selected.length === 0}
            onClick={() => run(() => state.apply(paintTier(map, selected, paintKey || null)), `Painted ${count}.`)}
          >
            Paint selected
          </button>
          {FLAGS.map(([flag, label]) => (
            <span key={flag} className="designer-flag">
              <button
                type="button"
                disabled={selected.length === 0}
                onClick={() => run(() => state.apply(setSeatFlag(map, selected, flag, true)), `${label}: ${count}.`)}
              >
                Mark {label.toLowerCase()}
              </button>
              <button
                type="button"
                disabled={selected.length === 0}
                onClick={() =>
                  run(() => state.apply(setSeatFlag(map, selected, flag, false)), `${label} cleared on ${count}.`)
                }
              >
                Clear
                <span className="visually-hidden"> {label.toLowerCase()}</span>
              </button>
            </span>
          ))}
          <button
            type="button"
            disabled={selected.length === 0}
            onClick={() =>
              run(
                () =>
                  state.apply(
                    deleteSeats(
                      map,
                      selected.map((i) => map.seats[i]!.id),
                    ),
                  ),
                `Deleted ${count}.`,
              )
            }
          >
            Delete selected seats
          </button>
          <button type="button" disabled={selected.length === 0} onClick={() => state.setSelection([])}>
            Clear selection
          </button>
        </div>
      </fieldset>

      <fieldset>
        <legend>Sections</legend>
        <ul className="designer-sections">
          {map.sections.map((section) => (
            <li key={section.id}>
              <span>
                {section.name} ({section.id}){section.kind === 'ga' ? `, standing for ${section.capacity ?? 0}` : ''}
              </span>
              <span className="designer-actions" role="group" aria-label={`${section.name}: actions`}>
                {section.kind === 'seated' && (
                  <button
                    type="button"
                    onClick={() =>
                      state.setSelection(map.seats.flatMap((s, i) => (s.sectionId === section.id ? [i] : [])))
                    }
                  >
                    Select seats<span className="visually-hidden"> of {section.name}</span>
                  </button>
                )}
                <button
                  type="button"
                  onClick={() =>
                    run(
                      () => state.apply(paintSectionTier(map, section.id, paintKey || null)),
                      `${section.name} painted.`,
                    )
                  }
                >
                  Paint<span className="visually-hidden"> {section.name}</span>
                </button>
                <button
                  type="button"
                  aria-label={`Move ${section.name} left`}
                  onClick={() => run(() => state.apply(moveSection(map, section.id, -10, 0)), `Moved ${section.name}.`)}
                >
                  ←
                </button>
                <button
                  type="button"
                  aria-label={`Move ${section.name} right`}
                  onClick={() => run(() => state.apply(moveSection(map, section.id, 10, 0)), `Moved ${section.name}.`)}
                >
                  →
                </button>
                <button
                  type="button"
                  aria-label={`Move ${section.name} up`}
                  onClick={() => run(() => state.apply(moveSection(map, section.id, 0, -10)), `Moved ${section.name}.`)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${section.name} down`}
                  onClick={() => run(() => state.apply(moveSection(map, section.id, 0, 10)), `Moved ${section.name}.`)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={`Rotate ${section.name} 15 degrees`}
                  onClick={() => run(() => state.apply(rotateSection(map, section.id, 15)), `Rotated ${section.name}.`)}
                >
                  ⟳
                </button>
                <button
                  type="button"
                  onClick={() =>
                    run(
                      () => state.apply(deleteSection(map, section.id)),
                      `Deleted ${section.name}; Undo brings it back.`,
                    )
                  }
                >
                  Delete<span className="visually-hidden"> {section.name}</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}
