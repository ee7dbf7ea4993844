// npm run bench:door — what a rotating code costs the door: verifications per second on one core (this process's
// main thread, synchronous, as the box office's door and the API's scan handler verify), of a rotating code (the
// venue's Ed25519 signature over the credential, the phone's P-256 point read, its ECDSA signature, the clock rule
// and the replay memory) beside today's static code (one Ed25519 signature), measured in the same run. The phases
// take turns for BENCH_RUNS runs (7) of BENCH_PHASE_MS (1000 ms) each; the medians and their ratio are printed, and
// each run's ratio, so a machine whose load drifts shows it.
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import {
  InMemoryReplayMemory,
  issueCredential,
  signRotatingCode,
  unixSeconds,
  verifyRotatingCode,
} from '../../cloud/domain/tickets/rotating-code.ts';
import { signTicketCode, verifyTicketCode } from '../../cloud/domain/tickets/ticket-code.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PHASE_MS = Number(process.env.BENCH_PHASE_MS ?? 1000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 500);
const CODES = 512;

// A door accepts the current key and a retired one: the code names the current one (the common case).
const venueKey = generateKeyPairSync('ed25519');
const accepted: KeyObject[] = [venueKey.publicKey, generateKeyPairSync('ed25519').publicKey];
const now = new Date();
const tickets = Array.from({ length: CODES }, (_, i) => ({
  ticketId: randomUUID(),
  eventId: randomUUID(),
  seat: `MAIN-${String.fromCharCode(65 + (i % 20))}-${i}`,
}));
const staticCodes = tickets.map((ticket) => signTicketCode(venueKey.privateKey, ticket));
const rotatingCodes = tickets.map((ticket) => {
  const phone = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const devicePublicKey = phone.publicKey.export({ format: 'der', type: 'spki' }).subarray(-65);
  const credential = issueCredential(venueKey.privateKey, { ...ticket, devicePublicKey });
  return signRotatingCode(phone.privateKey, credential, unixSeconds(now) - 5);
});

/** Verifications per second over `ms`, cycling through the codes; each must pass, or the benchmark stops. */
function rate(verifyOne: (index: number) => boolean, ms: number): number {
  let count = 0;
  const started = process.hrtime.bigint();
  const until = started + BigInt(ms) * 1_000_000n;
  let elapsed: bigint;
  do {
    for (let i = 0; i < 64; i++, count++) {
      if (!verifyOne(count % CODES)) throw new Error(`code ${count % CODES} was refused`);
    }
    elapsed = process.hrtime.bigint() - started;
  } while (started + elapsed < until);
  return count / (Number(elapsed) / 1e9);
}

const verifyStatic = (index: number) => verifyTicketCode(accepted, staticCodes[index]!) !== null;
// A fresh replay memory per pass over the codes, so every verification is a first sight (as at a real door).
let replays = new InMemoryReplayMemory();
const verifyRotating = (index: number) => {
  if (index === 0) replays = new InMemoryReplayMemory();
  return verifyRotatingCode({ publicKeys: accepted, code: rotatingCodes[index]!, now, replays }).ok;
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

rate(verifyStatic, WARMUP_MS);
rate(verifyRotating, WARMUP_MS);
const staticRates: number[] = [];
const rotatingRates: number[] = [];
for (let run = 0; run < RUNS; run++) {
  // Alternate which goes first, so neither always gets the warmer (or the more disturbed) half of a run.
  if (run % 2 === 0) {
    staticRates.push(rate(verifyStatic, PHASE_MS));
    rotatingRates.push(rate(verifyRotating, PHASE_MS));
  } else {
    rotatingRates.push(rate(verifyRotating, PHASE_MS));
    staticRates.push(rate(verifyStatic, PHASE_MS));
  }
}

const round = (value: number) => Math.round(value).toLocaleString('en');
const staticMedian = median(staticRates);
const rotatingMedian = median(rotatingRates);
console.log(`door code verification, one core, ${RUNS} runs of ${PHASE_MS} ms (median, per second):`);
console.log(`  static code (baseline, Ed25519)            ${round(staticMedian).padStart(10)}`);
console.log(`  rotating code (Ed25519 + P-256 ECDSA)      ${round(rotatingMedian).padStart(10)}`);
console.log(`  ratio rotating / static                    ${(rotatingMedian / staticMedian).toFixed(3).padStart(10)}`);
console.log(`  µs per rotating code                       ${(1e6 / rotatingMedian).toFixed(1).padStart(10)}`);
console.log(`  ratio by run: ${rotatingRates.map((value, run) => (value / staticRates[run]!).toFixed(3)).join(' ')}`);
