import { describe, expect, it } from 'vitest';
import { at, samplePoll } from './__tests__/sample-data.js';
import { useStoreFiles } from './__tests__/store-files.js';
import { GroupCommit } from './group-commit.js';
import { openDatabase } from './open-database.js';
import type { SqliteStore } from './sqlite-store.js';

const { file, storeAt } = useStoreFiles();

const record = (destination: string) => ({
  notifier: 'slack',
  destination,
  parts: [],
  sentAt: at(5).toISOString(),
});

/** Ten pending deliveries, all claimed by `w1`. */
async function claimedTen(store: SqliteStore) {
  await store.commitPoll(samplePoll({ since: '2025-03-01' }, 0, 10));
  return store.claimDue({ now: at(1), limit: 10, leaseMs: 60_000, owner: 'w1' });
}

describe('markSent group commit', () => {
  it('commits marks made in the same turn together, and each promise settles only once its mark is on disk', async () => {
    const path = file();
    const store = await storeAt(path);
    const claimed = await claimedTen(store);
    expect(claimed).toHaveLength(10);
    // No await between the calls: they land in one batch.
    const marks = claimed.map((d) =>
      store.markSent(d.id, { owner: 'w1', record: record(d.destination), now: at(5) }),
    );
    await Promise.all(marks);
    // A second connection to the same file (another process would see the same) reads them as sent.
    const reader = await storeAt(path);
    expect((await reader.listDeliveries({ status: 'sent' })).map((d) => d.id).sort()).toEqual(
      claimed.map((d) => d.id).sort(),
    );
  });

  it('refuses a mark with bad input on its own, and commits the rest of its batch', async () => {
    const store = await storeAt(file());
    const claimed = await claimedTen(store);
    const marks = claimed.map((d, i) =>
      store.markSent(d.id, {
        owner: 'w1',
        // A record JSON cannot hold is refused for this mark alone, before anything is written.
        record:
          i === 3 ? { ...record(d.destination), parts: [{ bad: 10n }] as never } : record(d.destination),
        now: at(5),
      }),
    );
    const settled = await Promise.allSettled(marks);
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(1);
    expect(await store.listDeliveries({ status: 'sent' })).toHaveLength(9);
  });

  it('a mark whose lease was lost in the same batch is a no-op and does not undo the others', async () => {
    const store = await storeAt(file());
    const claimed = await claimedTen(store);
    const marks = claimed.map((d, i) =>
      store.markSent(d.id, {
        owner: i === 0 ? 'someone-else' : 'w1',
        record: record(d.destination),
        now: at(5),
      }),
    );
    await Promise.all(marks);
    const sent = await store.listDeliveries({ status: 'sent' });
    expect(sent).toHaveLength(9);
    expect(sent.map((d) => d.id)).not.toContain(claimed[0]?.id);
  });

  it('writes the marks still waiting for their commit when the store is closed', async () => {
    const path = file();
    const store = await storeAt(path);
    const claimed = await claimedTen(store);
    const marks = claimed.map((d) =>
      store.markSent(d.id, { owner: 'w1', record: record(d.destination), now: at(5) }),
    );
    await store.close();
    await Promise.all(marks);
    const reopened = await storeAt(path);
    expect(await reopened.listDeliveries({ status: 'sent' })).toHaveLength(10);
  });
});

describe('GroupCommit', () => {
  it('when one write of a batch throws inside the transaction, commits the others one by one and rejects only it', async () => {
    const conn = openDatabase({ path: file('plain.db'), busyTimeoutMs: 1000, synchronous: 'full' });
    try {
      conn.db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
      const group = new GroupCommit(() => conn, 'test write');
      const insert = (n: number) => () => {
        conn.run('INSERT INTO t (n) VALUES (?)', n);
      };
      const results = await Promise.allSettled([
        group.add(insert(1)),
        group.add(insert(1)), // the same key again: a constraint error inside the shared transaction
        group.add(insert(3)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/test write/);
      expect(conn.all<{ n: number }>('SELECT n FROM t ORDER BY n').map((r) => r.n)).toEqual([1, 3]);
    } finally {
      conn.close();
    }
  });
});
