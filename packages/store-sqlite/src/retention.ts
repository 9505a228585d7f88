/**
 * Retention: deletes rows older than a cutoff, at most `limit` of each kind per call, each call one short
 * transaction, so a large backlog of old rows never holds the write lock for long. Pending deliveries and dead
 * letters are never touched; a delivery key stays while any delivery or dead letter still uses it (a replayed
 * dead letter needs its key).
 */
import { statSync } from 'node:fs';
import type { Connection } from './connection.js';

/** Rows deleted per kind. */
export type PruneCounts = Record<'sent' | 'seen' | 'keys' | 'records', number>;

const PRUNE_SENT = `DELETE FROM deliveries WHERE id IN (
  SELECT id FROM deliveries WHERE status = 'sent' AND sent_at < ? ORDER BY sent_at LIMIT ?)`;
const PRUNE_SEEN = `DELETE FROM seen WHERE key IN (
  SELECT key FROM seen WHERE last_alerted_at < ? ORDER BY last_alerted_at LIMIT ?)`;
const PRUNE_KEYS = `DELETE FROM delivery_keys WHERE key IN (
  SELECT k.key FROM delivery_keys k
  WHERE k.first_enqueued_at < ?
    AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.key = k.key)
    AND NOT EXISTS (SELECT 1 FROM dead_letters l WHERE l.key = k.key)
  ORDER BY k.first_enqueued_at LIMIT ?)`;
const PRUNE_RECORDS = `DELETE FROM delivery_records WHERE (object_key, notifier, destination) IN (
  SELECT object_key, notifier, destination FROM delivery_records WHERE updated_at < ? ORDER BY updated_at LIMIT ?)`;

/** Deletes up to `limit` old rows of each kind, in one transaction. */
export function prune(conn: Connection, options: { before: Date; limit: number }): PruneCounts {
  const before = options.before.toISOString();
  const limit = Math.max(1, Math.floor(options.limit));
  return conn.write('prune', () => ({
    // Sent deliveries first, so the keys they held can go in the same call.
    sent: conn.run(PRUNE_SENT, before, limit).changes,
    seen: conn.run(PRUNE_SEEN, before, limit).changes,
    keys: conn.run(PRUNE_KEYS, before, limit).changes,
    records: conn.run(PRUNE_RECORDS, before, limit).changes,
  }));
}

/** Bytes of the database file with its write-ahead log (0 for an in-memory database). */
export function storageBytes(path: string): number {
  let total = 0;
  for (const file of [path, `${path}-wal`]) {
    try {
      total += statSync(file).size;
    } catch {
      // No WAL yet (or an in-memory database): nothing to count.
    }
  }
  return total;
}
