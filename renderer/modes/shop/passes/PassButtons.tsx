// passes (issue 19): "Add to Apple Wallet" and "Save to Google Wallet" under a valid ticket of the order page, each
// shown only when this deployment offers that wallet (the shop's config) and the event admits static codes (not
// `rotating_only`: a pass carries the static code). Their words (the `passes` area) load with the first card that
// needs them; until then, and without any wallet, nothing is shown.
import { useEffect, useState } from 'react';
import type { Order, Ticket } from '../../../../cloud/contract/index.ts';
import type { ShopConfig, TicketingClient } from '../../../client/ticketing-client.ts';
import { addAreas, i18n, useT } from '../../../i18n/index.ts';
import { messageOf } from '../../../ui/feedback.tsx';
import { Button } from '../../../ui/kit/Button.tsx';
import { useShop } from '../../shared/shop-context.ts';
import { saveFile } from '../wallet/download.ts';
import './passes.css';

type Offered = NonNullable<ShopConfig['walletPasses']>;

// One question per page load, shared by every card.
let offeredOnce: Promise<Offered> | null = null;
async function offeredWallets(client: TicketingClient): Promise<Offered> {
  offeredOnce ??= client.config().then(
    async (config) => {
      const offered = config.walletPasses ?? { apple: false, google: false };
      if ((offered.apple || offered.google) && !('passes.apple' in i18n.messages)) await addAreas(['passes']);
      return offered;
    },
    () => {
      offeredOnce = null;
      return { apple: false, google: false };
    },
  );
  return offeredOnce;
}

/** MERGE (rotating-core): the event's code policy arrives with its settings; a pass's static code is refused under
 * `rotating_only`, so no pass is offered then. */
const rotatingOnly = (event: object) => (event as { codePolicy?: string }).codePolicy === 'rotating_only';

export function PassButtons({
  order,
  ticket,
  event,
  place,
  token,
}: {
  order: Order;
  ticket: Ticket;
  /** The event as the wallet loaded it (the whole EventDetail at run time). */
  event: object;
  place: string;
  token?: string;
}) {
  const t = useT();
  const { client } = useShop();
  const [offered, setOffered] = useState<Offered | null>(null);
  const [busy, setBusy] = useState<'apple' | 'google' | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    offeredWallets(client).then((value) => current && setOffered(value));
    return () => {
      current = false;
    };
  }, [client]);
  if (!offered || rotatingOnly(event) || ticket.status !== 'valid') return null;
  const apple = offered.apple && client.applePass;
  const google = offered.google && client.googleWalletLink;
  if (!apple && !google) return null;

  const run = async (which: 'apple' | 'google', act: () => Promise<void>) => {
    setBusy(which);
    setError(null);
    try {
      await act();
    } catch (failure) {
      setError(messageOf(failure) || t('passes.failed'));
    } finally {
      setBusy(null);
    }
  };
  const addToApple = () =>
    run('apple', async () =>
      saveFile(await client.applePass!(order.id, ticket.id, token), `${order.code}-${ticket.id.slice(0, 8)}.pkpass`),
    );
  const saveToGoogle = () =>
    run('google', async () => {
      window.location.assign(await client.googleWalletLink!(order.id, ticket.id, token));
    });

  return (
    <div className="pass-buttons" role="group" aria-label={t('passes.group', { place })}>
      {apple && (
        <Button variant="secondary" className="pass-button" onClick={addToApple} busy={busy === 'apple'}>
          {t('passes.apple')}
        </Button>
      )}
      {google && (
        <Button variant="secondary" className="pass-button" onClick={saveToGoogle} busy={busy === 'google'}>
          {t('passes.google')}
        </Button>
      )}
      {error && (
        <p role="alert" className="pass-buttons-error">
          {error}
        </p>
      )}
    </div>
  );
}
