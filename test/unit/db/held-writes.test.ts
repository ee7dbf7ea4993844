// Writes held back for another statement (cloud/db/held-writes.ts): kept as sent, then run as steps whose parameters
// follow the statement's own, and a statement that cannot be a step is refused, never dropped.
import { describe, expect, it } from 'vitest';
import { heldWriteSteps, writeHolder } from '../../../cloud/db/held-writes.ts';

describe('held writes', () => {
  it('keeps each write as sent and answers it with no rows', async () => {
    const holder = writeHolder();
    expect(await holder.query('UPDATE t SET a = $2 WHERE id = $1', ['x', 1])).toEqual({ rows: [], rowCount: 0 });
    expect(holder.held).toEqual([{ sql: 'UPDATE t SET a = $2 WHERE id = $1', params: ['x', 1] }]);
  });

  it('numbers the steps’ parameters after the statement’s own, in the order the writes came', () => {
    const steps = heldWriteSteps(
      [
        { sql: 'UPDATE t SET a = $2 WHERE id = $1', params: ['x', 1] },
        { sql: 'INSERT INTO u (id, b) VALUES ($1, $2::jsonb)', params: ['y', '{}'] },
      ],
      21,
    );
    expect(steps.sql).toBe(
      ', held_1 AS (UPDATE t SET a = $23 WHERE id = $22), held_2 AS (INSERT INTO u (id, b) VALUES ($24, $25::jsonb))',
    );
    expect(steps.params).toEqual(['x', 1, 'y', '{}']);
    expect(heldWriteSteps([], 5)).toEqual({ sql: '', params: [] });
  });

  it('refuses what cannot run as a step: a read, a statement with its own WITH, two statements', () => {
    for (const sql of ['SELECT 1', 'WITH a AS (SELECT 1) UPDATE t SET b = 1', 'UPDATE t SET a = 1; DELETE FROM t']) {
      expect(() => heldWriteSteps([{ sql, params: [] }], 0)).toThrow(/not a write that can run as a step/);
    }
  });
});
