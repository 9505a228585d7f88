import type { MarkDeadInput, MarkFailedInput, MarkSentInput } from '@tqalert/core';
import { dateArg, idArgs, jsonText, textArg } from './arguments.js';
import type { Database } from './database.js';
import { type DeliveryRow, toDelivery } from './rows.js';

/** The row only if still pending and leased to the caller: a mark from anyone else changes nothing. */
const OWNED = `id = $1 AND status = 'pending' AND lease_owner = $2`;

/** The bigint id, or undefined when `id` cannot be one of this store's (the mark is then a no-op). */
function idOf(id: string): string | undefined {
  return idArgs([id])[0];
}

// One statement: the delivery is marked sent and, when it is about an object, where it went is remembered (by
// object, notifier and destination) so the next alert about that object can thread or update.
const MARK_SENT = `
WITH sent AS (
  UPDATE deliveries SET status = 'sent', sent_at = $3, delivered = $4::json, lease_owner = NULL, lease_until = NULL
  WHERE ${OWNED} RETURNING object_key, notifier, destination
)
INSERT INTO delivery_records (object_key, notifier, destination, record, updated_at)
SELECT object_key, notifier, destination, $5::json, $3 FROM sent WHERE object_key IS NOT NULL
ON CONFLICT (object_key, notifier, destination) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at`;

/** The delivery reached its target. */
export async function markSent(db: Database, id: string, result: MarkSentInput): Promise<void> {
  const now = dateArg(result.now, 'markSent.now');
  const owner = textArg(result.owner, 'markSent.owner');
  const parts = jsonText(result.record.parts, 'markSent.record.parts');
  const record = jsonText(result.record, 'markSent.record');
  const row = idOf(id);
  if (row === undefined) return;
  await db.read('markSent', (q) => q.execute(MARK_SENT, [row, owner, now, parts, record]));
}

/**
 * A retryable failure: count the attempt (unless the lane, not the delivery, failed), keep the parts already
 * delivered, and schedule the next try.
 */
export async function markFailed(db: Database, id: string, result: MarkFailedInput): Promise<void> {
  const owner = textArg(result.owner, 'markFailed.owner');
  const next = dateArg(result.nextAttemptAt, 'markFailed.nextAttemptAt');
  const delivered = jsonText(result.delivered, 'markFailed.delivered');
  const row = idOf(id);
  if (row === undefined) return;
  await db.read('markFailed', (q) =>
    q.execute(
      `UPDATE deliveries SET attempts = attempts + $3, last_error = $4, next_attempt_at = $5, delivered = $6::json,
         lease_owner = NULL, lease_until = NULL
       WHERE ${OWNED}`,
      [row, owner, result.countAttempt === false ? 0 : 1, String(result.error), next, delivered],
    ),
  );
}

/** Gives up: the row leaves the outbox and becomes a dead letter with the reason, in one transaction. */
export async function markDead(db: Database, id: string, result: MarkDeadInput): Promise<void> {
  const now = dateArg(result.now, 'markDead.now');
  const owner = textArg(result.owner, 'markDead.owner');
  const row = idOf(id);
  if (row === undefined) return;
  await db.write('markDead', async (q) => {
    const [gone] = await q.query<DeliveryRow>(`DELETE FROM deliveries WHERE ${OWNED} RETURNING *`, [
      row,
      owner,
    ]);
    if (!gone) return;
    const attempts = gone.attempts + 1;
    const { leaseOwner: _owner, leaseUntil: _until, ...delivery } = toDelivery(gone);
    await q.execute(
      `INSERT INTO dead_letters (kind, service, notifier, destination, key, reason, payload, attempts, dead_at)
       VALUES ('delivery', $1, $2, $3, $4, $5, $6::json, $7, $8)`,
      [
        gone.service,
        gone.notifier,
        gone.destination,
        gone.key,
        String(result.reason),
        JSON.stringify({ ...delivery, attempts }),
        attempts,
        now,
      ],
    );
  });
}
