// The box office: a clerk signs in at the counter, then sells (best available first, the map below, keys for
// everything), finds orders (name, email, order code), refunds or cancels them, reprints, hands will-call tickets
// over, sells from the counter's allotment when the network is down, and prints the end-of-shift report. This shell
// owns the counter's words (loaded before it renders), the sign-in gate, the one-line header and the shift's start;
// each tab is its own screen in tabs/.
import { useState } from 'react';
import { addAreas, useT } from '../../i18n/index.ts';
import { useDevice } from '../device/device-context.ts';
import { SyncIndicator } from '../device/SyncIndicator.tsx';
import './boxoffice.css';
import { ClerkSignIn } from './ClerkSignIn.tsx';
import { RejectedSales } from './RejectedSales.tsx';
import { AllotmentTab } from './tabs/AllotmentTab.tsx';
import { DoorTab } from './tabs/DoorTab.tsx';
import { OrdersTab } from './tabs/OrdersTab.tsx';
import { SellTab } from './tabs/SellTab.tsx';
import { ShiftTab } from './tabs/ShiftTab.tsx';
import { Button } from '../../ui/kit/index.ts';

// The counter's words in the shown language, before its first screen (this module is its own lazy chunk).
await addAreas(['boxoffice']);

type Tab = 'sell' | 'orders' | 'allotment' | 'door' | 'shift';
const TABS: Tab[] = ['sell', 'orders', 'allotment', 'door', 'shift'];

export default function BoxOfficeApp() {
  const t = useT();
  const { client, status, setStatus } = useDevice();
  const [tab, setTab] = useState<Tab>('sell');
  const [shiftStart, setShiftStart] = useState(() => new Date().toISOString());
  if (!status.staff) return <ClerkSignIn onSignedIn={() => setShiftStart(new Date().toISOString())} />;
  const counter = status.name ?? '';
  return (
    <div className="boxoffice">
      <header className="boxoffice-header">
        <span className="counter-name" title={counter}>
          {counter}
        </span>
        <SyncIndicator />
        <nav aria-label={t('boxoffice.header.tabs')}>
          {TABS.map((id) => (
            <Button key={id} variant="secondary" aria-pressed={tab === id} onClick={() => setTab(id)}>
              {t(`boxoffice.tab.${id}`)}
            </Button>
          ))}
        </nav>
        <span className="clerk" title={status.staff.name}>
          {status.staff.name}
        </span>
        <Button
          variant="secondary"
          className="sign-out"
          onClick={() => void client.call('staff:signOut', {}).then(setStatus)}
        >
          {t('boxoffice.header.signOut')}
        </Button>
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
