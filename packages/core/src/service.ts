import { type Alert, createAlert, type NotificationType } from './alert.js';
import { DeliveryError, describeError, TQAlertError } from './errors.js';
import { type Logger, silentLogger } from './logger.js';
import type { BaseNotifier, DeliveryRecord } from './notifier.js';

/** What a service is given for one poll. */
export interface FetchContext {
  /** The service's cursor from the last successful poll (undefined on the first). */
  cursor: unknown;
  now: Date;
  logger: Logger;
  signal?: AbortSignal;
  /** A backfill: find alerts from this time on, ignoring the cursor (services that can, do). */
  since?: Date;
}

/** An upstream record a service could not turn into an alert, kept with the reason (never silently dropped). */
export interface RejectedRecord {
  reason: string;
  record: unknown;
  /** `collection:id` of the object, when known. */
  objectKey?: string;
}

/** What one poll found. */
export interface FetchResult {
  /** Alert candidates; {@link BaseService.sanitizeAlerts} validates them. */
  alerts: unknown[];
  /** The cursor to store once these alerts are safely enqueued. */
  cursor?: unknown;
  /** Records that could not become alerts, with reasons. */
  rejected?: RejectedRecord[];
  /** Things the user should know in a healthy run (a first-run baseline), logged as information. */
  notes?: string[];
  /** Things that need the user's attention (a catch-up horizon that skipped matches), logged as warnings. */
  warnings?: string[];
}

/** What {@link BaseService.sanitizeAlerts} returns: valid alerts, and the candidates it refused with reasons. */
export interface SanitizeResult {
  alerts: Alert[];
  rejected: RejectedRecord[];
}

/** A delivery that failed, per notifier. */
export interface DeliveryFailure {
  notifier: string;
  reason: string;
  retryable: boolean;
  alertIds: string[];
}

/** What {@link BaseService.sendAlerts} returns: a record per delivered destination, a failure per notifier. */
export interface SendResult {
  deliveries: DeliveryRecord[];
  failures: DeliveryFailure[];
}

/**
 * A source of alerts. The worker calls, in the guide's order: {@link BaseService.connect},
 * {@link BaseService.fetchAlerts}, {@link BaseService.sanitizeAlerts}, {@link BaseService.sendAlerts}.
 */
export abstract class BaseService {
  /** Unique id (the config id in the worker); also the `service` field of its alerts. */
  id: string;
  /** The type its alerts are formatted as. */
  notificationType: NotificationType;
  /** Cursor kept in memory when the service runs without a store (library use). */
  cursor: unknown;
  protected readonly notifiers: BaseNotifier<unknown>[] = [];

  constructor(id: string, notificationType: NotificationType) {
    this.id = id;
    this.notificationType = notificationType;
  }

  /** Adds a notifier that {@link BaseService.sendAlerts} delivers to. */
  addNotifier(notifier: BaseNotifier<unknown>): this {
    this.notifiers.push(notifier);
    return this;
  }

  /** The notifiers added so far. */
  getNotifiers(): readonly BaseNotifier<unknown>[] {
    return this.notifiers;
  }

  /** Connects to the source (authenticates, resolves names). Default: nothing to do. */
  async connect(): Promise<void> {}

  /** Finds new alerts since `context.cursor`. */
  abstract fetchAlerts(context: FetchContext): Promise<FetchResult>;

  /**
   * Validates candidates against the Alert schema and drops repeats of an id within the batch. Invalid ones are
   * returned as rejected records with the reason. Override to add normalisation, then call `super`.
   */
  sanitizeAlerts(candidates: readonly unknown[]): SanitizeResult {
    const alerts: Alert[] = [];
    const rejected: RejectedRecord[] = [];
    const ids = new Set<string>();
    for (const candidate of candidates) {
      try {
        const alert = createAlert(candidate);
        if (ids.has(alert.id)) continue;
        ids.add(alert.id);
        alerts.push(alert);
      } catch (error) {
        rejected.push({ reason: describeError(error), record: candidate });
      }
    }
    return { alerts, rejected };
  }

