import {
  type Alert,
  describeError,
  findSilence,
  isAuthFailure,
  type NewDeadLetter,
  type NewDelivery,
  type SeenEntry,
} from '@tqalert/core';
import type { Metrics } from '../ops/metrics.js';
import type { Runtime, ServiceEntry } from '../runtime/build-runtime.js';
import { bypassesDigest, routeMatches } from './route-alert.js';

export interface PollOptions {
  now: () => Date;
  metrics: Metrics;
  destinationCache: Map<string, string[]>;
  /** Backfill from this time: the service ignores its cursor, and the stored cursor does not move. */
  since?: Date;
  /** Decide everything but commit nothing (the CLI's `run --dry-run` and `preview`). */
  dryRun?: boolean;
  /** With several replicas: commit only while this replica still holds the service's lease at this epoch. */
  fence?: { lease: string; owner: string; epoch: number } | undefined;
}

export interface PollReport {
  service: string;
  ok: boolean;
  fetched: number;
  enqueued: number;
  duplicates: number;
  suppressed: Record<string, number>;
  rejected: number;
  notes: string[];
  error?: string;
  /** True when the poll failed because ThreatQ (or another upstream) refused the credentials. */
  authFailed?: boolean;
  /** True when another replica took the service's lease during the poll (nothing was committed). */
  fenced?: boolean;
  /** The deliveries this poll decided on (committed unless dry-run). */
  deliveries: NewDelivery[];
}

class PollTimeoutError extends Error {}

async function withTimeout<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  what: string,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new PollTimeoutError(`${what} took longer than ${ms} ms (services[].timeout)`));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `path` as one shell word, quoted only when it needs to be. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}

/** `collection:id` of the alert's object, the key for threading. */
export function objectKeyOf(alert: Alert): string | undefined {
  return alert.object ? `${alert.object.collection}:${alert.object.id}` : undefined;
}

/**
 * One poll of one service: fetch, sanitize, dedup / realert / silence, route, then ONE store transaction that
 * enqueues the deliveries, records rejected records as dead letters and moves the cursor. If anything before
 * the commit fails, nothing is committed and the next poll starts from the same cursor.
 */
