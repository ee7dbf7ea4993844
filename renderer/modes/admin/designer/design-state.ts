// The designer's editor state outside React: the map being drawn, undo and redo, the selected seats, and the canvas
// engine kept in step with each change as cheaply as the change allows (a new section appended to the model, a few
// seats restyled, or the model rebuilt). React subscribes to a version number; the engine never re-renders React.
import type { SeatMapImport } from '../../../../cloud/contract/index.ts';
import type { DesignMap, DesignResult } from '../../../../cloud/domain/seatmap/design/document.ts';
import type { SeatMapEngine } from '../../../seatmap/engine.ts';
import { buildModel } from '../../../seatmap/model.ts';
import { appendToModel, flagsOf, moveInModel, restyleSeats } from '../../../seatmap/model-edits.ts';
import { moveSeats } from '../../../../cloud/domain/seatmap/design/move.ts';

const UNPAINTED = '#8c8c8c';
const TIER_COLOURS = ['#7c3aed', '#2563eb', '#0891b2', '#16a34a', '#ca8a04', '#ea580c', '#dc2626', '#db2777'];
const MAX_UNDO = 50;

/** Each tier's colour (its own, else one of the defaults); index 0 is a seat without a tier. */
export const tierColours = (map: SeatMapImport): string[] => [
  UNPAINTED,
  ...(map.tiers ?? []).map((tier, i) => tier.color ?? TIER_COLOURS[i % TIER_COLOURS.length]!),
];

/** The tier index the canvas colours a seat by: 1 + its tier's place in the map's list, 0 for none. */
export function tierIndexer(map: SeatMapImport): (seat: SeatMapImport['seats'][number]) => number {
  const index = new Map((map.tiers ?? []).map((tier, i) => [tier.key, i + 1]));
  const sectionTier = new Map(map.sections.map((section) => [section.id, section.tier]));
  return (seat) => index.get(seat.tier ?? sectionTier.get(seat.sectionId) ?? '') ?? 0;
}

export class DesignState {
  map: DesignMap;
  selected = new Set<number>();
  /** Bumped on every change; React re-reads the state when it moves. */
  version = 0;
  private engine: SeatMapEngine | null = null;
  private readonly undoStack: DesignMap[] = [];
  private readonly redoStack: DesignMap[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(map: DesignMap) {
    this.map = map;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  attach(engine: SeatMapEngine | null): void {
    this.engine = engine;
    if (engine) this.rebuildEngine();
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Takes an edit's result: the new map goes on, the old one onto the undo stack, the canvas follows. */
  apply(result: DesignResult): void {
    this.undoStack.push(this.map);
    if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
    this.redoStack.length = 0;
    const before = this.map;
    this.map = result.map;
    const { change } = result;
    if (change.kind === 'replace') this.selected.clear();
    if (!this.engine) return this.changed();
    if (change.kind === 'append' && before.seats.length + change.seats === this.map.seats.length) {
      const model = appendToModel(this.engine.model, this.map, change.sections, change.seats, tierIndexer(this.map));
      this.engine.setModel(model);
    } else if (change.kind === 'seats') {
      const tierOf = tierIndexer(this.map);
      const restyled = restyleSeats(
        this.engine.model,
        change.seatIndexes.map((seat) => ({
          seat,
          tier: tierOf(this.map.seats[seat]!),
          flags: flagsOf(this.map.seats[seat]!),
        })),
      );
      this.engine.repaintSeats(restyled);
    } else if (change.kind === 'moved') {
      this.engine.setModel(moveInModel(this.engine.model, this.map, change.seatIndexes, change.sectionIds));
    } else this.rebuildEngine();
    this.engine.select(this.selected);
    this.changed();
  }

  /** Moves the selected seats (and any section all of whose seats are selected) by (dx, dy): one undo step. */
  moveSelection(dx: number, dy: number): void {
    if (this.selected.size === 0 || (dx === 0 && dy === 0)) return;
    this.apply(moveSeats(this.map, [...this.selected], dx, dy));
  }

  /** Starts over with another map (an import or a saved version): no undo across it. */
  replace(map: DesignMap): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
    this.map = map;
    this.selected.clear();
    if (this.engine) this.rebuildEngine();
    this.changed();
  }

  /** The map's name: no drawing changes, no undo step per keystroke. */
  rename(name: string): void {
    this.map = { ...this.map, name };
    this.changed();
  }

  undo(): void {
    const previous = this.undoStack.pop();
    if (!previous) return;
    this.redoStack.push(this.map);
    this.map = previous;
    this.afterHistoryMove();
  }

  redo(): void {
    const next = this.redoStack.pop();
    if (!next) return;
    this.undoStack.push(this.map);
    this.map = next;
    this.afterHistoryMove();
  }

  private afterHistoryMove(): void {
    this.selected.clear();
    if (this.engine) this.rebuildEngine();
    this.changed();
  }

  setSelection(seats: Iterable<number>): void {
    this.selected = new Set(seats);
    this.engine?.select(this.selected);
    this.changed();
  }

  toggle(seat: number): void {
    if (this.selected.has(seat)) this.selected.delete(seat);
    else this.selected.add(seat);
    this.setSelection(this.selected);
  }

  highlight(seats: number[]): void {
    this.engine?.highlight(seats);
  }

  /** The tier list or colours changed (or a history move): the whole model again, coloured by tier. */
  private rebuildEngine(): void {
    const engine = this.engine!;
    engine.renderer.palette = { ...engine.renderer.palette, tiers: tierColours(this.map) };
    engine.setModel(buildModel(this.map));
    engine.setTiers(this.map.seats.map(tierIndexer(this.map)));
    engine.select(this.selected);
  }
}
