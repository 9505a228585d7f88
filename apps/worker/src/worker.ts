import type { Logger, Redactor } from '@tqalert/core';
import type { LoadedConfig } from './config/load-config.js';
import { Dispatcher, type DispatchSummary } from './dispatch/dispatcher.js';
import { Metrics } from './ops/metrics.js';
import { startOpsServer } from './ops/ops-server.js';
import { type PollReport, pollService } from './pipeline/poll-service.js';
import { buildRuntime, closeRuntime, type Runtime } from './runtime/build-runtime.js';
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
  dead: number;
  ok: boolean;
}

/** The long-running worker: schedules polls, runs the dispatcher, serves health and metrics. */
export class Worker {
  readonly metrics = new Metrics();
  private runtime: Runtime | undefined;
  private dispatcher: Dispatcher | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly polling = new Map<string, Promise<PollReport>>();
  private readonly destinationCache = new Map<string, string[]>();
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private started = false;
  private ops: { url: string; close(): Promise<void> } | undefined;
  private readonly now: () => Date;

  constructor(
    private readonly loaded: LoadedConfig,
    private readonly options: WorkerOptions,
  ) {
    this.now = options.now ?? (() => new Date());
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
      // A previous process may have died holding leases: this worker owns the store now.
      await this.runtime.store.releaseLeases();
      this.dispatcher = new Dispatcher(this.runtime, { now: this.now, metrics: this.metrics });
    }
    return this.runtime;
  }

  /** Loads every plugin, validates its options and opens the store, without polling or sending. */
  async check(): Promise<void> {
    await this.ensureRuntime();
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
          ready: () =>
            this.stopping
              ? { ok: false, reason: 'shutting down' }
              : this.started
                ? { ok: true }
                : { ok: false },
        },
        this.metrics,
      );
      this.options.logger.info('ops server listening', { url: this.ops.url });
    }
    for (const entry of runtime.services.values()) this.schedule(entry.config.id, 0);
    this.dispatchLoop();
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
      // A run never overlaps itself: the next one is scheduled only after this one ends.
      const run = pollService(runtime, entry, {
        now: this.now,
        metrics: this.metrics,
        destinationCache: this.destinationCache,
      });
      this.polling.set(serviceId, run);
      await run;
      this.polling.delete(serviceId);
      this.schedule(serviceId, msUntilNextRun(entry.config, this.now()));
    }, delayMs);
    this.timers.add(timer);
  }

  private dispatchLoop(): void {
    if (this.stopping || !this.dispatcher) return;
    const interval = this.loaded.config.pipeline.dispatch.interval;
    const timer = setTimeout(async () => {
      this.timers.delete(timer);
      try {
        await this.dispatcher?.tick();
      } catch (error) {
        this.options.logger.error('dispatch pass failed', { error: (error as Error).message });
      }
      this.dispatchLoop();
    }, interval);
    this.timers.add(timer);
  }

  /**
   * Runs every service once, then sends everything due (digest windows flushed), retrying retryable failures
   * while their backoff fits in `maxWaitMs`. `ok` is false if a poll failed or a delivery is dead or pending.
   */
  async runOnce(options: { maxWaitMs?: number; dispatch?: boolean } = {}): Promise<OnceSummary> {
    const runtime = await this.ensureRuntime();
    const dispatcher = this.dispatcher as Dispatcher;
    const polls: PollReport[] = [];
    for (const entry of runtime.services.values()) {
      polls.push(
        await pollService(runtime, entry, {
          now: this.now,
          metrics: this.metrics,
          destinationCache: this.destinationCache,
        }),
      );
    }
    const dispatch: DispatchSummary = { sent: 0, retried: 0, dead: 0 };
    const deadline = Date.now() + (options.maxWaitMs ?? 30_000);
    while (options.dispatch !== false) {
      const pass = await dispatcher.tick({ flushDigests: true });
      dispatch.sent += pass.sent;
      dispatch.retried += pass.retried;
      dispatch.dead += pass.dead;
      const stats = await runtime.store.outboxStats(this.now());
      if (stats.pending === 0 || Date.now() > deadline) break;
      if (pass.sent === 0 && pass.retried === 0 && pass.dead === 0)
        await new Promise((r) => setTimeout(r, 200));
    }
    const stats = await runtime.store.outboxStats(this.now());
    return {
      polls,
      dispatch,
      pending: stats.pending,
      dead: dispatch.dead,
      ok:
        polls.every((p) => p.ok) &&
        dispatch.dead === 0 &&
        (options.dispatch === false || stats.pending === 0),
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
    })();
    await Promise.race([drain, new Promise((r) => setTimeout(r, bound).unref())]);
    await this.ops?.close();
    if (this.runtime) await closeRuntime(this.runtime);
    this.options.logger.info('worker stopped');
  }
}
