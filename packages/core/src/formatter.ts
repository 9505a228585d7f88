import type { Alert, NotificationType } from './alert.js';
import { TQAlertError } from './errors.js';

/**
 * Turns alerts of one {@link NotificationType} into one channel's message. Subclasses implement the pure
 * {@link BaseFormatter.format}; the guide's stateful `setData()` → `formatData()` → `getFormatted()` sequence
 * is built on it.
 *
 * @typeParam TOutput - the channel's message shape (Block Kit payloads, MIME parts, a webhook body).
 */
export abstract class BaseFormatter<TOutput = unknown> {
  /** The notification type this formatter renders by default. */
  notificationType: NotificationType;
  private data: Alert[] = [];
  private formatted: TOutput | undefined;

  constructor(notificationType: NotificationType) {
    this.notificationType = notificationType;
  }

  /** Pure: the message for `alerts`, rendered as `type`. Never mutates its input. */
  abstract format(alerts: readonly Alert[], type: NotificationType): TOutput;

  /** Sets the alerts the next {@link BaseFormatter.formatData} call renders. */
  setData(alerts: readonly Alert[]): this {
    this.data = [...alerts];
    this.formatted = undefined;
    return this;
  }

  /** Renders the data given to {@link BaseFormatter.setData}. */
  formatData(): this {
    this.formatted = this.format(this.data, this.notificationType);
    return this;
  }

  /** The output of the last {@link BaseFormatter.formatData}. Throws if nothing was formatted yet. */
  getFormatted(): TOutput {
    if (this.formatted === undefined) {
      throw new TQAlertError('FORMATTER_NOT_RUN', 'getFormatted() called before setData() and formatData()');
    }
    return this.formatted;
  }
}
