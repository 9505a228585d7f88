import type { PollCommit } from '@tqalert/core';
import { countArg, dateArg, jsonText, textArg, timeArg } from './arguments.js';
import type { Database } from './database.js';
import { checkFence } from './leases.js';

/** Everything a commit writes, as column arrays, checked and serialised before the transaction starts. */
function columns(commit: PollCommit) {
  const now = dateArg(commit.now, 'commitPoll.now');
  const service = textArg(commit.service, 'commitPoll.service');
  const d = {
    key: [] as string[],
    service: [] as string[],
    notifier: [] as string[],
    destination: [] as string[],
    alert: [] as string[],
    group: [] as (string | null)[],
    objectKey: [] as (string | null)[],
    notBefore: [] as string[],
  };
  commit.deliveries.forEach((delivery, i) => {
    const at = `commitPoll.deliveries[${i}]`;
    d.key.push(textArg(delivery.key, `${at}.key`));
    d.service.push(textArg(delivery.service, `${at}.service`));
    d.notifier.push(textArg(delivery.notifier, `${at}.notifier`));
    d.destination.push(textArg(delivery.destination, `${at}.destination`));
    d.alert.push(jsonText(delivery.alert, `${at}.alert`));
    d.group.push(delivery.group ?? null);
    d.objectKey.push(delivery.objectKey ?? null);
    d.notBefore.push(timeArg(delivery.notBefore, `${at}.notBefore`));
  });
  // One row per key, the last entry winning, as an upsert of each in turn would.
  const seen = new Map(
    commit.seen.map((entry, i) => {
      const at = `commitPoll.seen[${i}]`;
      const row = [
        textArg(entry.service, `${at}.service`),
        timeArg(entry.firstSeenAt, `${at}.firstSeenAt`),
        timeArg(entry.lastAlertedAt, `${at}.lastAlertedAt`),
        countArg(entry.count, `${at}.count`),
      ] as const;
      return [textArg(entry.key, `${at}.key`), row] as const;
    }),
  );
  const letters = commit.deadLetters.map((letter, i) => {
    const at = `commitPoll.deadLetters[${i}]`;
    if (letter.kind !== 'delivery' && letter.kind !== 'record') {
      textArg(undefined, `${at}.kind ("delivery" or "record")`);
    }
    return [
      letter.kind,
      textArg(letter.service, `${at}.service`),
      letter.notifier ?? null,
      letter.destination ?? null,
      letter.key ?? null,
      textArg(letter.reason, `${at}.reason`),
      letter.payload === undefined ? null : jsonText(letter.payload, `${at}.payload`),
      countArg(letter.attempts, `${at}.attempts`),
    ] as const;
  });
  const cursor = commit.cursor === undefined ? undefined : jsonText(commit.cursor, 'commitPoll.cursor');
  return { now, service, d, seen, letters, cursor };
}

/** Transposes rows into one array per column, for `unnest`. */
function transpose<T extends readonly unknown[]>(rows: readonly T[], width: number): unknown[][] {
  return Array.from({ length: width }, (_, c) => rows.map((row) => row[c]));
}

// New keys go into the key ledger first; only the rows whose key was new become deliveries, the first
// occurrence of a key winning, in input order (ids follow it).
const ENQUEUE = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
    WITH ORDINALITY AS i (key, service, notifier, destination, alert, group_key, object_key, not_before, ord)
), fresh AS (
  INSERT INTO delivery_keys (key, first_enqueued_at) SELECT DISTINCT key, $9::timestamptz FROM input
  ON CONFLICT (key) DO NOTHING RETURNING key
), firsts AS (
  SELECT DISTINCT ON (key) * FROM input WHERE key IN (SELECT key FROM fresh) ORDER BY key, ord
)
INSERT INTO deliveries (key, service, notifier, destination, alert, group_key, object_key, not_before, status,
  attempts, next_attempt_at, created_at)
SELECT key, service, notifier, destination, alert::json, group_key, object_key, not_before, 'pending', 0,
  not_before, $9::timestamptz
FROM firsts ORDER BY ord`;

const UPSERT_SEEN = `
INSERT INTO seen (key, service, first_seen_at, last_alerted_at, count)
SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::integer[])
ON CONFLICT (key) DO UPDATE SET service = excluded.service, first_seen_at = excluded.first_seen_at,
  last_alerted_at = excluded.last_alerted_at, count = excluded.count`;

const ADD_DEAD_LETTERS = `
INSERT INTO dead_letters (kind, service, notifier, destination, key, reason, payload, attempts, dead_at)
SELECT kind, service, notifier, destination, key, reason, payload::json, attempts, $9::timestamptz
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::integer[])
  AS l (kind, service, notifier, destination, key, reason, payload, attempts)`;

/**
 * The outbox write: in ONE transaction, check the fence (when given), enqueue the deliveries (a key seen
 * before is a duplicate), upsert the seen ledger, add dead letters and move the cursor. A crash before COMMIT
 * leaves the cursor where it was, so the next poll reads the same alerts again.
 */
export function commitPoll(
  db: Database,
  commit: PollCommit,
): Promise<{ enqueued: number; duplicates: number }> {
  const input = columns(commit);
  return db.write('commitPoll', async (q) => {
    if (commit.fence) await checkFence(q, commit.fence, input.now);
    let enqueued = 0;
    if (input.d.key.length > 0) {
      const { d } = input;
      enqueued = await q.execute(ENQUEUE, [
        d.key,
        d.service,
        d.notifier,
        d.destination,
        d.alert,
        d.group,
        d.objectKey,
        d.notBefore,
        input.now,
      ]);
    }
    if (input.seen.size > 0) {
      const rows = [...input.seen].map(([key, row]) => [key, ...row] as const);
      await q.execute(UPSERT_SEEN, transpose(rows, 5));
    }
    if (input.letters.length > 0) {
      await q.execute(ADD_DEAD_LETTERS, [...transpose(input.letters, 8), input.now]);
    }
    if (input.cursor !== undefined) {
      await q.execute(
        `INSERT INTO cursors (service, value, updated_at) VALUES ($1, $2::json, $3)
         ON CONFLICT (service) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [input.service, input.cursor, input.now],
      );
    }
    return { enqueued, duplicates: input.d.key.length - enqueued };
  });
}
