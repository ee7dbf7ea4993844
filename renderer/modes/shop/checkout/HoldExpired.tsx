// The checkout after its hold ran out: the seats are gone, choose again.
import { holdStore } from '../browser-storage.ts';
import { Link } from '../router.tsx';

export function HoldExpired({ eventId }: { eventId: string }) {
  return (
    <section>
      <h1>Your hold has expired</h1>
      <p role="alert">The seats were held for a limited time and have been released for others.</p>
      <p>
        <Link to={`/events/${eventId}`} onClick={() => holdStore.clear()}>
          Choose seats again
        </Link>
      </p>
    </section>
  );
}
