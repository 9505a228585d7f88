import {
  type Alert,
  BaseFormatter,
  type NotificationType,
  threatqOrigin,
  validateAlerts,
} from '@tqalert/core';
import type { z } from 'zod';
import { type BodyPlace, jsonBody } from './json-body.js';
import { parseOptions, webhookFormatterOptionsSchema } from './options-schema.js';
import { splitBySize } from './split-by-size.js';
import { teamsCard } from './teams-card.js';
import type { WebhookBody, WebhookPayload } from './webhook-payload.js';

/** `json`: the alerts as data. `teams`: an Adaptive Card message for Microsoft Teams Workflows. */
export type WebhookStyle = 'json' | 'teams';

/** Options of {@link WebhookFormatter}. */
export type WebhookFormatterOptions = z.input<typeof webhookFormatterOptionsSchema>;

/** Limits per style: Teams refuses cards over about 28 KB, and a card of more than 10 alerts is unreadable. */
const DEFAULTS: Record<WebhookStyle, { maxBytes: number; maxAlerts: number }> = {
  json: { maxBytes: 256 * 1024, maxAlerts: 100 },
  teams: { maxBytes: 24 * 1024, maxAlerts: 10 },
};

/**
 * Shapes alerts into webhook bodies: the generic JSON (`type`, `count`, `alerts`, a summary `text`) or a Teams
 * Adaptive Card. Alerts that do not fit one body are split over several, never dropped.
 *
 * @example
 * ```ts
 * const formatter = new WebhookFormatter(NotificationTypes.WATCHLIST, { style: 'teams' });
 * notifier.setFormatter(formatter);
 * ```
 */
export class WebhookFormatter extends BaseFormatter<WebhookPayload> {
  readonly style: WebhookStyle;
  /** Largest body in bytes and most alerts per body. */
  readonly limits: { maxBytes: number; maxAlerts: number };
  /** The ThreatQ origin "Open in ThreatQ" links must have (Teams); undefined trusts every web link. */
  readonly threatqOrigin: string | undefined;

  /** Throws `ConfigError` for an unknown style or a limit that is not a whole number. */
  constructor(notificationType: NotificationType, options: WebhookFormatterOptions = {}) {
    super(notificationType);
    const parsed = parseOptions(webhookFormatterOptionsSchema, options, 'WebhookFormatter options');
    this.style = parsed.style;
    const defaults = DEFAULTS[parsed.style];
    this.limits = {
      maxBytes: parsed.maxBytes ?? defaults.maxBytes,
      maxAlerts: parsed.maxAlerts ?? defaults.maxAlerts,
    };
    this.threatqOrigin = threatqOrigin(parsed.threatqUrl);
  }

  /**
   * Pure: one body per group of alerts that fits the limits; no alerts gives no bodies (nothing to send).
   * @throws ValidationError (`ALERT_INVALID`) when an alert is malformed, naming it (`alerts[1].title`).
   */
  format(input: readonly Alert[], type: NotificationType): WebhookPayload {
    // Validated at the boundary (alerts from createAlert are not parsed again), defaults filled in.
    const alerts = validateAlerts(input, 'WebhookFormatter');
    const render = (group: readonly Alert[], place: BodyPlace): WebhookBody =>
      this.style === 'teams'
        ? teamsCard(group, type, place, this.threatqOrigin)
        : jsonBody(group, type, place);
    // The final split is not known while measuring: measure the larger of the single-body and the widest
    // "alerts x–y of n (part i of k)" rendering, so no body ends up over the limit.
    const n = alerts.length;
    const bytes = (group: readonly Alert[], place: BodyPlace) =>
      Buffer.byteLength(JSON.stringify(render(group, place)));
    const measure = (group: readonly Alert[]) =>
      Math.max(
        bytes(group, { part: 1, parts: 1, offset: 0, total: n }),
        bytes(group, { part: n, parts: n, offset: n, total: n }),
      );
    const groups = splitBySize(alerts, measure, {
      maxBytes: this.limits.maxBytes,
      maxItems: this.limits.maxAlerts,
    });
    let offset = 0;
    const bodies = groups.map((group, i) => {
      const body = render(group, { part: i + 1, parts: groups.length, offset, total: n });
      offset += group.length;
      return body;
    });
    return { bodies };
  }
}