export async function pollService(
  runtime: Runtime,
  entry: ServiceEntry,
  options: PollOptions,
): Promise<PollReport> {
  const { store, loaded } = runtime;
  const { service, config } = entry;
  const pipeline = loaded.config.pipeline;
  const log = runtime.logger.child({ service: config.id });
  const report: PollReport = {
    service: config.id,
    ok: false,
    fetched: 0,
    enqueued: 0,
    duplicates: 0,
    suppressed: {},
    rejected: 0,
    notes: [],
    deliveries: [],
  };
  const suppress = (reason: string) => {
    report.suppressed[reason] = (report.suppressed[reason] ?? 0) + 1;
    options.metrics.inc('tqalert_alerts_suppressed_total', { service: config.id, reason });
  };
  options.metrics.inc('tqalert_polls_total', { service: config.id });
  const started = Date.now();
  try {
    const cursor = await store.getCursor(config.id);
    const fetched = await withTimeout(
      async (signal) => {
        await service.connect();
        return service.fetchAlerts({
          cursor: options.since ? undefined : cursor,
          now: options.now(),
          logger: log,
          signal,
          ...(options.since ? { since: options.since } : {}),
        });
      },
      config.timeout,
      `polling service "${config.id}"`,
    );
    report.fetched = fetched.alerts.length;
    // The backfill command a note names must reach this worker's store: add the config it was started with.
    const withConfig = (text: string) =>
      text.replaceAll('tqalert backfill --', `tqalert backfill --config ${shellWord(loaded.file)} --`);
    const notes = (fetched.notes ?? []).map(withConfig);
    const warnings = (fetched.warnings ?? []).map(withConfig);
    report.notes.push(...notes, ...warnings);
    for (const note of notes) log.info(note);
    for (const warning of warnings) log.warn(warning);
    const clean = service.sanitizeAlerts(fetched.alerts);
    const now = options.now();
    const deadLetters: NewDeadLetter[] = [...(fetched.rejected ?? []), ...clean.rejected].map((r) => ({
      kind: 'record',
      service: config.id,
      reason: r.reason,
      payload: r.record,
      attempts: 0,
      key: r.objectKey,
    }));
    report.rejected = deadLetters.length;
    options.metrics.inc('tqalert_records_rejected_total', { service: config.id }, deadLetters.length);
    for (const d of deadLetters)
      log.warn('upstream record rejected, kept in dead letters', { reason: d.reason });

    const seenKeys = clean.alerts.map((a) => `${config.id}|${a.id}`);
    const seen = await store.getSeen(seenKeys);
    const silences = await store.listSilences({ now });
    const seenUpdates: SeenEntry[] = [];
    const deliveries: NewDelivery[] = [];
    options.metrics.inc('tqalert_alerts_total', { service: config.id }, clean.alerts.length);

    for (const alert of clean.alerts) {
      const key = `${config.id}|${alert.id}`;
      const previous = seen.get(key);
      if (previous && now.getTime() - Date.parse(previous.lastAlertedAt) < pipeline.realert) {
        suppress('duplicate');
        continue;
      }
      const count = (previous?.count ?? 0) + 1;
      seenUpdates.push({
        key,
        service: config.id,
        firstSeenAt: previous?.firstSeenAt ?? now.toISOString(),
        lastAlertedAt: now.toISOString(),
        count,
      });
      if (findSilence(silences, alert, now)) {
        suppress('silenced');
        continue;
      }
      const targets = new Map<string, { group?: string; notBefore: string }>();
      for (const [r, route] of config.routes.entries()) {
        if (!routeMatches(route, alert)) continue;
        for (const notifierId of route.notify) {
          if (targets.has(notifierId)) continue;
          if (route.digest && !bypassesDigest(route, alert)) {
            const windowStart = Math.floor(now.getTime() / route.digest.window) * route.digest.window;
            targets.set(notifierId, {
              group: `${config.id}|route${r}|${windowStart}`,
              notBefore: new Date(windowStart + route.digest.window).toISOString(),
            });
          } else {
            targets.set(notifierId, { notBefore: now.toISOString() });
          }
        }
      }
      if (targets.size === 0) {
        suppress('unrouted');
        continue;
      }
      for (const [notifierId, target] of targets) {
        const notifier = runtime.notifiers.get(notifierId);
        if (!notifier) continue;
        // Lanes are named without asking the target: a poll never fails because a destination is wrong.
        let destinations = options.destinationCache.get(notifierId);
        if (!destinations) {
          destinations = await notifier.lanes();
          options.destinationCache.set(notifierId, destinations);
        }
        for (const destination of destinations) {
          deliveries.push({
            key: `${key}|${notifierId}|${destination}|${count}`,
            service: config.id,
            notifier: notifierId,
            destination,
            alert,
            group: target.group,
            objectKey: objectKeyOf(alert),
            notBefore: target.notBefore,
          });
        }
      }
    }
    report.deliveries = deliveries;
    if (options.dryRun) {
      report.ok = true;
      report.enqueued = deliveries.length;
      return report;
    }
    const committed = await store.commitPoll({
      service: config.id,
      cursor: options.since ? undefined : fetched.cursor,
      seen: seenUpdates,
      deliveries,
      deadLetters,
      now,
      ...(options.fence ? { fence: options.fence } : {}),
    });
    if (options.fence) {
      // The epoch log: one line per committed poll, so a replica's leadership can be audited afterwards.
      // `preparedAt` (taken before the fenced commit) orders the commits; the line's own time does not, since a
      // process paused between its commit and this line logs it after its successor's.
      log.info('poll committed', {
        owner: options.fence.owner,
        epoch: options.fence.epoch,
        preparedAt: now.toISOString(),
      });
    }
    report.enqueued = committed.enqueued;
    report.duplicates = committed.duplicates;
    report.ok = true;
    options.metrics.set('tqalert_last_success_timestamp_seconds', now.getTime() / 1000, {
      service: config.id,
    });
    options.metrics.observe('tqalert_poll_duration_seconds', (Date.now() - started) / 1000, {
      service: config.id,
    });
    log.info('poll done', {
      fetched: report.fetched,
      enqueued: report.enqueued,
      suppressed: report.suppressed,
      rejected: report.rejected,
    });
  } catch (error) {
    report.error = runtime.redactor.text(describeError(error));
    if ((error as { code?: unknown }).code === 'STORE_FENCED') {
      // Another replica took the service while this poll ran: it polls now; this one committed nothing.
      report.fenced = true;
      log.warn('lost the service lease during the poll; nothing committed, the new holder polls', {
        error: report.error,
      });
      return report;
    }
    report.authFailed = isAuthFailure(error);
    const reason = report.authFailed ? 'auth' : error instanceof PollTimeoutError ? 'timeout' : 'error';
    options.metrics.inc('tqalert_poll_failures_total', { service: config.id, reason });
    log.error('poll failed; the cursor did not move, the next poll retries', {
      error: report.error,
      reason,
    });
  }
  return report;
}
