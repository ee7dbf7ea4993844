// A child process for the crash test: opens the cache and records outbox mutations one after another, printing the
// number committed after each, until it is killed.
import { openCache } from '../../../main/cache/database.ts';
import { Outbox } from '../../../main/cache/outbox.ts';

const db = openCache(process.argv[2]!);
const outbox = new Outbox(db);
let committed = outbox.pendingCount();
for (;;) {
  outbox.enqueue({ kind: 'sale', method: 'POST', path: '/v1/orders', body: { n: committed, pad: 'x'.repeat(2000) } });
  committed++;
  process.stdout.write(`${committed}\n`);
}
