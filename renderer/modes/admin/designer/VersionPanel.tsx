// Where the design comes from and goes: the venue, opening a saved version (the venue's versions when the API lists
// them, else by its id), and saving the design as a new immutable version of the venue's map. An event keeps the
// version it was created on, so saving never changes a published event's map.
import { useEffect, useState } from 'react';
import { apiRoutes, type ApiRouteName } from '../../../../cloud/contract/routes.ts';
import { SeatMap, SeatMapImport, SeatMapSummary } from '../../../../cloud/contract/index.ts';
import { checkDesign, type DesignCheck } from '../../../../cloud/domain/seatmap/design/checks.ts';
import { ProblemError, type AdminApi } from '../admin-api.ts';
import { FormField } from '../kit/FormField.tsx';
import type { DesignState } from './design-state.ts';

/** The venues' seat-map versions, listed by the "events" helper's route when it is there. */
const LIST_VERSIONS = 'listSeatMapVersions';
interface VersionRow {
  id: string;
  name: string;
  version: number;
  seatCount?: number;
}

export interface VersionPanelProps {
  api: AdminApi;
  state: DesignState;
  venueId: string;
  onVenue(venueId: string): void;
  onCheck(check: DesignCheck): void;
  onDone(message: string): void;
}

export function VersionPanel({ api, state, venueId, onVenue, onCheck, onDone }: VersionPanelProps) {
  const [venueText, setVenueText] = useState(venueId);
  const [versions, setVersions] = useState<VersionRow[] | null>(null);
  const [openId, setOpenId] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [entries, setEntries] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!venueId || !(LIST_VERSIONS in apiRoutes)) return;
    api
      .call<{ seatMaps: VersionRow[] }>(LIST_VERSIONS as ApiRouteName, { params: { venueId } })
      .then((list) => setVersions(list.seatMaps))
      .catch(() => setVersions(null));
  }, [api, venueId]);

  const open = async (seatmapId: string) => {
    try {
      const {
        id: _id,
        venueId: _venue,
        version,
        createdAt: _at,
        ...map
      } = await api.call('getSeatMap', { params: { seatmapId } }, SeatMap);
      state.replace(map);
      onDone(`Opened ${map.name}, version ${version}: ${map.seats.length} seats.`);
    } catch (error) {
      onDone(error instanceof ProblemError ? error.detail : 'That seat map could not be opened.');
    }
  };

  const save = async () => {
    setSaveError(null);
    setEntries([]);
    const check = checkDesign(state.map);
    onCheck(check);
    if (check.problems.length > 0) return setSaveError('Fix the problems listed below first.');
    const body = SeatMapImport.safeParse(state.map);
    if (!body.success)
      return setSaveError(body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    setSaving(true);
    try {
      const saved = await api.call('importSeatMap', { params: { venueId }, body: body.data }, SeatMapSummary);
      onDone(`Saved ${saved.name} as version ${saved.version} (seat map ${saved.id}).`);
      setVersions((list) => (list ? [{ ...saved }, ...list] : list));
    } catch (error) {
      setSaveError(error instanceof ProblemError ? error.detail : 'Saving failed. Please try again.');
      setEntries(error instanceof ProblemError ? error.entries : []);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="designer-versions" aria-labelledby="designer-versions-title">
      <h2 id="designer-versions-title">Venue and versions</h2>
      <form className="designer-inline" onSubmit={(e) => (e.preventDefault(), onVenue(venueText.trim()))}>
        <FormField label="Venue id" name="venueId">
          {(input) => <input {...input} value={venueText} onChange={(e) => setVenueText(e.target.value)} />}
        </FormField>
        <button type="submit">Use venue</button>
      </form>
      {versions && versions.length > 0 && (
        <ul aria-label="Saved versions">
          {versions.map((v) => (
            <li key={v.id}>
              {v.name}, version {v.version}
              {v.seatCount !== undefined ? `, ${v.seatCount} seats` : ''}{' '}
              <button type="button" onClick={() => open(v.id)}>
                Open<span className="visually-hidden"> version {v.version}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="designer-inline" onSubmit={(e) => (e.preventDefault(), open(openId.trim()))}>
        <FormField label="Open a saved version by its id" name="seatmapId">
          {(input) => <input {...input} value={openId} onChange={(e) => setOpenId(e.target.value)} />}
        </FormField>
        <button type="submit" disabled={!openId.trim()}>
          Open
        </button>
      </form>
      <div className="designer-inline">
        <FormField label="Seat map name" name="mapName">
          {(input) => <input {...input} value={state.map.name} onChange={(e) => state.rename(e.target.value)} />}
        </FormField>
        <button type="button" onClick={save} disabled={!venueId || saving}>
          {saving ? 'Saving…' : 'Save as new version'}
        </button>
      </div>
      {!venueId && <p>Choose the venue to save to.</p>}
      {saveError && (
        <div role="alert" className="admin-form-error">
          <p>{saveError}</p>
          {entries.length > 0 && (
            <ul>
              {entries.map((entry) => (
                <li key={entry}>{entry}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
