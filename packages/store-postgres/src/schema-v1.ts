/**
 * Version 1 of the schema, created in the store's own schema (the connection's search path). Times are
 * `timestamptz` and compared as times; JSON values are `json`, which keeps any text JSON allows (`jsonb` refuses
 * `\u0000`).
 */
export const SCHEMA_V1 = `
CREATE TABLE cursors (
  service text PRIMARY KEY,
  value json NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE seen (
  key text PRIMARY KEY,
  service text NOT NULL,
  first_seen_at timestamptz NOT NULL,
  last_alerted_at timestamptz NOT NULL,
  count integer NOT NULL
);

-- Every delivery key ever enqueued. Kept apart from the outbox so that a key stays a duplicate after its
-- delivery was sent and purged or dead-lettered: a re-poll must never send it again.
CREATE TABLE delivery_keys (
  key text PRIMARY KEY,
  first_enqueued_at timestamptz NOT NULL
);

CREATE TABLE deliveries (
  id bigserial PRIMARY KEY,
  key text NOT NULL REFERENCES delivery_keys (key),
  service text NOT NULL,
  notifier text NOT NULL,
  destination text NOT NULL,
  alert json NOT NULL,
  group_key text,
  object_key text,
  not_before timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sent')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  last_error text,
  lease_owner text,
  lease_until timestamptz,
  delivered json NOT NULL DEFAULT '[]',
  sent_at timestamptz
);

-- The due-claim query, per lane and across lanes: pending rows in next-attempt order.
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX deliveries_lane_due ON deliveries (notifier, destination, next_attempt_at, id) WHERE status = 'pending';
-- Completing a digest group once one of its members is due.
CREATE INDEX deliveries_group ON deliveries (group_key, notifier, destination) WHERE group_key IS NOT NULL;
CREATE INDEX deliveries_lease_owner ON deliveries (lease_owner) WHERE lease_owner IS NOT NULL;

CREATE TABLE dead_letters (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('delivery', 'record')),
  service text NOT NULL,
  notifier text,
  destination text,
  key text,
  reason text NOT NULL,
  payload json,
  attempts integer NOT NULL,
  dead_at timestamptz NOT NULL
);

CREATE TABLE silences (
  seq bigserial PRIMARY KEY,
  matchers json NOT NULL,
  author text NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL,
  starts_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  expired_at timestamptz,
  expired_by text
);

CREATE TABLE delivery_records (
  object_key text NOT NULL,
  notifier text NOT NULL,
  destination text NOT NULL,
  record json NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (object_key, notifier, destination)
);

-- Named leases (a service's polling, a lane's sending) for worker replicas. The epoch only grows: it fences
-- the writes of a holder that lost the lease without knowing it.
CREATE TABLE leases (
  name text PRIMARY KEY,
  owner text NOT NULL,
  epoch bigint NOT NULL,
  expires_at timestamptz NOT NULL
);
`;
