import { type Alert, type NotificationType, SEVERITIES, type Severity, type Tlp } from '@tqalert/core';
import { changeSummary, objectLabel, textCleaner } from './alert-text.js';
import type { Cell, DocumentContext, EmailDocument } from './message-model.js';
import { kindLabels } from './notification-kind.js';
import { FOREIGN_LINK_LABEL, safeHttpUrl, threatqLink } from './threatq-link.js';

/** Columns of the digest table; each alert is one row. */
export const DIGEST_COLUMNS = [
  '#',
  'Severity',
  'Object',
  'Title',
  'Score',
  'Changes',
  'Occurred',
  'ThreatQ',
] as const;

// Least to most restrictive: a digest is marked with the most restrictive TLP of anything in it.
const TLP_ORDER: readonly Tlp[] = ['CLEAR', 'WHITE', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

/**
 * One email listing many alerts as a table, most severe first (input order within a severity). Every alert is
 * one numbered row, so a reader can check that parts 1…n together hold all of them.
 */
export function digestDocument(
  alerts: readonly Alert[],
  type: NotificationType,
  context: DocumentContext,
): EmailDocument {
  const labels = kindLabels(type);
  const ranked = alerts
    .map((alert, index) => ({ alert, index }))
    .sort((a, b) => rank(b.alert.severity) - rank(a.alert.severity) || a.index - b.index)
    .map(({ alert }) => alert);
  const rows = ranked.map((alert, index) => digestRow(alert, index, context));
  const highest = ranked[0]?.severity ?? 'info';
  const tlp = mostRestrictiveTlp(alerts);
  const title = `${alerts.length.toLocaleString('en-US')} ${labels.many}`;
  return {
    kindLabel: `Digest of ${labels.many}`,
    title,
    severity: highest,
    tlp,
    subject: `${context.subjectPrefix} ${title}, highest severity ${highest.toUpperCase()}`,
    link: safeHttpUrl(context.threatqUrl),
    notices: [],
    sections: [{ kind: 'table', heading: 'Alerts', columns: DIGEST_COLUMNS, rows }],
    completeness: `all ${alerts.length.toLocaleString('en-US')} alerts, numbered 1 to ${alerts.length.toLocaleString('en-US')}`,
    footer: [],
    headers: {},
  };
}

function digestRow(alert: Alert, index: number, context: DocumentContext): Cell[] {
  const clean = textCleaner(alert, context.defang, context.maxCellChars);
  const { link, foreign } = threatqLink(alert, context.threatqUrl);
  const summary = alert.summary.trim();
  return [
    { text: String(index + 1) },
    { text: alert.severity.toUpperCase(), severity: alert.severity },
    { text: objectLabel(alert, clean) },
    {
      text: `${clean(summary ? `${alert.title}\n${summary}` : alert.title)}${foreign ? `\n${FOREIGN_LINK_LABEL}: ${foreign}` : ''}`,
    },
    { text: alert.score === null ? '—' : String(alert.score) },
    { text: alert.changes.length ? clean(alert.changes.map(changeSummary).join('; ')) : '—' },
    { text: alert.occurredAt },
    link ? { text: 'Open in ThreatQ', href: link } : { text: '—' },
  ];
}

function rank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

function mostRestrictiveTlp(alerts: readonly Alert[]): Tlp | undefined {
  let most: Tlp | undefined;
  for (const alert of alerts) {
    if (alert.tlp && (!most || TLP_ORDER.indexOf(alert.tlp) > TLP_ORDER.indexOf(most))) most = alert.tlp;
  }
  return most;
}
