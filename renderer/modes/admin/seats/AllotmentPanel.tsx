// Allotments: the painted seats given to one of the venue's box offices to sell (also offline) until sales end, and
// the event's allotments, each taken back with its button (its unsold seats go back on sale).
import { useState } from 'react';
import type { EventAllotments } from '../../../../cloud/contract/backoffice-orders.ts';
import { messageOf } from '../../../ui/feedback.tsx';
import type { AdminApi } from '../admin-api.ts';
import { FormField } from '../kit/FormField.tsx';
import { useProblemFields } from '../kit/use-problem-fields.ts';
import { useReloadable } from '../orders/use-reloadable.ts';

const FIELDS = ['deviceId', 'seatIds'] as const;

export function AllotmentPanel({
  api,
  eventId,
  seatIds,
  onDone,
}: {
  api: AdminApi;
  eventId: string;
  seatIds: string[];
  onDone(): void;
}) {
  const current = useReloadable(
    () => api.call<EventAllotments>('listEventAllotments', { params: { eventId } }),
    [api, eventId],
  );
  const [deviceId, setDeviceId] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const problems = useProblemFields(FIELDS);
  const boxOffices = current.value?.boxOffices ?? [];
  const chosenDevice = deviceId || boxOffices[0]?.id || '';

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    problems.clear();
    try {
      await action();
      current.reload();
      onDone();
    } catch (error) {
      if (!problems.capture(error)) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="seat-panel" aria-labelledby="allotments-title">
      <h2 id="allotments-title">Box office allotments</h2>
      {current.failure !== null && <p role="alert">{messageOf(current.failure)}</p>}
      {current.value && boxOffices.length === 0 && <p>This venue has no box office devices yet.</p>}
      {boxOffices.length > 0 && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(() =>
              api.call('assignAllotment', { params: { eventId }, body: { deviceId: chosenDevice, seatIds } }),
            );
          }}
        >
          <FormField label="Box office" name="deviceId" error={problems.fields.deviceId}>
            {(input) => (
              <select {...input} value={chosenDevice} onChange={(event) => setDeviceId(event.target.value)}>
                {boxOffices.map((device) => (
                  <option key={device.id} value={device.id}>
                    {device.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          {(problems.fields.seatIds !== undefined || problems.formError !== null) && (
            <p className="admin-field-error" role="alert">
              {problems.fields.seatIds ?? messageOf(problems.formError)}
            </p>
          )}
          <button type="submit" disabled={busy || seatIds.length === 0}>
            Allot {seatIds.length} seat{seatIds.length === 1 ? '' : 's'} to this box office
          </button>
        </form>
      )}
      {failure !== null && (
        <p className="admin-form-error" role="alert">
          {messageOf(failure)}
        </p>
      )}
      {current.value && current.value.allotments.length > 0 && (
        <ul className="seat-holdbacks">
          {current.value.allotments.map((allotment) => (
            <li key={allotment.id}>
              {allotment.deviceName ?? 'A clerk'}: {allotment.seats.length} seats (
              {allotment.seats
                .slice(0, 6)
                .map((seat) => `${seat.row}-${seat.number}`)
                .join(', ')}
              {allotment.seats.length > 6 ? ', …' : ''}){' '}
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void run(() => api.call('releaseAllotment', { params: { eventId, allotmentId: allotment.id } }))
                }
              >
                Take back from {allotment.deviceName ?? 'the clerk'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
