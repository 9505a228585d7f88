import type { Delivery } from '@tqalert/core';
import type { Check } from './checks.js';
import { ensure, ensureEqual, ensureSameJson, ensureSameTime } from './ensure.js';
import type { StoreSubject } from './store-harness.js';
import { storeCheck } from './store-harness.js';
import { at, claim, delivery, enqueue, keysOf, sentRecord, T0 } from './store-samples.js';

const PART = { destination: 'C-ALERTS', part: 0, ref: { ts: '1772366400.000100' } };

/** Checks of markSent, markFailed, markDead and replayDeadLetters. */
export const outcomeChecks: Check<StoreSubject>[] = [
  storeCheck(
    'markSent takes the delivery out of the outbox and keeps its record for threads',
    async (store) => {
      await enqueue(store, [delivery('k1', { objectKey: 'indicators:7' })]);
      const [claimed] = await claim(store, 'w', T0);
      ensure(claimed, 'k1 was not claimable');
      const record = sentRecord('C-ALERTS', at(5));
      await store.markSent(claimed.id, { owner: 'w', record, now: at(5) });

      ensureEqual(keysOf(await store.listDeliveries({ status: 'pending' })), [], 'pending after markSent');
      const [sent] = await store.listDeliveries({ status: 'sent' });
      ensureEqual(sent?.key, 'k1', 'listDeliveries({ status: "sent" })');
      ensureSameTime(sent?.sentAt, at(5), 'sentAt');
      ensureEqual(keysOf(await claim(store, 'w2', at(3600))), [], 'claim an hour later');
      ensureEqual((await store.outboxStats(at(5))).pending, 0, 'outboxStats().pending');
      ensureSameJson(
        await store.getDeliveryRecord('indicators:7', 'slack', 'C-ALERTS'),
        record,
        'getDeliveryRecord(objectKey, notifier, destination)',
      );
      ensureEqual(
        await store.getDeliveryRecord('indicators:7', 'slack', 'C-OTHER'),
        undefined,
        'getDeliveryRecord for another destination',
      );
      ensureEqual(
        await store.getDeliveryRecord('indicators:8', 'slack', 'C-ALERTS'),
        undefined,
        'another object',
      );
    },
  ),

  storeCheck('a worker whose lease expired cannot mark the delivery', async (store) => {
    await enqueue(store, [delivery('k1')]);
    const [stale] = await claim(store, 'worker-a', T0, { leaseMs: 60_000 });
    ensure(stale, 'k1 was not claimable');
    const [current] = await claim(store, 'worker-b', at(61));
    ensure(current, 'k1 was not claimable after the lease expired');
    await store.markSent(stale.id, { owner: 'worker-a', record: sentRecord(), now: at(62) });
    await store.markFailed(stale.id, {
      owner: 'worker-a',
      error: 'late',
      nextAttemptAt: at(999),
      delivered: [],
      now: at(62),
    });
    await store.markDead(stale.id, { owner: 'worker-a', reason: 'late', now: at(62) });
    const [pending] = await store.listDeliveries({ status: 'pending' });
    ensureEqual(
      [pending?.key, pending?.attempts, pending?.leaseOwner],
      ['k1', 0, 'worker-b'],
      'k1 after the stale owner tried to mark it (key, attempts, leaseOwner)',
    );
    ensureEqual((await store.listDeadLetters()).length, 0, 'dead letters');
    await store.markSent(current.id, { owner: 'worker-b', record: sentRecord(), now: at(63) });
    ensureEqual(
      keysOf(await store.listDeliveries({ status: 'sent' })),
      ['k1'],
      'sent after the owner marked it',
    );
  }),

  storeCheck('markFailed counts the attempt, keeps delivered parts and reschedules', async (store) => {
    await enqueue(store, [delivery('k1')]);
    const [claimed] = await claim(store, 'worker-a', T0, { leaseMs: 600_000 });
    ensure(claimed, 'k1 was not claimable');
    await store.markFailed(claimed.id, {
      owner: 'worker-a',
      error: 'HTTP 503 from Slack',
      nextAttemptAt: at(300),
      delivered: [PART],
      now: at(1),
    });
    const [failed] = await store.listDeliveries({ status: 'pending' });
    ensureEqual([failed?.attempts, failed?.lastError], [1, 'HTTP 503 from Slack'], 'attempts and lastError');
    ensureSameJson(failed?.delivered, [PART], 'delivered parts');
    ensureSameTime(failed?.nextAttemptAt, at(300), 'nextAttemptAt');
    ensureEqual(keysOf(await claim(store, 'worker-b', at(299))), [], 'a claim before nextAttemptAt');
    const [retried] = await claim(store, 'worker-b', at(300));
    ensureEqual(retried?.key, 'k1', 'a claim at nextAttemptAt (the failed lease must be released)');
    ensureSameJson(retried?.delivered, [PART], 'delivered parts of the claimed retry');
    await store.markFailed((retried as Delivery).id, {
      owner: 'worker-b',
      error: 'HTTP 503 again',
      nextAttemptAt: at(900),
      delivered: [PART],
      now: at(301),
    });
    ensureEqual((await store.listDeliveries())[0]?.attempts, 2, 'attempts after a second failure');
  }),

  storeCheck(
    'markDead moves the delivery to dead letters with the reason and every attempt counted',
    async (store) => {
      await enqueue(store, [delivery('k1')]);
      const [first] = await claim(store, 'w', T0);
      ensure(first, 'k1 was not claimable');
      await store.markFailed(first.id, {
        owner: 'w',
        error: '503',
        nextAttemptAt: at(10),
        delivered: [],
        now: at(1),
      });
      const [second] = await claim(store, 'w', at(10));
      ensure(second, 'k1 was not claimable after markFailed');
      await store.markDead(second.id, { owner: 'w', reason: 'channel_not_found', now: at(11) });

      ensureEqual((await store.listDeliveries()).length, 0, 'deliveries after markDead');
      const [letter, ...rest] = await store.listDeadLetters();
      ensure(letter && rest.length === 0, 'expected exactly one dead letter');
      ensureEqual(
        [
          letter.kind,
          letter.service,
          letter.notifier,
          letter.destination,
          letter.key,
          letter.reason,
          letter.attempts,
        ],
        ['delivery', 'watchlist', 'slack', 'C-ALERTS', 'k1', 'channel_not_found', 2],
        'dead letter kind, service, notifier, destination, key, reason, attempts (the failed one and the last one)',
      );
      ensureSameTime(letter.deadAt, at(11), 'deadAt');
      ensureEqual((letter.payload as Partial<Delivery> | undefined)?.key, 'k1', 'payload.key (the delivery)');
      const stats = await store.outboxStats(at(11));
      ensureEqual([stats.pending, stats.dead], [0, 1], 'outboxStats pending and dead');
    },
  ),

  storeCheck('replayDeadLetters puts dead deliveries back as pending, attempts reset', async (store) => {
    await enqueue(store, [delivery('k1'), delivery('k2')]);
    for (const d of await claim(store, 'w', T0)) {
      await store.markDead(d.id, { owner: 'w', reason: 'invalid_auth', now: at(1) });
    }
    const letters = await store.listDeadLetters();
    const first = letters.find((l) => l.key === 'k1');
    ensure(first && letters.length === 2, 'expected two dead letters, one for k1');

    ensureEqual(await store.replayDeadLetters({ ids: [first.id], now: at(3600) }), 1, 'replay of one id');
    ensureEqual(
      (await store.listDeadLetters()).map((l) => l.key),
      ['k2'],
      'dead letters left after replaying k1',
    );
    const [replayed] = await store.listDeliveries({ status: 'pending' });
    ensureEqual([replayed?.key, replayed?.attempts], ['k1', 0], 'replayed delivery key and attempts');
    ensureSameJson(replayed?.alert, delivery('k1').alert, 'replayed delivery alert');
    ensureEqual(keysOf(await claim(store, 'w', at(3599))), [], 'claim before the replay time');
    const [claimed] = await claim(store, 'w', at(3600));
    ensureEqual(claimed?.key, 'k1', 'claim at the replay time');
    await store.markSent((claimed as Delivery).id, { owner: 'w', record: sentRecord(), now: at(3601) });
    ensureEqual(
      keysOf(await store.listDeliveries({ status: 'sent' })),
      ['k1'],
      'the replayed delivery is sendable',
    );

    ensureEqual(await store.replayDeadLetters({ now: at(4000) }), 1, 'replay of all the rest');
    ensureEqual((await store.listDeadLetters()).length, 0, 'dead letters after replaying all');
  }),
];