  /** Formats and sends `alerts` through every notifier. One failing notifier does not stop the others. */
  async sendAlerts(alerts: readonly Alert[]): Promise<SendResult> {
    const result: SendResult = { deliveries: [], failures: [] };
    if (alerts.length === 0) return result;
    for (const notifier of this.notifiers) {
      try {
        const message = notifier.formatAlert(alerts, this.notificationType);
        result.deliveries.push(...(await notifier.sendAlert(message)));
      } catch (error) {
        result.failures.push({
          notifier: notifier.name,
          reason: describeError(error),
          retryable: DeliveryError.isInstance(error) ? error.retryable : false,
          alertIds: alerts.map((a) => a.id),
        });
      }
    }
    return result;
  }

  /** Releases resources. Default: nothing to do. */
  async close(): Promise<void> {}
}

/** What {@link ServiceWorker.start} reports for one service. */
export interface ServiceReport {
  service: string;
  ok: boolean;
  fetched: number;
  sanitized: number;
  rejected: RejectedRecord[];
  sent: number;
  failed: Array<{ stage: 'connect' | 'fetch' | 'sanitize' | 'send'; reason: string; notifier?: string }>;
  notes: string[];
  durationMs: number;
}

/** Runs services in the guide's order (the guide's `TQServiceWorker`). */
export class ServiceWorker {
  private readonly services: BaseService[] = [];
  private readonly logger: Logger;
  private readonly now: () => Date;

  constructor(options: { logger?: Logger; now?: () => Date } = {}) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
  }

  /** Adds a service; ids must be unique. */
  addService(service: BaseService): this {
    if (this.services.some((s) => s.id === service.id)) {
      throw new TQAlertError('SERVICE_DUPLICATE', `A service with id "${service.id}" was already added`);
    }
    this.services.push(service);
    return this;
  }

  /**
   * Runs every service once: connect, fetchAlerts, sanitizeAlerts, sendAlerts. A service's cursor advances only
   * when every notifier accepted its alerts, so a failed delivery is found again on the next run. A failing
   * service never stops the others. Resolves with a report per service.
   */
  async start(): Promise<ServiceReport[]> {
    const reports: ServiceReport[] = [];
    for (const service of this.services) reports.push(await this.runOne(service));
    return reports;
  }

  private async runOne(service: BaseService): Promise<ServiceReport> {
    const started = Date.now();
    const log = this.logger.child({ service: service.id });
    const report: ServiceReport = {
      service: service.id,
      ok: false,
      fetched: 0,
      sanitized: 0,
      rejected: [],
      sent: 0,
      failed: [],
      notes: [],
      durationMs: 0,
    };
    let stage: ServiceReport['failed'][number]['stage'] = 'connect';
    try {
      await service.connect();
      stage = 'fetch';
      const fetched = await service.fetchAlerts({ cursor: service.cursor, now: this.now(), logger: log });
      report.fetched = fetched.alerts.length;
      report.notes.push(...(fetched.notes ?? []));
      stage = 'sanitize';
      const clean = service.sanitizeAlerts(fetched.alerts);
      report.sanitized = clean.alerts.length;
      report.rejected = [...(fetched.rejected ?? []), ...clean.rejected];
      for (const rejected of report.rejected) log.warn('record rejected', { reason: rejected.reason });
      stage = 'send';
      if (clean.alerts.length > 0 && service.getNotifiers().length === 0) {
        // Advancing the cursor here would lose these alerts for good.
        throw new TQAlertError(
          'SERVICE_NO_NOTIFIERS',
          `Service "${service.id}" has no notifiers, so its ${clean.alerts.length} alert(s) were not sent: call addNotifier() before start()`,
        );
      }
      const sent = await service.sendAlerts(clean.alerts);
      report.sent = sent.failures.length === 0 ? clean.alerts.length : 0;
      for (const failure of sent.failures) {
        report.failed.push({ stage: 'send', reason: failure.reason, notifier: failure.notifier });
      }
      if (sent.failures.length === 0 && fetched.cursor !== undefined) service.cursor = fetched.cursor;
    } catch (error) {
      report.failed.push({ stage, reason: describeError(error) });
      log.error(`service failed at ${stage}`, { error: describeError(error) });
    }
    report.ok = report.failed.length === 0;
    report.durationMs = Date.now() - started;
    return report;
  }
}

/** The guide's name for {@link ServiceWorker}. */
export { ServiceWorker as TQServiceWorker };
