// The walk-up kiosk: touch only, full screen. Attract screen → event → seats (map or best available) → name and how
// to get the tickets → pay on the card terminal → tickets and receipt printed (or emailed). Left alone, it warns after
// 60 s and starts over after 90 s, giving the seats back and forgetting the buyer. Offline it still shows events and
// seats, says sales are paused, and resumes by itself when the connection is back.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CreatedHold, CreateHold, EventSummary } from '../../../cloud/contract/index.ts';
import type { SaleResult } from '../../../preload/bridge.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { formatMoney } from '../../ui/format.ts';
import { useDevice } from '../device/device-context.ts';
import { SyncIndicator } from '../device/SyncIndicator.tsx';
import SeatChooser from '../shared/seat-chooser/SeatChooser.tsx';
import { HoldSummary, VenueEvents } from '../device/device-parts.tsx';

/** No touch for this long: "Are you still there?" */
export const IDLE_WARNING_MS = 60_000;
/** No touch for this long: start over. */
export const IDLE_RESET_MS = 90_000;
/** After a purchase, the thank-you screen stays this long. */
const DONE_MS = 30_000;

type Screen =
  | { name: 'attract' }
  | { name: 'events' }
  | { name: 'event'; event: EventSummary }
  | { name: 'pay'; event: EventSummary; hold: CreatedHold }
  | { name: 'done'; result: SaleResult };

export default function KioskApp() {
  // A new session for every buyer: everything they typed lives under this key and goes when it changes.
  const [session, setSession] = useState(0);
  const [largeText, setLargeText] = useState(false);
  const [highContrast, setHighContrast] = useState(false);
  const startOver = useCallback(() => {
    setLargeText(false);
    setHighContrast(false);
    setSession((n) => n + 1);
  }, []);
  return (
    <div className={`kiosk${largeText ? ' large-text' : ''}${highContrast ? ' high-contrast' : ''}`}>
      <header className="kiosk-header">
        <span className="brand">TicketBoss</span>
        <SyncIndicator />
        <div className="kiosk-toggles" role="group" aria-label="Display">
          <button type="button" aria-pressed={largeText} onClick={() => setLargeText(!largeText)}>
            Larger text
          </button>
          <button type="button" aria-pressed={highContrast} onClick={() => setHighContrast(!highContrast)}>
            High contrast
          </button>
        </div>
      </header>
      <KioskSession key={session} onStartOver={startOver} />
    </div>
  );
}

function KioskSession({ onStartOver }: { onStartOver(): void }) {
  const { client, status } = useDevice();
  const [screen, setScreen] = useState<Screen>({ name: 'attract' });
  const [warning, setWarning] = useState(false);
  const holdRef = useRef<CreatedHold | null>(null);
  holdRef.current = screen.name === 'pay' ? screen.hold : null;
  const offline = status.sync.state === 'offline';

  /** Starting over gives the held seats back first. */
  const reset = useCallback(async () => {
    const hold = holdRef.current;
    holdRef.current = null;
    if (hold) await client.releaseHold(hold.id, hold.token).catch(() => {});
    onStartOver();
  }, [client, onStartOver]);

  // Idle: any touch, key or typing restarts the clock; the attract screen has nothing to lose.
  useEffect(() => {
    if (screen.name === 'attract') return;
    let warnTimer: ReturnType<typeof setTimeout>;
    let resetTimer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(warnTimer);
      clearTimeout(resetTimer);
      setWarning(false);
      warnTimer = setTimeout(() => setWarning(true), IDLE_WARNING_MS);
      resetTimer = setTimeout(() => void reset(), IDLE_RESET_MS);
    };
    arm();
    const activity = ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel'] as const;
    for (const type of activity) window.addEventListener(type, arm, { capture: true, passive: true });
    return () => {
      clearTimeout(warnTimer);
      clearTimeout(resetTimer);
      for (const type of activity) window.removeEventListener(type, arm, { capture: true });
    };
  }, [screen.name, reset]);

  useEffect(() => {
    if (screen.name !== 'done') return;
    const timer = setTimeout(() => void reset(), DONE_MS);
    return () => clearTimeout(timer);
  }, [screen.name, reset]);

  let body;
  if (screen.name === 'attract') {
    body = (
      <button type="button" className="attract" onClick={() => setScreen({ name: 'events' })}>
        <span className="attract-title">Tickets here</span>
        <span>Touch anywhere to start</span>
      </button>
    );
  } else if (screen.name === 'events') {
    body = <VenueEvents heading="What's on" onOpen={(event) => setScreen({ name: 'event', event })} />;
  } else if (screen.name === 'event') {
    const { event } = screen;
    body = (
      <SeatChooser
        eventId={event.id}
        onChoose={async (request: CreateHold) => {
          const hold = await client.createHold(event.id, request);
          setScreen({ name: 'pay', event, hold });
        }}
        actionLabel={(n) => `Buy ${n === 1 ? 'this seat' : `these ${n} seats`}`}
        paused={
          offline
            ? 'Sales are paused: this kiosk has lost its connection. You can still look at the seats, and sales start again by themselves when it is back.'
            : null
        }
      />
    );
  } else if (screen.name === 'pay') {
    body = (
      <KioskPayment
        hold={screen.hold}
        event={screen.event}
        offline={offline}
        onPaid={(result) => setScreen({ name: 'done', result })}
      />
    );
  } else {
    body = <KioskDone result={screen.result} onFinish={() => void reset()} />;
  }

  return (
    <main id="main" className="kiosk-main">
      {screen.name !== 'attract' && screen.name !== 'done' && (
        <nav className="kiosk-nav" aria-label="Kiosk">
          <button type="button" onClick={() => void reset()}>
            Start over
          </button>
        </nav>
      )}
      {body}
      {warning && (
        <div className="idle-warning" role="alertdialog" aria-modal="true" aria-labelledby="idle-title">
          <h2 id="idle-title">Are you still there?</h2>
          <p>
            This kiosk will start over in {Math.round((IDLE_RESET_MS - IDLE_WARNING_MS) / 1000)} seconds and give your
            seats back.
          </p>
          <button type="button" className="primary" onClick={() => setWarning(false)}>
            I'm still here
          </button>
        </div>
      )}
    </main>
  );
}

