import type { Store } from '@tqalert/core';
import type { Connection } from './connection.js';
import { type DeliveryRow, toDelivery } from './delivery-row.js';
import { isoOf, rowId, text, timeMs, toJson } from './input-checks.js';
import { INSERT_DEAD_LETTER } from './poll-commit.js';

/** The delivery `id` if it is still pending and leased to `owner`; a mark from anyone else is a no-op. */
function owned(conn: Connection, id: string, owner: string): DeliveryRow | undefined {
  const row = rowId(id);
  if (row === undefined) return undefined;
  return conn.get<DeliveryRow>(
    `SELECT * FROM deliveries WHERE id = ? AND status = 'pending' AND lease_owner = ?`,
    row,
    text(owner, 'owner'),
  );
}

/**
 * The delivery reached its target: mark it sent and, when it is about an object, remember where it went (by
 * object, notifier and destination) so the next alert about that object can thread or update.
 *
 * Returns the writes, checked now and run later inside a transaction the caller opens, so several marks can
 * share one commit (the store's group commit). Throws at once on bad input.
 */
export function sentMark(conn: Connection, id: string, result: Parameters<Store['markSent']>[1]): () => void {
  const now = isoOf(result.now, 'markSent.now');
  const parts = toJson(result.record.parts, 'markSent.record.parts');
  const record = toJson(result.record, 'markSent.record');
  return () => {
    const row = owned(conn, id, result.owner);
    if (!row) return;
    conn.run(
      `UPDATE deliveries SET status = 'sent', sent_at = ?, delivered = ?, lease_owner = NULL, lease_until_ms = NULL
       WHERE id = ?`,
      now,
      parts,
      row.id,
    );
    if (row.object_key === null) return;
    conn.run(
      `INSERT INTO delivery_records (object_key, notifier, destination, record, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (object_key, notifier, destination) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at`,
      row.object_key,
      row.notifier,
      row.destination,
      record,
      now,
    );
  };
}

/** A retryable failure: count the attempt (unless the lane, not the delivery, failed), keep the parts already delivered, and schedule the next try. */
export function markFailed(conn: Connection, id: string, result: Parameters<Store['markFailed']>[1]): void {
  const next = isoOf(result.nextAttemptAt, 'markFailed.nextAttemptAt');
  const delivered = toJson(result.delivered, 'markFailed.delivered');
  conn.write('markFailed', () => {
    const row = owned(conn, id, result.owner);
    if (!row) return;
    conn.run(
      `UPDATE deliveries SET attempts = attempts + ?, last_error = ?, next_attempt_at = ?, next_attempt_ms = ?,
       delivered = ?, lease_owner = NULL, lease_until_ms = NULL WHERE id = ?`,
      result.countAttempt === false ? 0 : 1,
      String(result.error),
      next,
      timeMs(next, 'markFailed.nextAttemptAt'),
      delivered,
      row.id,
    );
  });
}

/** Gives up: the row leaves the outbox and becomes a dead letter with the reason, in one transaction. */
export function markDead(conn: Connection, id: string, result: Parameters<Store['markDead']>[1]): void {
  const now = isoOf(result.now, 'markDead.now');
  conn.write('markDead', () => {
    const row = owned(conn, id, result.owner);
    if (!row) return;
    const attempts = row.attempts + 1;
    const { leaseOwner: _owner, leaseUntil: _until, ...delivery } = toDelivery(row);
    conn.run('DELETE FROM deliveries WHERE id = ?', row.id);
    conn.run(
      INSERT_DEAD_LETTER,
      'delivery',
      row.service,
      row.notifier,
      row.destination,
      row.key,
      String(result.reason),
      JSON.stringify({ ...delivery, attempts }),
      attempts,
      now,
    );
  });
}
