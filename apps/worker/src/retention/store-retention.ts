/**
 * Keeps a long-running worker's store bounded: every hour it prunes rows older than `store.retention` (sent
 * deliveries, seen-ledger entries, unused delivery keys, delivery records) in small batches, yielding to the
 * event loop between batches so polls and lanes never wait on it; every minute it exports the store's size as
 * `tqalert_store_bytes`. Pending deliveries and dead letters are never pruned (dead letters stay until purged).
 * A store without the optional `prune` / `storageBytes` methods is left alone.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { describeError, type Logger, type Store } from '@tqalert/core';
import type { Metrics } from '../ops/metrics.js';

/** Rows per kind per batch: one short transaction each. */
const BATCH = 500;
/** Batches per run at most, so one run never goes on for long; the next run takes the rest. */
const MAX_BATCHES = 200;
const PRUNE_EVERY_MS = 3_600_000;
const SIZE_EVERY_MS = 60_000;

/** What the retention loop works with. */
export interface RetentionOptions {
  /** Rows older than this (ms) are pruned. */
  retentionMs: number;
  metrics: Metrics;
  logger: Logger;
  now: () => Date;
  /** The worker's timers: cleared on stop, so no run starts after it. */
  timers: Set<NodeJS.Timeout>;
  stopping: () => boolean;
}

/** One pass: prune in batches until a batch comes back short (or the pass's bound is reached). */
export async function pruneStore(store: Store, options: RetentionOptions): Promise<number> {
  if (!store.prune) return 0;
  const before = new Date(options.now().getTime() - options.retentionMs);
  let deleted = 0;
  for (let batch = 0; batch < MAX_BATCHES && !options.stopping(); batch++) {
    const counts = await store.prune({ before, limit: BATCH });
    for (const [kind, count] of Object.entries(counts)) {
      if (count > 0) options.metrics.inc('tqalert_store_pruned_total', { kind }, count);
      deleted += count;
    }
    if (Object.values(counts).every((count) => count < BATCH)) break;
    await yieldToLoop();
  }
  return deleted;
}

/** Starts pruning (now, then hourly) and size reporting (now, then every minute). */
export function keepStoreBounded(store: Store, options: RetentionOptions): void {
  let lastPrune = Number.NEGATIVE_INFINITY;
  const tick = async () => {
    try {
      if (options.now().getTime() - lastPrune >= PRUNE_EVERY_MS) {
        lastPrune = options.now().getTime();
        const deleted = await pruneStore(store, options);
        if (deleted > 0)
          options.logger.info('store retention pruned old rows', {
            deleted,
            retentionMs: options.retentionMs,
          });
      }
      if (store.storageBytes && !options.stopping())
        options.metrics.set('tqalert_store_bytes', await store.storageBytes());
    } catch (error) {
      options.logger.warn('store retention failed; it runs again in a minute', {
        error: describeError(error),
      });
    }
    if (options.stopping()) return;
    const timer = setTimeout(() => {
      options.timers.delete(timer);
      void tick();
    }, SIZE_EVERY_MS);
    timer.unref();
    options.timers.add(timer);
  };
  void tick();
}
