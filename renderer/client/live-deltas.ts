// live deltas (issue 20): the live seat view of a large event without a WebSocket. It polls the event's head every
// second or two (with jitter, so a crowd does not poll in step; the CDN answers almost all of it), fetches the delta
// documents it lacks (all at once: each address is known and immutable) and gives each, in order, to the same
// handlers the socket feeds. It starts from the snapshot's `liveVersion`, so nothing between that read and the first
// poll is missed and no second snapshot is read; after a gap (a document gone or missing, a head too far ahead, a
// snapshot too old) it hands over to `onSubscribed`, which reads the snapshot again (under what is heard meanwhile),
// and carries on from the head it read first. An event without a head (404: no document was written for it yet, as
// from AWS's bucket) is at version 0: nothing new, and its first document is 1. Loaded lazily, with the first large
// event's seat page.
import type { LiveDelta, LiveHead } from '../../cloud/contract/index.ts';
import { shopPaths } from '../../cloud/contract/shop-routes.ts';
import { catchUp } from '../../cloud/domain/live/delta-versions.ts';
import type { LiveHandlers, LiveSubscription } from './ticketing-client.ts';

export interface DeltaPollerOptions {
  /** The API's origin ('' for this page's). */
  baseUrl: string;
  eventId: string;
  /** The version the caller's snapshot is current to; none: the first head read starts it (with a snapshot read). */
  since?: number;
  /** Milliseconds between polls: the least, and the jitter added to it at random. */
  intervalMs?: number;
  jitterMs?: number;
  fetch?: typeof fetch;
}

/** A document the server no longer has (410) or never made (404): the chain has a gap. */
class DeltaGap extends Error {}

export function pollLiveDeltas(options: DeltaPollerOptions, handlers: LiveHandlers): LiveSubscription {
  const { baseUrl, eventId, intervalMs = 1000, jitterMs = 1000 } = options;
  const get = options.fetch ?? ((input, init) => fetch(input, init));
  let known = options.since;
  let closed = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let online: boolean | null = null;

  const json = async <T>(path: string): Promise<T> => {
    const response = await get(baseUrl + path, { headers: { accept: 'application/json' } });
    if (response.status === 404 || response.status === 410) throw new DeltaGap(path);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  const status = (next: boolean) => {
    if (online !== next) handlers.onStatus?.((online = next));
  };
  /** Starts over from this head: the snapshot is read again after it, so nothing up to it is missed. */
  const resync = (head: LiveHead) => {
    known = head.version;
    handlers.onSubscribed();
  };

  /** The head, or version 0 when the event has none yet. */
  const readHead = () =>
    json<LiveHead>(shopPaths.liveHead(eventId)).catch((error: unknown) => {
      if (!(error instanceof DeltaGap)) throw error;
      return { eventId, version: 0, oldest: 1, generatedAt: new Date().toISOString() } satisfies LiveHead;
    });

  const poll = async () => {
    const head = await readHead();
    if (closed) return;
    status(true);
    if (known === undefined) return resync(head);
    const plan = catchUp(known, head);
    if (plan.kind === 'reread') return resync(head);
    if (plan.kind === 'current') return;
    const documents = plan.versions.map((version) => json<LiveDelta>(shopPaths.liveDelta(eventId, String(version))));
    try {
      for (const pending of documents) {
        const document = await pending;
        if (closed) return;
        handlers.onChanges({
          type: 'changes',
          eventId,
          changes: document.changes,
          ...(document.ga ? { ga: document.ga } : {}),
        });
        known = document.version;
      }
    } catch (error) {
      if (!(error instanceof DeltaGap)) throw error;
      resync(head);
    } finally {
      // The ones not awaited after a gap: their failures are the gap's, already handled.
      for (const pending of documents) pending.catch(() => {});
    }
  };

  const schedule = () => {
    if (closed) return;
    // After failures: back off (2 s, 4 s … at most 30 s), still jittered.
    const base = failures === 0 ? intervalMs : Math.min(30_000, 1000 * 2 ** failures);
    timer = setTimeout(tick, base + Math.random() * jitterMs);
  };
  const tick = () => {
    poll().then(
      () => {
        failures = 0;
        schedule();
      },
      () => {
        failures++;
        status(false);
        schedule();
      },
    );
  };
  tick();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
