// Pushes the device outbox to the cloud: each mutation with its idempotency key, so a retry after a lost answer is
// applied once. Final answers settle the entry (applied, or rejected with the cloud's reason); a network failure or
// a retryable answer backs off (cloud/domain/retry: never sooner than the cloud's Retry-After, doubling, with jitter)
// and stops this pass (the ones behind wait their turn).
import { apiHeaderKeys } from '../../cloud/contract/routes.ts';
import { backOffMs, retryAfterMs } from '../../cloud/domain/retry/back-off.ts';
import type { Outbox, OutboxEntry } from '../cache/outbox.ts';
import { parseOrNull } from './cloud-client.ts';

export interface CloudAnswer {
  status: number;
  body: unknown;
  /** The answer's Retry-After, in milliseconds (absent: none). */
  retryAfterMs?: number | null;
}

/** Sends one mutation to the cloud (HTTP in the app, the app's own fetch); throws when it could not be sent. */
export type CloudSender = (entry: OutboxEntry) => Promise<CloudAnswer>;

export interface PushResult {
  applied: number;
  rejected: number;
  /** Whether the pass stopped at a mutation to retry later. */
  stopped: boolean;
}

function isRetryable(answer: CloudAnswer): boolean {
  if (answer.status >= 500 || answer.status === 408 || answer.status === 429) return true;
  const body = answer.body as { retryable?: boolean } | null;
  return body?.retryable === true;
}

export class OutboxPusher {
  private running: Promise<PushResult> | null = null;

  constructor(
    private readonly outbox: Outbox,
    private readonly send: CloudSender,
    private readonly clock: () => Date = () => new Date(),
    private readonly random: () => number = Math.random,
  ) {}

  /** One pass over what is due; concurrent calls share the pass in progress. */
  push(): Promise<PushResult> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<PushResult> {
    const result: PushResult = { applied: 0, rejected: 0, stopped: false };
    for (;;) {
      const batch = this.outbox.due(this.clock(), 50);
      if (batch.length === 0) return result;
      for (const entry of batch) {
        let answer: CloudAnswer | null;
        try {
          answer = await this.send(entry);
        } catch {
          answer = null;
        }
        if (answer === null || isRetryable(answer)) {
          const attempts = entry.attempts + 1;
          const wait = backOffMs(attempts, answer?.retryAfterMs ?? null, this.random);
          this.outbox.retryLater(entry.id, attempts, new Date(this.clock().getTime() + wait));
          result.stopped = true;
          return result;
        }
        if (answer.status < 400) {
          this.outbox.markApplied(entry.id, answer.body, this.clock());
          result.applied++;
        } else {
          const detail = (answer.body as { detail?: string } | null)?.detail ?? `refused with ${answer.status}`;
          this.outbox.markRejected(entry.id, detail, answer.body, this.clock());
          result.rejected++;
        }
      }
    }
  }
}

/** The app's sender: fetch against the cloud with the device's token and the entry's idempotency key. */
export function httpSender(
  baseUrl: string,
  accessToken: () => string | null,
  apiKey: () => string | null = () => null,
): CloudSender {
  return async (entry) => {
    const token = accessToken();
    const key = apiKey();
    const response = await fetch(baseUrl + entry.path, {
      method: entry.method,
      headers: {
        [apiHeaderKeys.idempotencyKey]: entry.idempotencyKey,
        ...(entry.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(key ? { [apiHeaderKeys.apiKey]: key } : {}),
      },
      ...(entry.body !== undefined ? { body: JSON.stringify(entry.body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: parseOrNull(text),
      retryAfterMs: retryAfterMs(response.headers.get('retry-after'), new Date()),
    };
  };
}
