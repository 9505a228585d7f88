import type { Store } from '@tqalert/core';
import type { Check } from './checks.js';
import { ensure, ensureEqual, ensureSameJson } from './ensure.js';
import { makeHarness, type StoreSubject } from './store-harness.js';
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

async function fill(store: Store): Promise<void> {
  await store.commitPoll(
    commit({
      cursor: { since: 'c-9' },
      seen: [seenEntry('alert-1')],
      deliveries: [delivery('pending-1'), delivery('sent-1', { objectKey: 'indicators:7' })],
      deadLetters: [recordLetter('kept')],
    }),
  );
  const sent = (await claim(store, 'w', T0)).find((d) => d.key === 'sent-1');
  ensure(sent, 'sent-1 was not claimable');
  await store.markSent(sent.id, { owner: 'w', record: sentRecord(), now: T0 });
  await store.addSilence({
    matchers: { tag: 'noisy' },
    author: 'a@example.com',
    reason: 'r',
    startsAt: T0.toISOString(),
    expiresAt: at(3600).toISOString(),
  });
}

async function verify(store: Store): Promise<void> {
  ensureEqual(await store.getCursor('watchlist'), { since: 'c-9' }, 'cursor after reopen');
  ensureEqual([...(await store.getSeen(['alert-1'])).keys()], ['alert-1'], 'seen entries after reopen');
  ensureEqual(
    keysOf(await store.listDeliveries({ status: 'pending' })),
    ['pending-1'],
    'pending after reopen',
  );
  ensureEqual(keysOf(await store.listDeliveries({ status: 'sent' })), ['sent-1'], 'sent after reopen');
  ensureSameJson(
    await store.getDeliveryRecord('indicators:7', 'slack', 'C-ALERTS'),
    sentRecord(),
    'delivery record after reopen',
  );
  ensureEqual(
    (await store.listDeadLetters()).map((l) => l.reason),
    ['kept'],
    'dead letters after reopen',
  );
  ensureEqual((await store.listSilences({ now: at(60) })).length, 1, 'silences after reopen');
  ensureEqual(
    await store.commitPoll(commit({ deliveries: [delivery('pending-1')] })),
    { enqueued: 0, duplicates: 1 },
    'a key enqueued before the reopen',
  );
}

/** Data survives close + reopen, for stores that say they are durable. */
export const durabilityChecks: Check<StoreSubject>[] = [
  {
    name: 'a durable store keeps everything across close and reopen',
    async run({ factory }) {
      const harness = await makeHarness(factory);
      let open: Store | undefined = harness.store;
      try {
        await open.init();
        if (!harness.reopen) {
          // Nothing to reopen: the only promise left to keep is not to claim durability.
          ensure(
            open.durable === false,
            'store.durable is true, but the factory gives no reopen(): return { store, reopen } so the suite can check that data survives a restart',
          );
          return;
        }
        await fill(open);
        await open.close();
        open = undefined;
        open = await harness.reopen();
        await open.init();
        await verify(open);
      } finally {
        try {
          await open?.close();
        } finally {
          await harness.dispose?.();
        }
      }
    },
  },
];
