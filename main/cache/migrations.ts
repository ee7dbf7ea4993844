// The cache's schema, one entry a version, never edited once shipped: add a new entry instead.
export const MIGRATIONS: string[] = [
  `
  -- What the cloud answered to catalog GETs (events, seat maps, availability), by path, with the ETag to
  -- revalidate it: the device shows these when the cloud cannot be reached.
  CREATE TABLE http_cache (
    path TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    etag TEXT,
    fetched_at TEXT NOT NULL
  );
  -- Orders this device made or looked up (its own sales survive a restart while offline).
  CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    event_id TEXT,
    content TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  -- Mutations waiting for the cloud: each pushed with its idempotency key until the cloud answers for good.
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    body TEXT,
    idempotency_key TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'rejected')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    response TEXT,
    reason TEXT,
    created_at TEXT NOT NULL,
    settled_at TEXT
  );
  CREATE INDEX outbox_pending ON outbox (state, seq);
  `,
  `
  -- Seats of this device's allotments: what it may sell at the counter without the cloud, and which it has sold.
  CREATE TABLE allotment_seats (
    allotment_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    seat_id TEXT NOT NULL,
    price_amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    sold_by TEXT,
    PRIMARY KEY (allotment_id, seat_id)
  );
  `,
  `
  -- This machine's own settings, above all its credential from pairing: encrypted with the operating system's key
  -- store (Electron safeStorage) where there is one; encrypted = 0 says it is not, and the app warns about it.
  CREATE TABLE device_settings (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL,
    encrypted INTEGER NOT NULL CHECK (encrypted IN (0, 1))
  );
  `,
  `
  -- The door view: tickets this machine let in, so a second scan while offline is caught here too.
  CREATE TABLE door_scans (
    ticket_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    seat TEXT NOT NULL,
    gate TEXT NOT NULL,
    scanned_at TEXT NOT NULL,
    offline INTEGER NOT NULL
  );
  `,
  `
  -- The door view offline: tickets of this venue's coming events that are void or refunded (an event cancelled, an
  -- order refunded), as the cloud listed them at the last sync; an offline scan refuses them.
  CREATE TABLE revoked_tickets (
    ticket_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    reason TEXT NOT NULL
  );
  `,
  `
  -- When the counter may sell from each of this device's allotments (the event's box-office sales window, or its
  -- on-sale period), as the cloud told it at the last sync: a sale outside it is refused here, offline too.
  CREATE TABLE allotment_windows (
    allotment_id TEXT PRIMARY KEY,
    opens_at TEXT NOT NULL,
    closes_at TEXT NOT NULL
  );
  `,
  `
  -- The machine's own records moved to the ledger file (ledger-migrations.ts; database.ts copies their rows there
  -- first, in a transaction of its own): what is left here is a copy of the cloud's, set aside and fetched again
  -- when the file is corrupt. A seat is sold here when the ledger has its sale (allotment_sales).
  DROP TABLE main.outbox;
  DROP TABLE main.door_scans;
  DROP TABLE main.device_settings;
  ALTER TABLE main.allotment_seats DROP COLUMN sold_by;
  `,
];

/** The version that moved the machine's own records to the ledger: their rows are copied before it runs. */
export const LEDGER_SPLIT_VERSION = 6;
