// The walk-up kiosk: touch only, full screen, the venue's logo in its header (over the bridge: KioskLogo). Attract
// screen (upcoming events, "Touch to buy", the language buttons) → event → how many and which price, best available
// (or the seat map) (KioskBuy) → a ticket type per seat, a promo code, the price line by line, the hold's countdown,
// the name and how to get the tickets (KioskPayment) → pay on the card terminal → tickets and receipt printed (or
// emailed; KioskDone). Left alone, it warns after 60 s and starts over after 90 s (use-idle-reset), giving the seats
// back, forgetting the buyer and going back to the machine's language. Offline it still shows events and seats, says
// sales are paused, and resumes by itself when it is back.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CreatedHold, CreateHold, EventSummary } from '../../../cloud/contract/index.ts';
import type { SaleResult } from '../../../preload/bridge.ts';
import { useT } from '../../i18n/index.ts';
import { useBrand, Button } from '../../ui/kit/index.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useDevice } from '../device/device-context.ts';
import { SyncIndicator } from '../device/SyncIndicator.tsx';
import { VenueEvents } from '../device/device-parts.tsx';
import { IdleWarning } from './IdleWarning.tsx';
import { KioskAttract, upcomingEvents } from './KioskAttract.tsx';
import { KioskBuy } from './KioskBuy.tsx';
import { KioskDone } from './KioskDone.tsx';
import { KioskLogo } from './KioskLogo.tsx';
import { KioskPayment } from './KioskPayment.tsx';
import { useIdleReset } from './use-idle-reset.ts';
import { useKioskLanguage, type KioskLanguage } from './use-kiosk-language.ts';
import './kiosk.css';

/** After a purchase, the thank-you screen stays this long. */
const DONE_MS = 30_000;

type Screen =
  | { name: 'attract' }
  | { name: 'events' }
  | { name: 'event'; event: EventSummary }
  | { name: 'pay'; event: EventSummary; hold: CreatedHold }
  | { name: 'done'; result: SaleResult };

export default function KioskApp() {
  const t = useT();
  const { client, status } = useDevice();
  // A new session for every buyer: everything they typed lives under this key and goes when it changes.
  const [session, setSession] = useState(0);
  const [largeText, setLargeText] = useState(false);
  const [highContrast, setHighContrast] = useState(false);
  const language = useKioskLanguage();
  const { restore } = language;
  // The venue's events, read again for every buyer: the attract screen's slideshow, and the venue's brand and logo.
  const [events] = useAsync(
    () => client.listEvents(status.venueId ? { venueId: status.venueId } : {}),
    [client, status.venueId, session],
  );
  const upcoming = events.status === 'loaded' ? upcomingEvents(events.value) : [];
  const venue = upcoming[0]?.venue ?? null;
  useBrand(venue);
  const startOver = useCallback(() => {
    setLargeText(false);
    setHighContrast(false);
    restore();
    setSession((n) => n + 1);
  }, [restore]);
  return (
    <div className={`kiosk${largeText ? ' large-text' : ''}${highContrast ? ' high-contrast' : ''}`}>
      <header className="kiosk-header">
        <KioskLogo venue={venue} />
        <SyncIndicator />
        <div className="kiosk-toggles" role="group" aria-label={t('kiosk.display.label')}>
          <Button variant="secondary" aria-pressed={largeText} onClick={() => setLargeText(!largeText)}>
            {t('kiosk.display.largeText')}
          </Button>
          <Button variant="secondary" aria-pressed={highContrast} onClick={() => setHighContrast(!highContrast)}>
            {t('kiosk.display.highContrast')}
          </Button>
        </div>
      </header>
      <KioskSession key={session} upcoming={upcoming} language={language} onStartOver={startOver} />
    </div>
  );
}

interface SessionProps {
  upcoming: EventSummary[];
  language: KioskLanguage;
  onStartOver(): void;
}

function KioskSession({ upcoming, language, onStartOver }: SessionProps) {
  const { client, status } = useDevice();
  const t = useT();
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
  // The attract screen has nothing to lose, except another language left behind by the last buyer.
  const [warning, dismissWarning] = useIdleReset(screen.name !== 'attract' || language.changed, screen.name, resetNow);

  useEffect(() => {
    if (screen.name !== 'done') return;
    const timer = setTimeout(() => void reset(), DONE_MS);
    return () => clearTimeout(timer);
  }, [screen.name, reset]);

  let body;
  if (screen.name === 'attract') {
    body = <KioskAttract upcoming={upcoming} language={language} onStart={() => setScreen({ name: 'events' })} />;
  } else if (screen.name === 'events') {
    body = <VenueEvents heading={t('kiosk.events.heading')} onOpen={(event) => setScreen({ name: 'event', event })} />;
  } else if (screen.name === 'event') {
    const { event } = screen;
    body = (
      <KioskBuy
        event={event}
        offline={offline}
        onHold={async (request: CreateHold) => {
          const hold = await client.createHold(event.id, request);
          setScreen({ name: 'pay', event, hold });
        }}
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
    <main id="main" className={`kiosk-main kiosk-screen-${screen.name}`}>
      {screen.name !== 'attract' && screen.name !== 'done' && (
        <nav className="kiosk-nav" aria-label={t('kiosk.nav.label')}>
          <Button variant="secondary" onClick={() => void reset()}>
            {t('kiosk.nav.startOver')}
          </Button>
        </nav>
      )}
      {body}
      {warning && <IdleWarning onStay={dismissWarning} />}
    </main>
  );
}
