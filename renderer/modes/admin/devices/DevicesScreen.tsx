// Devices (/admin/devices): the kiosks and box offices of the member's venues, with when each last called the API and
// the app version it runs; pair a new one with a one-time code (and its QR), revoke one after a confirmation.
import '../../../styles/admin-staff.css';
import { useMemo, useState } from 'react';
import type { DeviceList, DeviceSummary } from '../../../../cloud/contract/index.ts';
import { useAsync } from '../../../ui/use-async.ts';
import type { AdminScreenProps } from '../screen.ts';
import { ConfirmDialog } from '../kit/ConfirmDialog.tsx';
import { DataTable, adminColumns } from '../kit/DataTable.tsx';
import { PageHeader } from '../kit/PageHeader.tsx';
import { AsyncView, EmptyState } from '../kit/states.tsx';
import { useVenueOptions, venueName, type VenueOption } from '../staff/venue-options.ts';
import { PairDeviceForm } from './PairDeviceForm.tsx';

const when = (iso: string | null) =>
  iso ? (
    <time dateTime={iso}>
      {new Date(iso).toLocaleString(navigator.language, { dateStyle: 'medium', timeStyle: 'short' })}
    </time>
  ) : (
    'Never'
  );

export default function DevicesScreen({ api, session }: AdminScreenProps) {
  const [state, reload] = useAsync(() => api.call<DeviceList>('listDevices'), [api]);
  const venues = useVenueOptions(api, session);
  const [pairing, setPairing] = useState(false);
  const [revoking, setRevoking] = useState<DeviceSummary | null>(null);
  const [notice, setNotice] = useState('');
  const known: VenueOption[] = venues.status === 'loaded' ? venues.value : [];

  const columns = useMemo(() => {
    const col = adminColumns<DeviceSummary>();
    return [
      col.accessor('name', { header: 'Name', sortFn: 'text' }),
      col.accessor((device) => (device.kind === 'kiosk' ? 'Kiosk' : 'Box office'), { id: 'kind', header: 'Kind' }),
      col.accessor((device) => venueName(known, device.venueId), { id: 'venue', header: 'Venue' }),
      col.accessor((device) => device.lastSeenAt ?? '', {
        id: 'lastSeen',
        header: 'Last sync',
        cell: ({ row: { original: device } }) => when(device.lastSeenAt),
      }),
      col.accessor((device) => device.appVersion ?? '—', { id: 'version', header: 'Version' }),
      col.display({
        id: 'actions',
        header: () => <span className="visually-hidden">Actions</span>,
        cell: ({ row: { original: device } }) =>
          device.revokedAt ? (
            <span>Revoked {when(device.revokedAt)}</span>
          ) : (
            <button type="button" className="danger" onClick={() => setRevoking(device)}>
              Revoke<span className="visually-hidden"> {device.name}</span>
            </button>
          ),
      }),
    ];
  }, [known]);

  return (
    <>
      <PageHeader
        title="Devices"
        description="Kiosks and box offices: when each last synced, which version it runs."
        actions={
          !pairing && (
            <button type="button" className="primary" onClick={() => setPairing(true)}>
              Pair a machine
            </button>
          )
        }
      />
      <p role="status" aria-live="polite" className="admin-status">
        {notice}
      </p>
      {pairing && venues.status === 'loading' && <p className="admin-state">Loading venues…</p>}
      {pairing && venues.status === 'loaded' && (
        <PairDeviceForm api={api} venues={known} onPaired={reload} onClose={() => setPairing(false)} />
      )}
      <AsyncView state={state} retry={reload} what="devices">
        {({ devices }) => (
          <DataTable
            caption="Machines of your venues"
            columns={columns}
            rows={devices}
            rowId={(device) => device.id}
            empty={
              <EmptyState title="No machines yet.">
                <p>Pair a kiosk or a box office with a one-time code.</p>
              </EmptyState>
            }
          />
        )}
      </AsyncView>
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke ${revoking?.name ?? 'this machine'}?`}
        confirmLabel="Revoke"
        danger
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          if (!revoking) return;
          await api.call('revokeDevice', { params: { deviceId: revoking.id } });
          setNotice(`${revoking.name} is revoked: it can no longer sign in or sync.`);
          reload();
        }}
      >
        <p>The machine is signed out now and its credential stops working. To use it again, pair it with a new code.</p>
      </ConfirmDialog>
    </>
  );
}
