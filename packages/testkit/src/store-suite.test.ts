import { type ClaimOptions, type MarkFailedInput, MemoryStore, type PollCommit } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from './checks.js';
import type { StoreFactory } from './store-harness.js';
import { runStoreChecks, STORE_CHECK_NAMES, testStore } from './store-suite.js';
import {
  AuditlessSilenceStore,
  ForgetfulKeysStore,
  falselyDurableStore,
  LeaselessStore,
  PartForgettingStore,
  PiecemealCommitStore,
  UnfencedStore,
} from './test-broken.js';

// The suite as a plugin author uses it: one vitest test per check, against the reference store.
testStore('MemoryStore', () => new MemoryStore());

function failedNames(results: CheckResult[]): string[] {
  return results.filter((r) => !r.passed).map((r) => r.name);
}

async function failuresOf(factory: StoreFactory): Promise<string[]> {
  return failedNames(await runStoreChecks(factory));
}

describe('runStoreChecks', () => {
  it('passes every check for MemoryStore, and runs them all', async () => {
    const results = await runStoreChecks(() => new MemoryStore());
    expect(results.map((r) => r.name)).toEqual(STORE_CHECK_NAMES);
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(24);
  });

  it.each<[string, StoreFactory, string]>([
    [
      'forgets delivery keys between polls',
      () => new ForgetfulKeysStore(),
      'a delivery key is enqueued once, counted as a duplicate after that',
    ],
    [
      'forgets delivered parts on failure',
      () => new PartForgettingStore(),
      'markFailed counts the attempt, keeps delivered parts and reschedules',
    ],
    [
      'lets a stale lease owner mark a delivery',
      () => new UnfencedStore(),
      'a worker whose lease expired cannot mark the delivery',
    ],
  ])('catches a store that %s', async (_bug, factory, failing) => {
    expect(await failuresOf(factory)).toEqual([failing]);
  });

  it('catches a commit that is not all-or-nothing', async () => {
    const results = await runStoreChecks(() => new PiecemealCommitStore());
    expect(failedNames(results)).toEqual([
      'commitPoll is all-or-nothing: a commit that fails part-way stores nothing',
    ]);
    expect(results.find((r) => !r.passed)?.error).toContain('deliveries after the failed commit');
  });

  it('catches a store that ignores leases', async () => {
    // Every check that claims twice sees the leased deliveries handed out again.
    expect(await failuresOf(() => new LeaselessStore())).toEqual([
      'claimDue returns only due deliveries, leased to the caller',
      'a lease keeps other workers away until it expires',
      'claimDue honours limit, earliest due first',
      'claimDue returns whole digest groups, per notifier and destination',
      "releaseLeases frees one owner's leases, or every lease",
      'claimDue with a lane claims only that lane',
    ]);
  });

  it('catches a store that ignores the lane of a claim or counts lane failures as attempts', async () => {
    class LaneBlindStore extends MemoryStore {
      override claimDue(options: ClaimOptions) {
        return super.claimDue({ ...options, lane: undefined });
      }
      override markFailed(id: string, input: MarkFailedInput) {
        return super.markFailed(id, { ...input, countAttempt: true });
      }
    }
    expect(await failuresOf(() => new LaneBlindStore())).toEqual([
      'claimDue with a lane claims only that lane',
      'markFailed with countAttempt false keeps the attempt count',
    ]);
  });

  it('catches a store whose leases do not fence a stale commit', async () => {
    class StaleEpochStore extends MemoryStore {
      override commitPoll(commit: PollCommit) {
        return super.commitPoll({ ...commit, fence: undefined });
      }
    }
    expect(await failuresOf(() => new StaleEpochStore())).toEqual([
      'leases (when offered) go to one owner and fence stale poll commits',
    ]);
  });

  it('catches a store that claims durability without a way to reopen it', async () => {
    const results = await runStoreChecks(falselyDurableStore);
    expect(failedNames(results)).toEqual(['a durable store keeps everything across close and reopen']);
    expect(results.find((r) => !r.passed)?.error).toContain('gives no reopen()');
  });

  it('catches a durable store that loses data on reopen', async () => {
    // "Reopening" hands back a new, empty store: what a store writing to a fresh temp file each time would do.
    const results = await runStoreChecks(
      () => ({ store: new MemoryStore(), reopen: () => new MemoryStore() }),
      {
        only: ['a durable store keeps everything across close and reopen'],
      },
    );
    expect(results).toEqual([
      {
        name: 'a durable store keeps everything across close and reopen',
        passed: false,
        error: expect.stringContaining('cursor after reopen'),
      },
    ]);
  });

  it('passes the durability check for a store whose data survives reopen', async () => {
    const shared = new MemoryStore();
    const results = await runStoreChecks(() => ({ store: shared, reopen: () => shared }), {
      only: ['a durable store keeps everything across close and reopen'],
    });
    expect(results.map((r) => r.passed)).toEqual([true]);
  });

  it('catches a store that hides expired silences from the audit list', async () => {
    expect(await failuresOf(() => new AuditlessSilenceStore())).toEqual([
      'addSilence keeps what, who, why and until when; expired ones are listed only on request',
      'expireSilence ends a silence once, with who and when',
    ]);
  });

  it('disposes of the harness after every check, passed or failed', async () => {
    let disposed = 0;
    await runStoreChecks(() => ({
      store: new ForgetfulKeysStore(),
      dispose: () => {
        disposed += 1;
      },
    }));
    expect(disposed).toBe(STORE_CHECK_NAMES.length);
  });
});
