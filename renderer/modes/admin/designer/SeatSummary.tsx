// The canvas's text alternative: every section with its seats (or standing capacity), tiers and flags counted, and
// the selected seats by label, so the design can be read and checked without seeing the drawing.
import type { DesignMap } from '../../../../cloud/domain/seatmap/design/document.ts';

const LISTED = 20;

export function describeDesign(map: DesignMap): string {
  const seated = map.sections.filter((s) => s.kind === 'seated').length;
  const standing = map.sections.filter((s) => s.kind === 'ga').reduce((sum, s) => sum + (s.capacity ?? 0), 0);
  return `${map.seats.length} seats in ${seated} seated section${seated === 1 ? '' : 's'}, standing for ${standing}, stage: ${map.stage.label}.`;
}

export function SeatSummary({ map, selected }: { map: DesignMap; selected: Set<number> }) {
  const bySection = new Map<
    string,
    {
      seats: number;
      rows: Set<string>;
      tiers: Map<string, number>;
      wheelchair: number;
      companion: number;
      restricted: number;
    }
  >();
  const sectionTier = new Map(map.sections.map((s) => [s.id, s.tier]));
  const tierName = new Map((map.tiers ?? []).map((t) => [t.key, t.name]));
  for (const seat of map.seats) {
    let entry = bySection.get(seat.sectionId);
    if (!entry)
      bySection.set(
        seat.sectionId,
        (entry = { seats: 0, rows: new Set(), tiers: new Map(), wheelchair: 0, companion: 0, restricted: 0 }),
      );
    entry.seats++;
    entry.rows.add(seat.row);
    const tier = seat.tier ?? sectionTier.get(seat.sectionId) ?? '';
    entry.tiers.set(tier, (entry.tiers.get(tier) ?? 0) + 1);
    if (seat.wheelchair) entry.wheelchair++;
    if (seat.companion) entry.companion++;
    if (seat.restrictedView) entry.restricted++;
  }
  const picked = [...selected]
    .slice(0, LISTED)
    .map((i) => map.seats[i])
    .filter((s) => s !== undefined);
  return (
    <section className="designer-summary" aria-labelledby="designer-summary-title">
      <h2 id="designer-summary-title">What is drawn</h2>
      <p>{describeDesign(map)}</p>
      {/* Focusable, so a keyboard can scroll the table when it is wider than its column. */}
      <div className="admin-table-wrap" tabIndex={0} role="region" aria-label="Sections of the design">
        <table className="admin-table">
          <caption className="visually-hidden">Sections of the design</caption>
          <thead>
            <tr>
              <th scope="col">Section</th>
              <th scope="col">Rows</th>
              <th scope="col">Seats or places</th>
              <th scope="col">Tiers</th>
              <th scope="col">Wheelchair / companion / restricted</th>
            </tr>
          </thead>
          <tbody>
            {map.sections.map((section) => {
              const entry = bySection.get(section.id);
              return (
                <tr key={section.id}>
                  <th scope="row">{section.name}</th>
                  <td>{entry?.rows.size ?? 0}</td>
                  <td>{section.kind === 'ga' ? `${section.capacity ?? 0} standing` : (entry?.seats ?? 0)}</td>
                  <td>
                    {section.kind === 'ga'
                      ? (tierName.get(section.tier ?? '') ?? 'none')
                      : [...(entry?.tiers ?? [])].map(([key, n]) => `${tierName.get(key) ?? 'none'}: ${n}`).join(', ')}
                  </td>
                  <td>{entry ? `${entry.wheelchair} / ${entry.companion} / ${entry.restricted}` : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p aria-live="polite">
        {selected.size === 0
          ? 'No seats selected.'
          : `Selected ${selected.size}: ${picked.map((s) => `${s.sectionId} ${s.row}-${s.number}`).join(', ')}${selected.size > LISTED ? ', …' : ''}`}
      </p>
    </section>
  );
}
