import { type Alert, BaseFormatter, type NotificationType, validateAlerts } from '@tqalert/core';
import { DIGEST_COLUMNS, digestDocument } from './digest-document.js';
import type { EmailMessage } from './email-message.js';
import {
  type EmailFormatterOptions,
  type ResolvedEmailFormatterOptions,
  resolveFormatterOptions,
} from './formatter-options.js';
import { MAX_ESCAPED_BYTES_PER_CHAR } from './html-escape.js';
import type { DocumentContext } from './message-model.js';
import { renderMessages } from './render-messages.js';
import { singleAlertDocument } from './single-alert-document.js';

// Everything in a part that is not cell text, at its worst: the frame (a 300-character title, every notice, a
// 1,000-character link), one row's markup and its link. With this reserved, any row fits an empty part.
const NON_CELL_RESERVE_BYTES = 20_000;
// Room for the "… [N more characters not shown …]" note a capped value ends with.
const TRUNCATION_NOTE_CHARS = 100;

/**
 * Formats alerts as email: a subject safe from header injection, and HTML plus plain-text alternatives. One alert
 * gets a detailed message (a before/after table for watchlist changes); several get a digest table. Upstream
 * values are HTML-escaped and indicators defanged; content that would take the HTML over `maxHtmlBytes` is split
 * into several complete messages ("part 1 of 3"), never dropped.
 *
 * @example
 * const formatter = new EmailFormatter(NotificationTypes.WATCHLIST, { threatqUrl: 'https://threatq.example.com' });
 * const [message] = formatter.format(alerts, NotificationTypes.WATCHLIST);
 */
export class EmailFormatter extends BaseFormatter<EmailMessage[]> {
  /** The validated options, defaults filled in. */
  readonly options: ResolvedEmailFormatterOptions;

  /**
   * @param typeOrOptions - The notification type to render by default (as in the guide's
   *   `SlackFormatter(..., NotificationTypes.WATCHLIST)`), or the options.
   * @param options - Options, when the first argument is a type.
   * @throws ConfigError naming every invalid option.
   */
  constructor(typeOrOptions?: NotificationType | EmailFormatterOptions, options: EmailFormatterOptions = {}) {
    const given =
      typeof typeOrOptions === 'string'
        ? { ...options, notificationType: typeOrOptions }
        : (typeOrOptions ?? options);
    const resolved = resolveFormatterOptions(given);
    super(resolved.notificationType);
    this.options = resolved;
  }

  /**
   * The emails for `alerts` rendered as `type`: none for no alerts, else one or more parts. Pure.
   * @throws ValidationError (`ALERT_INVALID`) when an alert is malformed, naming it (`alerts[1].title`).
   */
  format(alerts: readonly Alert[], type: NotificationType): EmailMessage[] {
    // Validated at the boundary (alerts from createAlert are not parsed again), naming a bad one's field.
    const valid = validateAlerts(alerts, 'EmailFormatter');
    const [first] = valid;
    if (!first) return [];
    const context: DocumentContext = {
      defang: this.options.defang,
      threatqUrl: this.options.threatqUrl,
      subjectPrefix: this.options.subjectPrefix,
      maxCellChars:
        Math.floor(
          (this.options.maxHtmlBytes - NON_CELL_RESERVE_BYTES) /
            (DIGEST_COLUMNS.length * MAX_ESCAPED_BYTES_PER_CHAR),
        ) - TRUNCATION_NOTE_CHARS,
    };
    const document =
      valid.length === 1 ? singleAlertDocument(first, type, context) : digestDocument(valid, type, context);
    if (this.options.defang) {
      document.footer.push(
        'Indicators are defanged (evil[.]example, hxxps://…, user[@]evil[.]example) so that mail clients do not link them.',
      );
    }
    document.headers = {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-TQAlert-Type': type,
      'X-TQAlert-Alert-Count': String(valid.length),
      ...document.headers,
    };
    return renderMessages(document, this.options);
  }
}
