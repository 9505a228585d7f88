/**
 * The Block Kit layouts: one alert in full (header, facts, what changed, data, TLP and sources, a link to
 * ThreatQ), and a digest entry, compact so that a digest of many alerts needs few messages.
 */
import type { Alert, NotificationType } from '@tqalert/core';
import type { AlertView } from './alert-view.js';
import { contextBlocks, fieldSections, linkButton, textSections, titleBlocks } from './block-builders.js';
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn-escape.js';
import type { SlackBlock } from './slack-message.js';

/** How the ThreatQ link is shown in a single-alert message. */
export type LinkStyle = 'button' | 'mrkdwn';

const OPEN_LABEL = 'Open in ThreatQ';
/** Past this, a linked title would risk being split inside its `<url|…>` markup. */
const LONGEST_LINKED_LINE = 1000;

const TYPE_LABELS: Record<string, string> = {
  WATCHLIST: 'Watchlist change',
  DATA_COLLECTION: 'Data collection match',
  FREE_FORM: 'Message',
};

/** A human label for a notification type (`WATCHLIST` → `Watchlist change`). */
export function typeLabel(type: NotificationType): string {
  return TYPE_LABELS[type] ?? type;
}

function linkBlocks(link: string | undefined, style: LinkStyle): SlackBlock[] {
  if (link === undefined) return [];
  const button = style === 'button' ? linkButton(OPEN_LABEL, link) : undefined;
  return button ? [button] : textSections(mrkdwnLink(link, OPEN_LABEL));
}

/** One alert in full. */
export function fullAlertBlocks(view: AlertView, type: NotificationType, linkStyle: LinkStyle): SlackBlock[] {
  const blocks = titleBlocks(view.titlePlain, view.title);
  if (view.summary !== '') blocks.push(...textSections(view.summary));
  blocks.push(...fieldSections(view.facts));
  if (view.changes.length > 0) blocks.push(...textSections('*What changed*'), ...fieldSections(view.changes));
  blocks.push(
    ...fieldSections(view.data),
    ...contextBlocks([typeLine(type), ...view.context]),
    ...linkBlocks(view.link, linkStyle),
  );
  return blocks;
}

/** `*Watchlist change*`: the context line that names the kind of alert. */
function typeLine(type: NotificationType): string {
  return `*${escapeMrkdwn(typeLabel(type))}*`;
}

/** One alert as a digest entry: a section with title, facts, context and summary, then its changes and data. */
export function digestEntryBlocks(view: AlertView): SlackBlock[] {
  const linked = view.link === undefined ? undefined : `*${mrkdwnLink(view.link, view.title)}*`;
  const titleLine = linked !== undefined && linked.length <= LONGEST_LINKED_LINE ? linked : `*${view.title}*`;
  const lines = [
    titleLine,
    view.facts.map((fact) => fact.replace('\n', ' ')).join('  ·  '),
    view.context.join('  ·  '),
    view.summary,
  ];
  if (view.link !== undefined && titleLine !== linked) lines.push(mrkdwnLink(view.link, OPEN_LABEL));
  return [
    ...textSections(lines.filter((line) => line !== '').join('\n')),
    ...fieldSections([...view.changes, ...view.data]),
  ];
}

/** The top of a digest: "N alerts" and what kind, with a count per severity. */
export function digestLeadBlocks(alerts: readonly Alert[], type: NotificationType): SlackBlock[] {
  const counts = new Map<string, number>();
  for (const alert of alerts) counts.set(alert.severity, (counts.get(alert.severity) ?? 0) + 1);
  const bySeverity = ['critical', 'high', 'medium', 'low', 'info']
    .filter((severity) => counts.has(severity))
    .map((severity) => `${counts.get(severity)} ${severity}`)
    .join(', ');
  return [
    { type: 'header', text: { type: 'plain_text', text: `${alerts.length} alerts` } },
    ...contextBlocks([typeLine(type), bySeverity]),
  ];
}
