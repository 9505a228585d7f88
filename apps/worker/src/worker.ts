import type { Logger, Redactor } from '@tqalert/core';
import type { LoadedConfig } from './config/load-config.js';
import { nextDelayMs } from './dispatch/backoff.js';
import { Dispatcher, type DispatchSummary } from './dispatch/dispatcher.js';
import { type LaneHealth, needsFixing } from './dispatch/lane-health.js';
import type { InteractionsReceiver } from './interactions/receivers.js';
import { startInteractions } from './interactions/start-interactions.js';
import { Metrics } from './ops/metrics.js';
import { startOpsServer } from './ops/ops-server.js';
import { type PollOptions, type PollReport, pollService } from './pipeline/poll-service.js';
import { LeaseKeeper, laneLease, serviceLease } from './replicas/lease-keeper.js';
import { keepStoreBounded } from './retention/store-retention.js';
import { buildRuntime, closeRuntime, type Runtime } from './runtime/build-runtime.js';
import { verifyNotifiers } from './runtime/verify-notifiers.js';
import { msUntilNextRun } from './schedule/schedule.js';

export interface WorkerOptions {
  logger: Logger;
  redactor?: Redactor;
  now?: () => Date;
  /** Bound on a graceful stop, in ms. */
  stopTimeoutMs?: number;
}

export interface OnceSummary {
  polls: PollReport[];
  dispatch: DispatchSummary;
  /** Deliveries still pending after the run (retryable failures). */
  pending: number;
  /** What is still pending, per lane, with the reason it waits. */
  lanes: Array<{ notifier: string; destination: string; pending: number; reason?: string | undefined }>;
  dead: number;
  ok: boolean;
}

/** A service's recent poll outcomes, for readiness and poll backoff. */
interface ServiceHealth {
  failures: number;
  authFailed: boolean;
  lastError?: string | undefined;
}

/** Default bound of `runOnce` (and `--once`) waiting for the outbox to drain. */
export const DEFAULT_ONCE_MAX_WAIT_MS = 600_000;

/** The long-running worker: schedules polls, runs the dispatcher, serves health and metrics. */
export class Worker {
  readonly metrics = new Metrics();
  private runtime: Runtime | undefined;
  private dispatcher: Dispatcher | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly polling = new Map<string, Promise<PollReport>>();
  private readonly destinationCache = new Map<string, string[]>();
  private readonly serviceHealth = new Map<string, ServiceHealth>();
  private leases: LeaseKeeper | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private started = false;
  private ops: { url: string; close(): Promise<void> } | undefined;
  private interactions: InteractionsReceiver | undefined;
  private readonly now: () => Date;

