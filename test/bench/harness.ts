// What the benchmarks share: timed phases at a fixed concurrency with warm-up, the CPU split between this process,
// the API server and Postgres, and the API server started the way `npm start` starts it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface PhaseOptions {
  concurrency: number;
  phaseMs: number;
  warmupMs: number;
}

export interface PhaseResult {
  name: string;
  /** CPU seconds per second of each side during the phase (Linux /proc), for seeing who is busy. */
  cpu: { client: number; server: number; postgres: number };
  requests: number;
  held: number;
  refused: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export type Attempt = {
  outcome: 'held' | 'refused';
  /** Runs after the attempt is timed (e.g. the hot phases' release). */
  afterwards?: () => Promise<unknown>;
};

let serverPid: number | undefined;
let postmasterPid: number | undefined;

/**
 * Counts only the Postgres server listening on this port (its postmaster and the backends it forked) as Postgres's
 * CPU, not every postgres process on the machine (other benches' and tests' servers run beside this one).
 */
export function countPostgresOn(port: number): void {
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const portAt = args.indexOf('-p');
      if (args[0]?.endsWith('/postgres') && portAt >= 0 && args[portAt + 1] === String(port))
        postmasterPid = Number(pid);
    } catch {
      // the process ended between listing and reading
    }
  }
}

/** Clock ticks used so far by this process, the API server and every postgres process (Linux only; else zeros). */
export function cpuTicks(): { client: number; server: number; postgres: number } {
  const ticks = { client: 0, server: 0, postgres: 0 };
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const used = Number(fields[11]) + Number(fields[12]);
      if (Number(pid) === process.pid) ticks.client += used;
      else if (Number(pid) === serverPid) ticks.server += used;
      else if (name === 'postgres' || name.startsWith('postgres:')) {
        const parentPid = Number(fields[1]);
        if (postmasterPid === undefined || parentPid === postmasterPid) ticks.postgres += used;
        // The postmaster reaps the backends of closed connections: their CPU is its children's from then on.
        else if (Number(pid) === postmasterPid) ticks.postgres += used + Number(fields[13]) + Number(fields[14]);
      }
    } catch {
      // the process ended between listing and reading
    }
  }
  return ticks;
}

/** The p-th percentile of figures sorted ascending (NaN for none). */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

/** Runs `attempt` on `concurrency` loops for the phase time after a warm-up; one call is timed alone. */
export async function phase(
  name: string,
  options: PhaseOptions,
  attempt: (loop: number) => Promise<Attempt>,
): Promise<PhaseResult> {
  const latencies: number[] = [];
  let held = 0;
  let refused = 0;
  let errors = 0;
  let measuring = false;
  const warmupEnds = Date.now() + options.warmupMs;
  const ends = warmupEnds + options.phaseMs;
  let cpuAtStart = cpuTicks();
  setTimeout(() => {
    measuring = true;
    cpuAtStart = cpuTicks();
  }, options.warmupMs);
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, loop) => {
      while (Date.now() < ends) {
        const started = performance.now();
        try {
          const { outcome, afterwards } = await attempt(loop);
          const latency = performance.now() - started;
          await afterwards?.();
          if (!measuring) continue;
          latencies.push(latency);
          if (outcome === 'held') held++;
          else refused++;
        } catch (error) {
          errors++;
          if (errors < 5) console.error(name, error);
        }
      }
    }),
  );
  const cpuAtEnd = cpuTicks();
  const share = (side: keyof typeof cpuAtEnd) => (cpuAtEnd[side] - cpuAtStart[side]) / 100 / (options.phaseMs / 1000);
  latencies.sort((a, b) => a - b);
  return {
    name,
    cpu: { client: share('client'), server: share('server'), postgres: share('postgres') },
    requests: latencies.length,
    held,
    refused,
    errors,
    perSecond: latencies.length / (options.phaseMs / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Starts the API as `npm start` does (its CPU is then counted as the server's); resolves once it listens. */
export async function startApiServer(env: Record<string, string>): Promise<ChildProcess> {
  // BENCH_PROFILE=dir writes a V8 CPU profile of the API server there, for finding where its time goes.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'cloud/local/start.ts'], {
    env: { ...process.env, SEED: 'false', RATE_LIMITS: 'holds=100000000,orders=100000000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  serverPid = child.pid;
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('local cloud at') && resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

/**
 * Stops an API server startApiServer started and waits for it to exit: it ends the outbox batch under way and closes
 * its connections, so Postgres, stopped after, never cuts a job off (SIGKILL if it takes over 30 s).
 */
export async function stopApiServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const late = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(late);
}

export function printResults(title: string, results: PhaseResult[], outcomeLabels = ['held', 'refused']): void {
  console.log(`\n${title}`);
  console.log(
    `phase                         attempts/s ${outcomeLabels[0]!.padStart(6)} ${outcomeLabels[1]!.padStart(9)}  errors   p50 ms   p99 ms   CPU cores: client server postgres`,
  );
  for (const r of results) {
    console.log(
      `${r.name.padEnd(28)} ${r.perSecond.toFixed(0).padStart(10)} ${String(r.held).padStart(6)} ${String(r.refused).padStart(9)} ${String(r.errors).padStart(7)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}` +
        `   ${r.cpu.client.toFixed(2).padStart(17)} ${r.cpu.server.toFixed(2).padStart(6)} ${r.cpu.postgres.toFixed(2).padStart(8)}`,
    );
  }
}

/** The median of some figures. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Each variant's phase over rounds that took turns: figures as medians over the rounds, counts summed. */
export function medianOfRounds(rounds: PhaseResult[][]): PhaseResult[] {
  return rounds[0]!.map((_, index) => {
    const runs = rounds.map((turn) => turn[index]!);
    const of = (pick: (r: PhaseResult) => number) => median(runs.map(pick));
    const sum = (pick: (r: PhaseResult) => number) => runs.reduce((total, r) => total + pick(r), 0);
    return {
      name: runs[0]!.name,
      cpu: { client: of((r) => r.cpu.client), server: of((r) => r.cpu.server), postgres: of((r) => r.cpu.postgres) },
      requests: sum((r) => r.requests),
      held: sum((r) => r.held),
      refused: sum((r) => r.refused),
      errors: sum((r) => r.errors),
      perSecond: of((r) => r.perSecond),
      p50: of((r) => r.p50),
      p99: of((r) => r.p99),
    };
  });
}
