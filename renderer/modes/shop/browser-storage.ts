// What the shop keeps in the browser between pages and reloads: the hold being bought (id and token, so it survives
// a reload; the hold banner listens to it), what the buyer typed at checkout (kept across the payment provider's
// page, a decline and an expiry, never a card), the idempotency keys of requests that may be retried, guest order
// tokens, and the signed-in session.
import type { CreatedHold, Session } from '../../../cloud/contract/index.ts';

const read = <T>(storage: Storage, key: string): T | null => {
  try {
    const text = storage.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
};

export interface StoredHold {
  hold: CreatedHold;
  eventId: string;
  /** The presale code the seats were held with (it also unlocks the prices of its tiers at checkout). */
  presaleCode?: string;
}

const HOLD_CHANGED = 'tb-hold-changed';
const holdChanged = () => window.dispatchEvent(new Event(HOLD_CHANGED));

export const holdStore = {
  get: (): StoredHold | null => read(sessionStorage, 'tb.hold'),
  /** The stored text, unchanged until the hold changes (a stable snapshot for useSyncExternalStore). */
  raw: (): string | null => sessionStorage.getItem('tb.hold'),
  set: (value: StoredHold) => {
    sessionStorage.setItem('tb.hold', JSON.stringify(value));
    holdChanged();
  },
  clear: () => {
    sessionStorage.removeItem('tb.hold');
    holdChanged();
  },
  /** Calls back when this tab's hold is set or cleared. */
  subscribe: (onChange: () => void) => {
    window.addEventListener(HOLD_CHANGED, onChange);
    return () => window.removeEventListener(HOLD_CHANGED, onChange);
  },
};

/** What the buyer typed at checkout, by field name (email, name, phone, delivery, address lines). */
export type CheckoutDetails = Record<string, string>;

export const checkoutDetails = {
  get: (): CheckoutDetails => read<CheckoutDetails>(sessionStorage, 'tb.checkout') ?? {},
  set: (details: CheckoutDetails) => sessionStorage.setItem('tb.checkout', JSON.stringify(details)),
  clear: () => sessionStorage.removeItem('tb.checkout'),
};

/** One key per purpose, kept until the request got a final answer, so a retry (or a reload) reuses it. */
export function idempotencyKey(purpose: string): string {
  const key = `tb.key.${purpose}`;
  let value = sessionStorage.getItem(key);
  if (!value) {
    value = crypto.randomUUID();
    sessionStorage.setItem(key, value);
  }
  return value;
}

export const forgetKey = (purpose: string) => sessionStorage.removeItem(`tb.key.${purpose}`);

export const orderTokens = {
  get: (orderId: string): string | null => localStorage.getItem(`tb.order.${orderId}`),
  set: (orderId: string, token: string) => localStorage.setItem(`tb.order.${orderId}`, token),
};

export const sessionStore = {
  get: (): Session | null => read(localStorage, 'tb.session'),
  set: (session: Session) => localStorage.setItem('tb.session', JSON.stringify(session)),
  clear: () => localStorage.removeItem('tb.session'),
};
