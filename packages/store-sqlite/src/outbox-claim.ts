import type { ClaimOptions, Delivery } from '@tqalert/core';
import type { Connection } from './connection.js';
import { type DeliveryRow, toDelivery } from './delivery-row.js';
import { count, isoOf, rowIds, text } from './input-checks.js';

/**
 * Leases up to `limit` due deliveries, oldest due first, plus the free rest of each one's digest group (same
 * group, notifier and destination, due or not), so a digest is always sent whole. The read and the lease are one
 * `BEGIN IMMEDIATE` transaction: a second process waits for it and then sees the leases, so it never claims the
 * same delivery.
 */
export function claimDue(conn: Connection, options: ClaimOptions): Delivery[] {
  const now = Date.parse(isoOf(options.now, 'claimDue.now'));
  const limit = count(options.limit, 'claimDue.limit');
  const leaseMs = count(options.leaseMs, 'claimDue.leaseMs');
  const owner = text(options.owner, 'claimDue.owner');
  const lane = options.lane;
  const notifier = lane === undefined ? null : text(lane.notifier, 'claimDue.lane.notifier');
  const destination = lane === undefined ? null : text(lane.destination, 'claimDue.lane.destination');
  return conn.write('claimDue', () => {
    const due = conn.all<Pick<DeliveryRow, 'id' | 'group_key' | 'notifier' | 'destination'>>(
      `SELECT id, group_key, notifier, destination FROM deliveries
       WHERE status = 'pending' AND next_attempt_ms <= ?1 AND (lease_until_ms IS NULL OR lease_until_ms <= ?1)
       AND (?3 IS NULL OR (notifier = ?3 AND destination = ?4))
       ORDER BY next_attempt_ms, id LIMIT ?2`,
      now,
      limit,
      notifier,
      destination,
    );
    // Insertion order is the order returned: each due delivery, then the members of its group.
    const claimed = new Set<number>();
    for (const row of due) {
      claimed.add(row.id);
      if (row.group_key === null) continue;
      const members = conn.all<{ id: number }>(
        `SELECT id FROM deliveries WHERE group_key = ?1 AND notifier = ?2 AND destination = ?3
         AND status = 'pending' AND (lease_until_ms IS NULL OR lease_until_ms <= ?4) ORDER BY id`,
        row.group_key,
        row.notifier,
        row.destination,
        now,
      );
      for (const member of members) claimed.add(member.id);
    }
    if (claimed.size === 0) return [];
    const ids = rowIds([...claimed].map(String));
    conn.run(
      'UPDATE deliveries SET lease_owner = ?, lease_until_ms = ? WHERE id IN (SELECT value FROM json_each(?))',
      owner,
      now + leaseMs,
      ids,
    );
    const rows = new Map(
      conn
        .all<DeliveryRow>('SELECT * FROM deliveries WHERE id IN (SELECT value FROM json_each(?))', ids)
        .map((row) => [row.id, row]),
    );
    return [...claimed].flatMap((id) => {
      const row = rows.get(id);
      return row ? [toDelivery(row)] : [];
    });
  });
}

/** Frees the leases `owner` holds (every lease when `owner` is undefined), e.g. on a clean shutdown. */
export function releaseLeases(conn: Connection, owner: string | undefined): number {
  return conn.write('releaseLeases', () =>
    owner === undefined
      ? conn.run(
          'UPDATE deliveries SET lease_owner = NULL, lease_until_ms = NULL WHERE lease_owner IS NOT NULL',
        ).changes
      : conn.run(
          'UPDATE deliveries SET lease_owner = NULL, lease_until_ms = NULL WHERE lease_owner = ?',
          owner,
        ).changes,
  );
}
