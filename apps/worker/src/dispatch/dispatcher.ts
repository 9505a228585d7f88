import {
  type Delivery,
  DeliveryError,
  describeError,
  type LaneRef,
  type LaneStats,
  type SendOptions,
} from '@tqalert/core';
import type { Metrics } from '../ops/metrics.js';
import type { Runtime } from '../runtime/build-runtime.js';
import { nextDelayMs } from './backoff.js';
import { healthyLane, type LaneFailureKind, type LaneHealth, laneKey, needsFixing } from './lane-health.js';

export interface DispatchSummary {
  sent: number;
  retried: number;
  dead: number;
}

export interface DispatcherOptions {
  now: () => Date;
  metrics: Metrics;
  random?: () => number;
  owner?: string;
  /**
   * With several replicas: whether this replica may send on `lane` now (it holds the lane's lease). Told of
   * every lane seen, so it can ask for its lease. Default: every lane, always.
   */
  lanes?: { seen(lane: LaneRef): void; mayUse(lane: LaneRef): boolean };
}

/** Far enough ahead that every digest window has closed: what a flush claims with. */
const FLUSH_AHEAD_MS = 366 * 86_400_000;

/**
 * Sends the outbox lane by lane. A lane is one destination of one notifier (a Slack channel, a DM, an SMTP
 * route, a webhook); each lane has its own loop that claims only that lane's due deliveries, its own pace
 * (the notifier's per-channel limiter) and its own failure state. So a slow, throttled, misconfigured or failing
 * lane never delays another lane, and never delays a poll.
 *
 * Per delivery: sent → record kept for threads; retryable → backoff with jitter (never sooner than Retry-After);
 * permanent, too many attempts or too old → dead letters with the reason.
 * Per lane: a failure that is the lane's (unknown channel, refused login, rate limit) holds the whole lane with
 * exponential backoff and keeps its deliveries pending with the reason, WITHOUT spending their attempts.
 */
export class Dispatcher {
  readonly owner: string;
  private readonly pumps = new Map<string, Promise<void>>();
  private readonly health = new Map<string, LaneHealth>();
  private readonly totals: DispatchSummary = { sent: 0, retried: 0, dead: 0 };
  private stopping = false;

