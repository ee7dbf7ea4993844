// The kiosk's attract screen: the venue's upcoming events one after another (name, date in the venue's time zone,
// "from" price), a "Touch to buy" that fills the screen's height, and the language buttons. The slideshow sits above
// the touch area without taking touches, so a touch anywhere but the language buttons starts buying.
import type { EventSummary } from '../../../cloud/contract/index.ts';
import { LOCALES, useT } from '../../i18n/index.ts';
import { formatDateTime, formatMoney } from '../../ui/format.ts';
import { LANGUAGE_NAMES, type KioskLanguage } from './use-kiosk-language.ts';
import { useRotation } from './use-rotation.ts';
import { Tile, Button } from '../../ui/kit/index.ts';

/** How many upcoming events the slideshow cycles through. */
const SHOWCASE_SIZE = 6;

/** The events the slideshow shows: on sale, soonest first. */
export const upcomingEvents = (events: readonly EventSummary[]): EventSummary[] =>
  events
    .filter((event) => event.status === 'on_sale')
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
    .slice(0, SHOWCASE_SIZE);

interface AttractProps {
  upcoming: readonly EventSummary[];
  language: KioskLanguage;
  onStart(): void;
}

export function KioskAttract({ upcoming, language, onStart }: AttractProps) {
  const t = useT();
  const index = useRotation(upcoming.length);
  const shown = upcoming[index];
  return (
    <div className="kiosk-attract">
      <Tile className="attract-touch" onClick={onStart}>
        <span className="attract-touch-words">{t('kiosk.attract.touchToBuy')}</span>
      </Tile>
      <section className="attract-showcase" aria-label={t('kiosk.attract.showcase')}>
        {shown ? (
          <ShowcaseEvent key={shown.id} event={shown} position={index + 1} count={upcoming.length} />
        ) : (
          <p className="attract-welcome">{t('kiosk.attract.welcome')}</p>
        )}
      </section>
      <div className="kiosk-languages" role="group" aria-label={t('kiosk.attract.language')}>
        {LOCALES.map((locale) => (
          <Button
            variant="secondary"
            key={locale}
            lang={locale}
            aria-pressed={language.locale === locale}
            onClick={() => language.choose(locale)}
          >
            {LANGUAGE_NAMES[locale]}
          </Button>
        ))}
      </div>
    </div>
  );
}

function ShowcaseEvent({ event, position, count }: { event: EventSummary; position: number; count: number }) {
  const t = useT();
  return (
    <article className="attract-event" aria-roledescription={t('kiosk.attract.slide')}>
      <h2 className="attract-event-name">{event.name}</h2>
      <p className="attract-event-when">
        <time dateTime={event.startsAt}>{formatDateTime(event.startsAt, event.venue.timezone)}</time>
        {' · '}
        {event.venue.name}
      </p>
      {event.priceRange && (
        <p className="attract-event-price">{t('kiosk.attract.from', { price: formatMoney(event.priceRange.min) })}</p>
      )}
      {count > 1 && <p className="attract-event-position">{t('kiosk.attract.position', { position, count })}</p>}
    </article>
  );
}
