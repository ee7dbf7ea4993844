// The tickets this phone carries, kept in IndexedDB (the raw API: no wrapper is installed, and this is three
// requests): per ticket its key pair (the private key as a non-extractable CryptoKey, which IndexedDB stores without
// ever exposing its bytes), the credential the cloud issued for it, and what the page shows of the ticket, so a reload
// without a connection still shows the ticket and its changing code.
const DATABASE = 'ticketboss-phone';
const STORE = 'passes';

/** What the ticket page shows of a ticket when it cannot ask the cloud. */
export interface PassDisplay {
  eventName: string;
  startsAt: string;
  timezone: string;
  venue: string;
  place: string;
  holder: string;
}

export interface PhonePass {
  ticketId: string;
  orderId: string;
  keys: CryptoKeyPair;
  /** The public key sent to the binding route (base64url, 65 bytes raw). */
  publicKey: string;
  /** The cloud's credential for this key; null until the binding answered. */
  credential: string | null;
  display: PassDisplay;
}

const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });

let opened: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () =>
      request.result.createObjectStore(STORE, { keyPath: 'ticketId' }).createIndex('orderId', 'orderId');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opened = null;
      reject(request.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opened;
}

const store = async (mode: IDBTransactionMode) => (await database()).transaction(STORE, mode).objectStore(STORE);

export async function readPass(ticketId: string): Promise<PhonePass | null> {
  return ((await done((await store('readonly')).get(ticketId))) as PhonePass | undefined) ?? null;
}

export async function writePass(pass: PhonePass): Promise<void> {
  await done((await store('readwrite')).put(pass));
}

/** The passes of an order this phone keeps (what the page shows offline). */
export async function passesOfOrder(orderId: string): Promise<PhonePass[]> {
  return (await done((await store('readonly')).index('orderId').getAll(orderId))) as PhonePass[];
}
