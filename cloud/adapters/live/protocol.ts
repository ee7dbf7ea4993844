// The live channel's client protocol, one answer per client message, shared by the `ws` hub (`npm start`) and the
// API Gateway WebSocket Lambda: subscribe (to a public event, at most 20 per connection), unsubscribe, ping.
import { LiveClientMessage, type LiveServerMessage } from '../../contract/index.ts';

export const MAX_SUBSCRIPTIONS = 20;

/** The events one connection watches (a set in memory, or rows in Postgres). */
export interface ConnectionSubscriptions {
  list(): Promise<Set<string>>;
  add(eventId: string): Promise<void>;
  remove(eventId: string): Promise<void>;
}

export async function answerLiveMessage(
  text: string | null,
  subscriptions: ConnectionSubscriptions,
  canWatch: (eventId: string) => Promise<boolean>,
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
  const mine = await subscriptions.list();
  if (mine.size >= MAX_SUBSCRIPTIONS && !mine.has(message.eventId)) {
    return {
      type: 'error',
      code: 'too_many_subscriptions',
      detail: `At most ${MAX_SUBSCRIPTIONS} events per connection.`,
    };
  }
  if (!(await canWatch(message.eventId))) return { type: 'error', code: 'not_found', detail: 'No such event.' };
  await subscriptions.add(message.eventId);
  return { type: 'subscribed', eventId: message.eventId };
}
