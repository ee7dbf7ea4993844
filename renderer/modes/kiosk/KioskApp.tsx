// The walk-up kiosk: touch only, full screen. Attract screen → event → seats (map or best available) → a ticket type
// per seat, a promo code, the price line by line, the name and how to get the tickets (KioskPayment) → pay on the
// card terminal → tickets and receipt printed (or emailed; KioskDone). Left alone, it warns after 60 s and starts
// over after 90 s (use-idle-reset), giving the seats back and forgetting the buyer. Offline it still shows events
// and seats, says sales are paused, and resumes by itself when the connection is back.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CreatedHold, CreateHold, EventSummary } from '../../../cloud/contract/index.ts';
import type { SaleResult } from '../../../preload/bridge.ts';
import { useDevice } from '../device/device-context.ts';
import { SyncIndicator } from '../device/SyncIndicator.tsx';
import SeatChooser from '../shared/seat-chooser/SeatChooser.tsx';
import { VenueEvents } from '../device/device-parts.tsx';
import { KioskDone } from './KioskDone.tsx';
import { KioskPayment } from './KioskPayment.tsx';
import { IDLE_RESET_MS, IDLE_WARNING_MS, useIdleReset } from './use-idle-reset.ts';
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

  const resetNow = useCallback(() => void reset(), [reset]);
  const [warning, dismissWarning] = useIdleReset(screen.name !== 'attract', screen.name, resetNow);

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
          <button type="button" className="primary" onClick={dismissWarning}>
            I'm still here
          </button>
        </div>
      )}
    </main>
  );
}
