import type { Check } from './checks.js';
import { ensure, ensureEqual, ensureSameTime } from './ensure.js';
import type { StoreSubject } from './store-harness.js';
import { storeCheck } from './store-harness.js';
import {
  at,
  claim,
  commit,
  delivery,
  enqueue,
  keysOf,
  recordLetter,
  sentRecord,
  T0,
} from './store-samples.js';

/** Checks of the outbox administration calls the CLI and metrics use. */
export const adminChecks: Check<StoreSubject>[] = [
  storeCheck('listDeliveries filters by status and honours limit', async (store) => {
    await enqueue(store, [delivery('p1'), delivery('p2'), delivery('p3'), delivery('s1')]);
    const sent = (await claim(store, 'w', T0)).find((d) => d.key === 's1');
    ensure(sent, 's1 was not claimable');
    await store.markSent(sent.id, { owner: 'w', record: sentRecord(), now: T0 });
    ensureEqual(keysOf(await store.listDeliveries()), ['p1', 'p2', 'p3', 's1'], 'listDeliveries()');
    ensureEqual(keysOf(await store.listDeliveries({ status: 'pending' })), ['p1', 'p2', 'p3'], 'pending');
    ensureEqual(keysOf(await store.listDeliveries({ status: 'sent' })), ['s1'], 'sent');
    ensureEqual((await store.listDeliveries({ limit: 2 })).length, 2, 'listDeliveries({ limit: 2 }).length');
  }),

  storeCheck('retryDeliveries makes pending deliveries due now', async (store) => {
    await enqueue(store, [
      delivery('later-1', { notBefore: at(3600).toISOString() }),
      delivery('later-2', { notBefore: at(3600).toISOString() }),
      delivery('done'),
    ]);
    const done = (await claim(store, 'w', T0)).find((d) => d.key === 'done');
    ensure(done, '"done" was not claimable');
    await store.markSent(done.id, { owner: 'w', record: sentRecord(), now: T0 });
    const [first] = (await store.listDeliveries({ status: 'pending' })).filter((d) => d.key === 'later-1');
    ensure(first, 'later-1 missing');

    ensureEqual(await store.retryDeliveries({ ids: [first.id], now: T0 }), 1, 'retryDeliveries of one id');
    const pending = await store.listDeliveries({ status: 'pending' });
    ensureSameTime(pending.find((d) => d.key === 'later-1')?.nextAttemptAt, T0, 'later-1 nextAttemptAt');
    ensureSameTime(
      pending.find((d) => d.key === 'later-2')?.nextAttemptAt,
      at(3600),
      'later-2 nextAttemptAt',
    );

    ensureEqual(
      await store.retryDeliveries({ now: T0 }),
      2,
      'retryDeliveries of all (sent ones do not count)',
    );
    ensureEqual(keysOf(await claim(store, 'w', T0)), ['later-1', 'later-2'], 'claim after retrying all');
  }),

  storeCheck('purgeDeliveries deletes by id or by status, and nothing when given neither', async (store) => {
    await enqueue(store, [delivery('p1'), delivery('p2'), delivery('s1')]);
    const sent = (await claim(store, 'w', T0)).find((d) => d.key === 's1');
    ensure(sent, 's1 was not claimable');
    await store.markSent(sent.id, { owner: 'w', record: sentRecord(), now: T0 });
    ensureEqual(await store.purgeDeliveries({}), 0, 'purgeDeliveries({})');
    ensureEqual((await store.listDeliveries()).length, 3, 'deliveries after purgeDeliveries({})');
    const p1 = (await store.listDeliveries()).find((d) => d.key === 'p1');
    ensureEqual(await store.purgeDeliveries({ ids: [p1?.id ?? 'missing'] }), 1, 'purge of p1 by id');
    ensureEqual(await store.purgeDeliveries({ status: 'sent' }), 1, 'purge of sent');
    ensureEqual(keysOf(await store.listDeliveries()), ['p2'], 'deliveries left');
  }),

  storeCheck('purgeDeadLetters deletes the given dead letters, or all', async (store) => {
    await store.commitPoll(
      commit({ deadLetters: [recordLetter('one'), recordLetter('two'), recordLetter('three')] }),
    );
    const letters = await store.listDeadLetters();
    const two = letters.find((l) => l.reason === 'two');
    ensure(two && letters.length === 3, 'expected three dead letters');
    ensureEqual(await store.purgeDeadLetters({ ids: [two.id] }), 1, 'purge of one id');
    ensureEqual(
      (await store.listDeadLetters()).map((l) => l.reason).sort(),
      ['one', 'three'],
      'letters left',
    );
    ensureEqual(await store.purgeDeadLetters({}), 2, 'purge of all');
    ensureEqual((await store.listDeadLetters()).length, 0, 'letters after purging all');
  }),

  storeCheck('outboxStats counts pending and dead, and dates the oldest pending', async (store) => {
    const empty = await store.outboxStats(T0);
    ensureEqual(
      [empty.pending, empty.oldestPendingAt, empty.dead],
      [0, undefined, 0],
      'stats of an empty store',
    );
    await store.commitPoll(commit({ deliveries: [delivery('old')], now: T0 }));
    await store.commitPoll(
      commit({ deliveries: [delivery('new')], deadLetters: [recordLetter('x')], now: at(60) }),
    );
    const stats = await store.outboxStats(at(120));
    ensureEqual([stats.pending, stats.dead], [2, 1], 'pending and dead');
    ensureSameTime(stats.oldestPendingAt, T0, 'oldestPendingAt');
    const old = (await claim(store, 'w', at(120))).find((d) => d.key === 'old');
    ensure(old, '"old" was not claimable');
    await store.markSent(old.id, { owner: 'w', record: sentRecord(), now: at(120) });
    ensureSameTime(
      (await store.outboxStats(at(120))).oldestPendingAt,
      at(60),
      'oldestPendingAt once "old" was sent',
    );
  }),
];
