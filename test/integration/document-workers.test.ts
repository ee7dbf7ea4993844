// Document workers (npm start's outbox jobs make their emails on a thread of their own, at a low priority): a tickets
// email made on the worker is the email made in process (same words, same ticket images, same PDF text), the thread
// runs at nice 19 while the process's own stays at 0, a failure there fails the job (to be retried) without ending
// the thread, and closing refuses what was in hand.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { freshDb } from '../support/databases.ts';
import { buildWorld, type World } from '../support/world.ts';
import { testApi, type TestApi } from '../support/api.ts';
import { counterSale } from '../support/counter-sale.ts';
import { readPdf } from '../support/pdf-reader.ts';
import type { Db } from '../../cloud/db/port.ts';
import { LocalOutboxSender } from '../../cloud/adapters/email/local-outbox.ts';
import { composeInProcess } from '../../cloud/services/fulfilment/fulfilment-service.ts';
import { startDocumentWorkers, type DocumentWorkers } from '../../cloud/services/fulfilment/document-workers.ts';
import type { DocumentsInput } from '../../cloud/services/fulfilment/compose-documents.ts';

/** The nice values of this process's threads (Linux: a nice value is a thread's; field 19 of its stat). */
const threadNiceValues = () =>
  readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });

describe('document workers', () => {
  let db: Db;
  let world: World;
  let api: TestApi;
  let workers: DocumentWorkers;
  const inputs: DocumentsInput[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'ticketboss-document-workers-'));

  beforeAll(async () => {
    db = await freshDb('pglite');
    workers = startDocumentWorkers();
    world = await buildWorld(db, {
      email: new LocalOutboxSender(dir),
      composer: (input) => {
        inputs.push(input);
        return workers.compose(input);
      },
    });
    api = await testApi(world.services);
  });
  afterAll(async () => {
    await workers.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the same tickets email on the worker as in process, on a thread at nice 19', async () => {
    const order = await counterSale(api, world, ['MAIN-B-1', 'MAIN-B-2'], 'worker@example.com');
    expect(await world.services.outbox.runDue()).toEqual({ done: 1, failed: 0 });
    // The email the job sent was made on the worker: it is in the outbox, and the thread is at the lowest priority.
    expect(inputs).toHaveLength(1);
    expect(threadNiceValues()).toContain(19);
    expect(getPriority()).toBe(0);
    const [sent] = readdirSync(dir).filter((file) => file.endsWith('.eml'));
    const onWorker = await simpleParser(readFileSync(join(dir, sent!)));
    const inProcess = await simpleParser((await composeInProcess(inputs[0]!)).raw);
    expect(onWorker.subject).toBe(`Your tickets for Test Event (${order.code})`);
    expect(onWorker.subject).toBe(inProcess.subject);
    expect(onWorker.text).toBe(inProcess.text);
    expect(onWorker.html).toBe(inProcess.html);
    const described = (mail: typeof onWorker) => mail.attachments.map((a) => [a.filename, a.contentType]);
    expect(described(onWorker)).toEqual(described(inProcess));
    const images = (mail: typeof onWorker) => mail.attachments.filter((a) => a.contentType === 'image/png');
    expect(images(onWorker)).toHaveLength(2);
    images(onWorker).forEach((image, i) => expect(image.content.equals(images(inProcess)[i]!.content)).toBe(true));
    const pdfText = async (mail: typeof onWorker) =>
      (await readPdf(mail.attachments.find((a) => a.filename === `tickets-${order.code}.pdf`)!.content)).text;
    expect(await pdfText(onWorker)).toBe(await pdfText(inProcess));
  });

  it('fails an email it cannot make with its reason, and makes the next', async () => {
    const broken = { ...inputs[0]!, order: { ...inputs[0]!.order, tickets: null } } as unknown as DocumentsInput;
    await expect(workers.compose(broken)).rejects.toThrow(/tickets|null/);
    expect((await workers.compose(inputs[0]!)).subject).toMatch(/^Your tickets for Test Event/);
  });

  it('refuses the emails in hand when closed, and any after', async () => {
    const own = startDocumentWorkers();
    const inHand = own.compose(inputs[0]!);
    await own.close();
    await expect(inHand).rejects.toThrow(/document worker stopped/);
    await expect(own.compose(inputs[0]!)).rejects.toThrow(/closed/);
  });
});
