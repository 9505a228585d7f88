import type { Alert, NotificationType, Severity } from '@tqalert/core';
import { type BodyPlace, headline } from './json-body.js';
import { escapeMarkdown, safeIndicator, safeText } from './teams-text.js';
import type { TeamsMessageBody } from './webhook-payload.js';

/** Adaptive Card colours Teams supports, by severity. */
const COLOR: Record<Severity, string> = {
  info: 'Default',
  low: 'Accent',
  medium: 'Warning',
  high: 'Attention',
  critical: 'Attention',
};

function fact(title: string, value: string | undefined): Array<{ title: string; value: string }> {
  return value === undefined || value === '' ? [] : [{ title, value }];
}

/** A value from threat data (a change, a field), as safe text. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '–';
  return safeIndicator(typeof value === 'string' ? value : JSON.stringify(value));
}

function alertContainer(alert: Alert): Record<string, unknown> {
  const object = alert.object;
  const facts = [
    ...fact('Severity', alert.severity),
    ...fact('Score', alert.score === null ? undefined : String(alert.score)),
    ...fact(
      'Object',
      object
        ? `${escapeMarkdown(object.type ?? object.collection)}: ${safeIndicator(object.value)}`
        : undefined,
    ),
    ...fact('TLP', alert.tlp),
    ...fact('Tags', alert.tags.map(escapeMarkdown).join(', ')),
    ...fact('Sources', alert.sources.map(escapeMarkdown).join(', ')),
    ...fact(
      'Changes',
      alert.changes
        .map((c) => `${escapeMarkdown(c.field)}: ${shown(c.before)} → ${shown(c.after)}`)
        .join('; '),
    ),
    ...Object.entries(alert.fields).map(([label, value]) => ({
      title: escapeMarkdown(label),
      value: shown(value),
    })),
    ...fact('When', alert.occurredAt),
  ];
  const items: Record<string, unknown>[] = [
    {
      type: 'TextBlock',
      text: safeText(alert.title),
      weight: 'Bolder',
      wrap: true,
      color: COLOR[alert.severity],
    },
    { type: 'FactSet', facts },
  ];
  if (alert.summary)
    items.push({ type: 'TextBlock', text: safeText(alert.summary), wrap: true, isSubtle: true });
  // The ThreatQ link is ours to trust (it comes from the ThreatQ URL in the config), unlike the indicator value;
  // still, only a web link becomes a button.
  if (object?.link && /^https?:\/\//i.test(object.link))
    items.push({
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: 'Open in ThreatQ', url: object.link }],
    });
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/** A Teams message with one Adaptive Card (version 1.4, which every Teams client renders) for a group of alerts. */
export function teamsCard(
  alerts: readonly Alert[],
  type: NotificationType,
  place: BodyPlace,
): TeamsMessageBody {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body: [
            {
              type: 'TextBlock',
              text: escapeMarkdown(headline(alerts, type, place)),
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
            },
            ...alerts.map(alertContainer),
          ],
        },
      },
    ],
  };
}
