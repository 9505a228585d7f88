/**
 * Which objects are watched this poll: ThreatQ's watchlist, the configured objects, the matches of a data
 * collection, or a mix, deduplicated, filtered by `collections`, and cut at `maxObjects` (the caller says so).
 */
import type { RejectedRecord } from '@tqalert/core';
import type { ThreatQClient } from '@tqalert/threatq-client';
import type { ResolvedWatchlistConfig } from './config.js';
import { objectKey, parseObjectRef, type WatchedRef } from './object-key.js';

/** The ThreatQ calls the service makes. A `ThreatQClient` has them all. */
export type WatchlistThreatQ = Pick<
  ThreatQClient,
  'getObject' | 'listWatchlist' | 'readDataCollection' | 'objectLink'
>;

/** The watched objects, in the order found. */
export interface WatchedSet {
  refs: WatchedRef[];
  /** True when more than `maxObjects` objects are watched and only the first `maxObjects` are in `refs`. */
  truncated: boolean;
  /** Data collection records that did not even carry an id. */
  rejected: RejectedRecord[];
}

function idOf(raw: unknown): number | undefined {
  const id = (raw as { id?: unknown } | null)?.id;
  const value = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id;
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

async function* candidates(
  threatq: WatchlistThreatQ,
  config: ResolvedWatchlistConfig,
  rejected: RejectedRecord[],
): AsyncGenerator<WatchedRef> {
  if (config.source !== 'config') {
    const only = config.collections?.length === 1 ? config.collections[0] : undefined;
    for await (const entry of threatq.listWatchlist(only === undefined ? {} : { objectType: only }))
      yield { collection: entry.collection, id: entry.objectId };
  }
  if (config.source === 'watchlist') return;
  for (const text of config.objects) {
    const ref = parseObjectRef(text);
    if (ref !== undefined) yield ref;
  }
  const collection = config.dataCollection;
  if (collection === undefined) return;
  // A record the client cannot read may still carry its id: it is then read (and judged) like any other.
  const unreadable: WatchedRef[] = [];
  const matches = threatq.readDataCollection(collection.hash, {
    collection: collection.collection,
    onInvalidRecord(error, raw) {
      const id = idOf(raw);
      if (id !== undefined) unreadable.push({ collection: collection.collection, id });
      else
        rejected.push({
          reason: `data collection ${collection.hash} sent a record without an id, so it cannot be watched: ${error.message}`,
          record: raw,
        });
    },
  });
  for await (const match of matches) {
    yield* unreadable.splice(0);
    yield { collection: match.collection, id: match.id };
  }
  yield* unreadable.splice(0);
}

/** Collects the watched set, stopping once it holds more than `maxObjects` objects. */
export async function watchedSet(
  threatq: WatchlistThreatQ,
  config: ResolvedWatchlistConfig,
  signal?: AbortSignal,
): Promise<WatchedSet> {
  const rejected: RejectedRecord[] = [];
  const seen = new Set<string>();
  const refs: WatchedRef[] = [];
  for await (const ref of candidates(threatq, config, rejected)) {
    signal?.throwIfAborted();
    if (config.collections !== undefined && !config.collections.includes(ref.collection)) continue;
    const key = objectKey(ref);
    if (seen.has(key)) continue;
    if (refs.length === config.maxObjects) return { refs, truncated: true, rejected };
    seen.add(key);
    refs.push(ref);
  }
  return { refs, truncated: false, rejected };
}
