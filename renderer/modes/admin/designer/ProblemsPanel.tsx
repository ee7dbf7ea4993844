// "Check": the design's problems (cloud/domain/seatmap/design/checks.ts), each with the seats it names ringed on the
// canvas and listed as buttons that select them, so a duplicate label or an overlap is found and fixed by hand.
import type { DesignCheck, DesignProblem } from '../../../../cloud/domain/seatmap/design/checks.ts';
import type { DesignState } from './design-state.ts';

const SEATS_LISTED = 12;

export function ProblemsPanel({
  state,
  check,
  onCheck,
}: {
  state: DesignState;
  check: DesignCheck | null;
  onCheck(): void;
}) {
  const show = (problem: DesignProblem) => {
    state.setSelection(problem.seatIndexes);
    state.highlight(problem.seatIndexes);
  };
  const more = check ? Object.values(check.totals).reduce((sum, n) => sum + (n ?? 0), 0) - check.problems.length : 0;
  return (
    <section className="designer-problems" aria-labelledby="designer-problems-title">
      <h2 id="designer-problems-title">Problems</h2>
      <button type="button" onClick={onCheck}>
        Check the design
      </button>
      {check === null ? (
        <p>Not checked yet. Saving checks first.</p>
      ) : check.problems.length === 0 ? (
        <p role="status">No problems: the design can be saved.</p>
      ) : (
        <>
          <p role="status">
            {check.problems.length + more} problem{check.problems.length + more === 1 ? '' : 's'} found; the seats they
            name are ringed in red.
          </p>
          <ul>
            {check.problems.map((problem, index) => (
              <li key={`${problem.rule}-${index}`}>
                <span>{problem.message}</span>
                {problem.seatIndexes.length > 0 && (
                  <span className="designer-actions">
                    <button type="button" onClick={() => show(problem)}>
                      Select all<span className="visually-hidden"> seats of: {problem.message}</span>
                    </button>
                    {problem.seatIndexes.slice(0, SEATS_LISTED).map((seat, i) => (
                      <button key={seat} type="button" onClick={() => show({ ...problem, seatIndexes: [seat] })}>
                        Select {problem.seatIds[i]}
                      </button>
                    ))}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {more > 0 && <p>And {more} more of the same kinds.</p>}
        </>
      )}
    </section>
  );
}