function KioskPayment({
  hold,
  event,
  offline,
  onPaid,
}: {
  hold: CreatedHold;
  event: EventSummary;
  offline: boolean;
  onPaid(result: SaleResult): void;
}) {
  const { client } = useDevice();
  const [name, setName] = useState('');
  const [delivery, setDelivery] = useState<'print' | 'email'>('print');
  const [email, setEmail] = useState('');
  const [step, setStep] = useState<'form' | 'terminal'>('form');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const pay = async () => {
    setStep('terminal');
    setMessage(null);
    setError(null);
    try {
      const result = await client.call('sale:terminal', {
        holdId: hold.id,
        holdToken: hold.token,
        buyer: { name: name.trim(), ...(delivery === 'email' ? { email: email.trim() } : {}) },
        delivery,
      });
      if (result.status === 'paid' || result.status === 'queued') onPaid(result);
      else setMessage(result.message);
    } catch (failure) {
      setError(failure);
    } finally {
      setStep('form');
    }
  };

  if (step === 'terminal') {
    return (
      <section className="terminal-prompt" aria-live="assertive">
        <h1>Pay {formatMoney(hold.total)} on the card terminal</h1>
        <p>Insert, tap or swipe your card on the terminal below the screen and follow its instructions.</p>
      </section>
    );
  }
  return (
    <section className="kiosk-pay">
      <h1>{event.name}</h1>
      <HoldSummary hold={hold} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void pay();
        }}
      >
        <label>
          Name on the tickets
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} autoComplete="off" />
        </label>
        <fieldset>
          <legend>Your tickets</legend>
          <label className="inline">
            <input type="radio" checked={delivery === 'print'} onChange={() => setDelivery('print')} /> Print them here
          </label>
          <label className="inline">
            <input type="radio" checked={delivery === 'email'} onChange={() => setDelivery('email')} /> Email them to me
          </label>
        </fieldset>
        {delivery === 'email' && (
          <label>
            Email
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
          </label>
        )}
        {offline && (
          <p className="notice paused" role="status">
            Sales are paused: this kiosk has lost its connection. Your seats stay held while it comes back.
          </p>
        )}
        {message && (
          <p className="notice" role="alert">
            {message}
          </p>
        )}
        {error !== null && <ErrorMessage error={error} />}
        <button type="submit" className="primary big" disabled={offline}>
          Pay {formatMoney(hold.total)} by card
        </button>
      </form>
    </section>
  );
}

function KioskDone({ result, onFinish }: { result: SaleResult; onFinish(): void }) {
  const emailed = result.order?.delivery.method === 'email';
  return (
    <section className="kiosk-done">
      <h1>Thank you!</h1>
      {result.order ? (
        <>
          <p>
            Order <strong>{result.order.code}</strong>
          </p>
          <p>
            {emailed
              ? `Your tickets are on their way to ${result.order.buyer.email}. Take your receipt below.`
              : `Take your ${result.order.tickets.length === 1 ? 'ticket' : `${result.order.tickets.length} tickets`} and your receipt below.`}
          </p>
        </>
      ) : (
        <p>{result.message}</p>
      )}
      <button type="button" className="primary big" onClick={onFinish}>
        Done
      </button>
    </section>
  );
}
