/**
 * Version 1 of the schema. Times the store compares are kept twice: the ISO text callers gave (returned as is)
 * and epoch milliseconds (compared and indexed), because ISO strings with offsets do not sort as times.
 */
export const SCHEMA_V1 = `
CREATE TABLE cursors (
  service TEXT PRIMARY KEY,
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE seen (
  key TEXT PRIMARY KEY,
  service TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  last_alerted_at TEXT NOT NULL,
  count INTEGER NOT NULL
) STRICT;

-- Every delivery key ever enqueued. Kept apart from the outbox so that a key stays a duplicate after its
-- delivery was sent and purged or dead-lettered: a re-poll must never send it again.
CREATE TABLE delivery_keys (
  key TEXT PRIMARY KEY,
  first_enqueued_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL REFERENCES delivery_keys (key),
  service TEXT NOT NULL,
  notifier TEXT NOT NULL,
  destination TEXT NOT NULL,
  alert TEXT NOT NULL CHECK (json_valid(alert)),
  group_key TEXT,
  object_key TEXT,
  not_before TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  last_error TEXT,
  lease_owner TEXT,
  lease_until_ms INTEGER,
  delivered TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(delivered)),
  sent_at TEXT
) STRICT;

-- The due-claim query: pending rows in next-attempt order.
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_ms, id);
-- Completing a digest group once one of its members is due.
CREATE INDEX deliveries_group ON deliveries (group_key, notifier, destination) WHERE group_key IS NOT NULL;
CREATE INDEX deliveries_lease_owner ON deliveries (lease_owner) WHERE lease_owner IS NOT NULL;

CREATE TABLE dead_letters (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('delivery', 'record')),
  service TEXT NOT NULL,
  notifier TEXT,
  destination TEXT,
  key TEXT,
  reason TEXT NOT NULL,
  payload TEXT CHECK (payload IS NULL OR json_valid(payload)),
  attempts INTEGER NOT NULL,
  dead_at TEXT NOT NULL
) STRICT;

CREATE TABLE silences (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  matchers TEXT NOT NULL CHECK (json_valid(matchers)),
  author TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  expired_at TEXT,
  expired_by TEXT
) STRICT;

CREATE TABLE delivery_records (
  object_key TEXT NOT NULL,
  notifier TEXT NOT NULL,
  destination TEXT NOT NULL,
  record TEXT NOT NULL CHECK (json_valid(record)),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (object_key, notifier, destination)
) STRICT, WITHOUT ROWID;
`;
