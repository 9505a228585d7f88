/** The Slack formatter: alerts in, Block Kit payloads within Slack's limits out. */
import {
  type Alert,
  BaseFormatter,
  ConfigError,
  type NotificationType,
  threatqAddressOf,
  threatqOrigin,
  ValidationError,
  validateAlerts,
} from '@tqalert/core';
import { digestEntryBlocks, digestLeadBlocks, fullAlertBlocks, typeLabel } from './alert-layouts.js';
import { type ViewSettings, viewAlert } from './alert-view.js';
import { assembleMessage } from './assemble-message.js';
import { caseActionBlocks } from './case-actions-block.js';
import {
  parseFormatterOptions,
  type ResolvedSlackFormatterOptions,
  type SlackFormatterOptions,
} from './formatter-options.js';
import { escapeMrkdwn } from './mrkdwn-escape.js';
import { packParts } from './pack-parts.js';
import type { SlackMessage } from './slack-message.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads either constructor form into one options object. */
function optionsFromArguments(args: readonly unknown[]): unknown {
  if (args.length === 1 && isPlainObject(args[0])) return args[0];
  if (args.length >= 3) {
    const extra = args[3] === undefined ? {} : args[3];
    if (!isPlainObject(extra)) {
      throw new ConfigError(
        [
          {
            path: 'options',
            message: 'the fourth argument must be an options object, e.g. { defang: false }',
          },
        ],
        {
          source: 'new SlackFormatter()',
        },
      );
    }
    // The guide passes the ThreatQ client first: its address is the origin "Open in ThreatQ" links must have.
    const threatqUrl = threatqAddressOf(args[0]);
    return { ...(threatqUrl === undefined ? {} : { threatqUrl }), ...extra, type: args[2] };
  }
  throw new ConfigError(
    [
      {
        path: '(arguments)',
        message: `got ${args.length} argument(s); call new SlackFormatter({ type: NotificationTypes.WATCHLIST }) or, as in the guide, new SlackFormatter(threatq, slack, NotificationTypes.WATCHLIST)`,
      },
    ],
    { source: 'new SlackFormatter()' },
  );
}

/**
 * Formats alerts as Slack Block Kit. One alert gets a full message (header, object, score before → after,
 * what changed, data, TLP and sources, "Open in ThreatQ"); several get a digest ("N alerts" and one entry
 * each). Every upstream value is escaped so that nothing pings, links or formats, bidi controls are neutralised,
 * and indicators are defanged unless `defang: false`. With `threatqUrl` (or the guide's ThreatQ client) a link
 * to any other origin is shown as text, not as "Open in ThreatQ". Content over Slack's limits is split into the parent message and thread continuations,
 * never cut.
 *
 * @example
 * const formatter = new SlackFormatter({ type: NotificationTypes.WATCHLIST });
 * const { parts } = formatter.format(alerts, NotificationTypes.WATCHLIST);
 * // parts[0] is the parent; parts[1..] go into its thread.
 *
 * @example As in the guide (the first two arguments are accepted and not used):
 * const formatter = new SlackFormatter(threatq, slack, NotificationTypes.WATCHLIST);
 */
export class SlackFormatter extends BaseFormatter<SlackMessage> {
  /** The options in effect, defaults filled in. */
  readonly options: ResolvedSlackFormatterOptions;
  private readonly view: ViewSettings;

  /** @param options - `type` is required; see {@link SlackFormatterOptions} for the rest. */
  constructor(options: SlackFormatterOptions);
  /**
   * The guide's form. `threatq` and `slack` may be anything (the formatter needs neither).
   * @throws ConfigError when an option is wrong, naming it.
   */
  constructor(
    threatq: unknown,
    slack: unknown,
    type: NotificationType,
    options?: Omit<SlackFormatterOptions, 'type'>,
  );
  constructor(...args: unknown[]) {
    const options = parseFormatterOptions(optionsFromArguments(args));
    super(options.type);
    this.options = options;
    this.view = { defang: options.defang, threatqOrigin: threatqOrigin(options.threatqUrl) };
  }

  /**
   * Pure: the Slack message for `alerts` rendered as `type`.
   * @throws ValidationError when `alerts` is empty or an alert is malformed (the path names which).
   */
  format(alerts: readonly Alert[], type: NotificationType): SlackMessage {
    if (alerts.length === 0) {
      throw new ValidationError(
        'SlackFormatter.format() was given no alerts: format only when there is something to send',
        [],
        {
          code: 'FORMATTER_NO_ALERTS',
        },
      );
    }
    const valid = validateAlerts(alerts, 'SlackFormatter');
    const views = valid.map((alert) => viewAlert(alert, this.view));
    const budget = { maxBlocks: this.options.maxBlocks, maxChars: this.options.maxBlockChars };
    const [only] = views;
    // Case buttons follow each alert's own blocks, so a split message keeps them beside the case they act on.
    const actions = (i: number) => caseActionBlocks(valid[i] as Alert, this.options.caseActions, i);
    if (valid.length === 1 && only) {
      const parentText = only.summary === '' ? only.title : `${only.title}: ${only.summary}`;
      const blocks = fullAlertBlocks(only, type, this.options.linkStyle);
      // Appended in place: the layout's array is ours, and most alerts have no case buttons.
      for (const block of actions(0)) blocks.push(block);
      return assembleMessage(packParts([], [blocks], budget), 1, parentText);
    }
    const entries = views.map((view, i) => [...digestEntryBlocks(view), ...actions(i)]);
    const parts = packParts(digestLeadBlocks(valid, type), entries, budget);
    return assembleMessage(parts, valid.length, `${valid.length} alerts · ${escapeMrkdwn(typeLabel(type))}`);
  }
}
