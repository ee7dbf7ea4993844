// The shop's event page: choose seats, hold them, and go to checkout with the hold; when sold out, join the waitlist.
// A presale code (asked for before the public on-sale, or for a tier sold only with one) is checked by loading the
// event with it: a refused code is said beside its field, an accepted one shows its tiers and goes with the hold.
// The buyer's live hold for this event (back from checkout, or a best-available result) is shown as their seats, with
// "Continue to checkout"; choosing other seats holds the new choice and gives that hold back (first, when they overlap). `?select=` chooses seats
// on open (back from an expired hold with some seats gone).
// A queued event (issue 20) shows its waiting room (lazy) instead, until the buyer holds a live admission; a hold
// refused for the admission (run out, or not ours) sends them back to it, with their kept place.
import { useEffect, useState } from 'react';
import type { CreateHold, EventDetail } from '../../../cloud/contract/index.ts';
import { ApiError } from '../../client/ticketing-client.ts';
import { useT } from '../../i18n/index.ts';
import { useShop } from '../shared/shop-context.ts';
import { PromoCodeField } from '../shared/basket/PromoCodeField.tsx';
import { navigate } from './router.tsx';
import { holdStore, type StoredHold } from './browser-storage.ts';
import { liveHoldFor } from './held-seats.ts';
import { placesHeld, useStoredHold } from './hold/use-hold.ts';
import SeatChooser from '../shared/seat-chooser/SeatChooser.tsx';
import { WaitlistJoin } from './WaitlistJoin.tsx';
import { lazyWithWords } from '../../i18n/index.ts';
import { Loading } from '../../ui/feedback.tsx';
import { ADMISSION_LOST, liveAdmission, queueStore } from './queue/queue-store.ts';

const WaitingRoom = lazyWithWords(['queue'], () => import('./queue/WaitingRoom.tsx'));

type Gate = { kind: 'checking' } | { kind: 'seats' } | { kind: 'queue'; event: EventDetail };

export default function EventPage({ eventId }: { eventId: string }) {
  const { client } = useShop();
  const [gate, setGate] = useState<Gate>(() => (liveAdmission(eventId) ? { kind: 'seats' } : { kind: 'checking' }));
  const [returned, setReturned] = useState(false);
  useEffect(() => {
    if (gate.kind !== 'checking') return;
    let cancelled = false;
    client.getEvent(eventId).then(
      (event) => {
        if (!cancelled) setGate(event.waitingRoom ? { kind: 'queue', event } : { kind: 'seats' });
      },
      () => !cancelled && setGate({ kind: 'seats' }), // the seat chooser says why the event cannot be shown
    );
    return () => {
      cancelled = true;
    };
  }, [client, eventId, gate.kind]);
  if (gate.kind === 'checking') return <Loading />;
  if (gate.kind === 'queue')
    return (
      <WaitingRoom
        event={gate.event}
        opensAt={gate.event.waitingRoom!.opensAt}
        returned={returned}
        onAdmitted={() => setGate({ kind: 'seats' })}
      />
    );
  return (
    <EventSeats
      eventId={eventId}
      onAdmissionLost={() => {
        queueStore.dropAdmission(eventId);
        setReturned(true);
        setGate({ kind: 'checking' });
      }}
    />
  );
}

