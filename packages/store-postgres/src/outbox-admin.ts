import type { Delivery, DeliveryStatus, LaneStats, OutboxStats } from '@tqalert/core';
import { countArg, dateArg, idArgs, textArg } from './arguments.js';
import type { Database } from './database.js';
import { type DeliveryRow, toDelivery } from './rows.js';

function statusArg(status: DeliveryStatus | undefined, where: string): DeliveryStatus | null {
  if (status === undefined) return null;
  if (status === 'pending' || status === 'sent') return status;
  return textArg(undefined, `${where} ("pending" or "sent")`) as never;
}

/** Deliveries in the order they were enqueued, optionally of one status. */
export function listDeliveries(
  db: Database,
  filter: { status?: DeliveryStatus; limit?: number },
): Promise<Delivery[]> {
  const status = statusArg(filter.status, 'listDeliveries.status');
  const limit = filter.limit === undefined ? null : countArg(filter.limit, 'listDeliveries.limit');
  return db.read('listDeliveries', async (q) =>
    (
      await q.query<DeliveryRow>(
        'SELECT * FROM deliveries WHERE ($1::text IS NULL OR status = $1) ORDER BY id LIMIT $2',
        [status, limit],
      )
    ).map(toDelivery),
  );
}

/** Makes pending deliveries (all, or the given ids) due at `now`. Leases are left alone. */
export function retryDeliveries(
  db: Database,
  options: { ids?: readonly string[]; now: Date },
): Promise<number> {
  const now = dateArg(options.now, 'retryDeliveries.now');
  const ids = options.ids === undefined ? null : idArgs(options.ids);
  return db.write('retryDeliveries', (q) =>
    q.execute(
      `UPDATE deliveries SET next_attempt_at = $1
       WHERE status = 'pending' AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))`,
      [now, ids],
    ),
  );
}

/**
 * Deletes the given deliveries, or all of a status (both given: both must match). With neither, deletes nothing:
 * emptying the outbox must be asked for explicitly. Their keys stay in the key ledger, so a re-poll of the same
 * alerts does not enqueue them again.
 */
export async function purgeDeliveries(
  db: Database,
  options: { ids?: readonly string[]; status?: DeliveryStatus },
): Promise<number> {
  const status = statusArg(options.status, 'purgeDeliveries.status');
  const ids = options.ids === undefined ? null : idArgs(options.ids);
  if (ids === null && status === null) return 0;
  return db.write('purgeDeliveries', (q) =>
    q.execute(
      `DELETE FROM deliveries WHERE ($1::text IS NULL OR status = $1) AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))`,
      [status, ids],
    ),
  );
}

/** Outbox depth, the age of its oldest pending delivery, and how many dead letters wait. */
export function outboxStats(db: Database): Promise<OutboxStats> {
  return db.read('outboxStats', async (q) => {
    const [row] = await q.query<{ pending: number; oldest: Date | null; dead: number }>(
      `SELECT (SELECT count(*)::int FROM deliveries WHERE status = 'pending') AS pending,
              (SELECT min(created_at) FROM deliveries WHERE status = 'pending') AS oldest,
              (SELECT count(*)::int FROM dead_letters) AS dead`,
    );
    const stats: OutboxStats = { pending: row?.pending ?? 0, dead: row?.dead ?? 0 };
    if (row?.oldest) stats.oldestPendingAt = row.oldest.toISOString();
    return stats;
  });
}

/** Per lane (notifier and destination): pending, due at `now`, oldest, next attempt and the newest error. */
export function laneStats(db: Database, now: Date): Promise<LaneStats[]> {
  const at = dateArg(now, 'laneStats.now');
  return db.read('laneStats', async (q) => {
    const rows = await q.query<{
      notifier: string;
      destination: string;
      pending: number;
      due: number;
      oldest: Date;
      next_attempt_at: Date;
      last_error: string | null;
    }>(
      `SELECT notifier, destination, count(*)::int AS pending,
         (count(*) FILTER (WHERE next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)))::int AS due,
         min(created_at) AS oldest, min(next_attempt_at) AS next_attempt_at,
         (array_agg(last_error ORDER BY id DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS last_error
       FROM deliveries WHERE status = 'pending'
       GROUP BY notifier, destination ORDER BY notifier, destination`,
      [at],
    );
    return rows.map((row) => {
      const lane: LaneStats = {
        notifier: row.notifier,
        destination: row.destination,
        pending: row.pending,
        due: row.due,
        oldestPendingAt: row.oldest.toISOString(),
        nextAttemptAt: row.next_attempt_at.toISOString(),
      };
      if (row.last_error !== null) lane.lastError = row.last_error;
      return lane;
    });
  });
}
