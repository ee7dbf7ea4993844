// The seat-map designer: draw a venue's sections on the shop's canvas engine (rows straight or curved, standing
// areas, the stage), paint tiers and flags, import CSV or JSON, check the design with the offending seats ringed,
// and save it as a new version of the venue's map. Address: /admin/designer/<venueId>.
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { DesignCheck } from '../../../../cloud/domain/seatmap/design/checks.ts';
import { checkDesign } from '../../../../cloud/domain/seatmap/design/checks.ts';
import { emptyDesign } from '../../../../cloud/domain/seatmap/design/document.ts';
import { paintTier } from '../../../../cloud/domain/seatmap/design/edits.ts';
import type { AdminScreenProps } from '../screen.ts';
import { PageHeader } from '../kit/PageHeader.tsx';
import { DesignState } from './design-state.ts';
import { DesignCanvas, type CanvasTool } from './DesignCanvas.tsx';
import { SectionForm } from './SectionForm.tsx';
import { MapSizeForm, StageForm, StandingAreaForm } from './AreaForms.tsx';
import { EditPanel } from './EditPanel.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import { ProblemsPanel } from './ProblemsPanel.tsx';
import { SeatSummary, describeDesign } from './SeatSummary.tsx';
import { VersionPanel } from './VersionPanel.tsx';
import './designer.css';

export const DESIGNER_PATH = '/admin/designer';
type Panel = 'section' | 'standing' | 'stage' | 'edit' | 'import';
const PANELS: [Panel, string][] = [
  ['section', 'Add section'],
  ['standing', 'Standing area'],
  ['stage', 'Stage and size'],
  ['edit', 'Tiers, flags, sections'],
  ['import', 'Import / export'],
];
const TOOLS: [CanvasTool, string][] = [
  ['select', 'Select'],
  ['paint', 'Paint tier'],
  ['move', 'Move selection'],
  ['pan', 'Pan'],
];
/** Below this many seats the checks run again after every edit once shown; above, on request. */
const LIVE_CHECK_SEATS = 20_000;

export default function DesignerScreen({ api, session, path, navigate }: AdminScreenProps) {
  const fromPath = path.startsWith(`${DESIGNER_PATH}/`) ? decodeURIComponent(path.slice(DESIGNER_PATH.length + 1)) : '';
  const ownVenue =
    session.principal.venueIds?.length === 1 ? session.principal.venueIds[0]! : (session.principal.venueId ?? '');
  const venueId = fromPath || ownVenue;
  const state = useMemo(() => new DesignState(emptyDesign('New seat map')), []);
  useSyncExternalStore(state.subscribe, state.getVersion);
  const [panel, setPanel] = useState<Panel>('section');
  const [tool, setTool] = useState<CanvasTool>('select');
  const [paintKey, setPaintKey] = useState('');
  const [message, setMessage] = useState('Start with a section, a standing area or an import.');
  const [check, setCheck] = useState<DesignCheck | null>(null);

  const runCheck = () => {
    const result = checkDesign(state.map);
    setCheck(result);
    state.highlight(result.problems.flatMap((p) => p.seatIndexes));
  };
  const done = (text: string) => {
    setMessage(text);
    if (check && state.map.seats.length <= LIVE_CHECK_SEATS) runCheck();
  };
  const paint = (seats: number[]) => {
    if (seats.length === 0) return;
    try {
      state.apply(paintTier(state.map, seats, paintKey || null));
      done(`Painted ${seats.length} seat(s).`);
    } catch (error) {
      setMessage((error as Error).message);
    }
  };

  const move = (dx: number, dy: number) => {
    const [x, y] = [Math.round(dx), Math.round(dy)];
    const count = state.selected.size;
    if (count === 0 || (x === 0 && y === 0)) return;
    try {
      state.moveSelection(x, y);
      done(`Moved ${count} seat(s) by ${x}, ${y}.`);
    } catch (error) {
      setMessage((error as Error).message);
    }
  };

  return (
    <div className="designer">
      <PageHeader
        title="Seat-map designer"
        description={venueId ? `Venue ${venueId}` : 'Draw a venue, then save it as a new version of its seat map.'}
        actions={
          <>
            <button type="button" onClick={() => state.undo()} disabled={!state.canUndo}>
              Undo
            </button>
            <button type="button" onClick={() => state.redo()} disabled={!state.canRedo}>
              Redo
            </button>
          </>
        }
      />
      <p role="status" className="designer-message">
        {message}
      </p>
      <div className="designer-layout">
        <div className="designer-stage">
          <div role="radiogroup" aria-label="Canvas tool" className="designer-toolbar">
            {TOOLS.map(([value, label]) => (
              <label key={value}>
                <input
                  type="radio"
                  name="designer-tool"
                  value={value}
                  checked={tool === value}
                  onChange={() => setTool(value)}
                />
                {label}
              </label>
            ))}
          </div>
          <DesignCanvas
            state={state}
            tool={tool}
            description={describeDesign(state.map)}
            onSeat={(seat) => (tool === 'paint' ? paint([seat]) : state.toggle(seat))}
            onSeats={(seats) => (tool === 'paint' ? paint(seats) : state.setSelection([...state.selected, ...seats]))}
            onMove={move}
          />
          <SeatSummary map={state.map} selected={state.selected} />
        </div>
        <div className="designer-side">
          <div className="designer-tabs" role="group" aria-label="Tools">
            {PANELS.map(([value, label]) => (
              <button key={value} type="button" aria-pressed={panel === value} onClick={() => setPanel(value)}>
                {label}
              </button>
            ))}
          </div>
          {panel === 'section' && <SectionForm state={state} onDone={done} />}
          {panel === 'standing' && <StandingAreaForm state={state} onDone={done} />}
          {panel === 'stage' && (
            <>
              <StageForm state={state} onDone={done} />
              <MapSizeForm state={state} onDone={done} />
            </>
          )}
          {panel === 'edit' && <EditPanel state={state} paintKey={paintKey} onPaintKey={setPaintKey} onDone={done} />}
          {panel === 'import' && <ImportPanel state={state} onDone={done} />}
          <ProblemsPanel state={state} check={check} onCheck={runCheck} />
          <VersionPanel
            api={api}
            state={state}
            venueId={venueId}
            onVenue={(id) => navigate(`${DESIGNER_PATH}/${encodeURIComponent(id)}`)}
            onCheck={(result) => {
              setCheck(result);
              state.highlight(result.problems.flatMap((p) => p.seatIndexes));
            }}
            onDone={setMessage}
          />
        </div>
      </div>
    </div>
  );
}
