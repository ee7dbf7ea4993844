// What an order's tickets email costs the database, statement by statement: in an on-sale every sale queues one, so
// each statement of it is paid once a sale, like the purchase's own. The count is pinned: a change that adds one has
// to say why here. Counted at the Db port, so it is the same on PGlite and on Postgres. Six a job and a claim for up
// to 20 (the event, its venue and its refund policy were three statements before they became one).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import type { Db } from '../../cloud/db/port.ts';
import { LocalOutboxSender } from '../../cloud/adapters/email/local-outbox.ts';
import { OUTBOX_TOPICS } from '../../cloud/services/jobs/outbox-topics.ts';
import { counterSale } from '../support/counter-sale.ts';
import { statementLog, type StatementLog } from '../support/statement-log.ts';

describe.each(dbKinds())('the statements of a tickets email job on %s', (kind) => {
  let db: Db;
  let log: StatementLog;
  let world: World;
  let api: TestApi;
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-email-job-'));

  beforeAll(async () => {
    db = await freshDb(kind);
    log = statementLog(db);
    world = await buildWorld(log.db, { email: new LocalOutboxSender(dir) });
    api = await testApi(world.services);
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the order, whether it was sent, and the event with its venue and refund policy; then records it', async () => {
    await counterSale(api, world, ['MAIN-A-1'], 'ada@example.com');
    log.statements.length = 0;
    // As npm start's dispatcher runs them: exports in a loop of their own (a claim of 20 jobs, here one).
    expect(await world.services.outbox.runDue(20, { except: [OUTBOX_TOPICS.exportFile] })).toEqual({
      done: 1,
      failed: 0,
    });
    const steps = [
      /^UPDATE outbox SET run_after = .* FOR UPDATE SKIP LOCKED/, // the claim, of up to 20 jobs
      /FROM orders/, // the order
      /FROM tickets/, // its tickets, payments, refunds, hold and shipment
      /^SELECT 1 FROM sent_emails/, // sent already?
      /FROM events e LEFT JOIN event_commerce c/, // the event, its venue and its refund policy
      /^INSERT INTO sent_emails/,
      /^UPDATE outbox SET state = 'done'/,
    ];
    expect(log.statements, log.statements.join('\n')).toHaveLength(steps.length);
    steps.forEach((step, i) => expect(log.statements[i], log.statements.join('\n')).toMatch(step));
  });
});
