// The on-sale (issue 20): what the browser keeps of its place in an event's waiting room, in localStorage under one
// key per event (so a reload or a new tab keeps the place): the random session, the signed ticket, and the admission
// once granted. The waiting room (modes/shop/queue) writes it; the HTTP client reads the admission for the headers of
// that event's holds and orders. Kept tiny: it is in the shop's first load.

export interface QueuePass {
  /** The buyer's own random id in this event's queue (base64url). */
  session: string;
  /** The signed queue ticket (the place), once joined. */
  ticket?: string | undefined;
  place?: number | null | undefined;
  /** The admission token, once admitted: good until expiresAt. */
  admission?: { token: string; expiresAt: string; place: number };
  /** The presale code typed in the waiting room, sent with the admission request. */
  presaleCode?: string | undefined;
}

export const queuePassKey = (eventId: string) => `tb.queue.${eventId}`;

export function readQueuePass(eventId: string): QueuePass | null {
  try {
    return JSON.parse(localStorage.getItem(queuePassKey(eventId)) ?? 'null') as QueuePass | null;
  } catch {
    return null;
  }
}
