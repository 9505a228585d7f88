/**
 * Version 2 of the schema: the action audit trail (case actions from the CLI or Slack). The idempotency key is
 * the primary key, so a doubled request, even one reaching two replicas at once, records (and runs) an action once.
 */
export const SCHEMA_V2_ACTION_AUDIT = `
CREATE TABLE action_audit (
  idempotency_key text PRIMARY KEY,
  action text NOT NULL,
  case_ids jsonb NOT NULL,
  actor jsonb NOT NULL,
  object_key text,
  input jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('started', 'succeeded', 'failed')),
  message text,
  result jsonb,
  started_at text NOT NULL,
  started_ms bigint NOT NULL,
  finished_at text,
  seq bigserial NOT NULL
);

CREATE INDEX action_audit_by_start ON action_audit (started_ms DESC, seq DESC);
`;
