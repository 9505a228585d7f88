import type { Check } from './checks.js';
import { ensure, ensureEqual, ensureThrows } from './ensure.js';
import type { StoreSubject } from './store-harness.js';
import { storeCheck } from './store-harness.js';
import { at, claim, commit, delivery, enqueue, keysOf, T0 } from './store-samples.js';

const EMAIL = { notifier: 'email', destination: 'default' };
const SLACK = { notifier: 'slack', destination: 'C-ALERTS' };

/** Checks of per-lane claims, lane statistics, uncounted lane failures and (when offered) leases. */
export const laneChecks: Check<StoreSubject>[] = [
  storeCheck('claimDue with a lane claims only that lane', async (store) => {
    await enqueue(store, [
      delivery('s1'),
      delivery('e1', EMAIL),
      delivery('s2'),
      delivery('e2', EMAIL),
      delivery('other', { notifier: 'slack', destination: 'C-OTHER' }),
    ]);
    const email = await store.claimDue({ owner: 'w', now: T0, limit: 10, leaseMs: 60_000, lane: EMAIL });
    ensureEqual(keysOf(email), ['e1', 'e2'], 'claimDue({ lane: email/default })');
    const slack = await store.claimDue({ owner: 'w', now: T0, limit: 10, leaseMs: 60_000, lane: SLACK });
    ensureEqual(keysOf(slack), ['s1', 's2'], 'claimDue({ lane: slack/C-ALERTS })');
    ensureEqual(keysOf(await claim(store, 'w2', T0)), ['other'], 'claimDue without a lane after both');
  }),

  storeCheck('laneStats counts pending, due, oldest, next attempt and last error per lane', async (store) => {
    await enqueue(store, [delivery('s1'), delivery('s2', { notBefore: at(600).toISOString() })]);
    await enqueue(store, [delivery('e1', EMAIL)], at(10));
    const [s1] = await store.claimDue({ owner: 'w', now: T0, limit: 1, leaseMs: 60_000, lane: SLACK });
    ensure(s1, 's1 was not claimable');
    await store.markFailed(s1.id, {
      owner: 'w',
      error: 'channel_not_found',
      nextAttemptAt: at(30),
      delivered: [],
      now: T0,
    });
    const stats = await store.laneStats(at(20));
    const slack = stats.find((s) => s.notifier === 'slack');
    const email = stats.find((s) => s.notifier === 'email');
    ensureEqual(stats.length, 2, 'number of lanes');
    ensureEqual([slack?.destination, slack?.pending, slack?.due], ['C-ALERTS', 2, 0], 'slack lane at +20s');
    ensureEqual(Date.parse(slack?.nextAttemptAt ?? ''), at(30).getTime(), 'slack lane nextAttemptAt');
    ensureEqual(Date.parse(slack?.oldestPendingAt ?? ''), T0.getTime(), 'slack lane oldestPendingAt');
    ensureEqual(slack?.lastError, 'channel_not_found', 'slack lane lastError');
    ensureEqual([email?.destination, email?.pending, email?.due], ['default', 1, 1], 'email lane at +20s');
    const later = await store.laneStats(at(31));
    ensureEqual(later.find((s) => s.notifier === 'slack')?.due, 1, 'slack lane due at +31s');
  }),

  storeCheck('markFailed with countAttempt false keeps the attempt count', async (store) => {
    await enqueue(store, [delivery('k1')]);
    const [claimed] = await claim(store, 'w', T0);
    ensure(claimed, 'k1 was not claimable');
    await store.markFailed(claimed.id, {
      owner: 'w',
      error: 'not_in_channel',
      nextAttemptAt: at(5),
      delivered: [],
      now: T0,
      countAttempt: false,
    });
    const [pending] = await store.listDeliveries({ status: 'pending' });
    ensureEqual([pending?.attempts, pending?.lastError], [0, 'not_in_channel'], 'attempts and lastError');
  }),

  storeCheck('leases (when offered) go to one owner and fence stale poll commits', async (store) => {
    if (!store.acquireLease) return;
    const a = await store.acquireLease({ name: 'service:wl', owner: 'a', ttlMs: 10_000, now: T0 });
    ensure(a, 'a could not take a free lease');
    ensureEqual(a.owner, 'a', 'owner of the lease a took');
    ensureEqual(
      await store.acquireLease({ name: 'service:wl', owner: 'b', ttlMs: 10_000, now: at(5) }),
      undefined,
      'b while a holds an unexpired lease',
    );
    const renewed = await store.acquireLease({ name: 'service:wl', owner: 'a', ttlMs: 10_000, now: at(5) });
    ensureEqual(renewed?.epoch, a.epoch, 'epoch after a renews');
    const b = await store.acquireLease({ name: 'service:wl', owner: 'b', ttlMs: 10_000, now: at(16) });
    ensure(b, 'b could not take the lease after it expired');
    ensure(b.epoch > a.epoch, `epoch must grow when the lease changes hands (a ${a.epoch}, b ${b.epoch})`);
    const fenced = await ensureThrows(
      () =>
        store.commitPoll(
          commit({
            cursor: { stale: true },
            deliveries: [delivery('late')],
            now: at(17),
            fence: { lease: 'service:wl', owner: 'a', epoch: a.epoch },
          }),
        ),
      'a commit fenced by a stale epoch',
    );
    ensureEqual((fenced as { code?: string }).code, 'STORE_FENCED', 'error code of a fenced commit');
    ensureEqual(await store.getCursor('watchlist'), undefined, 'cursor after the fenced commit');
    ensureEqual(keysOf(await store.listDeliveries()), [], 'deliveries after the fenced commit');
    await store.commitPoll(
      commit({
        cursor: { fresh: true },
        deliveries: [delivery('ok')],
        now: at(17),
        fence: { lease: 'service:wl', owner: 'b', epoch: b.epoch },
      }),
    );
    ensureEqual(await store.getCursor('watchlist'), { fresh: true }, 'cursor after the holder commits');
    await store.releaseLease?.({ name: 'service:wl', owner: 'b' });
    const c = await store.acquireLease({ name: 'service:wl', owner: 'c', ttlMs: 10_000, now: at(18) });
    ensure(c && c.epoch > b.epoch, 'c takes the released lease with a higher epoch');
  }),
];