  constructor(
    private readonly runtime: Runtime,
    private readonly options: DispatcherOptions,
  ) {
    this.owner = options.owner ?? `worker-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  }

  /** Everything sent, retried and dead-lettered so far. */
  get summary(): DispatchSummary {
    return { ...this.totals };
  }

  /** Registers a lane the config names (so it shows in health and metrics before its first delivery). */
  knowLane(lane: LaneRef): void {
    const key = laneKey(lane);
    if (!this.health.has(key)) this.health.set(key, healthyLane(lane));
    const labels = { notifier: lane.notifier, destination: lane.destination };
    for (const name of ['tqalert_deliveries_sent_total', 'tqalert_delivery_retries_total'] as const)
      this.options.metrics.zero(name, labels);
    this.options.metrics.zero('tqalert_rate_limited_total', labels);
    for (const kind of ['auth', 'destination', 'rate_limited'])
      this.options.metrics.zero('tqalert_lane_failures_total', { ...labels, kind });
    this.options.metrics.set('tqalert_lane_healthy', 1, labels);
    this.options.metrics.set('tqalert_lane_queue_depth', 0, labels);
  }

  /** The state of every lane seen so far. */
  lanes(): LaneHealth[] {
    return [...this.health.values()].map((h) => ({ ...h }));
  }

  /**
   * Starts a loop for every lane with due deliveries that has none running and is not held. Returns at once;
   * the loops go on by themselves. With `flushDigests`, digest windows that have not closed yet count as due.
   */
  async tick(options: { flushDigests?: boolean } = {}): Promise<LaneStats[]> {
    const now = this.options.now();
    const claimAt = options.flushDigests ? new Date(now.getTime() + FLUSH_AHEAD_MS) : now;
    const stats = await this.runtime.store.laneStats(claimAt);
    await this.updateGauges(stats, now);
    if (this.stopping) return stats;
    for (const lane of stats) {
      const key = laneKey(lane);
      this.options.lanes?.seen(lane);
      if (lane.due === 0 || this.pumps.has(key)) continue;
      if (this.options.lanes && !this.options.lanes.mayUse(lane)) continue;
      if ((this.health.get(key)?.heldUntil ?? 0) > now.getTime()) continue;
      const pump = this.pump(lane, Boolean(options.flushDigests))
        .catch((error: unknown) => {
          this.runtime.logger.error('delivery lane loop failed; it starts again on the next tick', {
            notifier: lane.notifier,
            destination: lane.destination,
            error: this.runtime.redactor.text(describeError(error)),
          });
        })
        .finally(() => this.pumps.delete(key));
      this.pumps.set(key, pump);
    }
    return stats;
  }

  /** Resolves when every lane loop running now has ended. */
  async idle(): Promise<void> {
    while (this.pumps.size > 0) await Promise.allSettled([...this.pumps.values()]);
  }

  /** Stops starting sends, waits for the sends in flight, then lets go of every lease this dispatcher holds. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
    await this.runtime.store.releaseLeases(this.owner);
  }

  /** One lane's loop: claim this lane's due deliveries, send them group by group, until none is due. */
  private async pump(lane: LaneRef, flush: boolean): Promise<void> {
    const settings = this.runtime.loaded.config.pipeline.dispatch;
    const key = laneKey(lane);
    while (!this.stopping) {
      const now = this.options.now();
      if ((this.health.get(key)?.heldUntil ?? 0) > now.getTime()) return;
      const claimed = await this.runtime.store.claimDue({
        now: flush ? new Date(now.getTime() + FLUSH_AHEAD_MS) : now,
        limit: settings.batchSize,
        leaseMs: settings.lease,
        owner: this.owner,
        lane,
      });
      if (claimed.length === 0) return;
      const groups = groupsOf(claimed);
      // Most lanes send one message at a time (a paced Slack channel); a lane whose notifier says so (an SMTP
      // pool) sends up to that many at once.
      const width = laneWidth(this.runtime.notifiers.get(lane.notifier), lane.destination);
      let next = 0;
      const unsent: Delivery[][] = [];
      let halted = false;
      const worker = async (): Promise<void> => {
        while (!halted && next < groups.length) {
          const group = groups[next++] as Delivery[];
          const held = this.health.get(key);
          const lost = this.options.lanes !== undefined && !this.options.lanes.mayUse(lane);
          if (this.stopping || lost || (held && held.heldUntil > this.options.now().getTime())) {
            halted = true;
            unsent.push(group);
            return;
          }
          await this.sendGroup(group);
        }
      };
      await Promise.all(Array.from({ length: Math.min(width, groups.length) }, worker));
      if (halted) {
        // Give back what was never sent, now rather than at lease expiry: it waits with the lane's reason.
        await this.putBack([...unsent, ...groups.slice(next)].flat(), this.health.get(key));
        return;
      }
    }
  }

  private async putBack(deliveries: Delivery[], health: LaneHealth | undefined): Promise<void> {
    const now = this.options.now();
    for (const d of deliveries) {
      await this.runtime.store.markFailed(d.id, {
        owner: this.owner,
        error: health?.lastError ?? d.lastError ?? 'waiting for the lane',
        nextAttemptAt: new Date(Math.max(now.getTime(), health?.heldUntil ?? 0)),
        delivered: d.delivered,
        now,
        countAttempt: false,
      });
    }
  }

  private async sendGroup(group: Delivery[]): Promise<void> {
    const first = group[0] as Delivery;
    const { metrics } = this.options;
    const labels = { notifier: first.notifier, destination: first.destination };
    const notifier = this.runtime.notifiers.get(first.notifier);
    if (!notifier) {
      for (const d of group) {
        await this.runtime.store.markDead(d.id, {
          owner: this.owner,
          reason: `notifier "${d.notifier}" is no longer in the config; replay the dead letter after adding it back`,
          now: this.options.now(),
        });
      }
      this.totals.dead += group.length;
      return;
    }
    try {
      const message = notifier.formatAlert(
        group.map((d) => d.alert),
        first.alert.type,
      );
      const sendOptions: SendOptions = {
        destinations: [first.destination],
        alreadyDelivered: first.delivered,
        idempotencyKey: first.key,
        onRateLimited: () => metrics.inc('tqalert_rate_limited_total', labels),
      };
      if (this.runtime.loaded.config.pipeline.threadUpdates && first.objectKey && group.length === 1) {
        const thread = await this.runtime.store.getDeliveryRecord(
          first.objectKey,
          first.notifier,
          first.destination,
        );
        if (thread) sendOptions.thread = thread;
      }
      const records = await notifier.sendAlert(message, sendOptions);
      const record = records.find((r) => r.destination === first.destination) ?? records[0];
      const now = this.options.now();
      for (const d of group) {
        await this.runtime.store.markSent(d.id, {
          owner: this.owner,
          record: record ?? {
            notifier: d.notifier,
            destination: d.destination,
            parts: [],
            sentAt: now.toISOString(),
          },
          now,
        });
        metrics.observe(
          'tqalert_delivery_latency_seconds',
          Math.max(0, (now.getTime() - Date.parse(d.createdAt)) / 1000),
          labels,
        );
      }
      this.totals.sent += group.length;
      metrics.inc('tqalert_deliveries_sent_total', labels, group.length);
      this.laneRecovered(first);
      this.runtime.logger.info('delivered', {
        ...labels,
        alerts: group.length,
        parts: record?.parts.length ?? 0,
      });
    } catch (error) {
      if (DeliveryError.isInstance(error) && error.retryAfter !== undefined && error.scope !== 'lane') {
        metrics.inc('tqalert_rate_limited_total', labels);
      }
      if (DeliveryError.isInstance(error) && error.retryable && error.scope === 'lane') {
        await this.laneFailed(group, error);
      } else {
        await this.deliveryFailed(group, error);
      }
    }
  }

  /** The lane itself failed: hold it with backoff, keep the group pending with the reason, spend no attempt. */
  private async laneFailed(group: Delivery[], error: DeliveryError): Promise<void> {
    const first = group[0] as Delivery;
    const settings = this.runtime.loaded.config.pipeline.dispatch;
    const labels = { notifier: first.notifier, destination: first.destination };
    const key = laneKey(first);
    const health = this.health.get(key) ?? healthyLane(first);
    const reason = this.runtime.redactor.text(describeError(error));
    const kind: LaneFailureKind = error.auth
      ? 'auth'
      : error.retryAfter !== undefined || error.code === 'SLACK_RATE_LIMITED'
        ? 'rate_limited'
        : 'destination';
    const now = this.options.now();
    health.failures += 1;
    health.kind = kind;
    health.lastError = reason;
    const delay = nextDelayMs(health.failures, {
      baseMs: settings.baseDelay,
      maxMs: settings.maxDelay,
      retryAfterSeconds: error.retryAfter,
      ...(this.options.random ? { random: this.options.random } : {}),
    });
    health.heldUntil = now.getTime() + delay;
    this.health.set(key, health);
    this.options.metrics.inc('tqalert_lane_failures_total', { ...labels, kind });
    this.options.metrics.set('tqalert_lane_healthy', 0, labels);
    for (const d of group) {
      await this.runtime.store.markFailed(d.id, {
        owner: this.owner,
        error: reason,
        nextAttemptAt: new Date(health.heldUntil),
        delivered: DeliveryError.isInstance(error) ? error.delivered : [],
        now,
        countAttempt: false,
      });
    }
    this.totals.retried += group.length;
    this.options.metrics.inc('tqalert_delivery_retries_total', labels, group.length);
    // A honoured rate limit is routine; a broken lane is said once when it breaks, then quietly retried.
    const log = this.runtime.logger;
    const fields = { ...labels, kind, reason, retryInMs: delay, failuresInARow: health.failures };
    if (kind === 'rate_limited') log.debug('lane rate-limited; holding it', fields);
    else if (health.failures === 1)
      log.warn('lane cannot deliver; its deliveries wait (other lanes go on)', fields);
    else log.debug('lane still cannot deliver', fields);
  }

  /** This delivery (or digest) failed: retry it with backoff, or dead-letter it. */
  private async deliveryFailed(group: Delivery[], error: unknown): Promise<void> {
    const first = group[0] as Delivery;
    const settings = this.runtime.loaded.config.pipeline.dispatch;
    const labels = { notifier: first.notifier, destination: first.destination };
    const { metrics } = this.options;
    const log = this.runtime.logger;
    const now = this.options.now();
    const reason = this.runtime.redactor.text(describeError(error));
    const retryable = DeliveryError.isInstance(error) && error.retryable;
    const delivered = DeliveryError.isInstance(error) ? error.delivered : [];
    const retryAfter = DeliveryError.isInstance(error) ? error.retryAfter : undefined;
    for (const d of group) {
      const attempts = d.attempts + 1;
      const tooOld = now.getTime() - Date.parse(d.createdAt) > settings.maxAge;
      if (!retryable || attempts >= settings.maxAttempts || tooOld) {
        const why = !retryable
          ? reason
          : tooOld
            ? `gave up after ${attempts} attempts: older than pipeline.dispatch.maxAge; last error: ${reason}`
            : `gave up after ${attempts} attempts (pipeline.dispatch.maxAttempts); last error: ${reason}`;
        await this.runtime.store.markDead(d.id, { owner: this.owner, reason: why, now });
        this.totals.dead += 1;
        metrics.inc('tqalert_deliveries_failed_total', {
          notifier: first.notifier,
          reason: retryable ? 'exhausted' : 'permanent',
        });
        log.error('delivery dead-lettered', { ...labels, reason: why, key: d.key });
      } else {
        const delay = nextDelayMs(attempts, {
          baseMs: settings.baseDelay,
          maxMs: settings.maxDelay,
          retryAfterSeconds: retryAfter,
          ...(this.options.random ? { random: this.options.random } : {}),
        });
        await this.runtime.store.markFailed(d.id, {
          owner: this.owner,
          error: reason,
          nextAttemptAt: new Date(now.getTime() + delay),
          delivered,
          now,
        });
        this.totals.retried += 1;
        metrics.inc('tqalert_delivery_retries_total', labels);
        log.warn('delivery failed, will retry', { ...labels, reason, attempt: attempts, inMs: delay });
      }
    }
  }

  private laneRecovered(lane: LaneRef): void {
    const key = laneKey(lane);
    const health = this.health.get(key);
    if (health && health.failures > 0) {
      this.runtime.logger.info('lane delivers again', {
        notifier: lane.notifier,
        destination: lane.destination,
        after: health.failures,
      });
    }
    this.health.set(key, healthyLane(lane));
    this.options.metrics.set('tqalert_lane_healthy', 1, {
      notifier: lane.notifier,
      destination: lane.destination,
    });
  }

  /** Lanes that wait for a person to fix something (a typo, a refused token). */
  brokenLanes(): LaneHealth[] {
    return this.lanes().filter(needsFixing);
  }

  private async updateGauges(stats: LaneStats[], now: Date): Promise<void> {
    const { metrics } = this.options;
    const seen = new Set<string>();
    for (const lane of stats) {
      const labels = { notifier: lane.notifier, destination: lane.destination };
      seen.add(laneKey(lane));
      if (!this.health.has(laneKey(lane))) this.knowLane(lane);
      metrics.set('tqalert_lane_queue_depth', lane.pending, labels);
      metrics.set(
        'tqalert_lane_oldest_age_seconds',
        lane.oldestPendingAt ? Math.max(0, (now.getTime() - Date.parse(lane.oldestPendingAt)) / 1000) : 0,
        labels,
      );
    }
    for (const health of this.health.values()) {
      if (seen.has(laneKey(health))) continue;
      const labels = { notifier: health.notifier, destination: health.destination };
      metrics.set('tqalert_lane_queue_depth', 0, labels);
      metrics.set('tqalert_lane_oldest_age_seconds', 0, labels);
    }
    const outbox = await this.runtime.store.outboxStats(now);
    metrics.set('tqalert_outbox_depth', outbox.pending);
    metrics.set('tqalert_dead_letters', outbox.dead);
    metrics.set(
      'tqalert_oldest_undelivered_age_seconds',
      outbox.oldestPendingAt ? Math.max(0, (now.getTime() - Date.parse(outbox.oldestPendingAt)) / 1000) : 0,
    );
  }
}

/** How many sends a lane may have in flight: the notifier's `laneConcurrency` (1 to 16), else 1. */
function laneWidth(
  notifier: { laneConcurrency?: (lane: string) => number } | undefined,
  lane: string,
): number {
  const asked = typeof notifier?.laneConcurrency === 'function' ? notifier.laneConcurrency(lane) : 1;
  return Number.isInteger(asked) ? Math.min(16, Math.max(1, asked)) : 1;
}

/** Claimed deliveries as messages: one per digest group, one per single delivery, in claim order. */
function groupsOf(claimed: Delivery[]): Delivery[][] {
  const groups = new Map<string, Delivery[]>();
  for (const d of claimed) {
    const key = d.group ?? `single:${d.id}`;
    const list = groups.get(key) ?? [];
    list.push(d);
    groups.set(key, list);
  }
  return [...groups.values()];
}
