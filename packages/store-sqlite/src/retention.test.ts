import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, samplePoll, T0, tempFolder } from './__tests__/sample-data.js';
import { SqliteStore } from './sqlite-store.js';

const DAY = 86_400;
let folder: ReturnType<typeof tempFolder>;
let store: SqliteStore;

beforeEach(async () => {
  folder = tempFolder();
  store = new SqliteStore({ path: folder.file() });
  await store.init();
});
afterEach(async () => {
  await store.close();
  folder.cleanup();
});

/** Keys of a poll's deliveries as enqueued again: [] when every key is still remembered as a duplicate. */
async function enqueuedAgain(from: number, to: number, now: Date): Promise<number> {
  return (await store.commitPoll(samplePoll(undefined, from, to, now))).enqueued;
}

describe('retention (prune)', () => {
  it('forgets the keys of old sent deliveries, keeps the keys of pending deliveries and of dead letters', async () => {
    await store.commitPoll(samplePoll(undefined, 0, 3, T0));
    const claimed = await store.claimDue({ now: at(1), limit: 10, leaseMs: 60_000, owner: 'w' });
    const [sent, dead, kept] = claimed;
    if (!sent || !dead || !kept) throw new Error('expected three claimed deliveries');
    await store.markSent(sent.id, {
      owner: 'w',
      now: at(2),
      record: { notifier: 'slack', destination: 'C1', parts: [], sentAt: at(2).toISOString() },
    });
    await store.markDead(dead.id, { owner: 'w', reason: 'gave up', now: at(2) });
    await store.releaseLeases('w');

    let total = 0;
    for (let round = 0; round < 10; round++) {
      const counts = await store.prune({ before: at(DAY), limit: 1 });
      total += counts.keys;
      if (Object.values(counts).every((n) => n === 0)) break;
    }
    expect(total).toBe(1);
    // The sent delivery's key is forgotten (retention must outlast every catch-up window); the others stay.
    expect(await enqueuedAgain(0, 1, at(2 * DAY))).toBe(1);
    expect(await enqueuedAgain(1, 3, at(2 * DAY))).toBe(0);
    expect(await store.replayDeadLetters({ now: at(2 * DAY) })).toBe(1);
  });

  it('reports the bytes of the file and its write-ahead log', async () => {
    const empty = await store.storageBytes();
    expect(empty).toBeGreaterThan(0);
    await store.commitPoll(samplePoll(undefined, 0, 200, T0));
    expect(await store.storageBytes()).toBeGreaterThan(empty);
  });
});
