// The web shop's entry: the app over the HTTP client, talking to the API on the same origin.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { HttpTicketingClient } from './client/http-client.ts';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={new HttpTicketingClient()} />
  </StrictMode>,
);
