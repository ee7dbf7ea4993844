// The link in a transfer email (issue 19): who sends which places of which event, until when; the recipient checks
// the name the tickets will carry (fixed when the event transfers only to the buyer's name) and accepts. Signed in,
// the new order is the account's; a guest keeps it by its link. Then the new order's page shows the new tickets.
import { useState } from 'react';
import { useT } from '../../../i18n/index.ts';
import { ApiError } from '../../../client/ticketing-client.ts';
import { Empty, ErrorMessage, Loading, messageOf } from '../../../ui/feedback.tsx';
import { Button, Field, TextInput } from '../../../ui/kit/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/use-async.ts';
import { useShop } from '../../shared/shop-context.ts';
import { orderTokens } from '../browser-storage.ts';
import { useLocation } from '../location-context.ts';
import { navigate } from '../router.tsx';
import { placeWords, useEventFacts } from '../wallet/wallet-data.ts';
import { transferApi } from './transfer-api.ts';

export default function TransferAcceptPage() {
  const t = useT();
  const { client, session } = useShop();
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [state] = useAsync(() => transferApi.received(token), [token]);
  const facts = useEventFacts(client, state.status === 'loaded' ? state.value.eventId : null);
  const [name, setName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  if (!token) return <Empty>{t('transfer.accept.noLink')}</Empty>;
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') return <ErrorMessage error={state.error} />;
  const transfer = state.value;
  const loaded = facts && facts !== 'failed' ? facts : null;
  const holder = name ?? transfer.recipient.name;

  const accept = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const accepted = await transferApi.accept(token, transfer.sameNameOnly ? undefined : holder, {
        bearer: session?.accessToken,
      });
      orderTokens.set(accepted.orderId, accepted.accessToken);
      navigate(`/orders/${accepted.orderId}?token=${encodeURIComponent(accepted.accessToken)}`);
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError(0, 'network', ''));
      setBusy(false);
    }
  };

  return (
    <section className="transfer-accept">
      <h1>{t('transfer.accept.title', { name: transfer.from.name })}</h1>
      {loaded && (
        <p>
          <strong>{loaded.event.name}</strong> · {formatDateTime(loaded.event.startsAt, loaded.event.venue.timezone)}
        </p>
      )}
      <ul>
        {transfer.places.map((place, index) => (
          <li key={index}>{placeWords(t, place, loaded?.sections ?? [])}</li>
        ))}
      </ul>
      {transfer.state === 'pending' ? (
        <>
          <p>
            {t('transfer.accept.until', {
              when: formatDateTime(transfer.closesAt, loaded?.event.venue.timezone ?? 'UTC'),
            })}
          </p>
          <Field
            label={t('transfer.accept.name')}
            hint={transfer.sameNameOnly ? t('transfer.accept.sameName') : undefined}
          >
            <TextInput
              value={holder}
              readOnly={transfer.sameNameOnly}
              onChange={(event) => setName(event.target.value)}
            />
          </Field>
          <p>
            {session
              ? t('transfer.accept.intoAccount', { email: session.principal.email ?? '' })
              : t('transfer.accept.asGuest')}
          </p>
          {failure && <p role="alert">{messageOf(failure)}</p>}
          <Button busy={busy} onClick={() => void accept()}>
            {t('transfer.accept.button', { count: transfer.places.length })}
          </Button>
        </>
      ) : (
        <p role="status">{t(`transfer.accept.state.${transfer.state}`)}</p>
      )}
    </section>
  );
}
