// The live seat view's WebSocket: subscribe to one event's seat changes, reconnect with back-off after a drop, and
// tell the caller each time the server confirms the subscription (`onSubscribed`: the moment from which a snapshot read
// misses nothing). The shop's client and the back office's seat screen both use it.
// The hub closes a socket that watches nothing with LIVE_CLOSE_IDLE: this one subscribes as it opens, so that close
// means its subscribe was refused (no such public event); it is not an outage and retrying would be refused again.
import type { LiveServerMessage } from '../../cloud/contract/index.ts';
import { LIVE_CLOSE_IDLE } from '../../cloud/contract/live-close.ts';
import { LIVE_PATH } from '../../cloud/contract/shop-routes.ts';
import { backOffMs, LIVE_RECONNECT_BACK_OFF } from '../../cloud/domain/retry/back-off.ts';
import type { LiveHandlers, LiveSubscription } from './ticketing-client.ts';

/** `baseUrl`: the API's origin ('' for this page's). */
export function subscribeLive(baseUrl: string, eventId: string, handlers: LiveHandlers): LiveSubscription {
  let socket: WebSocket | null = null;
  let closed = false;
  let attempts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const url = (baseUrl || location.origin).replace(/^http/, 'ws') + LIVE_PATH;
  const connect = () => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      attempts = 0;
      socket!.send(JSON.stringify({ type: 'subscribe', eventId }));
      handlers.onStatus?.(true);
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as LiveServerMessage;
      if (message.type === 'changes' && message.eventId === eventId) handlers.onChanges(message);
      else if (message.type === 'subscribed' && message.eventId === eventId) handlers.onSubscribed();
    };
    socket.onclose = (event) => {
      if (event.code === LIVE_CLOSE_IDLE) return;
      handlers.onStatus?.(false);
      if (closed) return;
      // Back off: 0.5 s, 1 s, 2 s … at most 10 s between tries, with jitter (a hub's watchers do not return in step).
      const delay = backOffMs(++attempts, null, Math.random, LIVE_RECONNECT_BACK_OFF);
      timer = setTimeout(connect, delay);
    };
  };
  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    },
  };
}
