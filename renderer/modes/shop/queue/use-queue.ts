// The waiting room's life: join once (the proof of work in a worker, a random session of our own), then poll the
// event's state document every few seconds with jitter (the CDN answers most polls), and ask for admission when the
// place is reached (or, once it opened, to learn the place). Everything kept goes through queueStore, so a reload or
// another tab carries on with the same ticket, and so the same place.
import { useEffect, useRef, useState } from 'react';
import type { QueueState } from '../../../../cloud/contract/queue.ts';
import { ApiError } from '../../../client/ticketing-client.ts';
import { queueApi } from './queue-api.ts';
import { queueStore, type QueuePass } from './queue-store.ts';
import { solveInWorker } from './proof-of-work.ts';
import { standing } from './queue-standing.ts';

export type QueuePhase = 'joining' | 'failed' | 'waiting' | 'admitted';

export interface Queue {
  phase: QueuePhase;
  pass: QueuePass;
  state: QueueState | null;
  /** The last poll failed (the place is kept; polling goes on). */
  stale: boolean;
  joinError: ApiError | null;
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
      const { challenge, bits } = await queueApi.challenge(eventId);
      const nonce = await solveInWorker({ challenge, session: pass.session, bits });
      const ticket = await queueApi.join(eventId, { session: pass.session, challenge, nonce }, bearer);
      if (cancelled) return;
      update({ ticket: ticket.ticket, place: ticket.place });
      setPhase('waiting');
    })().catch((failure: unknown) => {
      if (cancelled) return;
      setJoinError(failure instanceof ApiError ? failure : new ApiError(0, 'network', ''));
      setPhase('failed');
    });
    return () => {
      cancelled = true;
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
    const poll = async () => {
      let wait = 3000;
      try {
        const next = await queueApi.state(eventId);
        if (cancelled) return;
        setState(next);
        setStale(false);
        wait = Math.max(2, next.maxAgeSeconds) * 1000;
        if (standing(next, queueStore.pass(eventId).place ?? null).askAdmission) await admit();
      } catch (failure) {
        if (failure instanceof ApiError && failure.code === 'no_queue') {
          admitted.current(); // the organizer turned the waiting room off
          return;
        }
        setStale(true);
      }
      // Jitter spreads a crowd that arrived together over the cache's lifetime.
      if (!cancelled) timer = setTimeout(() => void poll(), wait + Math.random() * 2000);
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
