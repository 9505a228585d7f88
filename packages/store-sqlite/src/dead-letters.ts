import type { DeadLetter, Delivery } from '@tqalert/core';
import type { Connection } from './connection.js';
import { type DeadLetterRow, toDeadLetter } from './dead-letter-row.js';
import { count, isoOf, rowIds } from './input-checks.js';

/** Dead letters, oldest first. */
export function listDeadLetters(conn: Connection, filter: { limit?: number }): DeadLetter[] {
  const limit = filter.limit === undefined ? -1 : count(filter.limit, 'listDeadLetters.limit');
  return conn.read('listDeadLetters', () =>
    conn.all<DeadLetterRow>('SELECT * FROM dead_letters ORDER BY id LIMIT ?', limit).map(toDeadLetter),
  );
}

/** The stored delivery inside a `delivery` dead letter, or undefined when the payload is not one. */
function deliveryOf(row: DeadLetterRow): Partial<Delivery> | undefined {
  if (row.kind !== 'delivery' || row.payload === null) return undefined;
  const payload: unknown = JSON.parse(row.payload);
  return typeof payload === 'object' && payload !== null ? (payload as Partial<Delivery>) : undefined;
}

/**
 * Puts dead deliveries back in the outbox as new pending deliveries, due now, attempts reset; the parts already
 * delivered are kept so a split message resumes where it stopped. Record dead letters (upstream data) and letters
 * whose payload is not a delivery stay where they are and are not counted.
 */
export function replayDeadLetters(conn: Connection, options: { ids?: readonly string[]; now: Date }): number {
  const now = isoOf(options.now, 'replayDeadLetters.now');
  const ids = options.ids === undefined ? null : rowIds(options.ids);
  return conn.write('replayDeadLetters', () => {
    const rows = conn.all<DeadLetterRow>(
      `SELECT * FROM dead_letters WHERE kind = 'delivery' AND (?1 IS NULL OR id IN (SELECT value FROM json_each(?1)))
       ORDER BY id`,
      ids,
    );
    let replayed = 0;
    for (const row of rows) {
      const d = deliveryOf(row);
      const key = d?.key ?? row.key;
      const notifier = d?.notifier ?? row.notifier;
      const destination = d?.destination ?? row.destination;
      if (!d || !key || !notifier || !destination || d.alert === undefined || typeof d.notBefore !== 'string')
        continue;
      // A letter that never was an outbox row (added by commitPoll) may carry a key the ledger lacks.
      conn.run('INSERT OR IGNORE INTO delivery_keys (key, first_enqueued_at) VALUES (?, ?)', key, now);
      conn.run(
        `INSERT INTO deliveries (key, service, notifier, destination, alert, group_key, object_key, not_before, status,
           attempts, next_attempt_at, next_attempt_ms, created_at, delivered, sent_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)`,
        key,
        d.service ?? row.service,
        notifier,
        destination,
        JSON.stringify(d.alert),
        d.group ?? null,
        d.objectKey ?? null,
        d.notBefore,
        now,
        Date.parse(now),
        now,
        JSON.stringify(d.delivered ?? []),
        d.sentAt ?? null,
      );
      conn.run('DELETE FROM dead_letters WHERE id = ?', row.id);
      replayed += 1;
    }
    return replayed;
  });
}

/** Deletes the given dead letters, or all of them when `ids` is omitted. */
export function purgeDeadLetters(conn: Connection, options: { ids?: readonly string[] }): number {
  const ids = options.ids === undefined ? null : rowIds(options.ids);
  return conn.write(
    'purgeDeadLetters',
    () =>
      conn.run('DELETE FROM dead_letters WHERE ?1 IS NULL OR id IN (SELECT value FROM json_each(?1))', ids)
        .changes,
  );
}
