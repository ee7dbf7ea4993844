// The ledger's schema: the second SQLite file beside the cache, holding what only this machine knows (the outbox of
// mutations for the cloud, the seats its allotment sales took, the tickets its door let in, its credential). The
// cache itself holds only copies of what the cloud said, so a corrupt cache can be set aside and fetched again
// without losing a sale. One entry a version, never edited once shipped: add a new entry instead.
export const LEDGER_MIGRATIONS: string[] = [
  `
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
  -- The seats each allotment sale took (its outbox entry): a seat is sold here while such a sale is not refused.
  CREATE TABLE allotment_sales (
    allotment_id TEXT NOT NULL,
    seat_id TEXT NOT NULL,
    outbox_id TEXT NOT NULL,
    PRIMARY KEY (allotment_id, seat_id, outbox_id)
  );
  -- The door view: tickets this machine let in, so a second scan while offline is caught here too.
  CREATE TABLE door_scans (
    ticket_id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL,
    seat TEXT NOT NULL,
    gate TEXT NOT NULL,
    scanned_at TEXT NOT NULL,
    offline INTEGER NOT NULL
  );
  -- This machine's own settings, above all its credential from pairing (see session/credentials.ts).
  CREATE TABLE device_settings (
    key TEXT PRIMARY KEY,
    value BLOB NOT NULL,
    encrypted INTEGER NOT NULL CHECK (encrypted IN (0, 1))
  );
  `,
];

/** The ledger's tables a salvage or an old cache file can give rows to, in the order they are copied. */
export const LEDGER_TABLES = ['outbox', 'door_scans', 'device_settings'] as const;

/** Indexes the seats of every allotment sale in the outbox (idempotent): after a salvage or an old cache's move. */
export const indexAllotmentSales = (schema: string) => `
  INSERT OR IGNORE INTO ${schema}.allotment_sales (allotment_id, seat_id, outbox_id)
  SELECT json_extract(o.body, '$.holdId'), s.value, o.id
  FROM ${schema}.outbox o, json_each(o.body, '$.allotmentSeatIds') s
  WHERE o.kind = 'allotment_sale' AND json_valid(o.body)`;
