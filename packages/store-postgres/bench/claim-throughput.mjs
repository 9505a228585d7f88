// Claim + markSent throughput of @tqalert/store-postgres beside raw `pg` statements doing the same work on the
// same server and tables: lease a batch with one UPDATE … FOR UPDATE SKIP LOCKED, then mark each row sent.
// Also the store with 3 replicas (3 stores, 3 pools) draining one outbox together. Prints numbers, asserts
// nothing, and ends with one JSON line for the root bench runner.
// Usage: pnpm run build && pnpm run bench
//   Server: TQALERT_BENCH_POSTGRES_URL, else TQALERT_TEST_POSTGRES_URL, else an embedded PostgreSQL (npm package).
//   BENCH_DELIVERIES (default 3000), BENCH_BATCH (default 100), BENCH_ROUNDS (default 2: the best round counts,
//   since a shared machine's load varies).
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { alertBatch } from '@tqalert/testkit';
import pg from 'pg';
import { PostgresStore } from '../dist/index.js';

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const T0 = new Date('2026-03-01T12:00:00.000Z');
const NOW = new Date(T0.getTime() + 1000);

const rate = (count, ms) => Math.round((count / ms) * 1000);
const shown = (perSecond) => `${perSecond.toLocaleString('en-US')}/s`;

function deliveries() {
  return alertBatch(DELIVERIES).map((alert, n) => ({
    key: `watch|${alert.id}|slack|C${n % 20}|${n}`,
    service: 'watch',
    notifier: 'slack',
    destination: `C${n % 20}`,
    objectKey: `indicators:${alert.object?.id ?? n}`,
    notBefore: T0.toISOString(),
    alert,
  }));
}

function record(d) {
  return {
    notifier: d.notifier,
    destination: d.destination,
    parts: [{ destination: d.destination, part: 0, ref: { ts: '1.1' } }],
    sentAt: NOW.toISOString(),
  };
}

/** A fresh schema filled through the store; returns its name. */
async function filledSchema(url) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const store = new PostgresStore({ url, schema, poolSize: 2 });
  await store.init();
  await store.commitPoll({
    service: 'watch',
    cursor: 1,
    seen: [],
    deliveries: deliveries(),
    deadLetters: [],
    now: T0,
  });
  await store.close();
  return schema;
}

async function dropSchema(url, schema) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA ${schema} CASCADE`);
  await client.end();
}

/** One replica's loop through the store: claim a batch, mark each sent, until nothing is due. */
async function storeLoop(store, owner) {
  let sent = 0;
  for (;;) {
    const batch = await store.claimDue({ now: NOW, limit: BATCH, leaseMs: 60_000, owner });
    if (batch.length === 0) return sent;
    for (const d of batch) await store.markSent(d.id, { owner, now: NOW, record: record(d) });
    sent += batch.length;
  }
}

async function throughStore(url, replicas) {
  const schema = await filledSchema(url);
  const stores = Array.from({ length: replicas }, () => new PostgresStore({ url, schema, poolSize: 2 }));
  await Promise.all(stores.map((s) => s.init()));
  const start = performance.now();
  const counts = await Promise.all(stores.map((s, i) => storeLoop(s, `replica-${i}`)));
  const ms = performance.now() - start;
  await Promise.all(stores.map((s) => s.close()));
  await dropSchema(url, schema);
  return { sent: counts.reduce((a, b) => a + b, 0), ms };
}

const RAW_CLAIM = `UPDATE deliveries SET lease_owner = $3, lease_until = $1::timestamptz + interval '60 seconds'
  WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= $1
    AND (lease_until IS NULL OR lease_until <= $1) ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
  RETURNING id, notifier, destination, object_key`;
// The same writes as the store's markSent: the row, and where the message went (for threads).
const RAW_SENT = `WITH sent AS (UPDATE deliveries SET status = 'sent', sent_at = $3, delivered = $4::json,
    lease_owner = NULL, lease_until = NULL WHERE id = $1 AND status = 'pending' AND lease_owner = $2
    RETURNING object_key, notifier, destination)
  INSERT INTO delivery_records (object_key, notifier, destination, record, updated_at)
  SELECT object_key, notifier, destination, $5::json, $3 FROM sent WHERE object_key IS NOT NULL
  ON CONFLICT (object_key, notifier, destination) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at`;

async function rawStatements(url) {
  const schema = await filledSchema(url);
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  let sent = 0;
  const start = performance.now();
  for (;;) {
    const { rows } = await client.query(RAW_CLAIM, [NOW.toISOString(), BATCH, 'raw']);
    if (rows.length === 0) break;
    for (const d of rows) {
      const sentRecord = record(d);
      await client.query(RAW_SENT, [
        d.id,
        'raw',
        NOW.toISOString(),
        JSON.stringify(sentRecord.parts),
        JSON.stringify(sentRecord),
      ]);
    }
    sent += rows.length;
  }
  const ms = performance.now() - start;
  await client.end();
  await dropSchema(url, schema);
  return { sent, ms };
}

async function server() {
  const given = process.env.TQALERT_BENCH_POSTGRES_URL ?? process.env.TQALERT_TEST_POSTGRES_URL;
  if (given) return { url: given, kind: 'external', stop: async () => {} };
  const { startEmbeddedServer } = await import('../dist/embedded-postgres.js');
  const embedded = await startEmbeddedServer();
  return { url: embedded.url, kind: 'embedded', stop: () => embedded.stop() };
}

const target = await server();
try {
  const shownUrl = new URL(target.url);
  shownUrl.password = '';
  console.log(
    `@tqalert/store-postgres claim + markSent bench, Node ${process.version}, ${target.kind} server ${shownUrl}, ${DELIVERIES} deliveries, batches of ${BATCH}, best of ${ROUNDS} rounds`,
  );
  const best = (a, b) => (a === undefined || b.ms < a.ms ? b : a);
  let raw;
  let one;
  let three;
  for (let round = 0; round < ROUNDS; round += 1) {
    raw = best(raw, await rawStatements(target.url));
    one = best(one, await throughStore(target.url, 1));
    three = best(three, await throughStore(target.url, 3));
  }
  const line = (what, r) =>
    console.log(`  ${what.padEnd(44)} ${r.sent} in ${r.ms.toFixed(0)} ms  (${shown(rate(r.sent, r.ms))})`);
  line('raw pg: UPDATE … SKIP LOCKED + UPDATE per row', raw);
  line('PostgresStore, 1 replica', one);
  line('PostgresStore, 3 replicas (3 pools)', three);
  const result = {
    bench: 'store-postgres',
    server: target.kind,
    deliveries: DELIVERIES,
    batch: BATCH,
    rounds: ROUNDS,
    rawPerSecond: rate(raw.sent, raw.ms),
    storePerSecond: rate(one.sent, one.ms),
    store3ReplicasPerSecond: rate(three.sent, three.ms),
    storeToRaw: Number((one.ms > 0 ? raw.ms / one.ms : 0).toFixed(2)),
  };
  console.log(JSON.stringify(result));
} finally {
  await target.stop();
}
