import { type Alert, checkThreatQLink, type NotificationType, type Severity } from '@tqalert/core';
import { type BodyPlace, headline } from './json-body.js';
import { escapeMarkdown, safeIndicator, safeText } from './teams-text.js';

/** The fact that shows an alert link to somewhere other than the configured ThreatQ, as text. */
const FOREIGN_LINK_LABEL = 'Link (not ThreatQ)';

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

/** A value from threat data (a change, a field), as safe text: its indicators defanged, Markdown escaped. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '–';
  return safeText(typeof value === 'string' ? value : JSON.stringify(value));
}

function alertContainer(alert: Alert, threatqOrigin: string | undefined): Record<string, unknown> {
  const object = alert.object;
  const link = checkThreatQLink(object?.link, threatqOrigin);
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
    ...fact('Tags', alert.tags.map(safeText).join(', ')),
    ...fact('Sources', alert.sources.map(safeText).join(', ')),
    ...fact(
      'Changes',
      alert.changes.map((c) => `${safeText(c.field)}: ${shown(c.before)} → ${shown(c.after)}`).join('; '),
    ),
    ...Object.entries(alert.fields).map(([label, value]) => ({
      title: safeText(label),
      value: shown(value),
    })),
    ...fact('When', alert.occurredAt),
    // A link to anywhere but the configured ThreatQ is shown as defanged text, never as the ThreatQ button.
    ...fact(FOREIGN_LINK_LABEL, link?.kind === 'foreign' ? safeIndicator(link.url) : undefined),
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
  // Only a web link on the ThreatQ origin (any web link when none is configured) becomes the button.
  if (link?.kind === 'threatq')
    items.push({
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: 'Open in ThreatQ', url: link.url }],
    });
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/** A Teams message with one Adaptive Card (version 1.4, which every Teams client renders) for a group of alerts. */
export function teamsCard(
  alerts: readonly Alert[],
  type: NotificationType,
  place: BodyPlace,
  threatqOrigin?: string,
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
            ...alerts.map((alert) => alertContainer(alert, threatqOrigin)),
          ],
        },
      },
    ],
  };
}
