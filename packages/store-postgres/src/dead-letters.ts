import type { DeadLetter, Delivery } from '@tqalert/core';
import { countArg, dateArg, idArgs } from './arguments.js';
import type { Database } from './database.js';
import { type DeadLetterRow, toDeadLetter } from './rows.js';

/** Dead letters, oldest first. */
export function listDeadLetters(db: Database, filter: { limit?: number }): Promise<DeadLetter[]> {
  const limit = filter.limit === undefined ? null : countArg(filter.limit, 'listDeadLetters.limit');
  return db.read('listDeadLetters', async (q) =>
    (await q.query<DeadLetterRow>('SELECT * FROM dead_letters ORDER BY id LIMIT $1', [limit])).map(
      toDeadLetter,
    ),
  );
}

/** The stored delivery inside a `delivery` dead letter, or undefined when the payload is not one. */
function deliveryOf(row: DeadLetterRow): Partial<Delivery> | undefined {
  const payload = row.payload;
  return row.kind === 'delivery' && typeof payload === 'object' && payload !== null
    ? (payload as Partial<Delivery>)
    : undefined;
}

/**
 * Puts dead deliveries back in the outbox as new pending deliveries, due now, attempts reset; the parts already
 * delivered are kept so a split message resumes where it stopped. Record dead letters (upstream data) and
 * letters whose payload is not a delivery stay where they are and are not counted.
 */
export function replayDeadLetters(
  db: Database,
  options: { ids?: readonly string[]; now: Date },
): Promise<number> {
  const now = dateArg(options.now, 'replayDeadLetters.now');
  const ids = options.ids === undefined ? null : idArgs(options.ids);
  return db.write('replayDeadLetters', async (q) => {
    const rows = await q.query<DeadLetterRow>(
      `SELECT * FROM dead_letters WHERE kind = 'delivery' AND ($1::bigint[] IS NULL OR id = ANY($1::bigint[]))
       ORDER BY id FOR UPDATE`,
      [ids],
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
      await q.execute(
        'INSERT INTO delivery_keys (key, first_enqueued_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
        [key, now],
      );
      await q.execute(
        `INSERT INTO deliveries (key, service, notifier, destination, alert, group_key, object_key, not_before, status,
           attempts, next_attempt_at, created_at, delivered, sent_at)
         VALUES ($1, $2, $3, $4, $5::json, $6, $7, $8, 'pending', 0, $9, $9, $10::json, $11)`,
        [
          key,
          d.service ?? row.service,
          notifier,
          destination,
          JSON.stringify(d.alert),
          d.group ?? null,
          d.objectKey ?? null,
          d.notBefore,
          now,
          JSON.stringify(d.delivered ?? []),
          d.sentAt ?? null,
        ],
      );
      await q.execute('DELETE FROM dead_letters WHERE id = $1', [row.id]);
      replayed += 1;
    }
    return replayed;
  });
}

/** Deletes the given dead letters, or all of them when `ids` is omitted. */
export function purgeDeadLetters(db: Database, options: { ids?: readonly string[] }): Promise<number> {
  const ids = options.ids === undefined ? null : idArgs(options.ids);
  return db.write('purgeDeadLetters', (q) =>
    q.execute('DELETE FROM dead_letters WHERE $1::bigint[] IS NULL OR id = ANY($1::bigint[])', [ids]),
  );
}
