import { type Alert, createEscaper, type NotificationType, prepareSafeText, safeText } from '@tqalert/core';
import type { WebhookJsonBody } from './webhook-payload.js';

/** Where a body sits in the whole message. */
export interface BodyPlace {
  /** 1-based. */
  part: number;
  parts: number;
  /** Index of the body's first alert in the message. */
  offset: number;
  total: number;
}

/** The first line of every body: how many alerts, and which of them this part holds. */
export function headline(alerts: readonly Alert[], type: NotificationType, place: BodyPlace): string {
  if (place.parts > 1) {
    return `${type}: alerts ${place.offset + 1}–${place.offset + alerts.length} of ${place.total} (part ${place.part} of ${place.parts})`;
  }
  return `${type}: ${alerts.length} alert${alerts.length === 1 ? '' : 's'}`;
}

/**
 * Escaping of Slack-compatible incoming webhooks (Slack, Mattermost, Rocket.Chat read `text` this way): `&`, `<`
 * and `>` become entities, so `<!channel>` or `<https://x|click>` in threat data stays text.
 */
const ENTITY_ESCAPER = createEscaper('&<>', (text, index) =>
  text[index] === '&' ? '&amp;' : text[index] === '<' ? '&lt;' : '&gt;',
);
const SUMMARY_LINE = prepareSafeText({ escaper: ENTITY_ESCAPER });

/**
 * A title for the summary `text`, in one pass: escaped as above, indicators defanged (`hxxps://evil[.]example`,
 * the style of the Teams card, Slack and email) and bidi controls neutralised.
 */
export function escapeText(text: string): string {
  return safeText(text, SUMMARY_LINE);
}

/**
 * The generic JSON body for one group of alerts: the alerts in full and unescaped, for machines, and a `text`
 * that names every alert, escaped, for receivers that only show text.
 */
export function jsonBody(
  alerts: readonly Alert[],
  type: NotificationType,
  place: BodyPlace,
): WebhookJsonBody {
  const lines = [headline(alerts, type, place), ...alerts.map((a) => `• ${escapeText(a.title)}`)];
  return {
    source: 'tqalert',
    type,
    count: alerts.length,
    total: place.total,
    part: place.part,
    parts: place.parts,
    text: lines.join('\n'),
    alerts: structuredClone([...alerts]),
  };
}
