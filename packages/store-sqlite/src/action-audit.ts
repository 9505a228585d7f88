/** The action audit trail in SQLite: one row per idempotency key (see `ActionAuditStore` in core). */
import {
  type ActionAuditEntry,
  type ActionAuditFilter,
  type ActionOutcomeInput,
  checkNewActionEntry,
  matchesActionFilter,
  type NewActionAuditEntry,
  unknownActionKey,
} from '@tqalert/core';
import type { Connection } from './connection.js';
import { timeMs, toJson } from './input-checks.js';

interface ActionRow {
  idempotency_key: string;
  action: string;
  case_ids: string;
  actor: string;
  object_key: string | null;
  input: string;
  status: ActionAuditEntry['status'];
  message: string | null;
  result: string | null;
  started_at: string;
  finished_at: string | null;
}

function toEntry(row: ActionRow): ActionAuditEntry {
  const entry: ActionAuditEntry = {
    idempotencyKey: row.idempotency_key,
    action: row.action,
    caseIds: JSON.parse(row.case_ids),
    actor: JSON.parse(row.actor),
    input: JSON.parse(row.input),
    status: row.status,
    startedAt: row.started_at,
  };
  if (row.object_key !== null) entry.objectKey = row.object_key;
  if (row.message !== null) entry.message = row.message;
  if (row.result !== null) entry.result = JSON.parse(row.result);
  if (row.finished_at !== null) entry.finishedAt = row.finished_at;
  return entry;
}

const SELECT = 'SELECT * FROM action_audit WHERE idempotency_key = ?';

/** Inserts the entry unless its key exists; either way returns the stored entry. */
export function recordAction(
  conn: Connection,
  input: NewActionAuditEntry,
): { entry: ActionAuditEntry; created: boolean } {
  checkNewActionEntry(input);
  const startedMs = timeMs(input.startedAt, 'recordAction.startedAt');
  return conn.write('recordAction', () => {
    const { changes } = conn.run(
      `INSERT INTO action_audit (idempotency_key, action, case_ids, actor, object_key, input, status, started_at, started_ms)
       VALUES (?, ?, ?, ?, ?, ?, 'started', ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
      input.idempotencyKey,
      input.action,
      toJson(input.caseIds, 'recordAction.caseIds'),
      toJson(input.actor, 'recordAction.actor'),
      input.objectKey ?? null,
      toJson(input.input, 'recordAction.input'),
      input.startedAt,
      startedMs,
    );
    const row = conn.get<ActionRow>(SELECT, input.idempotencyKey);
    if (!row) throw new Error('the action just recorded is missing');
    return { entry: toEntry(row), created: Number(changes) === 1 };
  });
}

/** Stores how the action ended. */
export function finishAction(
  conn: Connection,
  idempotencyKey: string,
  outcome: ActionOutcomeInput,
): ActionAuditEntry {
  return conn.write('finishAction', () => {
    const { changes } = conn.run(
      'UPDATE action_audit SET status = ?, message = ?, result = ?, finished_at = ? WHERE idempotency_key = ?',
      outcome.status,
      outcome.message,
      outcome.result === undefined ? null : toJson(outcome.result, 'finishAction.result'),
      outcome.finishedAt,
      idempotencyKey,
    );
    if (Number(changes) === 0) throw unknownActionKey(idempotencyKey);
    return toEntry(conn.get<ActionRow>(SELECT, idempotencyKey) as ActionRow);
  });
}

/** Recorded actions, newest first. */
export function listActions(conn: Connection, filter: ActionAuditFilter = {}): ActionAuditEntry[] {
  const limit = filter.limit ?? 50;
  const rows = conn.read('listActions', () =>
    conn.all<ActionRow>(
      'SELECT * FROM action_audit WHERE (? IS NULL OR action = ?) AND (? IS NULL OR status = ?) ORDER BY started_ms DESC, rowid DESC',
      filter.action ?? null,
      filter.action ?? null,
      filter.status ?? null,
      filter.status ?? null,
    ),
  );
  // The case filter looks inside the JSON list; done here so the SQL stays simple.
  return rows
    .map(toEntry)
    .filter((entry) => matchesActionFilter(entry, filter))
    .slice(0, limit);
}
