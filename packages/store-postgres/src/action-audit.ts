/** The action audit trail in PostgreSQL: one row per idempotency key (see `ActionAuditStore` in core). */
import {
  type ActionAuditEntry,
  type ActionAuditFilter,
  type ActionOutcomeInput,
  checkNewActionEntry,
  matchesActionFilter,
  type NewActionAuditEntry,
  unknownActionKey,
} from '@tqalert/core';
import { jsonText } from './arguments.js';
import type { Database } from './database.js';

interface ActionRow {
  idempotency_key: string;
  action: string;
  case_ids: string[];
  actor: ActionAuditEntry['actor'];
  object_key: string | null;
  input: Record<string, unknown>;
  status: ActionAuditEntry['status'];
  message: string | null;
  result: Record<string, unknown> | null;
  started_at: string;
  finished_at: string | null;
}

function toEntry(row: ActionRow): ActionAuditEntry {
  const entry: ActionAuditEntry = {
    idempotencyKey: row.idempotency_key,
    action: row.action,
    caseIds: row.case_ids,
    actor: row.actor,
    input: row.input,
    status: row.status,
    startedAt: row.started_at,
  };
  if (row.object_key !== null) entry.objectKey = row.object_key;
  if (row.message !== null) entry.message = row.message;
  if (row.result !== null) entry.result = row.result;
  if (row.finished_at !== null) entry.finishedAt = row.finished_at;
  return entry;
}

const SELECT = 'SELECT * FROM action_audit WHERE idempotency_key = $1';

/** Inserts the entry unless its key exists (in one statement, so racing replicas get one winner). */
export async function recordAction(
  db: Database,
  input: NewActionAuditEntry,
): Promise<{ entry: ActionAuditEntry; created: boolean }> {
  checkNewActionEntry(input);
  return db.write('recordAction', async (q) => {
    const inserted = await q.query<ActionRow>(
      `INSERT INTO action_audit (idempotency_key, action, case_ids, actor, object_key, input, status, started_at, started_ms)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6::jsonb, 'started', $7, $8)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
      [
        input.idempotencyKey,
        input.action,
        jsonText(input.caseIds, 'recordAction.caseIds'),
        jsonText(input.actor, 'recordAction.actor'),
        input.objectKey ?? null,
        jsonText(input.input, 'recordAction.input'),
        input.startedAt,
        Date.parse(input.startedAt),
      ],
    );
    if (inserted[0]) return { entry: toEntry(inserted[0]), created: true };
    const [row] = await q.query<ActionRow>(SELECT, [input.idempotencyKey]);
    if (!row) throw new Error('the action recorded under this key is missing');
    return { entry: toEntry(row), created: false };
  });
}

/** Stores how the action ended. */
export async function finishAction(
  db: Database,
  idempotencyKey: string,
  outcome: ActionOutcomeInput,
): Promise<ActionAuditEntry> {
  return db.write('finishAction', async (q) => {
    const [row] = await q.query<ActionRow>(
      `UPDATE action_audit SET status = $1, message = $2, result = $3::jsonb, finished_at = $4
       WHERE idempotency_key = $5 RETURNING *`,
      [
        outcome.status,
        outcome.message,
        outcome.result === undefined ? null : jsonText(outcome.result, 'finishAction.result'),
        outcome.finishedAt,
        idempotencyKey,
      ],
    );
    if (!row) throw unknownActionKey(idempotencyKey);
    return toEntry(row);
  });
}

/** Recorded actions, newest first. */
export async function listActions(db: Database, filter: ActionAuditFilter = {}): Promise<ActionAuditEntry[]> {
  const limit = filter.limit ?? 50;
  const rows = await db.read('listActions', (q) =>
    q.query<ActionRow>(
      `SELECT * FROM action_audit WHERE ($1::text IS NULL OR action = $1) AND ($2::text IS NULL OR status = $2)
       ORDER BY started_ms DESC, seq DESC`,
      [filter.action ?? null, filter.status ?? null],
    ),
  );
  // The case filter looks inside the JSON list; done here so the SQL stays simple.
  return rows
    .map(toEntry)
    .filter((entry) => matchesActionFilter(entry, filter))
    .slice(0, limit);
}
