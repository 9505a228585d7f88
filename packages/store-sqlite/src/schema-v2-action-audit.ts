/**
 * Version 2 of the schema: the action audit trail (case actions from the CLI or Slack). The idempotency key is
 * the primary key, so a doubled request cannot record (and run) an action twice even across processes.
 */
export const SCHEMA_V2_ACTION_AUDIT = `
CREATE TABLE action_audit (
  idempotency_key TEXT PRIMARY KEY,
  action TEXT NOT NULL,
  case_ids TEXT NOT NULL CHECK (json_valid(case_ids)),
  actor TEXT NOT NULL CHECK (json_valid(actor)),
  object_key TEXT,
  input TEXT NOT NULL CHECK (json_valid(input)),
  status TEXT NOT NULL CHECK (status IN ('started', 'succeeded', 'failed')),
  message TEXT,
  result TEXT CHECK (result IS NULL OR json_valid(result)),
  started_at TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  finished_at TEXT
) STRICT;

CREATE INDEX action_audit_by_start ON action_audit (started_ms DESC);
`;
