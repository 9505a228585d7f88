import type { ClaimOptions, Delivery } from '@tqalert/core';
import { countArg, dateArg, textArg } from './arguments.js';
import type { Database, Queryable } from './database.js';
import { LOCK_SPACE } from './migrations.js';
import { type DeliveryRow, toDelivery } from './rows.js';

const FREE = `status = 'pending' AND (lease_until IS NULL OR lease_until <= $1)`;
const IN_LANE = `($3::text IS NULL OR (notifier = $3 AND destination = $4))`;

// Deliveries outside digest groups: locked as they are picked, skipping rows another claim holds, so two
// replicas claiming at once take different rows instead of queueing on the same ones.
const LOCK_SINGLES = `
SELECT id, next_attempt_at FROM deliveries
WHERE ${FREE} AND next_attempt_at <= $1 AND group_key IS NULL AND ${IN_LANE}
ORDER BY next_attempt_at, id LIMIT $2
FOR UPDATE SKIP LOCKED`;

// Digest groups with a due member: candidates only, each is then taken whole under its group lock.
const DUE_GROUPS = `
SELECT group_key, notifier, destination, min(next_attempt_at) AS next_attempt_at, min(id) AS id
FROM deliveries
WHERE ${FREE} AND next_attempt_at <= $1 AND group_key IS NOT NULL AND ${IN_LANE}
GROUP BY group_key, notifier, destination
ORDER BY min(next_attempt_at), min(id) LIMIT $2`;

// Every free member of a group, due or not. Only a claim holding the group's advisory lock locks these rows, so
// waiting for them (a mark in progress) cannot deadlock with another claim.
const LOCK_GROUP = `
SELECT id FROM deliveries
WHERE ${FREE} AND group_key = $2 AND notifier = $3 AND destination = $4
ORDER BY id
FOR UPDATE`;

interface Candidate {
  id: string;
  next_attempt_at: Date;
  group_key?: string;
  notifier?: string;
  destination?: string;
}

/** Takes the group's lock for this transaction, or says another claim is taking it right now. */
async function tryGroupLock(q: Queryable, schema: string, group: Required<Candidate>): Promise<boolean> {
  const [row] = await q.query<{ locked: boolean }>(
    'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked',
    [LOCK_SPACE, `group:${schema}\u0001${group.group_key}\u0001${group.notifier}\u0001${group.destination}`],
  );
  return row?.locked === true;
}

/**
 * Leases up to `limit` due deliveries, earliest due first, each digest group counted once and taken whole (all
 * its free members, due or not), in one transaction. Rows are locked with `FOR UPDATE SKIP LOCKED` and
 * re-checked after the lock, so two replicas never lease the same delivery; a group another claim is taking at
 * that moment is left to it.
 */
export function claimDue(db: Database, schema: string, options: ClaimOptions): Promise<Delivery[]> {
  const now = dateArg(options.now, 'claimDue.now');
  const limit = countArg(options.limit, 'claimDue.limit');
  const leaseMs = countArg(options.leaseMs, 'claimDue.leaseMs');
  const owner = textArg(options.owner, 'claimDue.owner');
  const lane = options.lane;
  const notifier = lane === undefined ? null : textArg(lane.notifier, 'claimDue.lane.notifier');
  const destination = lane === undefined ? null : textArg(lane.destination, 'claimDue.lane.destination');
  const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
  if (limit === 0) return Promise.resolve([]);
  return db.write('claimDue', async (q) => {
    const params = [now, limit, notifier, destination];
    const singles = await q.query<Candidate>(LOCK_SINGLES, params);
    const groups = await q.query<Required<Candidate>>(DUE_GROUPS, params);
    const picks = [...singles, ...groups]
      .sort(
        (a, b) => a.next_attempt_at.getTime() - b.next_attempt_at.getTime() || Number(a.id) - Number(b.id),
      )
      .slice(0, limit);
    const ids: string[] = [];
    for (const pick of picks) {
      if (pick.group_key === undefined || pick.group_key === null) {
        ids.push(pick.id);
        continue;
      }
      const group = pick as Required<Candidate>;
      if (!(await tryGroupLock(q, schema, group))) continue;
      const members = await q.query<{ id: string }>(LOCK_GROUP, [
        now,
        group.group_key,
        group.notifier,
        group.destination,
      ]);
      ids.push(...members.map((m) => m.id));
    }
    if (ids.length === 0) return [];
    const rows = await q.query<DeliveryRow>(
      'UPDATE deliveries SET lease_owner = $2, lease_until = $3 WHERE id = ANY($1::bigint[]) RETURNING *',
      [ids, owner, leaseUntil],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toDelivery(row)] : [];
    });
  });
}

/** Frees the leases `owner` holds (every lease when `owner` is undefined), e.g. on a clean shutdown. */
export function releaseLeases(db: Database, owner: string | undefined): Promise<number> {
  const who = owner === undefined ? null : textArg(owner, 'releaseLeases.owner');
  return db.write('releaseLeases', (q) =>
    q.execute(
      `UPDATE deliveries SET lease_owner = NULL, lease_until = NULL
       WHERE lease_owner IS NOT NULL AND ($1::text IS NULL OR lease_owner = $1)`,
      [who],
    ),
  );
}
