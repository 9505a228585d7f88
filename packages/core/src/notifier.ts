import type { Alert, NotificationType } from './alert.js';
import { type DeliveredPart, TQAlertError } from './errors.js';
import type { BaseFormatter } from './formatter.js';

/** Where a notifier sent one message: a Slack channel and ts, an email Message-ID. */
export interface DeliveryRecord {
  /** The notifier's name. */
  notifier: string;
  /** Destination id: a Slack channel id, an email address list, a webhook URL's name. */
  destination: string;
  /** Every part that was delivered, in order (a split message has more than one). */
  parts: DeliveredPart[];
  /** When the last part was accepted, ISO 8601. */
  sentAt: string;
}

/** Options for one send. */
export interface SendOptions {
  /** Only these destinations (a retry after a partial failure). Default: all of the notifier's. */
  destinations?: readonly string[];
  /** Parts already delivered by an earlier attempt: the notifier must not send them again. */
  alreadyDelivered?: readonly DeliveredPart[];
  /** A previous delivery about the same object, to reply in its thread or update it. */
  thread?: DeliveryRecord;
  /** Stable key for this delivery; notifiers that support idempotency pass it on. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Called for every rate-limit answer the target gives during this send, waited out or not. */
  onRateLimited?: (retryAfterSeconds: number) => void;
}

/**
 * Delivers formatted messages to one kind of target. The guide's `setFormatter()`, `formatAlert()` and
 * `sendAlert()` keep their names.
 *
 * @typeParam TMessage - what this notifier's formatter produces.
 */
export abstract class BaseNotifier<TMessage = unknown> {
  /** Unique name of this notifier instance (the config id in the worker). */
  name: string;
  protected formatter: BaseFormatter<TMessage> | undefined;

  constructor(name: string) {
    this.name = name;
  }

  /** Gives the notifier the formatter that shapes alerts for it. */
  setFormatter(formatter: BaseFormatter<TMessage>): this {
    this.formatter = formatter;
    return this;
  }

  /** The formatter set with {@link BaseNotifier.setFormatter}, if any. */
  getFormatter(): BaseFormatter<TMessage> | undefined {
    return this.formatter;
  }

  /** Formats alerts with the formatter (as `type`, or the formatter's own type). */
  formatAlert(alerts: readonly Alert[], type?: NotificationType): TMessage {
    if (!this.formatter) {
      throw new TQAlertError(
        'NOTIFIER_NO_FORMATTER',
        `Notifier "${this.name}" has no formatter: call setFormatter() before sending alerts`,
      );
    }
    return this.formatter.format(alerts, type ?? this.formatter.notificationType);
  }

  /**
   * The destinations this notifier delivers to (channel ids, address lists). Resolves names on first call.
   * The worker keeps one outbox entry per destination so that one failing target never holds up another.
   */
  async destinations(): Promise<string[]> {
    return ['default'];
  }

  /**
   * The worker's delivery lanes for this notifier, one per destination, known WITHOUT any network call (so a
   * poll never fails because a destination cannot be resolved). Each lane is later passed back as
   * `sendAlert(message, { destinations: [lane] })`, and the notifier resolves it then: a lane that cannot be
   * resolved fails alone (throw a DeliveryError with `scope: 'lane'`). Default: {@link destinations}.
   */
  async lanes(): Promise<string[]> {
    return this.destinations();
  }

  /**
   * How many sends of one lane the worker may have in flight at once. Default 1: one at a time, in order, as a
   * paced Slack channel needs. A notifier whose lanes take parallel sends (an SMTP connection pool) returns more.
   * The worker treats a notifier without this method (built against an older core) as 1.
   */
  laneConcurrency(_lane: string): number {
    return 1;
  }

  /**
   * Sends one formatted message to every destination (or `options.destinations`). Resolves with one record per
   * destination; throws {@link DeliveryError} (with `retryable`, `retryAfter` and the parts already delivered).
   */
  abstract sendAlert(message: TMessage, options?: SendOptions): Promise<DeliveryRecord[]>;

  /**
   * Checks, without sending anything, that this notifier can deliver: credentials accepted, every destination
   * known. `tqalert-worker --check` and `tqalert validate --online` call it. Throws a ConfigError (names that do
   * not resolve, with suggestions) or a DeliveryError (a refused login). Default: nothing to check.
   */
  async verify(): Promise<void> {}

  /** Releases connections (SMTP pools, timers). Default: nothing to do. */
  async close(): Promise<void> {}
}
