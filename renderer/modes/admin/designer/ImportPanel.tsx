// Importing seats: a CSV (section,row,seat,x,y[,tier][,flags]) is added to the design; a JSON seat map in the
// SeatMapImport format replaces it. Problems name their line and column. The design can be exported as JSON too.
import { useState, type ChangeEvent } from 'react';
import {
  addCsvSeats,
  parseSeatCsv,
  parseSeatMapJson,
  type ImportProblem,
} from '../../../../cloud/domain/seatmap/design/import.ts';
import type { DesignState } from './design-state.ts';

export function ImportPanel({ state, onDone }: { state: DesignState; onDone(message: string): void }) {
  const [problems, setProblems] = useState<ImportProblem[]>([]);

  const read = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const text = await file.text();
    if (/\.json$/i.test(file.name) || text.trimStart().startsWith('{')) {
      const parsed = parseSeatMapJson(text);
      setProblems(parsed.problems);
      if (parsed.map) {
        state.replace(parsed.map);
        onDone(`Opened ${parsed.map.name} from ${file.name}: ${parsed.map.seats.length} seats.`);
      } else onDone(`${file.name} is not a seat map: ${parsed.problems.length} problem(s).`);
      return;
    }
    const parsed = parseSeatCsv(text);
    setProblems(parsed.problems);
    if (parsed.seats.length > 0) state.apply(addCsvSeats(state.map, parsed.seats));
    onDone(
      `Imported ${parsed.seats.length} seat(s) from ${file.name}` +
        (parsed.problems.length > 0 ? `; ${parsed.problems.length} line(s) left out.` : '.'),
    );
  };

  const exportJson = () => {
    const blob = new Blob([JSON.stringify(state.map, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${state.map.name.replace(/[^A-Za-z0-9_-]+/g, '-')}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  return (
    <div className="designer-import">
      <div className="admin-field">
        <label htmlFor="designer-import-file">Import seats (CSV) or a seat map (JSON)</label>
        <p className="admin-field-hint" id="designer-import-hint">
          CSV columns: section,row,seat,x,y, then optionally tier and flags (wheelchair; companion; restricted). A CSV
          adds its seats; a JSON map replaces the design.
        </p>
        <input
          id="designer-import-file"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          aria-describedby="designer-import-hint"
          onChange={read}
        />
      </div>
      {problems.length > 0 && (
        <ul className="admin-field-error" aria-label="Import problems">
          {problems.map((problem, i) => (
            <li key={i}>
              {problem.line > 0 ? `Line ${problem.line}` : 'File'}
              {problem.field ? `, ${problem.field}` : ''}: {problem.message}
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={exportJson}>
        Export as JSON
      </button>
    </div>
  );
}
