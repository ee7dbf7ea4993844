import { cpSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { migrate } from './cloud/db/migrate.ts';
import { createPgliteDb } from './cloud/db/pglite.ts';
let c = process.cpuUsage();
const lap = () => { const n = process.cpuUsage(c); c = process.cpuUsage(); return Math.round((n.user + n.system) / 1000); };
const tpl = '/dev/shm/pgl-tpl';
if (!existsSync(tpl)) { const t0 = await createPgliteDb(tpl); await migrate(t0); await t0.close(); }
lap();
for (let round = 0; round < 3; round++) {
  const a = await createPgliteDb(); const ca = lap();
  await migrate(a); const ma = lap(); await a.close();
  const dir = mkdtempSync('/dev/shm/pgl-');
  cpSync(tpl, dir, { recursive: true }); const cp = lap();
  const b = await createPgliteDb(dir); const cb = lap();
  await migrate(b); const mb = lap();
  await b.close(); rmSync(dir, { recursive: true });
  console.log('cpu ms', { memCreate: ca, memMigrate: ma, copy: cp, nodefsCreate: cb, nodefsMigrate: mb });
}
