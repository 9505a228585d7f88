import { type Lease, type LeaseRequest, TQAlertError } from '@tqalert/core';
import { countArg, dateArg, textArg } from './arguments.js';
import type { Database, Queryable } from './database.js';

interface LeaseRow {
  name: string;
  owner: string;
  epoch: string;
  expires_at: Date;
}

// One statement, so the row lock of the upsert decides a race: of two owners taking a free or expired lease at
// once, the second waits for the first, then finds the lease held and changes nothing. The epoch grows only
// when the lease changes hands (or its holder comes back after it expired).
const ACQUIRE = `
INSERT INTO leases AS l (name, owner, epoch, expires_at) VALUES ($1, $2, 1, $4)
ON CONFLICT (name) DO UPDATE SET
  owner = excluded.owner,
  expires_at = excluded.expires_at,
  epoch = CASE WHEN l.owner = excluded.owner AND l.expires_at > $3 THEN l.epoch ELSE l.epoch + 1 END
WHERE l.owner = excluded.owner OR l.expires_at <= $3
RETURNING name, owner, epoch, expires_at`;

/** Takes or renews the lease for `owner`; undefined when another owner holds an unexpired one. */
export async function acquireLease(db: Database, input: LeaseRequest): Promise<Lease | undefined> {
  const name = textArg(input.name, 'acquireLease.name');
  const owner = textArg(input.owner, 'acquireLease.owner');
  const now = dateArg(input.now, 'acquireLease.now');
  const ttlMs = countArg(input.ttlMs, 'acquireLease.ttlMs');
  const expiresAt = new Date(Date.parse(now) + ttlMs).toISOString();
  const [row] = await db.read('acquireLease', (q) =>
    q.query<LeaseRow>(ACQUIRE, [name, owner, now, expiresAt]),
  );
  if (!row) return undefined;
  return {
    name: row.name,
    owner: row.owner,
    epoch: Number(row.epoch),
    expiresAt: row.expires_at.toISOString(),
  };
}

/** Gives the lease up now if `owner` holds it. It is expired, not deleted, so the next holder's epoch is higher. */
export async function releaseLease(db: Database, input: { name: string; owner: string }): Promise<void> {
  const name = textArg(input.name, 'releaseLease.name');
  const owner = textArg(input.owner, 'releaseLease.owner');
  await db.read('releaseLease', (q) =>
    q.execute(`UPDATE leases SET expires_at = 'epoch' WHERE name = $1 AND owner = $2`, [name, owner]),
  );
}

/**
 * Inside a commit's transaction: the lease must still be `owner`'s at `epoch` and unexpired at `now`. The row is
 * locked FOR SHARE until the commit ends, so a takeover waits for this commit instead of racing it, and then
 * reads the cursor it wrote.
 */
export async function checkFence(
  q: Queryable,
  fence: { lease: string; owner: string; epoch: number },
  now: string,
): Promise<void> {
  const [held] = await q.query<LeaseRow>(
    'SELECT owner, epoch, expires_at FROM leases WHERE name = $1 FOR SHARE',
    [textArg(fence.lease, 'commitPoll.fence.lease')],
  );
  if (
    held &&
    held.owner === fence.owner &&
    Number(held.epoch) === fence.epoch &&
    held.expires_at.getTime() > Date.parse(now)
  ) {
    return;
  }
  const holder = held ? `it is held by ${held.owner} at epoch ${held.epoch}` : 'nobody ever held it';
  throw new TQAlertError(
    'STORE_FENCED',
    `lease "${fence.lease}" is no longer held at epoch ${fence.epoch} by ${fence.owner} (${holder}, or it expired): nothing was committed. Another replica took over; this one must take the lease again before it polls.`,
  );
}
