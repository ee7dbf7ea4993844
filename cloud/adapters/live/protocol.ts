// The live channel's client protocol, one answer per client message, shared by the `ws` hub (`npm start`) and the
// API Gateway WebSocket Lambda: subscribe (to a public event, at most LIVE_LIMITS.maxSubscriptions per connection),
// unsubscribe, ping. Anything else (not JSON, not one of these) is answered with an error; the connection stays.
// The `ws` hub closes a connection that watches nothing for LIVE_LIMITS.idleUnsubscribedMs with 4000 "idle"
// (LIVE_CLOSE_IDLE): on purpose, not an outage; clients open a connection again when they next subscribe.
import { LiveClientMessage, type LiveServerMessage } from '../../contract/index.ts';
import { LIVE_LIMITS } from './limits.ts';

/** The events one connection watches (a set in memory, or rows in Postgres). */
export interface ConnectionSubscriptions {
  list(): Promise<Set<string>>;
  /**
   * Adds the event unless the connection already watches `max` others, checked and added as one step (API Gateway
   * runs a connection's messages concurrently); false when refused. Adding one already watched answers true.
   */
  add(eventId: string, max: number): Promise<boolean>;
  remove(eventId: string): Promise<void>;
}

export async function answerLiveMessage(
  text: string | null,
  subscriptions: ConnectionSubscriptions,
  canWatch: (eventId: string) => Promise<boolean>,
  maxSubscriptions: number = LIVE_LIMITS.maxSubscriptions,
): Promise<LiveServerMessage> {
  let parsed: ReturnType<typeof LiveClientMessage.safeParse>;
  try {
    parsed = LiveClientMessage.safeParse(text === null ? null : JSON.parse(text));
  } catch {
    return { type: 'error', code: 'malformed_json', detail: 'Messages are JSON text.' };
  }
  if (!parsed.success) {
    return {
      type: 'error',
      code: 'validation_failed',
      detail: 'Send {"type":"subscribe","eventId":"<uuid>"}, unsubscribe, or ping.',
    };
  }
  const message = parsed.data;
  if (message.type === 'ping') return { type: 'pong' };
  if (message.type === 'unsubscribe') {
    await subscriptions.remove(message.eventId);
    return { type: 'unsubscribed', eventId: message.eventId };
  }
  const tooMany: LiveServerMessage = {
    type: 'error',
    code: 'too_many_subscriptions',
    detail: `At most ${maxSubscriptions} events per connection.`,
  };
  const mine = await subscriptions.list();
  if (mine.size >= maxSubscriptions && !mine.has(message.eventId)) return tooMany;
  if (!(await canWatch(message.eventId))) return { type: 'error', code: 'not_found', detail: 'No such event.' };
  if (!(await subscriptions.add(message.eventId, maxSubscriptions))) return tooMany;
  return { type: 'subscribed', eventId: message.eventId };
}
