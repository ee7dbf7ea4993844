// Under a sold-out event: join its waitlist with an email and how many tickets. When places come back, the next
// person in line gets an email with a link that holds them (WaitlistClaimPage.tsx), written in the language the shop
// shows now. Shown only while nothing of the event can be held (the cloud checks that again when joining).
import { useState, type FormEvent } from 'react';
import type { Availability } from '../../../cloud/contract/index.ts';
import { useShop } from '../shared/shop-context.ts';
import { ErrorMessage } from '../../ui/feedback.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { currentLocale, useT } from '../../i18n/index.ts';
import { Button, Field, TextInput, Select } from '../../ui/kit/index.ts';

/** The contract's WAITLIST_MAX_QUANTITY, written again so the shop does not pull zod in for one number. */
const MAX_QUANTITY = 10;

const soldOut = (availability: Availability) =>
  availability.tiers.every((tier) => tier.available === 0) && availability.ga.every((ga) => ga.remaining === 0);

export function WaitlistJoin({ eventId }: { eventId: string }) {
  const t = useT();
  const { client, session } = useShop();
  const [state] = useAsync(() => client.getAvailability(eventId), [eventId]);
  const [joined, setJoined] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (state.status !== 'loaded' || !soldOut(state.value)) return null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      await client.joinWaitlist(eventId, { email, quantity: Number(form.get('quantity')), locale: currentLocale() });
      setJoined(email);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="waitlist" aria-labelledby="waitlist-heading">
      <h2 id="waitlist-heading">{t('account.waitlist.title')}</h2>
      {joined ? (
        <p role="status">{t('account.waitlist.joined', { email: joined })}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <Field label={t('account.signin.email')}>
            <TextInput
              name="email"
              type="email"
              autoComplete="email"
              defaultValue={session?.principal.email ?? ''}
              required
            />
          </Field>
          <Field label={t('account.waitlist.quantity')}>
            <Select name="quantity" defaultValue="2">
              {Array.from({ length: MAX_QUANTITY }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </Select>
          </Field>
          {error !== null && <ErrorMessage error={error} />}
          <Button type="submit" disabled={busy}>
            {t('account.waitlist.submit')}
          </Button>
        </form>
      )}
    </section>
  );
}
