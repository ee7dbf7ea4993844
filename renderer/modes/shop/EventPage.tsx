// The shop's event page: choose seats, hold them, and go to checkout with the hold; when sold out, join the waitlist.
import type { CreateHold } from '../../../cloud/contract/index.ts';
import { useShop } from '../shared/shop-context.ts';
import { navigate } from './router.tsx';
import { holdStore } from './browser-storage.ts';
import SeatChooser from '../shared/seat-chooser/SeatChooser.tsx';
import { WaitlistJoin } from './WaitlistJoin.tsx';

export default function EventPage({ eventId }: { eventId: string }) {
  const { client } = useShop();
  const hold = async (request: CreateHold) => {
    const created = await client.createHold(eventId, request);
    holdStore.set({ hold: created, eventId });
    navigate('/checkout');
  };
  return (
    <>
      <SeatChooser
        eventId={eventId}
        onChoose={hold}
        actionLabel={(n) => `Hold ${n === 1 ? 'this seat' : `these ${n} seats`} and check out`}
      />
      <WaitlistJoin eventId={eventId} />
    </>
  );
}
