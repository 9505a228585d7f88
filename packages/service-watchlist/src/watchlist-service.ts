/** `WatchlistService`: changes to watched ThreatQ objects as alerts, one per changed object. */
import {
  type AlertInput,
  BaseService,
  ConfigError,
  type FetchContext,
  type FetchResult,
  NotificationTypes,
} from '@tqalert/core';
import {
  type ResolvedWatchlistConfig,
  resolveWatchlistConfig,
  type WatchlistServiceConfig,
} from './config.js';
import { diffSnapshots } from './diff-snapshots.js';
import { objectKey, parseObjectRef } from './object-key.js';
import { readWatched } from './read-watched.js';
import { readCursor, snapshotOf, type WatchSnapshot, writeCursor } from './snapshot.js';
import { type WatchlistThreatQ, watchedSet } from './watched-set.js';
import { type AlertOrigin, changeAlert, firstSightAlert, unwatchAlert } from './watchlist-alerts.js';

const CLIENT_METHODS = ['getObject', 'listWatchlist', 'readDataCollection', 'objectLink'] as const;

/** The first argument, checked: a missing client is the worker config's missing `threatq:` section. */
function checkClient(threatq: unknown): WatchlistThreatQ {
  const client = threatq as Record<string, unknown> | null | undefined;
  const missing =
    typeof client === 'object' && client !== null
      ? CLIENT_METHODS.filter((method) => typeof client[method] !== 'function')
      : undefined;
  if (missing?.length === 0) return client as unknown as WatchlistThreatQ;
  const message =
    missing === undefined
      ? 'no ThreatQ client: the watchlist service reads ThreatQ, so the worker config needs a threatq: section (url, auth); in code, pass a ThreatQClient as the first argument'
      : `expected a ThreatQClient from @tqalert/threatq-client as the first argument of new WatchlistService(threatq, config); this one has no ${missing.join(', ')}`;
  throw new ConfigError([{ path: 'threatq', message }], { source: 'WatchlistService' });
}

/**
 * Watches ThreatQ objects and alerts when they change.
 *
 * Each poll reads every watched object (ThreatQ's watchlist, configured objects, or a data collection's matches)
 * with its expansions, compares it with the snapshot kept in the cursor, and yields ONE alert per changed object
 * carrying every change (`score` 5 → 8, sources added, a new comment …). The first sight of an object is a
 * baseline, not an alert, unless `alertOnFirstSight` is set. An object that cannot be read becomes a rejected
 * record (its last snapshot is kept), and the others go on.
 *
 * @example
 * const service = new WatchlistService(threatq, { fields: ['score', 'status', 'tags'] });
 * service.addNotifier(notifier);
 * worker.addService(service);
 * await worker.start(); // first run: baseline; later runs: one alert per changed object
 */
export class WatchlistService extends BaseService {
  /** The options in effect, defaults filled in. */
  readonly config: ResolvedWatchlistConfig;
  private readonly threatq: WatchlistThreatQ;

  /** @throws ConfigError when `threatq` is not a ThreatQ client or an option is wrong (each with its path). */
  constructor(threatq: WatchlistThreatQ, config: WatchlistServiceConfig = {}) {
    const client = checkClient(threatq);
    const resolved = resolveWatchlistConfig(config);
    super(resolved.id, NotificationTypes.WATCHLIST);
    this.threatq = client;
    this.config = resolved;
  }

  /** Reads the watched objects and alerts on what changed since the snapshot in `context.cursor`. */
  async fetchAlerts(context: FetchContext): Promise<FetchResult> {
    const { config } = this;
    const previous = readCursor(context.cursor);
    const notes: string[] = [];
    const warnings: string[] = [];
    if (!previous.valid) {
      warnings.push(
        `Watchlist service "${this.id}": the stored cursor is not one this version wrote, so this poll takes a new baseline; changes made since the last good poll are not alerted.`,
      );
    }
    const watched = await watchedSet(this.threatq, config, context.signal);
    const read = await readWatched(this.threatq, watched.refs, config.concurrency, context.signal);
    const origin: AlertOrigin = { service: this.id, link: (c, id) => this.threatq.objectLink(c, id) };
    const alerts: AlertInput[] = [];
    const next = new Map<string, WatchSnapshot>();
    let baselined = 0;

    for (const ref of watched.refs) {
      const key = objectKey(ref);
      const object = read.objects.get(key);
      const before = previous.objects.get(key);
      if (object === undefined) {
        // Unreadable this time: keep what we knew, so the next good read still sees the change.
        if (before !== undefined) next.set(key, before);
        continue;
      }
      const snapshot = snapshotOf(object, config.fields);
      next.set(key, snapshot);
      if (before === undefined) {
        if (config.alertOnFirstSight) alerts.push(firstSightAlert(origin, object, snapshot));
        else baselined += 1;
        continue;
      }
      const changes = diffSnapshots(before, snapshot, object, config.fields);
      if (changes.length > 0) alerts.push(changeAlert(origin, object, snapshot, changes));
    }

    for (const [key, snapshot] of previous.objects) {
      if (next.has(key)) continue;
      // Past maxObjects we cannot tell unwatched from unchecked, so nothing is dropped.
      if (watched.truncated) next.set(key, snapshot);
      else if (config.alertOnUnwatch) {
        const ref = parseObjectRef(key);
        if (ref !== undefined) alerts.push(unwatchAlert(origin, ref, snapshot, context.now));
      }
    }

    if (watched.truncated) {
      warnings.push(
        `Watchlist service "${this.id}" watches more than maxObjects (${config.maxObjects}) objects: only the first ${config.maxObjects} were checked, the others keep their last snapshot. Raise maxObjects or narrow collections.`,
      );
    }
    if (context.cursor === undefined && baselined > 0) {
      notes.push(
        `Watchlist service "${this.id}": first run, took a baseline of ${baselined} watched object(s); changes from now on are alerted (set alertOnFirstSight: true to alert on first sight).`,
      );
    }
    return {
      alerts,
      cursor: writeCursor(next),
      rejected: [...watched.rejected, ...read.rejected],
      notes,
      warnings,
    };
  }
}
