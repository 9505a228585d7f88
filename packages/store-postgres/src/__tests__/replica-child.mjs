// A worker replica in miniature for the SIGKILL test: resumes from the stored cursor, then forever commits a poll
// (cursor page n, 10 deliveries) and claims + marks sent what is due, printing "committed n" and "sent <id>" after
// each call returns, until the parent kills it. Runs the built package (the test task builds first).
import { PostgresStore } from '../../dist/index.js';

const [url, schema, owner] = process.argv.slice(2);
const store = new PostgresStore({ url, schema, poolSize: 2 });
await store.init();
const start = (await store.getCursor('watch'))?.page ?? 0;
for (let page = start + 1; ; page += 1) {
  const now = new Date();
  const deliveries = Array.from({ length: 10 }, (_, i) => ({
    key: `p${page}-${i}`,
    service: 'watch',
    notifier: 'slack',
    destination: `C-${i % 3}`,
    alert: { id: `${page}-${i}`, title: 'sample' },
    notBefore: now.toISOString(),
  }));
  await store.commitPoll({ service: 'watch', cursor: { page }, seen: [], deliveries, deadLetters: [], now });
  process.stdout.write(`committed ${page}\n`);
  for (const d of await store.claimDue({ owner, now, limit: 4, leaseMs: 60_000 })) {
    await store.markSent(d.id, {
      owner,
      now,
      record: { notifier: d.notifier, destination: d.destination, parts: [], sentAt: now.toISOString() },
    });
    process.stdout.write(`sent ${d.id}\n`);
  }
}
