/**
 * Small, real implementations of the core contracts that core's own tests compose: a text formatter and a
 * notifier that delivers into an in-memory inbox. Not part of the published build.
 */
import { type Alert, type AlertInput, createAlert, type NotificationType } from './alert.js';
import { DeliveryError } from './errors.js';
import { BaseFormatter } from './formatter.js';
import { BaseNotifier, type DeliveryRecord, type SendOptions } from './notifier.js';

/** A valid alert input; `overrides` replace fields. */
export function alertInput(overrides: Partial<AlertInput> = {}): AlertInput {
  return {
    id: 'watchlist|indicators:1|score:8',
    type: 'WATCHLIST',
    service: 'watchlist',
    title: 'Score raised',
    occurredAt: '2026-03-01T12:00:00Z',
    ...overrides,
  };
}

/** A validated alert; `overrides` replace fields. */
export function alert(overrides: Partial<AlertInput> = {}): Alert {
  return createAlert(alertInput(overrides));
}

/** Renders one line per alert, headed by the type. */
export class TextFormatter extends BaseFormatter<string> {
  format(alerts: readonly Alert[], type: NotificationType): string {
    return [`[${type}]`, ...alerts.map((a) => `${a.severity}: ${a.title}`)].join('\n');
  }
}

/** One message an {@link InboxNotifier} delivered. */
export interface InboxMessage {
  destination: string;
  text: string;
}

/**
 * Delivers text into `inbox`, one message per destination. `fail` makes every send throw the given
 * {@link DeliveryError} (or any other error), as a target that is down would.
 */
export class InboxNotifier extends BaseNotifier<string> {
  readonly inbox: InboxMessage[] = [];
  fail: unknown;
  private readonly targets: string[];

  constructor(name: string, targets: string[] = ['#alerts']) {
    super(name);
    this.targets = targets;
  }

  override async destinations(): Promise<string[]> {
    return [...this.targets];
  }

  async sendAlert(message: string, options: SendOptions = {}): Promise<DeliveryRecord[]> {
    if (this.fail !== undefined) throw this.fail;
    const records: DeliveryRecord[] = [];
    for (const destination of options.destinations ?? this.targets) {
      this.inbox.push({ destination, text: message });
      records.push({
        notifier: this.name,
        destination,
        parts: [{ destination, part: 0, ref: { index: String(this.inbox.length - 1) } }],
        sentAt: new Date().toISOString(),
      });
    }
    return records;
  }
}

/** A retryable delivery failure, as a target answering 503 would cause. */
export function unavailable(notifier: string): DeliveryError {
  return new DeliveryError({ message: 'target answered 503', retryable: true, notifier });
}

/** Runs `run` and returns what it threw, when `is` recognises it; anything else fails the test. */
export function thrownBy<E>(run: () => unknown, is: (error: unknown) => error is E): E {
  try {
    run();
  } catch (error) {
    if (is(error)) return error;
    throw error;
  }
  throw new Error('expected an error, but nothing was thrown');
}