  constructor(
    private readonly loaded: LoadedConfig,
    private readonly options: WorkerOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Where Slack interactions are received once started: `socket`, or the HTTP request URL. */
  get interactionsWhere(): string | undefined {
    return this.interactions?.where;
  }

  /** URL of the ops server once started. */
  get opsUrl(): string | undefined {
    return this.ops?.url;
  }

  private async ensureRuntime(): Promise<Runtime> {
    if (!this.runtime) {
      this.runtime = await buildRuntime(this.loaded, {
        logger: this.options.logger,
        ...(this.options.redactor ? { redactor: this.options.redactor } : {}),
      });
      const owner = `worker-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
      const store = this.runtime.store;
      const timings = (store as { timings?: { ttlMs?: number } }).timings;
      this.leases = new LeaseKeeper({
        store,
        owner,
        ttlMs: timings?.ttlMs ?? 15_000,
        logger: this.options.logger,
        now: this.now,
      });
      // A store of one process: a previous process may have died holding claims, and this one owns it now.
      // A shared store: other replicas' claims are theirs; a dead replica's expire by themselves.
      if (!this.leases.shared) await store.releaseLeases();
      for (const id of this.runtime.services.keys()) this.leases.want(serviceLease(id));
      const keeper = this.leases;
      this.dispatcher = new Dispatcher(this.runtime, {
        now: this.now,
        metrics: this.metrics,
        owner,
        ...(keeper.shared
          ? {
              lanes: {
                seen: (lane) => keeper.want(laneLease(lane.notifier, lane.destination)),
                mayUse: (lane) => keeper.holding(laneLease(lane.notifier, lane.destination)) !== undefined,
              },
            }
          : {}),
      });
      await this.primeMetrics(this.runtime, this.dispatcher);
    }
    return this.runtime;
  }

  /** Creates every per-service and per-lane series at 0, so each is exported before its first event. */
  private async primeMetrics(runtime: Runtime, dispatcher: Dispatcher): Promise<void> {
    const { metrics } = this;
    for (const service of runtime.services.keys()) {
      for (const name of [
        'tqalert_polls_total',
        'tqalert_alerts_total',
        'tqalert_records_rejected_total',
      ] as const)
        metrics.zero(name, { service });
      for (const reason of ['auth', 'timeout', 'error'])
        metrics.zero('tqalert_poll_failures_total', { service, reason });
      for (const reason of ['duplicate', 'silenced', 'unrouted'])
        metrics.zero('tqalert_alerts_suppressed_total', { service, reason });
    }
    for (const [id, notifier] of runtime.notifiers) {
      for (const reason of ['exhausted', 'permanent'])
        metrics.zero('tqalert_deliveries_failed_total', { notifier: id, reason });
      let lanes: string[];
      try {
        lanes = await notifier.lanes();
      } catch {
        continue;
      }
      this.destinationCache.set(id, lanes);
      for (const destination of lanes) dispatcher.knowLane({ notifier: id, destination });
    }
  }

  /**
   * Readiness: not while starting or stopping; not when a service failed `readiness.failures` polls in a row
   * or a lane's credentials were refused that often. Lanes held by a bad destination are named but keep the
   * worker ready (the other lanes deliver).
   */
  readiness(): { ok: boolean; reason?: string; details: string[] } {
    const threshold = this.loaded.config.pipeline.readiness.failures;
    const details: string[] = [];
    let reason: string | undefined;
    for (const [service, health] of this.serviceHealth) {
      if (health.failures === 0) continue;
      const line = `service ${service}: ${health.failures} failed poll(s) in a row${health.authFailed ? ' (credentials refused)' : ''}: ${health.lastError ?? ''}`;
      details.push(line);
      if (health.failures >= threshold) reason ??= line;
    }
    for (const lane of this.dispatcher?.lanes() ?? []) {
      if (lane.failures === 0) continue;
      const line = describeLane(lane);
      details.push(line);
      if (lane.kind === 'auth' && lane.failures >= threshold) reason ??= line;
    }
    if (this.stopping) return { ok: false, reason: 'shutting down', details };
    if (!this.started) return { ok: false, reason: 'starting', details };
    return reason ? { ok: false, reason, details } : { ok: true, details };
  }

  private notePoll(report: PollReport): void {
    if (report.fenced) return;
    const health = this.serviceHealth.get(report.service) ?? { failures: 0, authFailed: false };
    if (report.ok) this.serviceHealth.set(report.service, { failures: 0, authFailed: false });
    else {
      health.failures += 1;
      health.authFailed = report.authFailed === true;
      health.lastError = report.error;
      this.serviceHealth.set(report.service, health);
    }
    this.metrics.set('tqalert_ready', this.readiness().ok ? 1 : 0);
  }

  /**
   * Loads every plugin, validates its options, opens the store, and asks every notifier to verify it can
   * deliver (Slack names resolve, the SMTP login works), without polling or sending.
   */
  async check(): Promise<void> {
    await verifyNotifiers(await this.ensureRuntime());
  }

  /** Starts polling on schedule and dispatching continuously. */
  async start(): Promise<void> {
    const runtime = await this.ensureRuntime();
    const server = this.loaded.config.server;
    if (server.enabled) {
      this.ops = await startOpsServer(
        { ...server, logger: this.options.logger },
        {
          live: () => true,
          ready: () => this.readiness(),
        },
        this.metrics,
      );
      this.options.logger.info('ops server listening', { url: this.ops.url });
    }
    await this.leases?.start();
    const interactions = this.loaded.config.interactions;
    if (interactions) this.interactions = await startInteractions(interactions, runtime, this.metrics);
    for (const entry of runtime.services.values()) this.schedule(entry.config.id, 0);
    this.dispatchLoop();
    keepStoreBounded(runtime.store, {
      retentionMs: this.loaded.config.store.retention,
      metrics: this.metrics,
      logger: this.options.logger,
      now: this.now,
      timers: this.timers,
      stopping: () => this.stopping,
    });
    this.started = true;
    this.options.logger.info('worker started', {
      services: [...runtime.services.keys()],
      notifiers: [...runtime.notifiers.keys()],
      durableStore: runtime.store.durable,
    });
  }

  private schedule(serviceId: string, delayMs: number): void {
    if (this.stopping) return;
    const timer = setTimeout(async () => {
      this.timers.delete(timer);
      const runtime = this.runtime;
      const entry = runtime?.services.get(serviceId);
      if (!runtime || !entry || this.stopping) return;
      // With several replicas only the service's lease holder polls; the others look again a little later.
      const fence = this.fenceFor(serviceId);
      if (fence === null) {
        this.schedule(serviceId, this.leaseRecheckMs());
        return;
      }
      // A run never overlaps itself: the next one is scheduled only after this one ends.
      const run = pollService(runtime, entry, {
        now: this.now,
        metrics: this.metrics,
        destinationCache: this.destinationCache,
        ...(fence ? { fence } : {}),
      });
      this.polling.set(serviceId, run);
      const report = await run;
      this.polling.delete(serviceId);
      this.notePoll(report);
      // Failed polls back off exponentially (a refused login is not retried every minute for ever).
      const failures = this.serviceHealth.get(serviceId)?.failures ?? 0;
      const normal = msUntilNextRun(entry.config, this.now());
      const settings = this.loaded.config.pipeline.dispatch;
      const backoff =
        failures > 1
          ? nextDelayMs(failures, { baseMs: Math.max(normal, settings.baseDelay), maxMs: 900_000 })
          : 0;
      if (backoff > normal) {
        this.options.logger.info('polling backs off after failed polls', {
          service: serviceId,
          failures,
          nextInMs: backoff,
        });
      }
      this.schedule(serviceId, Math.max(normal, backoff));
    }, delayMs);
    this.timers.add(timer);
  }

  /**
   * The fence for a poll of `serviceId`: `undefined` on a store of one process (no fence needed), `null` when
   * another replica holds the service's lease (do not poll).
   */
  private fenceFor(serviceId: string): PollOptions['fence'] | null {
    const keeper = this.leases;
    if (!keeper?.shared) return undefined;
    const lease = keeper.holding(serviceLease(serviceId));
    return lease ? { lease: lease.name, owner: lease.owner, epoch: lease.epoch } : null;
  }

  private leaseRecheckMs(): number {
    const ttl =
      (this.runtime?.store as { timings?: { ttlMs?: number } } | undefined)?.timings?.ttlMs ?? 15_000;
    return Math.max(200, Math.floor(ttl / 3));
  }

  private dispatchLoop(): void {
    if (this.stopping || !this.dispatcher) return;
    const interval = this.loaded.config.pipeline.dispatch.interval;
    const timer = setTimeout(async () => {
      this.timers.delete(timer);
      try {
        // Starts a loop for each lane with due deliveries; lanes then run on their own.
        await this.dispatcher?.tick();
        this.metrics.set('tqalert_ready', this.readiness().ok ? 1 : 0);
      } catch (error) {
        this.options.logger.error('dispatch pass failed', { error: (error as Error).message });
      }
      this.dispatchLoop();
    }, interval);
    this.timers.add(timer);
  }

  /**
   * Runs every service once, then sends everything due (digest windows flushed), each lane on its own, retrying
   * retryable failures while their backoff fits in `maxWaitMs` (default {@link DEFAULT_ONCE_MAX_WAIT_MS}). Stops
   * waiting early when all that is left waits for a person (a mistyped channel, refused credentials).
   * `ok` is false if a poll failed or a delivery is dead or pending.
   */
  async runOnce(options: { maxWaitMs?: number; dispatch?: boolean } = {}): Promise<OnceSummary> {
    const runtime = await this.ensureRuntime();
    const dispatcher = this.dispatcher as Dispatcher;
    const polls: PollReport[] = [];
    await this.leases?.tick();
    for (const entry of runtime.services.values()) {
      const fence = this.fenceFor(entry.config.id);
      if (fence === null) {
        this.options.logger.info('another replica holds this service: not polled', {
          service: entry.config.id,
        });
        continue;
      }
      const report = await pollService(runtime, entry, {
        now: this.now,
        metrics: this.metrics,
        destinationCache: this.destinationCache,
        ...(fence ? { fence } : {}),
      });
      this.notePoll(report);
      polls.push(report);
    }
    const deadline = Date.now() + (options.maxWaitMs ?? DEFAULT_ONCE_MAX_WAIT_MS);
    let lanes: OnceSummary['lanes'] = [];
    while (options.dispatch !== false) {
      const stats = await dispatcher.tick({ flushDigests: true });
      // Lanes seen for the first time are asked for now, not a third of a lease later.
      if (this.leases?.shared) {
        await this.leases.tick();
        await dispatcher.tick({ flushDigests: true });
      }
      await dispatcher.idle();
      const after = await runtime.store.laneStats(new Date(this.now().getTime() + 366 * 86_400_000));
      const health = new Map(dispatcher.lanes().map((l) => [`${l.notifier}|${l.destination}`, l]));
      lanes = after.map((l) => ({
        notifier: l.notifier,
        destination: l.destination,
        pending: l.pending,
        reason: health.get(`${l.notifier}|${l.destination}`)?.lastError ?? l.lastError,
      }));
      if (after.length === 0 || Date.now() > deadline) break;
      const waitingForAPerson = after.every((l) => {
        const h = health.get(`${l.notifier}|${l.destination}`);
        return h !== undefined && needsFixing(h);
      });
      if (waitingForAPerson) break;
      // Sleep until the next lane or delivery is due (bounded, so a held lane is seen when its hold ends).
      const nextAt = Math.min(
        ...after.map((l) => Date.parse(l.nextAttemptAt ?? '') || Date.now()),
        ...[...health.values()].map((h) => h.heldUntil || Number.POSITIVE_INFINITY),
      );
      const waitMs = Math.max(50, Math.min(nextAt - this.now().getTime(), deadline - Date.now(), 1000));
      if (stats.every((l) => l.due === 0)) await new Promise((r) => setTimeout(r, waitMs));
    }
    const outbox = await runtime.store.outboxStats(this.now());
    const dispatch = dispatcher.summary;
    return {
      polls,
      dispatch,
      pending: outbox.pending,
      lanes,
      dead: dispatch.dead,
      ok:
        polls.every((p) => p.ok) &&
        dispatch.dead === 0 &&
        (options.dispatch === false || outbox.pending === 0),
    };
  }

  /** Stops polling, finishes or releases in-flight deliveries, closes the store. Bounded by stopTimeoutMs. */
  stop(): Promise<void> {
    // Every caller (a second signal, a reload) waits for the same, single shutdown.
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const bound = this.options.stopTimeoutMs ?? 10_000;
    const drain = (async () => {
      await Promise.allSettled([...this.polling.values()]);
      await this.dispatcher?.stop();
      // Last: another replica takes this one's services and lanes at once instead of after the lease time.
      await this.leases?.stop();
    })();
    await Promise.race([drain, new Promise((r) => setTimeout(r, bound).unref())]);
    await this.interactions?.close();
    await this.ops?.close();
    if (this.runtime) await closeRuntime(this.runtime);
    this.options.logger.info('worker stopped');
  }
}

/** One line about a lane that is not delivering, for /readyz and --once. */
function describeLane(lane: LaneHealth): string {
  const what =
    lane.kind === 'auth'
      ? 'credentials refused'
      : lane.kind === 'rate_limited'
        ? 'rate-limited'
        : 'destination not deliverable';
  return `lane ${lane.notifier} → ${lane.destination}: ${what}, ${lane.failures} failure(s) in a row: ${lane.lastError ?? ''}`;
}
