// The UI's entry. Over HTTP to the API on the same origin: the web shop, or for /admin paths the back office (its own
// chunk and CSS, loaded with import() only there, so the shop's first load does not carry it). Over the Electron
// bridge (the preload script provided window.ticketboss): the kiosk or box office the machine is paired as; a bridge
// without a machine behind it (a preview of the shop in the desktop shell) gets the shop.
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { ShopApp } from './modes/shop/ShopApp.tsx';
import { HttpTicketingClient } from './client/http-client.ts';
import type { BridgeWindowApi } from '../preload/bridge.ts';
import { I18nProvider, activateLocale, addAreas, i18n, SHOP_AREAS } from './i18n/index.ts';
import { initialLocale } from './modes/shop/locale-store.ts';
import './styles/tokens.css';
import './styles/shop.css';
import './styles/devices.css';

const bridge = (window as unknown as { ticketboss?: BridgeWindowApi }).ticketboss;
const root = createRoot(document.getElementById('root')!);
const render = (node: ReactNode) =>
  root.render(
    <StrictMode>
      <I18nProvider i18n={i18n}>{node}</I18nProvider>
    </StrictMode>,
  );

const isAdminPath = (path: string) => path === '/admin' || path.startsWith('/admin/');

if (!bridge && isAdminPath(window.location.pathname)) {
  // The back office is in English, left to right, whatever the shop's choice: its seat screens use the seat map's words
  // (controls, tooltip), its reports the shift table's.
  void Promise.all([
    import('./modes/admin/AdminApp.tsx'),
    activateLocale('en', [...SHOP_AREAS, 'errors', 'seatmap', 'shift']),
  ]).then(([{ default: AdminApp }]) => render(<AdminApp />));
} else {
  /** The locale the user chose before (the shop remembers it: locale-store.ts), else the browser's. */
  await activateLocale(initialLocale(), SHOP_AREAS);
  // The shop's words for the API's refusals: fetched now, beside the first screen's data, not before it. The device
  // app asks for them once, with its own areas (deviceAreas), before its first screen.
  const refusalWords = () => void addAreas(['errors']);
  if (!bridge) {
    refusalWords();
    render(<ShopApp client={new HttpTicketingClient()} />);
  } else {
    // The bridge's client only where there is a bridge: the web shop's first load does not carry it.
    const { BridgeTicketingClient } = await import('./client/bridge-client.ts');
    const client = new BridgeTicketingClient(bridge);
    client.call('device:status', {}).then(
      async () => {
        const { default: DeviceApp } = await import('./modes/device/DeviceApp.tsx');
        render(<DeviceApp client={client} />);
      },
      () => {
        refusalWords();
        render(<ShopApp client={client} />);
      },
    );
  }
}
