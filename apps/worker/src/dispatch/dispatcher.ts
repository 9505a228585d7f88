import { type Delivery, DeliveryError, describeError, type SendOptions } from '@tqalert/core';
import type { Metrics } from '../ops/metrics.js';
import type { Runtime } from '../runtime/build-runtime.js';
import { nextDelayMs } from './backoff.js';

export interface DispatchSummary {
  sent: number;
  retried: number;
  dead: number;
}

/**
 * Sends due deliveries from the outbox. Deliveries are claimed with a lease, grouped per notifier, destination
 * and digest group (one message per group), and each outcome is written back before the next send:
 * sent → record kept for threads; retryable → backoff with jitter (never sooner than Retry-After);
 * permanent, too many attempts or too old → dead letters with the reason.
 */
export class Dispatcher {
  private readonly owner: string;
  private inFlight: Promise<DispatchSummary> | undefined;

  constructor(
    private readonly runtime: Runtime,
    private readonly options: { now: () => Date; metrics: Metrics; random?: () => number; owner?: string },
  ) {
    this.owner = options.owner ?? `worker-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  }

  /** The current or a new dispatch pass (passes never overlap). */
  tick(options: { flushDigests?: boolean } = {}): Promise<DispatchSummary> {
    if (!this.inFlight) {
      this.inFlight = this.pass(options).finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  /** Waits for the pass in flight, then lets go of every lease this dispatcher holds. */
  async stop(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
    await this.runtime.store.releaseLeases(this.owner);
  }

  private async pass(options: { flushDigests?: boolean }): Promise<DispatchSummary> {
    const settings = this.runtime.loaded.config.pipeline.dispatch;
    const now = this.options.now();
    // When flushing (run --once, shutdown drain), digest windows that have not closed yet are sent now.
    const claimAt = options.flushDigests ? new Date(now.getTime() + 366 * 86_400_000) : now;
    const claimed = await this.runtime.store.claimDue({
      now: claimAt,
      limit: settings.batchSize,
      leaseMs: settings.lease,
      owner: this.owner,
    });
    const summary: DispatchSummary = { sent: 0, retried: 0, dead: 0 };
    const byNotifier = new Map<string, Delivery[][]>();
    const groups = new Map<string, Delivery[]>();
    for (const d of claimed) {
      const key = `${d.notifier}\u0000${d.destination}\u0000${d.group ?? `single:${d.id}`}`;
      const list = groups.get(key) ?? [];
      list.push(d);
      groups.set(key, list);
    }
    for (const group of groups.values()) {
      const notifier = group[0]?.notifier as string;
      const list = byNotifier.get(notifier) ?? [];
      list.push(group);
      byNotifier.set(notifier, list);
    }
    // Notifiers work in parallel; within one notifier, groups go one at a time (its rate limits stay simple).
    await Promise.all(
      [...byNotifier.values()].map(async (list) => {
        for (const group of list) await this.sendGroup(group, summary);
      }),
    );
    await this.updateGauges();
    return summary;
  }

  private async sendGroup(group: Delivery[], summary: DispatchSummary): Promise<void> {
    const first = group[0] as Delivery;
    const { metrics } = this.options;
    const log = this.runtime.logger.child({ notifier: first.notifier, destination: first.destination });
    const notifier = this.runtime.notifiers.get(first.notifier);
    const settings = this.runtime.loaded.config.pipeline.dispatch;
    const labels = { notifier: first.notifier };
    if (!notifier) {
      for (const d of group) {
        await this.runtime.store.markDead(d.id, {
          owner: this.owner,
          reason: `notifier "${d.notifier}" is no longer in the config; replay the dead letter after adding it back`,
          now: this.options.now(),
        });
      }
      summary.dead += group.length;
      return;
    }
    try {
      const alerts = group.map((d) => d.alert);
      const message = notifier.formatAlert(alerts, first.alert.type);
      const sendOptions: SendOptions = {
        destinations: [first.destination],
        alreadyDelivered: first.delivered,
        idempotencyKey: first.key,
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
      }
      summary.sent += group.length;
      metrics.inc(
        'tqalert_deliveries_sent_total',
        'Deliveries accepted by their target',
        labels,
        group.length,
      );
      log.info('delivered', { alerts: group.length, parts: record?.parts.length ?? 0 });
    } catch (error) {
      const now = this.options.now();
      const reason = this.runtime.redactor.text(describeError(error));
      const retryable = DeliveryError.isInstance(error) && error.retryable;
      const delivered = DeliveryError.isInstance(error) ? error.delivered : [];
      const retryAfter = DeliveryError.isInstance(error) ? error.retryAfter : undefined;
      if (retryAfter !== undefined) {
        metrics.inc('tqalert_rate_limited_total', 'Sends a target answered with rate limiting', labels);
      }
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
          summary.dead += 1;
          metrics.inc('tqalert_deliveries_failed_total', 'Deliveries moved to dead letters', {
            ...labels,
            reason: retryable ? 'exhausted' : 'permanent',
          });
          log.error('delivery dead-lettered', { reason: why, key: d.key });
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
          summary.retried += 1;
          metrics.inc('tqalert_delivery_retries_total', 'Retryable send failures, scheduled again', labels);
          log.warn('delivery failed, will retry', { reason, attempt: attempts, inMs: delay });
        }
      }
    }
  }

  private async updateGauges(): Promise<void> {
    const now = this.options.now();
    const stats = await this.runtime.store.outboxStats(now);
    const { metrics } = this.options;
    metrics.set('tqalert_outbox_depth', 'Deliveries waiting in the outbox', stats.pending);
    metrics.set('tqalert_dead_letters', 'Dead letters kept for inspection or replay', stats.dead);
    metrics.set(
      'tqalert_oldest_undelivered_age_seconds',
      'Age of the oldest pending delivery',
      stats.oldestPendingAt ? Math.max(0, (now.getTime() - Date.parse(stats.oldestPendingAt)) / 1000) : 0,
    );
  }
}
