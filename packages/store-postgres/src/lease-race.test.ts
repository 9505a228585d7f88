import { describe, expect, it } from 'vitest';
import { T0 } from './__tests__/sample-outbox.js';
import { schemaPerTest } from './__tests__/test-schema.js';

const freshSchema = schemaPerTest();

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('owners racing for one lease from separate stores', () => {
  it('exactly one wins each round, and the epoch grows by one each time the lease changes hands', async () => {
    const schema = await freshSchema();
    const owners = ['r1', 'r2', 'r3', 'r4'];
    const stores = owners.map(() => schema.open({ poolSize: 1 }));
    await Promise.all(stores.map((s) => s.init()));
    let epoch = 0;
    // Each round starts after the last lease expired: everyone asks at once.
    for (let round = 0; round < 10; round += 1) {
      const now = at(round * 20);
      const results = await Promise.all(
        stores.map((s, i) =>
          s.acquireLease({ name: 'service:watchlist', owner: owners[i] ?? '', ttlMs: 15_000, now }),
        ),
      );
      const winners = results.filter((lease) => lease !== undefined);
      expect(winners).toHaveLength(1);
      epoch += 1;
      expect(winners[0]?.epoch).toBe(epoch);
    }
  });

  it('a commit fenced at the old epoch fails once another replica took the lease, and changes nothing', async () => {
    const schema = await freshSchema();
    const [paused, other] = [schema.open(), schema.open()];
    await Promise.all([paused.init(), other.init()]);
    const held = await paused.acquireLease({ name: 'service:wl', owner: 'paused', ttlMs: 10_000, now: T0 });
    expect(held).toBeDefined();
    // The paused replica sleeps past its lease; the other takes over and commits.
    const taken = await other.acquireLease({
      name: 'service:wl',
      owner: 'other',
      ttlMs: 10_000,
      now: at(11),
    });
    expect(taken?.epoch).toBe((held?.epoch ?? 0) + 1);
    const commit = (owner: string, epoch: number, cursor: string) => ({
      service: 'wl',
      cursor,
      seen: [],
      deliveries: [],
      deadLetters: [],
      now: at(12),
      fence: { lease: 'service:wl', owner, epoch },
    });
    await other.commitPoll(commit('other', taken?.epoch ?? 0, 'new'));
    // It wakes up believing its clock (still inside its own lease): the epoch, not the clock, stops it.
    await expect(
      paused.commitPoll({ ...commit('paused', held?.epoch ?? 0, 'stale'), now: at(5) }),
    ).rejects.toMatchObject({ code: 'STORE_FENCED' });
    expect(await other.getCursor('wl')).toBe('new');
  });
});
