import type { NewSilence } from '@tqalert/core';
import type { Check } from './checks.js';
import { ensure, ensureEqual, ensureIso, ensureSameJson, ensureSameTime } from './ensure.js';
import type { StoreSubject } from './store-harness.js';
import { storeCheck } from './store-harness.js';
import { at, T0 } from './store-samples.js';

function silenceInput(overrides: Partial<NewSilence> = {}): NewSilence {
  return {
    matchers: { service: 'watchlist', tag: 'noisy', maxScore: 4 },
    author: 'analyst@example.com',
    reason: 'Feed X re-scores these every hour',
    startsAt: T0.toISOString(),
    expiresAt: at(3600).toISOString(),
    ...overrides,
  };
}

/** Checks of silences. */
export const silenceChecks: Check<StoreSubject>[] = [
  storeCheck(
    'addSilence keeps what, who, why and until when; expired ones are listed only on request',
    async (store) => {
      const input = silenceInput();
      const added = await store.addSilence(input);
      ensure(typeof added.id === 'string' && added.id !== '', 'silence id must be a non-empty string');
      ensureIso(added.createdAt, 'createdAt');
      ensureSameJson(
        [added.matchers, added.author, added.reason],
        [input.matchers, input.author, input.reason],
        'matchers, author, reason',
      );
      ensureSameTime(added.startsAt, T0, 'startsAt');
      ensureSameTime(added.expiresAt, at(3600), 'expiresAt');

      const active = await store.listSilences({ now: at(1800) });
      ensureEqual(
        active.map((s) => s.id),
        [added.id],
        'listSilences while active',
      );
      ensureSameJson(active[0]?.matchers, input.matchers, 'listed matchers');
      ensureEqual((await store.listSilences({ now: at(7200) })).length, 0, 'listSilences after expiresAt');
      ensureEqual(
        (await store.listSilences({ now: at(7200), includeExpired: true })).map((s) => s.id),
        [added.id],
        'listSilences after expiresAt with includeExpired',
      );
    },
  ),

  storeCheck('addSilence without startsAt starts the silence now', async (store) => {
    const before = Date.now();
    const added = await store.addSilence(
      silenceInput({ startsAt: undefined, expiresAt: new Date(before + 3_600_000).toISOString() }),
    );
    const after = Date.now();
    ensureIso(added.startsAt, 'startsAt');
    const startsAt = Date.parse(added.startsAt);
    ensure(
      startsAt >= before - 1000 && startsAt <= after + 1000,
      `startsAt should be the time of the call, got ${added.startsAt}`,
    );
    ensureEqual(
      (await store.listSilences({ now: new Date(after + 1000) })).map((s) => s.id),
      [added.id],
      'listSilences a second later',
    );
  }),

  storeCheck('expireSilence ends a silence once, with who and when', async (store) => {
    const added = await store.addSilence(silenceInput());
    ensureEqual(
      await store.expireSilence(added.id, { by: 'lead@example.com', now: at(600) }),
      true,
      'first expire',
    );
    ensureEqual(
      await store.expireSilence(added.id, { by: 'lead@example.com', now: at(700) }),
      false,
      'second expire',
    );
    ensureEqual(await store.expireSilence('no-such-silence', { by: 'x', now: at(700) }), false, 'unknown id');
    ensureEqual((await store.listSilences({ now: at(900) })).length, 0, 'listSilences after expiring');
    const [expired] = await store.listSilences({ now: at(900), includeExpired: true });
    ensureEqual(expired?.expiredBy, 'lead@example.com', 'expiredBy');
    ensureSameTime(expired?.expiredAt, at(600), 'expiredAt');
  }),
];
