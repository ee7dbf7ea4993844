// The waiting room's kept place (issue 20), in localStorage under one key per event, so a reload or a new tab keeps
// it: a random session made once per event, the signed ticket and the admission written as they come, the admission
// dropped when the server refuses it (the ticket, and so the place, stays). The HTTP client reads the admission from
// the same key for the headers of that event's holds and orders (client/http-client.ts, queueHeaders).

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

const queuePassKey = (eventId: string) => `tb.queue.${eventId}`;

export function readQueuePass(eventId: string): QueuePass | null {
  try {
    return JSON.parse(localStorage.getItem(queuePassKey(eventId)) ?? 'null') as QueuePass | null;
  } catch {
    return null;
  }
}

/** A random queue session: 24 bytes from crypto.getRandomValues, base64url (32 characters). */
export function newQueueSession(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function write(eventId: string, pass: QueuePass): QueuePass {
  localStorage.setItem(queuePassKey(eventId), JSON.stringify(pass));
  return pass;
}

export const queueStore = {
  /** This event's pass, made (with a new session) the first time. */
  pass(eventId: string): QueuePass {
    const kept = readQueuePass(eventId);
    return kept?.session ? kept : write(eventId, { session: newQueueSession() });
  },
  update(eventId: string, patch: Partial<QueuePass>): QueuePass {
    return write(eventId, { ...queueStore.pass(eventId), ...patch });
  },
  /** The presale code the live admission was granted with (the seat map shows its tiers), or null. */
  presaleCode(eventId: string): string | null {
    return liveAdmission(eventId) ? (readQueuePass(eventId)?.presaleCode ?? null) : null;
  },
  /** The admission was refused or ran out: back to the waiting room with the same ticket (the same place). */
  dropAdmission(eventId: string): void {
    const { admission: _dropped, ...kept } = queueStore.pass(eventId);
    write(eventId, kept);
  },
};

/** The pass's admission, if it is still good at `now`. */
export function liveAdmission(eventId: string, now = Date.now()): QueuePass['admission'] | null {
  const admission = readQueuePass(eventId)?.admission;
  return admission && Date.parse(admission.expiresAt) > now ? admission : null;
}

/** The refusals of a hold or an order that send the buyer back to the waiting room. */
export const ADMISSION_LOST = new Set(['admission_required', 'admission_invalid', 'admission_expired']);