function EventSeats({ eventId, onAdmissionLost }: { eventId: string; onAdmissionLost: () => void }) {
  const t = useT();
  const { client } = useShop();
  const held = useLiveHold(eventId);
  const selectOnOpen = useSelectParameter();
  const [presaleCode, setPresaleCode] = useState<string | null>(
    () => liveHoldFor(eventId)?.presaleCode ?? queueStore.presaleCode(eventId),
  );
  const [codeError, setCodeError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [lostNote, setLostNote] = useState<string | null>(null);
  const applyCode = async (code: string | null) => {
    setCodeError(null);
    if (code === null) {
      setPresaleCode(null);
      return;
    }
    setChecking(true);
    try {
      await client.getEvent(eventId, code);
      setPresaleCode(code.toUpperCase());
    } catch (failure) {
      setCodeError(failure instanceof ApiError ? failure.detail : t('event.presale.checkFailed'));
    } finally {
      setChecking(false);
    }
  };
  const hold = async (request: CreateHold) => {
    setLostNote(null);
    // One hold at a time. A choice apart from the seats held before is held first, then those are given back, so a
    // failure keeps them; a choice that may include them (the same seats, best available, standing) needs them given
    // back first, and if it then fails the buyer is told their earlier seats are no longer held.
    const previous = liveHoldFor(eventId);
    const previousSeats = new Set(previous?.hold.seats.map((seat) => seat.seatId));
    const overlaps =
      previous !== null &&
      (request.seatIds === undefined || request.seatIds.some((id) => previousSeats.has(id)) || !!previous.hold.ga);
    if (previous && overlaps) {
      await client.releaseHold(previous.hold.id, previous.hold.token).catch(() => undefined);
      holdStore.clear();
    }
    const create = () => client.createHold(eventId, presaleCode ? { ...request, presaleCode } : request);
    let released = previous !== null && overlaps;
    let created;
    try {
      try {
        created = await create();
      } catch (failure) {
        // A queued event's admission buys one basket, which counts the seats held before as well: a new choice that
        // fits once they are given back (the refusal says how many seats the place may still take) is tried again.
        const fitsWithout =
          failure instanceof ApiError &&
          failure.code === 'admission_basket_full' &&
          previous !== null &&
          wantedPlaces(request) <= (failure.body.basketLeft ?? 0) + placesHeld(previous);
        if (!previous || released || !fitsWithout) throw failure;
        await client.releaseHold(previous.hold.id, previous.hold.token).catch(() => undefined);
        holdStore.clear();
        released = true;
        created = await create();
      }
    } catch (failure) {
      if (failure instanceof ApiError && ADMISSION_LOST.has(failure.code)) onAdmissionLost();
      if (previous && released) setLostNote(t('event.action.previousReleased', { count: placesHeld(previous) }));
      throw failure;
    }
    if (previous && !released) await client.releaseHold(previous.hold.id, previous.hold.token).catch(() => undefined);
    const stored: StoredHold = { hold: created, eventId, ...(presaleCode ? { presaleCode } : {}) };
    holdStore.set(stored);
    // Best available shows the seats it found, on the map, before checkout; a choice of one's own goes straight on.
    if (!request.bestAvailable || created.seats.length === 0) navigate('/checkout');
  };
  return (
    <>
      <SeatChooser
        key={presaleCode ?? ''}
        eventId={eventId}
        {...(presaleCode ? { presaleCode } : {})}
        onChoose={hold}
        actionLabel={(count) => t('event.action.hold', { count })}
        heldSeatIds={held?.hold.seats.map((seat) => seat.seatId) ?? []}
        selectSeatIds={selectOnOpen}
        errorNote={lostNote}
        continueHeld={{
          label: t('event.action.continue'),
          onContinue: () => navigate('/checkout'),
        }}
      />
      <section className="presale-code" aria-label={t('event.presale.region')}>
        <PromoCodeField
          label={t('event.presale.label')}
          applied={presaleCode}
          error={codeError}
          disabled={checking}
          onApply={(code) => void applyCode(code)}
        />
      </section>
      <WaitlistJoin eventId={eventId} />
    </>
  );
}

/** The tab's stored hold for this event while it lasts: it follows the store (Release in the banner, a new hold
 * anywhere in the tab) and ends at its expiry, so seats no longer held stop showing as the buyer's. */
function useLiveHold(eventId: string): StoredHold | null {
  const stored = useStoredHold();
  const expiresAt = stored?.eventId === eventId ? stored.hold.expiresAt : null;
  const [expired, setExpired] = useState<string | null>(null);
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setTimeout(() => setExpired(expiresAt), Math.max(0, Date.parse(expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt]);
  if (!stored || !expiresAt || expired === expiresAt || Date.parse(expiresAt) <= Date.now()) return null;
  return stored;
}

/** `?select=<seatId>,…` (the way back from an expired hold, HoldExpired.tsx): read once on open, then dropped from the
 * address so a reload or a shared link does not choose them again. */
function useSelectParameter(): readonly string[] {
  const [seatIds] = useState(
    () => new URLSearchParams(window.location.search).get('select')?.split(',').filter(Boolean) ?? [],
  );
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has('select')) return;
    url.searchParams.delete('select');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }, []);
  return seatIds;
}

/** The seats or places a hold request asks for. */
function wantedPlaces(request: CreateHold): number {
  return request.seatIds?.length ?? request.bestAvailable?.quantity ?? request.ga?.quantity ?? 0;
}
