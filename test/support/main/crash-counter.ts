// The child process of the venue machine's crash test (bundled once by esbuild, run with plain node): the machine's
// real store (device.db and its ledger, with the checks and salvage at start), its allotment seller and its outbox
// pusher, selling from the counter's allotment at a seeded random pace until its parent kills it. It prints each sale
// the clerk would see as done (`SOLD <outbox id> <buyer> <seats>`) only once sellForCash has returned. Online (a
// cloud URL given) it first pulls its allotments like the sync loop does and pushes the outbox between sales; in
// drain mode it only pushes until nothing is pending, then says `DRAINED`. It opens the store only when its parent
// writes a byte to its stdin: the parent starts the next run's node while the current one runs.
import { apiPaths, apiRoutes } from '../../../cloud/contract/routes.ts';
import type { MyAllotments } from '../../../cloud/contract/index.ts';
import { WALK_UP_EMAIL } from '../../../cloud/domain/orders/buyers.ts';
import { openDeviceStore } from '../../../main/cache/database.ts';
import { Outbox } from '../../../main/cache/outbox.ts';
import { AllotmentSeller } from '../../../main/sales/allotment-seller.ts';
import { OutboxPusher, httpSender } from '../../../main/sync/outbox-pusher.ts';
import { seededRandom } from './seeded-random.ts';

const env = (name: string) => process.env[name] ?? '';
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const cloudUrl = env('CRASH_CLOUD_URL');
  const token = env('CRASH_TOKEN');
  const allotmentId = env('CRASH_ALLOTMENT');
  const random = seededRandom(Number(env('CRASH_SEED')));
  // Started ahead while the run before it goes on (node's own start is most of a run): waits for its turn here.
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const store = openDeviceStore(env('CRASH_FILE'));
  const outbox = new Outbox(store.db);
  const seller = new AllotmentSeller(store.db, outbox);
  // Time moves on past any backoff between runs (a run is a restart, minutes later for the machine).
  const pusher = new OutboxPusher(
    outbox,
    httpSender(cloudUrl, () => token),
    () => new Date(Date.now() + 3600_000),
  );
  if (cloudUrl) {
    const response = await fetch(cloudUrl + apiPaths.boxOfficeAllotments(), {
      method: apiRoutes.listMyAllotments.method,
      headers: { authorization: `Bearer ${token}` },
    });
    seller.sync(((await response.json()) as MyAllotments).allotments);
  }
  say('READY');
  if (env('CRASH_MODE') === 'drain') {
    while (outbox.pendingCount() > 0) await pusher.push();
    say('DRAINED');
    return;
  }
  const prices = new Map(
    seller
      .list()
      .flatMap((view) => view.seats)
      .map((seat) => [seat.seatId, seat.price]),
  );
  for (let n = 0; ; n++) {
    const free = seller.unsold(allotmentId);
    if (free.length === 0) break;
    const start = Math.floor(random() * free.length);
    const seatIds = free.slice(start, start + (random() < 0.3 ? 2 : 1));
    const total = seatIds.reduce((sum, seatId) => sum + prices.get(seatId)!.amount, 0);
    const buyer = `Crash-${env('CRASH_RUN')}-${n}`;
    const entry = seller.sellForCash(allotmentId, seatIds, {
      buyer: { name: buyer, email: WALK_UP_EMAIL },
      tendered: total,
    });
    say(`SOLD ${entry.id} ${buyer} ${seatIds.join(',')}`);
    if (cloudUrl && random() < 0.5) await pusher.push();
    await new Promise((resolve) => setTimeout(resolve, random() * 4));
  }
  say('SOLD_OUT');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
