// The shop's event page: choose seats, hold them, and go to checkout with the hold; when sold out, join the waitlist.
// A presale code (asked for before the public on-sale, or for a tier sold only with one) is checked by loading the
// event with it: a refused code is said beside its field, an accepted one shows its tiers and goes with the hold.
import { useState } from 'react';
import type { CreateHold } from '../../../cloud/contract/index.ts';
import { ApiError } from '../../client/ticketing-client.ts';
import { useShop } from '../shared/shop-context.ts';
import { PromoCodeField } from '../shared/basket/PromoCodeField.tsx';
import { navigate } from './router.tsx';
import { holdStore } from './browser-storage.ts';
import SeatChooser from '../shared/seat-chooser/SeatChooser.tsx';
import { WaitlistJoin } from './WaitlistJoin.tsx';

export default function EventPage({ eventId }: { eventId: string }) {
  const { client } = useShop();
  const [presaleCode, setPresaleCode] = useState<string | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
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
      setCodeError(failure instanceof ApiError ? failure.detail : 'The code could not be checked; please try again.');
    } finally {
      setChecking(false);
    }
  };
  const hold = async (request: CreateHold) => {
    const created = await client.createHold(eventId, presaleCode ? { ...request, presaleCode } : request);
    holdStore.set({ hold: created, eventId, ...(presaleCode ? { presaleCode } : {}) });
    navigate('/checkout');
  };
  return (
    <>
      <SeatChooser
        key={presaleCode ?? ''}
        eventId={eventId}
        {...(presaleCode ? { presaleCode } : {})}
        onChoose={hold}
        actionLabel={(n) => `Hold ${n === 1 ? 'this seat' : `these ${n} seats`} and check out`}
      />
      <section className="presale-code" aria-label="Presale access">
        <PromoCodeField
          label="Presale code"
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
