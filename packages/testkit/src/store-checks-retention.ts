import type { Store } from '@tqalert/core';
import type { Check } from './checks.js';
import { ensure, ensureEqual } from './ensure.js';
import type { StoreSubject } from './store-harness.js';
import { storeCheck } from './store-harness.js';
import { at, claim, commit, delivery, enqueue, keysOf, seenEntry, sentRecord, T0 } from './store-samples.js';

const DAY = 86_400;

/** Sends every claimable delivery at `now`, each with a record for its objectKey. */
async function sendAll(store: Store, now: Date): Promise<void> {
  for (const d of await claim(store, 'w', now)) {
    await store.markSent(d.id, { owner: 'w', record: sentRecord('C-ALERTS', now), now });
  }
}

/** Checks of the optional retention method `prune` (skipped for a store without it). */
export const retentionChecks: Check<StoreSubject>[] = [
  storeCheck(
    'prune deletes old sent deliveries, seen entries and records in batches; pending deliveries and dead letters stay',
    async (store) => {
      if (!store.prune) return;
      // Day 0: two deliveries sent, one left pending (not due for a year), one dead; two seen entries.
      await store.commitPoll(
        commit({
          deliveries: [
            delivery('old-1', { objectKey: 'indicators:1' }),
            delivery('old-2', { objectKey: 'indicators:2' }),
            delivery('dead-1'),
          ],
          seen: [seenEntry('seen-old-1'), seenEntry('seen-old-2')],
        }),
      );
      for (const d of await claim(store, 'w', T0)) {
        if (d.key === 'dead-1') await store.markDead(d.id, { owner: 'w', reason: 'gave up', now: at(1) });
        else await store.markSent(d.id, { owner: 'w', record: sentRecord('C-ALERTS', at(5)), now: at(5) });
      }
      await enqueue(store, [delivery('waiting', { notBefore: at(365 * DAY).toISOString() })], at(6));
      // Day 2: one more sent, one more seen entry: younger than the cutoff.
      await store.commitPoll(
        commit({
          deliveries: [
            delivery('new-1', { objectKey: 'indicators:5', notBefore: at(2 * DAY).toISOString() }),
          ],
          seen: [
            seenEntry('seen-new', {
              firstSeenAt: at(2 * DAY).toISOString(),
              lastAlertedAt: at(2 * DAY).toISOString(),
            }),
          ],
          now: at(2 * DAY),
        }),
      );
      await sendAll(store, at(2 * DAY + 5));

      const first = await store.prune({ before: at(DAY), limit: 1 });
      ensureEqual(
        [first.sent, first.seen, first.records],
        [1, 1, 1],
        'first prune with limit 1 (sent, seen, records)',
      );
      for (let round = 0; round < 10; round++) {
        const counts = await store.prune({ before: at(DAY), limit: 1 });
        if (Object.values(counts).every((n) => n === 0)) break;
      }

      ensureEqual(keysOf(await store.listDeliveries({ status: 'sent' })), ['new-1'], 'sent deliveries left');
      ensureEqual(
        keysOf(await store.listDeliveries({ status: 'pending' })),
        ['waiting'],
        'pending deliveries left',
      );
      ensureEqual((await store.listDeadLetters()).length, 1, 'dead letters kept');
      ensureEqual(
        [...(await store.getSeen(['seen-old-1', 'seen-old-2', 'seen-new'])).keys()],
        ['seen-new'],
        'seen entries left',
      );
      ensureEqual(
        await store.getDeliveryRecord('indicators:1', 'slack', 'C-ALERTS'),
        undefined,
        'old record',
      );
      ensure(await store.getDeliveryRecord('indicators:5', 'slack', 'C-ALERTS'), 'the new record was pruned');
      ensureEqual(
        (await store.replayDeadLetters({ now: at(3 * DAY) })) >= 1,
        true,
        'replaying the kept dead letter',
      );
    },
  ),
];
