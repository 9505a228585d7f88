import type { Delivery, DeliveryStatus, LaneStats, OutboxStats } from '@tqalert/core';
import type { Connection } from './connection.js';
import { type DeliveryRow, toDelivery } from './delivery-row.js';
import { count, isoOf, oneOf, rowIds } from './input-checks.js';

const STATUSES: readonly DeliveryStatus[] = ['pending', 'sent'];

/** -1 is SQLite's "no limit". */
function limitOf(limit: number | undefined, where: string): number {
  return limit === undefined ? -1 : count(limit, where);
}

/** Deliveries in the order they were enqueued, optionally of one status. */
export function listDeliveries(
  conn: Connection,
  filter: { status?: DeliveryStatus; limit?: number },
): Delivery[] {
  const status = filter.status === undefined ? null : oneOf(filter.status, STATUSES, 'listDeliveries.status');
  const limit = limitOf(filter.limit, 'listDeliveries.limit');
  return conn.read('listDeliveries', () =>
    conn
      .all<DeliveryRow>(
        'SELECT * FROM deliveries WHERE (?1 IS NULL OR status = ?1) ORDER BY id LIMIT ?2',
        status,
        limit,
      )
      .map(toDelivery),
  );
}

/** Makes pending deliveries (all, or the given ids) due at `now`. Leases are left alone. */
export function retryDeliveries(conn: Connection, options: { ids?: readonly string[]; now: Date }): number {
  const now = isoOf(options.now, 'retryDeliveries.now');
  const ids = options.ids === undefined ? null : rowIds(options.ids);
  return conn.write(
    'retryDeliveries',
    () =>
      conn.run(
        `UPDATE deliveries SET next_attempt_at = ?1, next_attempt_ms = ?2
         WHERE status = 'pending' AND (?3 IS NULL OR id IN (SELECT value FROM json_each(?3)))`,
        now,
        Date.parse(now),
        ids,
      ).changes,
  );
}

/**
 * Deletes the given deliveries, or all of a status (both given: both must match). With neither, deletes nothing:
 * emptying the outbox must be asked for explicitly. Their keys stay in the key ledger, so a re-poll of the same
 * alerts does not enqueue them again.
 */
export function purgeDeliveries(
  conn: Connection,
  options: { ids?: readonly string[]; status?: DeliveryStatus },
): number {
  const status =
    options.status === undefined ? null : oneOf(options.status, STATUSES, 'purgeDeliveries.status');
  const ids = options.ids === undefined ? null : rowIds(options.ids);
  if (ids === null && status === null) return 0;
  return conn.write(
    'purgeDeliveries',
    () =>
      conn.run(
        `DELETE FROM deliveries WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR id IN (SELECT value FROM json_each(?2)))`,
        status,
        ids,
      ).changes,
  );
}

/** Outbox depth, the age of its oldest pending delivery, and how many dead letters wait. */
export function outboxStats(conn: Connection): OutboxStats {
  return conn.read('outboxStats', () => {
    const pending = conn.get<{ pending: number; oldest: string | null }>(
      `SELECT count(*) AS pending, min(created_at) AS oldest FROM deliveries WHERE status = 'pending'`,
    );
    const dead = conn.get<{ dead: number }>('SELECT count(*) AS dead FROM dead_letters');
    const stats: OutboxStats = { pending: pending?.pending ?? 0, dead: dead?.dead ?? 0 };
    if (pending?.oldest) stats.oldestPendingAt = pending.oldest;
    return stats;
  });
}

/** Per lane (notifier and destination): pending, due at `now`, oldest, next attempt and the newest error. */
export function laneStats(conn: Connection, now: Date): LaneStats[] {
  const ms = Date.parse(isoOf(now, 'laneStats.now'));
  return conn.read('laneStats', () =>
    conn
      .all<{
        notifier: string;
        destination: string;
        pending: number;
        due: number;
        oldest: string;
        next_attempt_at: string;
        last_error: string | null;
      }>(
        `SELECT notifier, destination, count(*) AS pending,
           sum(CASE WHEN next_attempt_ms <= ?1 AND (lease_until_ms IS NULL OR lease_until_ms <= ?1) THEN 1 ELSE 0 END) AS due,
           min(created_at) AS oldest, min(next_attempt_at) AS next_attempt_at,
           (SELECT last_error FROM deliveries AS e WHERE e.status = 'pending' AND e.notifier = d.notifier
              AND e.destination = d.destination AND e.last_error IS NOT NULL ORDER BY e.id DESC LIMIT 1) AS last_error
         FROM deliveries AS d WHERE status = 'pending' GROUP BY notifier, destination ORDER BY notifier, destination`,
        ms,
      )
      .map((row) => {
        const lane: LaneStats = {
          notifier: row.notifier,
          destination: row.destination,
          pending: row.pending,
          due: row.due,
          oldestPendingAt: row.oldest,
          nextAttemptAt: row.next_attempt_at,
        };
        if (row.last_error !== null) lane.lastError = row.last_error;
        return lane;
      }),
  );
}
