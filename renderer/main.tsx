// The UI's entry: over the Electron bridge when the preload script provided one (kiosk, box office), otherwise over
// HTTP to the API on the same origin (the web shop).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { HttpTicketingClient } from './client/http-client.ts';
import { BridgeTicketingClient } from './client/bridge-client.ts';
import type { BridgeWindowApi } from '../preload/bridge.ts';
import './styles.css';

const bridge = (window as unknown as { ticketboss?: BridgeWindowApi }).ticketboss;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={bridge ? new BridgeTicketingClient(bridge) : new HttpTicketingClient()} />
  </StrictMode>,
);
