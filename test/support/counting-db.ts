// A Db that counts the queries made through its port (not those inside transactions): how the waiting room's tests
// show what a poll or a state's advance costs the database.
import type { Db } from '../../cloud/db/port.ts';

export function countingDb(db: Db): { db: Db; queries: () => number } {
  let queries = 0;
  const counted = new Proxy(db, {
    get(target, property) {
      if (property === 'query') {
        return (sql: string, params?: readonly unknown[]) => {
          queries++;
          return target.query(sql, params);
        };
      }
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: counted, queries: () => queries };
}
