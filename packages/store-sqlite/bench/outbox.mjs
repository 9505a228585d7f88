// Outbox throughput of @tqalert/store-sqlite: one commitPoll of 10,000 deliveries, then claim + markSent of all of
// them, for synchronous=full (the default) and normal. Prints numbers; asserts nothing.
// Usage: pnpm run build && pnpm run bench   (BENCH_DIR=/some/disk to measure another file system)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { alertBatch } from '@tqalert/testkit';
import { SqliteStore } from '../dist/index.js';

const DELIVERIES = 10_000;
const CLAIM_BATCH = 100;
const T0 = new Date('2025-03-01T10:00:00.000Z');

function poll() {
  const deliveries = alertBatch(DELIVERIES).map((alert, n) => ({
    key: `watch|${alert.id}|slack|C${n % 10}|0`,
    service: 'watch',
    notifier: 'slack',
    destination: `C${n % 10}`,
    objectKey: `indicators:${alert.object?.id}`,
    notBefore: T0.toISOString(),
    alert,
  }));
  return { service: 'watch', cursor: { page: 1 }, seen: [], deliveries, deadLetters: [], now: T0 };
}

const rate = (count, ms) => `${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s`;

async function run(synchronous, dir) {
  const store = new SqliteStore({ path: join(dir, `bench-${synchronous}.db`), synchronous });
  await store.init();
  const commit = poll();
  let start = performance.now();
  const { enqueued } = await store.commitPoll(commit);
  const commitMs = performance.now() - start;

  start = performance.now();
  const { duplicates } = await store.commitPoll({ ...commit, now: new Date(T0.getTime() + 1000) });
  const dupMs = performance.now() - start;

  let claimMs = 0;
  let markMs = 0;
  let sent = 0;
  const now = new Date(T0.getTime() + 2000);
  for (;;) {
    let t = performance.now();
    const batch = await store.claimDue({ now, limit: CLAIM_BATCH, leaseMs: 60_000, owner: 'bench' });
    claimMs += performance.now() - t;
    if (batch.length === 0) break;
    t = performance.now();
    for (const d of batch) {
      await store.markSent(d.id, {
        owner: 'bench',
        now,
        record: {
          notifier: d.notifier,
          destination: d.destination,
          parts: [{ destination: d.destination, part: 0, ref: { ts: '1.1' } }],
          sentAt: now.toISOString(),
        },
      });
    }
    markMs += performance.now() - t;
    sent += batch.length;
  }
  await store.close();
  console.log(`synchronous=${synchronous}`);
  console.log(
    `  commitPoll ${enqueued} deliveries (one transaction): ${commitMs.toFixed(1)} ms (${rate(enqueued, commitMs)})`,
  );
  console.log(`  commitPoll of the same ${duplicates} keys again (all duplicates): ${dupMs.toFixed(1)} ms`);
  console.log(
    `  claimDue, batches of ${CLAIM_BATCH}: ${claimMs.toFixed(1)} ms for ${sent} (${rate(sent, claimMs)})`,
  );
  console.log(
    `  markSent, one transaction each: ${markMs.toFixed(1)} ms for ${sent} (${rate(sent, markMs)})`,
  );
  console.log(`  claim + markSent end to end: ${rate(sent, claimMs + markMs)}`);
  return {
    commitPerSecond: Math.round((enqueued / commitMs) * 1000),
    claimAndMarkPerSecond: Math.round((sent / (claimMs + markMs)) * 1000),
  };
}

const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'tqalert-bench-'));
try {
  console.log(`@tqalert/store-sqlite outbox bench, Node ${process.version}, files in ${dir}`);
  const result = { bench: 'store-sqlite', deliveries: DELIVERIES };
  for (const mode of ['full', 'normal']) result[mode] = await run(mode, dir);
  // One line for the root bench runner (tooling/bench/run-all.mjs).
  console.log(JSON.stringify(result));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
