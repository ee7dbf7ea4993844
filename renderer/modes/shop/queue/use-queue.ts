// The waiting room's life: join once (the proof of work in a worker, a random session of our own), then poll the
// event's state document every few seconds with jitter (the CDN answers most polls), and ask for admission when the
// place is reached (or, once it opened, to learn the place). Everything kept goes through queueStore, so a reload or
// another tab carries on with the same ticket, and so the same place. A busy edge or API is waited out by itself,
// never sooner than its Retry-After (queue-back-off.ts): a refused join counts down and tries again, with the buyer
// told why and a button to try at once; a failed poll keeps the place on screen and asks again after the back-off.
// WAF's challenge of a join is passed by the HTTP client (lazy-call.ts), which then sends the join once more.
import { useEffect, useRef, useState } from 'react';
import type { QueueState } from '../../../../cloud/contract/queue.ts';
import { ApiError } from '../../../client/ticketing-client.ts';
import { queueApi } from './queue-api.ts';
import { queueStore, type QueuePass } from './queue-store.ts';
import { solveInWorker } from './proof-of-work.ts';
import { standing } from './queue-standing.ts';
import { isBusy, queueWaitMs } from './queue-back-off.ts';

/** A solved challenge is sent again only while this much of its life is left (the server's clock may be ahead). */
const CHALLENGE_MARGIN_MS = 15_000;

export type QueuePhase = 'joining' | 'failed' | 'waiting' | 'admitted';

export interface Queue {
  phase: QueuePhase;
  pass: QueuePass;
  state: QueueState | null;
  /** The last poll failed (the place is kept; polling goes on). */
  stale: boolean;
  joinError: ApiError | null;
  /** A join refused as busy (or lost on the way) is tried again by itself at `until` (ms); `offline`: no answer. */
  busy: { until: number; offline: boolean } | null;
  /** The buyer's "Try now": the planned join at once. */
  tryNow: () => void;
  /** Why the presale code was refused at admission (it is dropped). */
  codeError: string | null;
  retryJoin: () => void;
  setPresaleCode: (code: string | null) => void;
}

export function useQueue(eventId: string, bearer: string | undefined, onAdmitted: () => void): Queue {
  const [pass, setPass] = useState(() => queueStore.pass(eventId));
  const [phase, setPhase] = useState<QueuePhase>(pass.ticket ? 'waiting' : 'joining');
  const [state, setState] = useState<QueueState | null>(null);
  const [stale, setStale] = useState(false);
  const [joinError, setJoinError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<Queue['busy']>(null);
  const wake = useRef<(() => void) | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const admitted = useRef(onAdmitted);
  admitted.current = onAdmitted;
  const update = (patch: Partial<QueuePass>) => setPass(queueStore.update(eventId, patch));

  useEffect(() => {
    if (pass.ticket) return;
    let cancelled = false;
    setPhase('joining');
    void (async () => {
      let solved: { challenge: string; nonce: string; expiresAt: number } | null = null;
      for (let failures = 1; ; failures++) {
        let replay = false;
        try {
          // The same solution is sent again while its challenge is good: a join whose answer was lost gets the same
          // arrival (and so the same place) when it is replayed.
          if (!solved || solved.expiresAt - Date.now() < CHALLENGE_MARGIN_MS) {
            const { challenge, bits, expiresAt } = await queueApi.challenge(eventId);
            const nonce = await solveInWorker({ challenge, session: pass.session, bits });
            solved = { challenge, nonce, expiresAt: Date.parse(expiresAt) };
          } else replay = true;
          const request = { session: pass.session, challenge: solved.challenge, nonce: solved.nonce };
          const ticket = await queueApi.join(eventId, request, bearer);
          if (cancelled) return;
          update({ ticket: ticket.ticket, place: ticket.place });
          setPhase('waiting');
          return;
        } catch (failure) {
          if (replay && failure instanceof ApiError && failure.code === 'challenge_failed') {
            solved = null; // gone stale sooner than this browser's clock said: a new one, at once
            continue;
          }
          if (cancelled || !isBusy(failure)) throw failure;
          const wait = queueWaitMs(failure, failures);
          setBusy({ until: Date.now() + wait, offline: failure.status === 0 });
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            wake.current = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake.current = null;
          if (cancelled) return;
          setBusy(null);
        }
      }
    })().catch((failure: unknown) => {
      if (cancelled) return;
      setJoinError(failure instanceof ApiError ? failure : new ApiError(0, 'network', ''));
      setPhase('failed');
    });
    return () => {
      cancelled = true;
      wake.current?.();
      setBusy(null);
    };
    // joins again only for a new ticket or a retry
  }, [eventId, pass.ticket, attempt]);

  useEffect(() => {
    if (!pass.ticket) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const admit = async () => {
      const { ticket, presaleCode } = queueStore.pass(eventId);
      if (!ticket) return;
      try {
        const admission = await queueApi.admit(eventId, { ticket, ...(presaleCode ? { presaleCode } : {}) });
        const { token, expiresAt, place } = admission;
        update({ admission: { token, expiresAt, place }, place });
        setPhase('admitted');
        admitted.current();
        cancelled = true;
      } catch (failure) {
        if (!(failure instanceof ApiError)) throw failure;
        if (failure.code === 'not_admitted_yet') {
          const place = (failure.body as { place?: unknown }).place;
          if (typeof place === 'number') update({ place });
        } else if (failure.code === 'queue_ticket_invalid') {
          update({ ticket: undefined, place: undefined }); // joins again
        } else if (presaleCode && failure.status < 500 && failure.status !== 429) {
          // A refused presale code: said beside its field and dropped, so the buyer can go on without it.
          update({ presaleCode: undefined });
          setCodeError(failure.detail || failure.code);
        } else throw failure;
      }
    };
    let failures = 0;
    const poll = async () => {
      let wait: number;
      try {
        const next = await queueApi.state(eventId);
        if (cancelled) return;
        setState(next);
        setStale(false);
        failures = 0;
        // Jitter spreads a crowd that arrived together over the cache's lifetime.
        wait = Math.max(2, next.maxAgeSeconds) * 1000 + Math.random() * 2000;
        if (standing(next, queueStore.pass(eventId).place ?? null).askAdmission) await admit();
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === 'no_queue') {
          admitted.current(); // the organizer turned the waiting room off
          return;
        }
        setStale(true);
        // Never sooner than a busy answer's Retry-After (the state's, or the admission's), and longer each time.
        wait = queueWaitMs(failure, ++failures);
      }
      if (!cancelled) timer = setTimeout(() => void poll(), wait);
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // one polling loop per ticket
  }, [eventId, pass.ticket]);

  return {
    phase,
    pass,
    state,
    stale,
    joinError,
    busy,
    tryNow: () => wake.current?.(),
    codeError,
    retryJoin: () => {
      setJoinError(null);
      setAttempt((n) => n + 1);
    },
    setPresaleCode: (code) => {
      setCodeError(null);
      update({ presaleCode: code ?? undefined });
    },
  };
}
