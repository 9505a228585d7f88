import type { Check } from './checks.js';
import { ensure, ensureEqual, ensureSameJson, ensureSameTime, ensureThrows } from './ensure.js';
import type { StoreSubject } from './store-harness.js';
import { storeCheck } from './store-harness.js';
import {
  at,
  claim,
  commit,
  delivery,
  keysOf,
  recordLetter,
  seenEntry,
  sentRecord,
  T0,
} from './store-samples.js';

/** Checks of init, cursors, the seen ledger and commitPoll. */
export const pollChecks: Check<StoreSubject>[] = [
  storeCheck('init() is idempotent and keeps what is stored', async (store) => {
    await store.init();
    await store.commitPoll(commit({ cursor: { since: 'a' } }));
    await store.init();
    ensureEqual(await store.getCursor('watchlist'), { since: 'a' }, 'cursor after a second init()');
  }),

  storeCheck('cursors round-trip JSON values, one per service', async (store) => {
    ensureEqual(await store.getCursor('watchlist'), undefined, 'cursor of a service never committed');
    const cursor = {
      since: '2026-03-01T12:00:00Z',
      ids: [1, 2, 3],
      nested: { page: null, done: false },
      n: 1.5,
    };
    await store.commitPoll(commit({ cursor }));
    await store.commitPoll(commit({ service: 'data-collection', cursor: 'page-7' }));
    const read = await store.getCursor('watchlist');
    ensureEqual(read, cursor, 'cursor read back');
    (read as { ids: number[] }).ids.push(4);
    ensureEqual(
      await store.getCursor('watchlist'),
      cursor,
      'cursor after the caller changed the value it read',
    );
    ensureEqual(await store.getCursor('data-collection'), 'page-7', "another service's cursor");
    await store.commitPoll(commit({ cursor: [42] }));
    ensureEqual(await store.getCursor('watchlist'), [42], 'cursor after a later commit');
    ensureEqual(
      await store.getCursor('data-collection'),
      'page-7',
      "another service's cursor after a commit",
    );
  }),

  storeCheck(
    'commitPoll stores the cursor together with its deliveries, seen entries and dead letters',
    async (store) => {
      const plain = delivery('k-plain');
      const grouped = delivery('k-grouped', {
        group: 'digest-1',
        objectKey: 'indicators:7',
        notBefore: at(300).toISOString(),
      });
      const result = await store.commitPoll(
        commit({
          cursor: 'c1',
          seen: [seenEntry('alert-1'), seenEntry('alert-2', { count: 3 })],
          deliveries: [plain, grouped],
          deadLetters: [recordLetter('indicator 9 has no value')],
        }),
      );
      ensureEqual(result, { enqueued: 2, duplicates: 0 }, 'commitPoll result');
      ensureEqual(await store.getCursor('watchlist'), 'c1', 'cursor');
      ensureEqual((await store.getSeen(['alert-1', 'alert-2'])).size, 2, 'seen entries stored');
      ensureEqual((await store.listDeadLetters()).length, 1, 'dead letters stored');

      const pending = await store.listDeliveries({ status: 'pending' });
      ensureEqual(keysOf(pending), ['k-grouped', 'k-plain'], 'pending delivery keys');
      for (const input of [plain, grouped]) {
        const stored = pending.find((d) => d.key === input.key);
        ensure(stored, `delivery ${input.key} missing`);
        const what = `delivery ${input.key}`;
        ensure(typeof stored.id === 'string' && stored.id !== '', `${what}: id must be a non-empty string`);
        ensureEqual(
          [stored.service, stored.notifier, stored.destination, stored.group, stored.objectKey],
          [input.service, input.notifier, input.destination, input.group, input.objectKey],
          `${what}: service, notifier, destination, group, objectKey`,
        );
        ensureSameJson(stored.alert, input.alert, `${what}: alert`);
        ensureEqual(
          [stored.status, stored.attempts, stored.delivered],
          ['pending', 0, []],
          `${what}: status, attempts, delivered`,
        );
        ensureSameTime(stored.notBefore, new Date(input.notBefore), `${what}: notBefore`);
        ensureSameTime(
          stored.nextAttemptAt,
          new Date(input.notBefore),
          `${what}: nextAttemptAt (starts at notBefore)`,
        );
        ensureSameTime(stored.createdAt, T0, `${what}: createdAt (the commit's now)`);
      }
    },
  ),

  storeCheck('commitPoll is all-or-nothing: a commit that fails part-way stores nothing', async (store) => {
    await store.commitPoll(commit({ cursor: 'c1', deliveries: [delivery('k1')] }));
    const unstorable = delivery('k3');
    const fields: Record<string, unknown> = {};
    // A value no serialiser can read: storing it must fail, and the failure must undo the whole commit.
    Object.defineProperty(fields, 'broken', {
      enumerable: true,
      get() {
        throw new Error('this value cannot be read');
      },
    });
    unstorable.alert = { ...unstorable.alert, fields };
    await ensureThrows(
      () =>
        store.commitPoll(
          commit({
            cursor: 'c2',
            seen: [seenEntry('seen-2')],
            deliveries: [delivery('k2'), unstorable],
            deadLetters: [recordLetter('bad record')],
          }),
        ),
      'commitPoll with a delivery that cannot be stored',
    );
    ensureEqual(await store.getCursor('watchlist'), 'c1', 'cursor after the failed commit');
    ensureEqual(keysOf(await store.listDeliveries()), ['k1'], 'deliveries after the failed commit');
    ensureEqual((await store.getSeen(['seen-2'])).size, 0, 'seen entries after the failed commit');
    ensureEqual((await store.listDeadLetters()).length, 0, 'dead letters after the failed commit');
    const retry = await store.commitPoll(commit({ cursor: 'c2', deliveries: [delivery('k2')] }));
    ensureEqual(retry, { enqueued: 1, duplicates: 0 }, 'the same delivery committed again after the failure');
  }),

  storeCheck('a delivery key is enqueued once, counted as a duplicate after that', async (store) => {
    ensureEqual(
      await store.commitPoll(commit({ deliveries: [delivery('k1'), delivery('k1')] })),
      { enqueued: 1, duplicates: 1 },
      'the same key twice in one commit',
    );
    ensureEqual(
      await store.commitPoll(commit({ deliveries: [delivery('k1'), delivery('k2')] })),
      { enqueued: 1, duplicates: 1 },
      'a key already pending',
    );
    const first = (await claim(store, 'w', T0)).find((d) => d.key === 'k1');
    ensure(first, 'k1 was not claimable');
    await store.markSent(first.id, { owner: 'w', now: T0, record: sentRecord() });
    ensureEqual(
      await store.commitPoll(commit({ deliveries: [delivery('k1')] })),
      { enqueued: 0, duplicates: 1 },
      'a key already sent',
    );
    ensureEqual(keysOf(await store.listDeliveries({ status: 'pending' })), ['k2'], 'pending keys');
    ensureEqual(keysOf(await store.listDeliveries()), ['k1', 'k2'], 'all keys');
  }),

  storeCheck('getSeen returns the asked-for entries that exist, as last committed', async (store) => {
    await store.commitPoll(
      commit({ seen: [seenEntry('a'), seenEntry('b', { service: 'data-collection' })] }),
    );
    const later = seenEntry('a', { lastAlertedAt: at(3600).toISOString(), count: 2 });
    await store.commitPoll(commit({ seen: [later], now: at(3600) }));
    const seen = await store.getSeen(['a', 'missing']);
    ensureEqual([...seen.keys()], ['a'], 'keys returned for ["a", "missing"]');
    const entry = seen.get('a');
    ensureEqual(
      [entry?.key, entry?.service, entry?.count],
      ['a', 'watchlist', 2],
      'entry a: key, service, count',
    );
    ensureSameTime(entry?.firstSeenAt, T0, 'entry a: firstSeenAt');
    ensureSameTime(entry?.lastAlertedAt, at(3600), 'entry a: lastAlertedAt');
    ensureEqual((await store.getSeen([])).size, 0, 'getSeen([])');
  }),

  storeCheck('record dead letters from commitPoll are listed, counted, and never replayed', async (store) => {
    await store.commitPoll(commit({ deadLetters: [recordLetter('indicator 9 has no value')] }));
    const [letter, ...rest] = await store.listDeadLetters();
    ensure(letter && rest.length === 0, 'expected exactly one dead letter');
    ensureSameJson(
      [letter.kind, letter.service, letter.reason, letter.payload, letter.attempts],
      ['record', 'watchlist', 'indicator 9 has no value', recordLetter('').payload, 0],
      'dead letter kind, service, reason, payload, attempts',
    );
    ensure(typeof letter.id === 'string' && letter.id !== '', 'dead letter id must be a non-empty string');
    ensureSameTime(letter.deadAt, T0, 'deadAt (the commit now)');
    ensureEqual((await store.outboxStats(T0)).dead, 1, 'outboxStats().dead');
    ensureEqual(
      await store.replayDeadLetters({ ids: [letter.id], now: T0 }),
      0,
      'replayDeadLetters of a record',
    );
    ensureEqual((await store.listDeliveries()).length, 0, 'deliveries after replaying a record');
    ensureEqual((await store.listDeadLetters()).length, 1, 'dead letters after replaying a record');
  }),
];
