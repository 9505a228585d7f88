// Child process for the concurrency test: waits for "go" on stdin, then claims and marks sent in small batches
// until nothing is due, and prints the ids it claimed as one JSON line. It pauses after each batch, as a real
// sender does; without pauses one worker can finish everything while the other's busy handler backs off.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteStore } from '../sqlite-store.js';
import { at } from './sample-data.js';

const [path, owner] = process.argv.slice(2);
if (!path || !owner) throw new Error('usage: claim-worker.ts <database file> <owner>');
const store = new SqliteStore({ path, busyTimeoutMs: 10_000 });
await store.init();
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const claimed: string[] = [];
const now = at(60);
for (;;) {
  const batch = await store.claimDue({ now, limit: 3, leaseMs: 600_000, owner });
  if (batch.length === 0) break;
  for (const delivery of batch) {
    claimed.push(delivery.id);
    await store.markSent(delivery.id, {
      owner,
      now,
      record: {
        notifier: delivery.notifier,
        destination: delivery.destination,
        parts: [],
        sentAt: now.toISOString(),
      },
    });
  }
  await sleep(5);
}
process.stdout.write(`${JSON.stringify(claimed)}\n`);
await store.close();
process.stdin.destroy();
