import type { Check } from './checks.js';
import { ensureEqual, ensureSameTime } from './ensure.js';
import type { StoreSubject } from './store-harness.js';
import { storeCheck } from './store-harness.js';
import { at, claim, delivery, enqueue, keysOf, T0 } from './store-samples.js';

/** Checks of claimDue and releaseLeases. */
export const claimChecks: Check<StoreSubject>[] = [
  storeCheck('claimDue returns only due deliveries, leased to the caller', async (store) => {
    await enqueue(store, [
      delivery('past', { notBefore: at(-60).toISOString() }),
      delivery('future', { notBefore: at(60).toISOString() }),
    ]);
    const first = await claim(store, 'worker-a', T0, { leaseMs: 600_000 });
    ensureEqual(keysOf(first), ['past'], 'claimed at T0');
    ensureEqual(first[0]?.leaseOwner, 'worker-a', 'leaseOwner of the claimed delivery');
    ensureSameTime(first[0]?.leaseUntil, at(600), 'leaseUntil (now + leaseMs)');
    ensureEqual(
      keysOf(await claim(store, 'worker-b', at(60), { leaseMs: 600_000 })),
      ['future'],
      'claimed at T0+60s, when "future" is due (nextAttemptAt <= now) and "past" is still leased',
    );
  }),

  storeCheck('a lease keeps other workers away until it expires', async (store) => {
    await enqueue(store, [delivery('k1')]);
    ensureEqual(keysOf(await claim(store, 'worker-a', T0, { leaseMs: 60_000 })), ['k1'], 'first claim');
    ensureEqual(keysOf(await claim(store, 'worker-b', at(59))), [], 'a claim 59s into a 60s lease');
    const again = await claim(store, 'worker-b', at(61));
    ensureEqual(keysOf(again), ['k1'], 'a claim after the lease expired');
    ensureEqual(again[0]?.leaseOwner, 'worker-b', 'leaseOwner after the second claim');
  }),

  storeCheck('claimDue honours limit, earliest due first', async (store) => {
    await enqueue(
      store,
      [30, 50, 10, 40, 20].map((ago) => delivery(`due-${ago}s-ago`, { notBefore: at(-ago).toISOString() })),
    );
    ensureEqual(
      keysOf(await claim(store, 'worker-a', T0, { limit: 2 })),
      ['due-40s-ago', 'due-50s-ago'],
      'claim with limit 2',
    );
    ensureEqual(
      keysOf(await claim(store, 'worker-b', T0, { limit: 10 })),
      ['due-10s-ago', 'due-20s-ago', 'due-30s-ago'],
      'the rest, by another worker',
    );
  }),

  storeCheck('claimDue returns whole digest groups, per notifier and destination', async (store) => {
    await enqueue(store, [
      delivery('single', { notBefore: at(-60).toISOString() }),
      delivery('g-1', { group: 'digest', notBefore: at(-30).toISOString() }),
      delivery('g-2', { group: 'digest', notBefore: at(-30).toISOString() }),
      delivery('g-3', { group: 'digest', notBefore: at(-30).toISOString() }),
      delivery('g-other-destination', {
        group: 'digest',
        destination: 'C-OTHER',
        notBefore: at(-10).toISOString(),
      }),
    ]);
    ensureEqual(keysOf(await claim(store, 'w', T0, { limit: 1 })), ['single'], 'first claim, limit 1');
    ensureEqual(
      keysOf(await claim(store, 'w', T0, { limit: 1 })),
      ['g-1', 'g-2', 'g-3'],
      'second claim, limit 1: the whole group for C-ALERTS, and nothing for another destination',
    );
    ensureEqual(keysOf(await claim(store, 'w', T0, { limit: 1 })), ['g-other-destination'], 'third claim');
  }),

  storeCheck("releaseLeases frees one owner's leases, or every lease", async (store) => {
    await enqueue(store, [
      delivery('a1', { notBefore: at(-30).toISOString() }),
      delivery('a2', { notBefore: at(-20).toISOString() }),
      delivery('b1', { notBefore: at(-10).toISOString() }),
    ]);
    await claim(store, 'worker-a', T0, { limit: 2 });
    ensureEqual(keysOf(await claim(store, 'worker-b', T0)), ['b1'], "worker-b's claim");
    ensureEqual(await store.releaseLeases('worker-a'), 2, "releaseLeases('worker-a')");
    ensureEqual(keysOf(await claim(store, 'worker-c', T0)), ['a1', 'a2'], 'a claim after releasing worker-a');
    ensureEqual(await store.releaseLeases(), 3, 'releaseLeases() with no owner');
    ensureEqual(
      keysOf(await claim(store, 'worker-d', T0)),
      ['a1', 'a2', 'b1'],
      'a claim after releasing all',
    );
  }),
];
