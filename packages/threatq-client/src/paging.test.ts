import { THREATQ_DATA_COLLECTIONS } from '@tqalert/fixtures';
import { describe, expect, it } from 'vitest';
import { clientFor, useThreatQFake } from './test-fake.js';

const fake = useThreatQFake({ objectCount: 230 });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('query', () => {
  it('pages by offset until total is reached and returns only matches', async () => {
    const results = await collect(
      clientFor(fake).query('indicators', { filters: { score: { '+gte': 5 } } }, { pageSize: 40 }),
    );
    const expected: number[] = [];
    for (let id = 1; id <= 230; id += 1) {
      const record = fake.state.record('indicators', id);
      if (record && (record.manualScore ?? record.generatedScore) >= 5) expected.push(id);
    }
    expect(expected.length).toBeGreaterThan(80); // enough for several pages
    expect(results.map((o) => o.id)).toEqual(expected);
    for (const object of results) expect(object.score).toBeGreaterThanOrEqual(5);
    const pages = fake.requests.filter((r) => r.path === '/api/indicators/query');
    expect(pages.map((r) => r.query.offset)).toEqual(
      Array.from({ length: Math.ceil(expected.length / 40) }, (_, i) => String(i * 40)),
    );
  });

  it('fetches the next page only when the consumer asks for it', async () => {
    const iterator = clientFor(fake).query('indicators', {}, { pageSize: 10 });
    for (let i = 0; i < 10; i += 1) await iterator.next();
    expect(fake.requests.filter((r) => r.path === '/api/indicators/query')).toHaveLength(1);
    await iterator.return(undefined);
  });
});

describe('readDataCollection', () => {
  it('resumes from a mark reported by onPageEnd, reading only what comes after that page', async () => {
    const hash = THREATQ_DATA_COLLECTIONS.everything;
    const marks: Array<string | undefined> = [];
    const all = await collect(
      clientFor(fake).readDataCollection(hash, { pageSize: 50, onPageEnd: (mark) => marks.push(mark) }),
    );
    expect(marks.length).toBe(Math.ceil(all.length / 50));
    const second = marks[1] as string;
    fake.requests.length = 0;
    const rest = await collect(
      clientFor(fake).readDataCollection(hash, { pageSize: 50, startCursorMark: second }),
    );
    expect(rest.map((o) => o.id)).toEqual(all.slice(100).map((o) => o.id));
    expect(fake.requests.filter((r) => r.path.includes('/query/hash/'))[0]?.query.cursorMark).toBe(second);
    // An object changed after the mark was taken moves to the end, and a resumed read still finds it.
    const moved = all[10]?.id as number;
    fake.state.update('indicators', moved, (o) => {
      o.manualScore = 9;
    });
    const after = await collect(
      clientFor(fake).readDataCollection(hash, { pageSize: 50, startCursorMark: second }),
    );
    expect(after.at(-1)?.id).toBe(moved);
  });

  it.each([false, true])(
    'reads every match in updated_at order (last page data: {} = %s)',
    async (emptyObject) => {
      fake.faults.emptyObjectLastPage = emptyObject;
      const hash = THREATQ_DATA_COLLECTIONS.highScore;
      const results = await collect(clientFor(fake).readDataCollection(hash, { pageSize: 25 }));
      const expected = (
        await collect(
          clientFor(fake).query('indicators', { filters: { score: { '+gte': 7 } } }, { pageSize: 500 }),
        )
      ).map((o) => o.id);
      expect(results.map((o) => o.id).sort((a, b) => a - b)).toEqual(expected);
      const times = results.map((o) => o.updatedAt);
      expect([...times].sort()).toEqual(times);
      const cursors = fake.requests
        .filter((r) => r.path.includes('/query/hash/'))
        .map((r) => r.query.cursorMark);
      expect(cursors[0]).toBe('*');
      expect(new Set(cursors).size).toBe(cursors.length);
    },
  );

  it('sees a change made between two reads at the end of the next read', async () => {
    const client = clientFor(fake);
    const hash = THREATQ_DATA_COLLECTIONS.everything;
    const before = await collect(client.readDataCollection(hash, { pageSize: 100 }));
    const step = fake.activity.step();
    const after = await collect(client.readDataCollection(hash, { pageSize: 100 }));
    // One step adds a new match to every data collection; "everything" matches them all, newest last.
    const added = step.dataCollections.filter((c) => c.kind === 'new').map((c) => c.id);
    expect(added).toHaveLength(3);
    expect(after).toHaveLength(before.length + added.length);
    expect(after.slice(-added.length).map((o) => o.id)).toEqual(added);
  });

  it('skips and reports a malformed record when asked, and goes on', async () => {
    fake.state.update('indicators', 5, (o) => {
      o.value = '';
    });
    const skipped: unknown[] = [];
    const results = await collect(
      clientFor(fake).readDataCollection(THREATQ_DATA_COLLECTIONS.everything, {
        pageSize: 50,
        onInvalidRecord: (error, raw) => skipped.push([error.message, raw]),
      }),
    );
    expect(results).toHaveLength(229);
    expect(skipped).toHaveLength(1);
    expect(String((skipped[0] as unknown[])[0])).toMatch(/data\[\d+\]: has no value, title or name/);
  });

  it('stops at the first malformed record when no handler is given, naming its path', async () => {
    fake.state.update('indicators', 2, (o) => {
      o.value = '';
    });
    await expect(
      collect(clientFor(fake).readDataCollection(THREATQ_DATA_COLLECTIONS.everything)),
    ).rejects.toThrow(
      /GET \/api\/indicators\/query\/hash\/e9f8d7c6b5a4f3e2d1c0b9a8f7e6d5c4 with data of an unexpected shape: data\[\d+\]: has no value, title or name/,
    );
  });
});

describe('listWatchlist', () => {
  it('lists every watched object across pages, optionally of one type', async () => {
    const client = clientFor(fake);
    for (const id of [20, 21, 22, 23]) await client.addToWatchlist('indicators', id);
    const all = await collect(client.listWatchlist({ pageSize: 2 }));
    expect(all.map((e) => `${e.collection}:${e.objectId}`)).toEqual(
      fake.state.watchlist().map((e) => `${e.object_type}:${e.object_id}`),
    );
    const indicators = await collect(client.listWatchlist({ objectType: 'indicators' }));
    expect(indicators.every((e) => e.collection === 'indicators')).toBe(true);
    expect(indicators).toHaveLength(all.length - 1);
  });
});
