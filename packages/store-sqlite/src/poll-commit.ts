import type { PollCommit } from '@tqalert/core';
import type { Connection } from './connection.js';
import { count, isoOf, oneOf, text, timeMs, toJson } from './input-checks.js';

const INSERT_DELIVERY = `INSERT INTO deliveries
  (key, service, notifier, destination, alert, group_key, object_key, not_before, status, attempts,
   next_attempt_at, next_attempt_ms, created_at, delivered)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, '[]')`;

const UPSERT_SEEN = `INSERT INTO seen (key, service, first_seen_at, last_alerted_at, count) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET service = excluded.service, first_seen_at = excluded.first_seen_at,
    last_alerted_at = excluded.last_alerted_at, count = excluded.count`;

/** Inserts one dead letter; shared with `markDead`, which moves a delivery here. */
export const INSERT_DEAD_LETTER = `INSERT INTO dead_letters
  (kind, service, notifier, destination, key, reason, payload, attempts, dead_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Everything a commit writes, checked and serialised before the transaction starts so it stays short. */
function prepare(commit: PollCommit) {
  const now = isoOf(commit.now, 'commitPoll.now');
  const service = text(commit.service, 'commitPoll.service');
  const deliveries = commit.deliveries.map((d, i) => {
    const at = `commitPoll.deliveries[${i}]`;
    return {
      key: text(d.key, `${at}.key`),
      values: [
        text(d.service, `${at}.service`),
        text(d.notifier, `${at}.notifier`),
        text(d.destination, `${at}.destination`),
        toJson(d.alert, `${at}.alert`),
        d.group ?? null,
        d.objectKey ?? null,
        d.notBefore,
        d.notBefore,
        timeMs(d.notBefore, `${at}.notBefore`),
        now,
      ] as const,
    };
  });
  const seen = commit.seen.map((entry, i) => {
    const at = `commitPoll.seen[${i}]`;
    return [
      text(entry.key, `${at}.key`),
      text(entry.service, `${at}.service`),
      text(entry.firstSeenAt, `${at}.firstSeenAt`),
      text(entry.lastAlertedAt, `${at}.lastAlertedAt`),
      count(entry.count, `${at}.count`),
    ] as const;
  });
  const deadLetters = commit.deadLetters.map((letter, i) => {
    const at = `commitPoll.deadLetters[${i}]`;
    return [
      oneOf(letter.kind, ['delivery', 'record'], `${at}.kind`),
      text(letter.service, `${at}.service`),
      letter.notifier ?? null,
      letter.destination ?? null,
      letter.key ?? null,
      text(letter.reason, `${at}.reason`),
      letter.payload === undefined ? null : toJson(letter.payload, `${at}.payload`),
      count(letter.attempts, `${at}.attempts`),
      now,
    ] as const;
  });
  const cursor = commit.cursor === undefined ? undefined : toJson(commit.cursor, 'commitPoll.cursor');
  return { now, service, deliveries, seen, deadLetters, cursor };
}

/**
 * The outbox write: in ONE transaction, enqueue the deliveries (a key seen before is a duplicate), upsert the
 * seen ledger, add dead letters and move the cursor. A crash before COMMIT leaves the cursor where it was, so
 * the next poll reads the same alerts again; a crash after it has everything on disk.
 */
export function commitPoll(conn: Connection, commit: PollCommit): { enqueued: number; duplicates: number } {
  const input = prepare(commit);
  return conn.write('commitPoll', () => {
    let enqueued = 0;
    let duplicates = 0;
    for (const delivery of input.deliveries) {
      const fresh = conn.run(
        'INSERT OR IGNORE INTO delivery_keys (key, first_enqueued_at) VALUES (?, ?)',
        delivery.key,
        input.now,
      );
      if (fresh.changes === 0) {
        duplicates += 1;
        continue;
      }
      conn.run(INSERT_DELIVERY, delivery.key, ...delivery.values);
      enqueued += 1;
    }
    for (const entry of input.seen) conn.run(UPSERT_SEEN, ...entry);
    for (const letter of input.deadLetters) conn.run(INSERT_DEAD_LETTER, ...letter);
    if (input.cursor !== undefined) {
      conn.run(
        `INSERT INTO cursors (service, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (service) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        input.service,
        input.cursor,
        input.now,
      );
    }
    return { enqueued, duplicates };
  });
}
