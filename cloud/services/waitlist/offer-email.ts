// The outbox job that tells the next person in line their places are held: an email with the claim link (the shop's
// /waitlist/claim page with the claim token) and until when it stands, in the language the entry was joined in (its
// words, dates and money). Idempotent: an offer is emailed once, and an offer that ended before its job ran (lapsed,
// withdrawn) is not emailed at all.
import { findHold } from '../../db/inventory/holds.ts';
import type { OutboxRow } from '../../db/outbox.ts';
import type { Db } from '../../db/port.ts';
import { findOfferForEmail, markOfferEmailed } from '../../db/waitlist.ts';
import { formatDateTime, formatMoney } from '../../domain/format.ts';
import { FORMATTING_LOCALE } from '../../domain/i18n/index.ts';
import type { CatalogService } from '../catalog/catalog-service.ts';
import type { EventContexts } from '../catalog/event-context.ts';
import type { EmailSender } from '../fulfilment/ports.ts';
import { presentHold } from '../inventory/hold-view.ts';
import type { JobHandler } from '../jobs/outbox-dispatcher.ts';
import { OUTBOX_TOPICS } from '../jobs/outbox-topics.ts';
import type { Clock } from '../ports.ts';
import type { WaitlistTokens } from './waitlist-tokens.ts';

export interface OfferEmailDeps {
  db: Db;
  catalog: CatalogService;
  contexts: EventContexts;
  email: EmailSender;
  clock: Clock;
  tokens: WaitlistTokens;
  /** The shop's public address, for the claim link. */
  publicUrl: () => string;
  from?: string;
}

/** The shop's page that claims an offer (renderer/modes/shop/WaitlistClaimPage.tsx). */
export const claimUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/waitlist/claim?token=${encodeURIComponent(token)}`;

export function offerEmailHandlers(deps: OfferEmailDeps): Record<string, JobHandler> {
  return { [OUTBOX_TOPICS.waitlistOfferEmail]: (job) => sendOfferEmail(deps, job) };
}

async function sendOfferEmail(deps: OfferEmailDeps, job: OutboxRow): Promise<void> {
  const { offerId } = job.payload as { offerId: string };
  const offer = await findOfferForEmail(deps.db, offerId);
  if (!offer || offer.emailed_at || offer.state === 'expired' || offer.state === 'withdrawn') return;
  const [event, context, hold] = await Promise.all([
    deps.catalog.detail(offer.event_id),
    deps.contexts.require(offer.event_id),
    findHold(deps.db, offer.hold_id),
  ]);
  const view = presentHold(context, hold!, deps.clock.now());
  const zone = event.venue.timezone;
  const { locale } = offer;
  const tag = FORMATTING_LOCALE[locale];
  const { composeWaitlistOfferEmail, offeredPlaces } = await import('../fulfilment/waitlist-emails.ts');
  const places = offeredPlaces(view, locale);
  const messageId = `<${job.id}@ticketboss>`;
  const { raw } = await composeWaitlistOfferEmail({
    to: offer.email,
    eventName: event.name,
    when: formatDateTime(event.startsAt, zone, tag),
    venue: `${event.venue.name}, ${event.venue.city}`,
    places,
    total: formatMoney(view.total, tag),
    expiresAt: formatDateTime(offer.expires_at.toISOString(), zone, tag),
    claimUrl: claimUrl(deps.publicUrl(), deps.tokens.claimToken(offer.id)),
    locale,
    messageId,
    ...(deps.from ? { from: deps.from } : {}),
  });
  await deps.email.send({ messageId, to: offer.email, raw });
  await markOfferEmailed(deps.db, offer.id, deps.clock.now());
}
