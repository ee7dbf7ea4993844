// The box office: a clerk signs in at the counter, then sells (map, best available, standing) for cash or card,
// finds orders (name, email, order code), refunds or cancels them, reprints, hands will-call tickets over, sells from
// the counter's allotment when the network is down, and prints the end-of-shift report. This shell owns the sign-in
// gate, the tab bar and the shift's start; each tab is its own screen in tabs/.
import { useState } from 'react';
import { useDevice } from '../device/device-context.ts';
import { SyncIndicator } from '../device/SyncIndicator.tsx';
import { ClerkSignIn } from './ClerkSignIn.tsx';
import { RejectedSales } from './RejectedSales.tsx';
import { AllotmentTab } from './tabs/AllotmentTab.tsx';
import { DoorTab } from './tabs/DoorTab.tsx';
import { OrdersTab } from './tabs/OrdersTab.tsx';
import { SellTab } from './tabs/SellTab.tsx';
import { ShiftTab } from './tabs/ShiftTab.tsx';

type Tab = 'sell' | 'orders' | 'allotment' | 'door' | 'shift';
const TABS: [Tab, string][] = [
  ['sell', 'Sell'],
  ['orders', 'Orders'],
  ['allotment', 'Allotment'],
  ['door', 'Door'],
  ['shift', 'Shift'],
];

export default function BoxOfficeApp() {
  const { client, status, setStatus } = useDevice();
  const [tab, setTab] = useState<Tab>('sell');
  const [shiftStart, setShiftStart] = useState(() => new Date().toISOString());
  if (!status.staff) return <ClerkSignIn onSignedIn={() => setShiftStart(new Date().toISOString())} />;
  return (
    <div className="boxoffice">
      <header className="site-header">
        <span className="brand">TicketBoss box office</span>
        <span>{status.name}</span>
        <SyncIndicator />
        <nav aria-label="Box office">
          {TABS.map(([id, label]) => (
            <button key={id} type="button" aria-pressed={tab === id} onClick={() => setTab(id)}>
              {label}
            </button>
          ))}
        </nav>
        <span>
          {status.staff.name}{' '}
          <button type="button" onClick={() => void client.call('staff:signOut', {}).then(setStatus)}>
            Sign out
          </button>
        </span>
      </header>
      <main id="main">
        <RejectedSales />
        {tab === 'sell' && <SellTab />}
        {tab === 'orders' && <OrdersTab />}
        {tab === 'allotment' && <AllotmentTab />}
        {tab === 'door' && <DoorTab />}
        {tab === 'shift' && <ShiftTab from={shiftStart} />}
      </main>
    </div>
  );
}
