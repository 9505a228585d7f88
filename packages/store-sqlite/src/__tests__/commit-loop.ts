// Child process for the crash test: resumes from the stored cursor, as a restarted worker does, then commits polls
// one after another (cursor n with 20 deliveries each) and prints "committed n" after each COMMIT returns,
// until the parent SIGKILLs it.
import { SqliteStore } from '../sqlite-store.js';
import { samplePoll } from './sample-data.js';

const path = process.argv[2];
if (!path) throw new Error('usage: commit-loop.ts <database file>');
const store = new SqliteStore({ path });
await store.init();
const cursor = (await store.getCursor('watch')) as { page: number } | undefined;
for (let n = (cursor?.page ?? 0) + 1; ; n++) {
  await store.commitPoll(samplePoll({ page: n }, n * 20, n * 20 + 20));
  process.stdout.write(`committed ${n}\n`);
}
